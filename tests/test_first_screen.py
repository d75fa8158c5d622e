"""The phone-first layout, on a tiny site's built pages: the menu folds without JavaScript, the
home page puts the family's task first and says nothing twice, a service page gives its contact
details first, and no page offers a search that only JavaScript can show."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import TinySite, text_of


@pytest.fixture
def built(site: TinySite) -> TinySite:
    run = site.build()
    assert run.code == 0, run.err
    return site


def visible_without_javascript(soup: BeautifulSoup) -> str:
    """The page's text as a browser without JavaScript shows it: hidden elements, scripts and
    the search form (shown only by its script) left out."""
    for hidden in soup.select("[hidden], script, .visually-hidden"):
        hidden.decompose()
    return text_of(soup)


def test_the_menu_folds_into_a_details_element_that_needs_no_javascript(built: TinySite) -> None:
    soup = built.page("/services/")
    nav = soup.find("nav", attrs={"aria-label": "Main"})
    assert isinstance(nav, Tag)
    fold = nav.find("details")
    assert isinstance(fold, Tag) and not fold.has_attr("open")  # folded until opened
    summary = fold.find("summary")
    assert isinstance(summary, Tag) and summary.get_text(strip=True) == "Menu"
    links = fold.select("ul a")
    assert [a.get_text() for a in links][:2] == ["Home", "Find a service"]
    assert [a["href"] for a in links if a.get("aria-current") == "page"] == ["/services/"]


def test_every_page_names_an_icon_so_browsers_do_not_ask_for_favicon_ico(built: TinySite) -> None:
    for path in ("/", "/services/", "/glossary/"):
        icon = built.page(path).find("link", rel="icon")
        assert isinstance(icon, Tag), path
        href = str(icon["href"])
        assert re.fullmatch(r"/static/favicon\.[0-9a-f]{10}\.svg", href)
        assert (built.output / href.lstrip("/")).read_text().startswith("<svg")


def test_home_page_starts_with_the_task_and_says_nothing_twice(built: TinySite) -> None:
    soup = built.page("/")
    main = soup.find("main")
    assert isinstance(main, Tag)
    h1 = main.find("h1")
    header = soup.find("header")
    assert isinstance(h1, Tag) and isinstance(header, Tag)
    assert h1.get_text() != header.find(class_="site-header__name").get_text()  # type: ignore[union-attr]
    # Straight after the heading and one sentence: the search, then the age buttons.
    order = [
        el.get("id") or (el.get("class") or [""])[0]
        for el in main.find_all(["h1", "p", "section"], recursive=False)
    ]
    assert order[:4] == ["home-title", "lead", "search", "section"], order
    ages = main.find("section", attrs={"aria-labelledby": "home-ages"})
    assert isinstance(ages, Tag) and ages.select("a.choice-list__link")
    # No sentence of the page is said twice.
    sentences = re.findall(r"[^.!?]{25,}[.!?]", text_of(main))
    repeated = {s.strip() for s in sentences if sentences.count(s) > 1}
    assert not repeated


@pytest.mark.parametrize(
    "page", ["index.html", "services/index.html", "services/need/autism/index.html", "404.html"]
)
def test_without_javascript_no_page_mentions_a_search_it_cannot_show(
    built: TinySite, page: str
) -> None:
    soup = BeautifulSoup((built.output / page).read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main")
    assert isinstance(main, Tag)
    assert (
        "search" not in visible_without_javascript(BeautifulSoup(str(main), "html.parser")).lower()
    )


def test_a_service_page_gives_its_contact_first_and_no_two_headings_alike(
    built: TinySite,
) -> None:
    soup = built.page("/services/portage/")
    main = soup.find("main")
    assert isinstance(main, Tag)
    h2s = [h.get_text(" ", strip=True) for h in main.find_all("h2")]
    assert h2s[0] == "Contact"
    assert len(set(h2s)) == len(h2s)
    assert "About this service" not in h2s  # too like "More about this service"
    assert main.select("section.service__contact a[href^='tel:']")
