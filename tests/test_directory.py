"""The Local Offer directory, built end to end: every field of a service page, the listing pages
per category, need, area and age band, the age-and-area pages, structured data and the search index."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from sendsite.publish import search_index
from sendsite.render.pagination import Pager
from tests.conftest import TinySite, text_of
from tests.soup import attr, found

FULL_SERVICE = """\
    ---
    name: Hearing support
    organisation: testshire-council
    summary: Teachers of the deaf who visit children at home, nursery and school.
    categories: [education, health]
    needs: [hearing, autism]
    ages: {min: 3, max: 17}
    areas: [south]
    last_reviewed: 2026-10-01
    cost: £5 a visit
    eligibility: Children with a *permanent* hearing loss.
    referral:
      self_referral: false
      how: Ask your audiologist.
    contacts:
      - {name: Sam Lee, role: Team leader, phone: 01632 960444, email: hearing@example.org}
    website: https://example.org/hearing
    locations:
      - name: Hearing centre
        address: 1 High Street, Southtown
        postcode: TE1 1AA
        latitude: 50.5
        longitude: -2.5
        accessibility: [Hearing loop, Level access]
    opening_hours:
      - {days: Monday to Friday, opens: "08:30", closes: "16:00"}
    languages: [English, British Sign Language]
    easy_read: We help children who cannot hear well.
    ---
    Teachers of the deaf also train **school staff**.
    """


@pytest.fixture
def directory(site: TinySite) -> TinySite:
    site.write("content/services/hearing-support.md", FULL_SERVICE)
    run = site.build()
    assert run.code == 0, run.err
    return site


def hrefs(soup: BeautifulSoup | Tag) -> list[str]:
    return [str(a["href"]) for a in soup.find_all("a", href=True)]


def service_links(soup: BeautifulSoup) -> list[str]:
    main = soup.find("main")
    assert isinstance(main, Tag)
    found = []
    for href in hrefs(main):
        parts = href.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "services" and not parts[1].startswith("page-"):
            found.append(href)
    return found


def add_services(site: TinySite, count: int, **fields: str) -> list[str]:
    ids = []
    for n in range(count):
        ids.append(f"club-{n:02d}")
        extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
        site.write(
            f"content/services/club-{n:02d}.md",
            f"""\
            ---
            name: Club {n:02d}
            organisation: testshire-council
            summary: A club.
            categories: [health]
            needs: [autism]
            ages: {{min: 12, max: 14}}
            areas: [north]
            last_reviewed: 2026-09-01
            {extra}---
            """.replace("\n            ", "\n"),
        )
    return ids


# --- the service page ---------------------------------------------------------------------------


def test_service_page_has_every_field_in_the_order_a_parent_needs(directory: TinySite) -> None:
    soup = directory.page("/services/hearing-support/")
    main = soup.find("main")
    assert isinstance(main, Tag)
    headings = [" ".join(h.get_text(" ").split()) for h in main.find_all("h2")]
    # How to get in touch first (on a phone, within the first screen); no two headings alike.
    assert headings == [
        "Contact",
        "Who it is for",
        "Cost",
        "How to get it",
        "Where",
        "When it is open",
        "Languages",
        "Easy read",
        "More about this service",
        "Who runs it",
        "Something wrong with this page?",
        "Words used on this page",  # the glossary terms' meanings, last
    ]
    text = text_of(main)
    lead = main.find("p", class_="lead")
    assert lead is not None
    assert lead.get_text() == "Teachers of the deaf who visit children at home, nursery and school."
    assert "3 to 17 years" in text
    assert main.find("em", string="permanent") is not None  # eligibility is Markdown
    assert "£5 a visit" in text
    assert "You need a referral" in text and "Ask your audiologist." in text
    assert "Sam Lee, Team leader" in text
    assert "tel:01632960444" in hrefs(main) and "mailto:hearing@example.org" in hrefs(main)
    assert "https://example.org/hearing" in hrefs(main)
    address = main.find("address")
    assert address is not None
    assert " ".join(address.get_text(" ").split()) == "1 High Street Southtown TE1 1AA"
    assert "Hearing loop" in text and "Level access" in text
    assert any(h.startswith("https://www.openstreetmap.org/") for h in hrefs(main))
    hours = main.find("table")
    assert hours is not None and "08:30" in hours.get_text() and "16:00" in hours.get_text()
    assert "offered in English and British Sign Language" in text
    assert "We help children who cannot hear well." in text
    assert "#easy-read-version" in hrefs(main)
    assert main.find("strong", string="school staff") is not None  # the Markdown body
    assert "/organisations/testshire-council/" in hrefs(main)
    assert "Last reviewed: 1 October 2026" in text
    assert "Due for review" not in text


def test_service_tags_link_to_their_directory_pages(directory: TinySite) -> None:
    links = hrefs(directory.page("/services/hearing-support/"))
    for path in (
        "/services/need/hearing/",
        "/services/need/autism/",
        "/services/area/south/",
        "/services/category/education/",
        "/services/category/health/",
        "/services/age/0-4/",
        "/services/age/5-10/",
        "/services/age/11-15/",
        "/services/age/16-18/",
    ):
        assert path in links, path
        assert (directory.output / path.strip("/") / "index.html").is_file()
    assert "/services/age/19-25/" not in links


def test_service_page_has_schema_org_data_for_the_service_and_provider(
    directory: TinySite,
) -> None:
    soup = directory.page("/services/hearing-support/")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0].string or "")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Service"
    assert data["name"] == "Hearing support"
    assert data["url"] == "https://example.org/services/hearing-support/"
    assert data["provider"] == {
        "@type": "Organization",
        "name": "Testshire Council",
        "url": "https://www.example.org/council",
        "telephone": "01632 960001",
    }
    assert data["areaServed"] == [
        {"@type": "AdministrativeArea", "name": "South Testshire, Testshire"}
    ]
    assert data["audience"]["suggestedMinAge"] == 3 and data["audience"]["suggestedMaxAge"] == 17
    assert data["serviceType"] == ["Education", "Health"]
    assert data["offers"] == {"@type": "Offer", "description": "£5 a visit"}
    assert data["availableLanguage"] == ["English", "British Sign Language"]
    place = data["availableChannel"][1]["serviceLocation"]
    assert place["address"]["postalCode"] == "TE1 1AA"
    portage = json.loads(
        found(
            found(
                directory.page("/services/portage/").find("script", type="application/ld+json")
            ).string
        )
    )
    assert portage["isAccessibleForFree"] is True
    assert portage["areaServed"] == [
        {"@type": "AdministrativeArea", "name": "North Testshire, Testshire"},
        {"@type": "AdministrativeArea", "name": "South Testshire, Testshire"},
    ]


def test_structured_data_cannot_close_its_script_element(site: TinySite) -> None:
    text = (site.root / "content/services/portage.md").read_text()
    site.write(
        "content/services/portage.md",
        text.replace("name: Portage", "name: Portage </script><script>alert(1)</script>"),
    )
    assert site.build().code == 0
    html = (site.output / "services/portage/index.html").read_text()
    scripts = BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json")
    data = json.loads(scripts[0].string or "")
    assert data["name"] == "Portage </script><script>alert(1)</script>"
    assert "alert(1)</script>" not in html.split("application/ld+json")[1]


def test_search_filters_and_index_markers_on_an_active_service(directory: TinySite) -> None:
    soup = directory.page("/services/hearing-support/")
    body = soup.select_one("[data-pagefind-body]")
    assert body is not None
    every = [str(t["data-pagefind-filter"]) for t in body.select("[data-pagefind-filter]")]
    # Each age it is for, for the search's reading of 'autism 7'.
    assert [f for f in every if f.startswith("years:")] == [f"years:{n}" for n in range(3, 18)]
    filters = sorted(f for f in every if not f.startswith("years:"))
    assert filters == [
        "access:bsl",  # its languages name British Sign Language
        "age:0-4",
        "age:11-15",
        "age:16-18",
        "age:5-10",
        "area:south",
        "category:education",
        "category:health",
        "day:friday",  # from its opening hours, Monday to Friday
        "day:monday",
        "day:thursday",
        "day:tuesday",
        "day:wednesday",
        "need:autism",
        "need:hearing",
    ]
    # A service for every need and area matches every need and area filter.
    portage = directory.page("/services/portage/")
    needs = {
        str(t["data-pagefind-filter"])
        for t in portage.select("[data-pagefind-filter]")
        if str(t["data-pagefind-filter"]).startswith("need:")
    }
    # 'any' marks it, so that the search lists it apart, as the browse pages do.
    assert needs == {"need:autism", "need:hearing", "need:any"}


def test_closed_service_keeps_its_page_and_leaves_listings_and_search(site: TinySite) -> None:
    text = (site.root / "content/services/portage.md").read_text()
    site.write(
        "content/services/portage.md", text.replace("cost: free", "cost: free\nstatus: closed")
    )
    site.write("content/services/hearing-support.md", FULL_SERVICE)
    assert site.build().code == 0
    page = site.page("/services/portage/")
    assert "This service is no longer available" in text_of(page)
    assert page.select_one("[data-pagefind-body]") is None
    assert page.find("script", type="application/ld+json") is None  # not offered to search engines
    for path in (
        "/services/",
        "/services/category/education/",
        "/services/need/autism/",
        "/services/area/north/",
        "/services/age/0-4/",
        "/services/age/0-4/north/",
    ):
        assert "/services/portage/" not in service_links(site.page(path)), path
    organisation = text_of(site.page("/organisations/testshire-council/"))
    assert "Services that have closed" in organisation
    entry = json.loads((site.output / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en-gb"]["page_count"] == 1


# --- listing pages ------------------------------------------------------------------------------


def test_listing_pages_per_category_need_area_and_age(directory: TinySite) -> None:
    portage, hearing = "/services/portage/", "/services/hearing-support/"
    expected = {
        "/services/category/education/": [hearing, portage],
        "/services/category/health/": [hearing],
        "/services/need/autism/": [hearing, portage],
        "/services/need/hearing/": [hearing, portage],  # portage is for every need
        "/services/area/north/": [portage],
        "/services/area/south/": [hearing, portage],
        "/services/age/0-4/": [hearing, portage],
        "/services/age/5-10/": [hearing, portage],
        "/services/age/11-15/": [hearing],
        "/services/age/19-25/": [],
    }
    for path, services in expected.items():
        soup = directory.page(path)
        assert service_links(soup) == services, path
        assert len(soup.find_all("h1")) == 1
    assert text_of(directory.page("/services/category/health/")).count("1 service") >= 1
    empty = text_of(directory.page("/services/age/19-25/"))
    assert "There are no services listed for this age yet." in empty
    assert (
        found(directory.page("/services/category/health/").find("h1")).get_text()
        == "Health services"
    )
    assert (
        found(directory.page("/services/need/autism/").find("h1")).get_text()
        == "Services for autism"
    )
    assert found(directory.page("/services/age/5-10/").find("h1")).get_text() == (
        "Services for ages 5 to 10 years"
    )


def test_directory_home_links_to_every_listing(directory: TinySite) -> None:
    links = hrefs(directory.page("/services/"))
    for path in (
        "/services/category/education/",
        "/services/category/health/",
        "/services/need/autism/",
        "/services/need/hearing/",
        "/services/area/north/",
        "/services/area/south/",
        "/services/age/0-4/",
        "/services/age/19-25/",
    ):
        assert path in links, path
    cards = directory.page("/services/").find_all("li", class_="card")
    facts = text_of(cards[0])
    assert "Ages 3 to 17 years" in facts
    assert "Areas South Testshire" in facts
    assert "Type of help Education, Health" in facts


def test_long_lists_are_split_into_numbered_pages(site: TinySite) -> None:
    ids = add_services(site, 45)
    assert site.build().code == 0
    reached: list[str] = []
    for number, path in enumerate(
        [
            "/services/need/autism/",
            "/services/need/autism/page-2/",
            "/services/need/autism/page-3/",
        ],
        start=1,
    ):
        soup = site.page(path)
        assert found(soup.find("h1")).get_text() == f"Services for autism (page {number} of 3)"
        pager = soup.find("nav", class_="pager")
        assert pager is not None and pager["aria-label"]
        current = pager.find("a", attrs={"aria-current": "page"})
        assert current is not None and current["href"] == path
        reached += service_links(soup)
        assert len(service_links(soup)) <= 20
    assert sorted(reached) == sorted([f"/services/{i}/" for i in ids] + ["/services/portage/"])
    page_two = site.page("/services/need/autism/page-2/")
    assert found(page_two.find("a", rel="prev"))["href"] == "/services/need/autism/"
    assert found(page_two.find("a", rel="next"))["href"] == "/services/need/autism/page-3/"
    assert not (site.output / "services/need/autism/page-4").exists()
    all_pages = [
        site.page("/services/"),
        site.page("/services/page-2/"),
        site.page("/services/page-3/"),
    ]
    # The directory's front page, under the search and the browse links, lists only the first
    # ten; the later pages twenty each.
    assert [len(service_links(p)) for p in all_pages] == [10, 20, 16]
    assert "Services 11 to 30 of 46." in text_of(all_pages[1])
    assert not (site.output / "services/page-4").exists()
    organisation = [
        site.page("/organisations/testshire-council/"),
        site.page("/organisations/testshire-council/page-2/"),
        site.page("/organisations/testshire-council/page-3/"),
    ]
    assert found(organisation[1].find("h1")).get_text() == "Testshire Council (page 2 of 3)"
    assert sum(len(service_links(p)) for p in organisation) == 46


def test_the_organisations_are_listed_twenty_a_page(site: TinySite) -> None:
    for n in range(44):
        site.write(f"content/organisations/group-{n:02d}.yaml", f"name: Group {n:02d}\n")
    assert site.build().code == 0
    pages = [site.page(p) for p in ("/organisations/", "/organisations/page-2/")]
    pages.append(site.page("/organisations/page-3/"))
    assert not (site.output / "organisations/page-4").exists()
    names = [[text_of(h) for h in p.select("main .card__title")] for p in pages]
    assert [len(n) for n in names] == [20, 20, 5]
    everyone = [f"Group {n:02d}" for n in range(44)] + ["Testshire Council"]
    assert [name for page in names for name in page] == everyone  # A to Z, each once
    second = pages[1]
    assert found(second.find("h1")).get_text() == "Organisations (page 2 of 3)"
    assert "Organisations 21 to 40 of 45, from A to Z." in text_of(second)
    assert found(second.find("a", rel="prev"))["href"] == "/organisations/"
    crumbs = found(second.find("nav", attrs={"aria-label": "Breadcrumb"}))
    assert "/organisations/" in hrefs(crumbs)
    pager = found(pages[0].find("nav", class_="pager"))
    assert pager["aria-label"] == "Pages of organisations"
    assert found(pager.find("a", rel="next"))["href"] == "/organisations/page-2/"


def test_age_and_area_page_groups_services_by_need(directory: TinySite) -> None:
    soup = directory.page("/services/age/5-10/south/")
    assert found(soup.find("h1")).get_text() == "Services for ages 5 to 10 years in South Testshire"
    autism = soup.find("section", id="need-autism")
    hearing = soup.find("section", id="need-hearing")
    anyneed = soup.find("section", id="need-any")
    assert autism is not None and hearing is not None and anyneed is not None
    assert "/services/hearing-support/" in hrefs(autism)
    assert "/services/hearing-support/" in hrefs(hearing)
    assert "/services/portage/" in hrefs(anyneed)  # listed once, not under every need
    assert "/services/portage/" not in hrefs(autism)
    north = directory.page("/services/age/5-10/north/")
    assert north.find("section", id="need-autism") is None
    assert "/services/hearing-support/" not in hrefs(north)
    # The age page leads to it, and so does the area page.
    assert "/services/age/5-10/south/" in hrefs(directory.page("/services/age/5-10/"))
    assert "/services/age/5-10/south/" in hrefs(directory.page("/services/area/south/"))


def test_age_and_area_page_shows_a_few_per_need_and_links_to_each_needs_full_list(
    site: TinySite,
) -> None:
    from sendsite.render.age_area import AGE_AREA_ENTRIES

    autism = add_services(site, 45)  # ages 12 to 14, North, autism
    for n in range(3):
        site.write(
            f"content/services/hearing-{n}.md",
            f"---\nname: Hearing {n}\norganisation: testshire-council\nsummary: Help.\n"
            "categories: [health]\nneeds: [hearing]\nages: {min: 11, max: 15}\n"
            "areas: [north]\nlast_reviewed: 2026-09-01\n---\n",
        )
    assert site.build().code == 0
    soup = site.page("/services/age/11-15/north/")
    assert len(soup.find_all("li", class_="entry")) <= AGE_AREA_ENTRIES
    autism_section = found(soup.find("section", id="need-autism"))
    hearing_section = found(soup.find("section", id="need-hearing"))
    full_list = "/services/age/11-15/north/need/autism/"
    see_all = autism_section.find("a", href=full_list)
    assert see_all is not None
    assert see_all.get_text() == (  # its name says which list, read out of context
        "See all 45 services for autism, ages 11 to 15 years in North Testshire"
    )
    assert len(hearing_section.find_all("li", class_="entry")) == 3  # short: all of them
    assert "/services/age/11-15/north/need/hearing/" not in hrefs(hearing_section)
    assert not (site.output / "services/age/11-15/north/need/hearing").exists()
    for section in (autism_section, hearing_section):  # a long page has a way back up
        back = section.find("a", string="Back to the list of needs")
        assert back is not None and back["href"] == "#needs-heading"
    assert soup.find(id="needs-heading") is not None
    reached: list[str] = []
    for number, path in enumerate([full_list, f"{full_list}page-2/", f"{full_list}page-3/"], 1):
        page = site.page(path)
        assert found(page.find("h1")).get_text() == (
            f"Services for autism, ages 11 to 15 years in North Testshire (page {number} of 3)"
        )
        crumbs = found(page.find("nav", class_="breadcrumbs"))
        assert "/services/age/11-15/north/" in hrefs(crumbs)
        assert (
            found(
                found(page.find("nav", class_="pager")).find("a", attrs={"aria-current": "page"})
            )["href"]
            == path
        )
        assert "/services/age/11-15/north/" in hrefs(found(page.find("main")))
        reached += service_links(page)
    assert sorted(reached) == sorted(f"/services/{i}/" for i in autism)


@pytest.mark.parametrize(
    ("sizes", "budget", "shown"),
    [
        ([500] * 9, 27, [3] * 9),  # council scale: an equal share each
        ([1, 1, 30], 27, [1, 1, 25]),  # short groups give their room to the long one
        ([1, 1, 20], 27, [1, 1, 20]),  # all fit: nothing is cut
        ([100] * 30, 20, [1] * 30),  # very many needs: still one each
        ([0, 5, 40], 27, [0, 5, 22]),
    ],
)
def test_age_and_area_page_shares_its_room_among_the_needs(
    sizes: list[int], budget: int, shown: list[int]
) -> None:
    from sendsite.render.age_area import MIN_PER_NEED, NeedGroup, share_out

    groups = [NeedGroup(None, [object()] * n, f"/x/{i}/") for i, n in enumerate(sizes)]  # type: ignore[list-item]
    share_out(groups, budget)
    assert [g.shown for g in groups] == shown
    assert sum(g.shown for g in groups) <= max(budget, MIN_PER_NEED * len(groups))
    assert all(g.shown == len(g.services) or g.capped for g in groups)


def test_home_page_starts_families_at_their_childs_age(directory: TinySite) -> None:
    home = directory.page("/")
    links = hrefs(home)
    for band in ("0-4", "5-10", "11-15", "16-18", "19-25"):
        assert f"/services/age/{band}/" in links
    assert "/services/category/education/" in links


def test_search_form_is_hidden_without_javascript_and_works_under_a_sub_path(
    site: TinySite,
) -> None:
    text = (site.root / "site.yaml").read_text()
    site.write("site.yaml", text.replace("https://example.org/\n", "https://example.org/send/\n"))
    assert site.build().code == 0
    soup = site.page("/services/")
    search = soup.select_one('[data-search="results"]')
    assert search is not None and search.has_attr("hidden")
    assert search["data-base-url"] == "/send/"
    assert search["data-pagefind-url"] == "/send/pagefind/pagefind.js"
    status = search.find(id="search-status")
    assert status is not None and status["role"] == "status" and status["aria-live"] == "polite"
    script = soup.find(
        "script", src=re.compile(r"^/send/static/directory-search\.[0-9a-f]{10}\.js$")
    )
    assert script is not None and script["type"] == "module"
    assert (site.output / attr(script, "src").removeprefix("/send/")).is_file()
    for facet in ("category", "need", "area", "age"):
        select = search.find("select", attrs={"name": facet})
        assert select is not None and select.find("option", value="") is not None
    assert [
        o["value"] for o in found(search.find("select", attrs={"name": "age"})).find_all("option")
    ] == ["", "0-4", "5-10", "11-15", "16-18", "19-25"]


# --- the search index ---------------------------------------------------------------------------


def test_build_makes_the_search_index_of_active_services(directory: TinySite) -> None:
    entry = json.loads((directory.output / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en-gb"]["page_count"] == 2
    assert (directory.output / "pagefind/pagefind.js").is_file()
    assert not list(directory.output.parent.glob(".*building*"))


def test_missing_pagefind_is_one_plain_error_and_the_old_site_stays(
    directory: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (directory.output / "index.html").read_bytes()
    real_import = importlib.import_module

    def no_pagefind(name: str, package: str | None = None) -> ModuleType:
        if name == "pagefind_bin":
            raise ImportError(name)
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", no_pagefind)
    directory.write("content/pages/about.md", "---\ntitle: Changed\n---\nNew text.\n")
    run = directory.build()
    assert run.code == 1
    assert run.error_lines == [
        "(search index): The search index could not be made because the Pagefind program is "
        "not installed. Install sendsite again with pip, which also installs the Pagefind "
        "program it uses."
    ]
    assert "Traceback" not in run.err
    assert (directory.output / "index.html").read_bytes() == before
    assert "Changed" not in (directory.output / "about/index.html").read_text()
    assert not list(directory.root.glob("_site.building*")) and not list(
        directory.root.glob("._site.building*")
    )


def test_pagefind_failing_is_reported_with_its_message(
    directory: TinySite, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'disk full' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: broken)
    # An edit, so the build stamp does not skip the build (it cannot see the patched program).
    directory.write("content/pages/about.md", "---\ntitle: Changed\n---\nNew text.\n")
    run = directory.build()
    assert run.code == 1
    assert run.error_lines[0] == (
        "(search index): The search index could not be made: Pagefind stopped with this "
        "message: disk full. Check that the output folder can be written to, then build again."
    )


# --- units --------------------------------------------------------------------------------------


def test_age_bands_paging_and_labels() -> None:
    from sendsite.render.age_area import AGE_BANDS
    from sendsite.render.pagination import paginate
    from sendsite.text import in_sentence

    assert [b.id for b in AGE_BANDS] == ["0-4", "5-10", "11-15", "16-18", "19-25"]
    assert [b.label for b in AGE_BANDS][1] == "5 to 10 years"
    pages = list(paginate(list(range(41)), "/services/need/autism/"))
    assert [(p.number, p.path, p.first_item, p.last_item) for p, _ in pages] == [
        (1, "/services/need/autism/", 1, 20),
        (2, "/services/need/autism/page-2/", 21, 40),
        (3, "/services/need/autism/page-3/", 41, 41),
    ]
    assert [len(chunk) for _, chunk in pages] == [20, 20, 1]
    assert [p.count for p, _ in paginate([], "/x/")] == [1]
    front = list(paginate(list(range(41)), "/services/", 10))
    assert [(p.first_item, p.last_item, len(chunk)) for p, chunk in front] == [
        (1, 10, 10),
        (11, 30, 20),
        (31, 41, 11),
    ]
    assert [chunk for _, chunk in front][2] == list(range(30, 41))
    assert [len(list(paginate(list(range(n)), "/x/", 10))) for n in (0, 10, 11, 30, 31)] == [
        1,
        1,
        2,
        2,
        3,
    ]
    assert in_sentence("Autism") == "autism"
    assert in_sentence("ADHD") == "ADHD"
    assert in_sentence("Speech, language and communication") == "speech, language and communication"


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (2, 5, [1, 2, 3, 4, 5]),
        (1, 200, [1, 2, 3, 4, None, 200]),
        (100, 200, [1, None, 99, 100, 101, None, 200]),
        (5, 200, [1, None, 4, 5, 6, None, 200]),
        (4, 200, [1, 2, 3, 4, 5, None, 200]),
        (200, 200, [1, None, 197, 198, 199, 200]),
    ],
)
def test_a_long_list_links_to_its_ends_and_the_pages_near_this_one(
    number: int, count: int, shown: list[int | None]
) -> None:
    assert Pager(number, count, "/services/", count * 20).numbers == shown


def test_a_gap_in_the_page_numbers_is_shown_but_not_read_out(site: TinySite) -> None:
    add_services(site, 140)  # 141 services: 8 pages (10 on the first, then 20 a page)
    assert site.build().code == 0
    pager = found(site.page("/services/page-5/").find("nav", class_="pager"))
    items = pager.select(".pager__list > li")
    texts = [li.get_text(" ", strip=True) for li in items]
    assert texts[0] == "Previous page" and texts[-1] == "Next page"
    assert texts[1:-1] == ["Page 1", "…", "Page 4", "Page 5", "Page 6", "Page 7", "Page 8"]
    gaps = pager.select(".pager__item--gap")
    assert len(gaps) == 1 and all(gap["aria-hidden"] == "true" for gap in gaps)


def test_each_service_page_says_how_to_report_a_mistake_naming_the_service(
    site: TinySite,
) -> None:
    from urllib.parse import parse_qs, urlsplit

    # No feedback address: the contact email, with the service and its page named.
    assert site.build().code == 0
    section = site.page("/services/portage/").find(id="report-problem")
    assert section is not None and section.get_text() == "Something wrong with this page?"
    link = found(
        found(section.find_parent("section")).find("a", href=lambda h: h.startswith("mailto:"))
    )
    address = urlsplit(attr(link, "href"))
    assert address.path == "localoffer@example.org"
    query = parse_qs(address.query)
    assert query["subject"] == ["Something wrong on the Local Offer: Portage"]
    assert query["body"][0].startswith("Page: https://example.org/services/portage/\n")
    # A feedback form: its address with the service and the page in the query.
    config = (site.root / "site.yaml").read_text()
    site.write(
        "site.yaml",
        config + "feedback:\n  url: https://forms.example.net/local-offer?source=web\n",
    )
    assert site.build().code == 0
    section = found(
        found(site.page("/services/portage/").find(id="report-problem")).find_parent("section")
    )
    link = found(
        section.find("a", string=lambda t: t is not None and t.startswith("Report a problem"))
    )
    address = urlsplit(attr(link, "href"))
    assert address.netloc == "forms.example.net"
    assert parse_qs(address.query) == {
        "source": ["web"],
        "service": ["portage"],
        "page": ["https://example.org/services/portage/"],
    }
    assert link.get_text() == "Report a problem with Portage"
    assert section.find("a", href="/you-said-we-did/") is not None
