"""Open data and discovery: Open Referral UK files valid against the official schemas, CSV and
JSON downloads, the Atom feed, sitemap.xml, robots.txt and the tags every page carries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import feedparser
import pytest

from sendsite.check.oruk import schema_errors
from sendsite.cli import main
from sendsite.publish.feed import page_dates, sitemap
from sendsite.publish.openreferral import byday
from sendsite.publish.pipeline import load_site
from sendsite.render.urls import absolute_url, output_file, path_for
from tests.conftest import BUILD_DATE, TinySite
from tests.soup import found

REPO = Path(__file__).resolve().parent.parent
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def built(site: TinySite) -> TinySite:
    site.write(
        "content/services/closed-club.md",
        """\
        ---
        name: Closed club
        organisation: testshire-council
        summary: A club that has closed.
        categories: [health]
        needs: [autism, hearing]
        ages: {min: 8, max: 25}
        areas: [north]
        last_reviewed: 2026-10-01
        cost: £12 a session
        status: closed
        eligibility: Children who live in Testshire.
        website: https://example.org/club
        locations:
          - name: Community hall
            address: 1 High Street, Testville
            postcode: TE1 1ST
            latitude: 51.5
            longitude: -1.25
            accessibility: [Step-free entrance, Hearing loop]
        opening_hours: Saturday mornings in term time
        ---
        The club met on Saturdays.
        """,
    )
    run = site.build()
    assert run.code == 0, run.err
    return site


@pytest.fixture(scope="module")
def dorset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dorset-data") / "site"
    assert main(["build", str(REPO), "-o", str(out), "--date", BUILD_DATE]) == 0
    return out


def read_json(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def service_files(folder: Path) -> list[Path]:
    """One file a service, named by its UUID (the list pages sit beside them)."""
    return sorted(
        p
        for p in (folder / "openreferral" / "services").glob("*.json")
        if re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", p.stem)
    )


# --- Open Referral UK ----------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["tiny", "dorset"])
def test_open_referral_files_are_valid_against_the_official_schemas(
    which: str, built: TinySite, dorset: Path
) -> None:
    folder = built.output if which == "tiny" else dorset
    root = read_json(folder, "openreferral/index.json")
    assert schema_errors(root, "/") == []
    listing = read_json(folder, "openreferral/services.json")
    assert schema_errors(listing, "/services") == []
    files = service_files(folder)
    assert len(files) == listing["total_items"] > 0
    for file in files:
        document = json.loads(file.read_text(encoding="utf-8"))
        assert schema_errors(document, "/services/{id}") == [], file.name
        assert file.stem == document["id"]


def test_schema_validation_is_not_vacuous(built: TinySite) -> None:
    document = json.loads(service_files(built.output)[0].read_text(encoding="utf-8"))
    broken = {**document, "status": "closed", "id": "portage"}
    del broken["name"]
    errors = schema_errors(broken, "/services/{id}")
    assert any("'name' is a required property" in e for e in errors)
    assert any(e.startswith("status:") for e in errors)
    assert any(e.startswith("id:") for e in errors)  # not a UUID


def test_services_list_has_paging_fields(built: TinySite) -> None:
    listing = read_json(built.output, "openreferral/services.json")
    assert listing["total_items"] == 2 and listing["size"] == 2
    assert (listing["page_number"], listing["total_pages"]) == (1, 1)
    assert listing["first_page"] is True and listing["last_page"] is True
    assert listing["empty"] is False
    assert [s["name"] for s in listing["contents"]] == ["Closed club", "Portage"]
    assert (built.output / "openreferral/services/page-1.json").read_bytes() == (
        built.output / "openreferral/services.json"
    ).read_bytes()


def test_service_file_carries_every_mapped_field(built: TinySite) -> None:
    services = {
        d["name"]: d
        for d in (json.loads(f.read_text(encoding="utf-8")) for f in service_files(built.output))
    }
    portage, club = services["Portage"], services["Closed club"]
    assert portage["organization"]["name"] == "Testshire Council"
    assert portage["organization"]["phones"][0]["number"] == "01632 960001"
    assert portage["url"] == "https://example.org/services/portage/"
    assert (portage["minimum_age"], portage["maximum_age"]) == (0, 5)
    assert portage["assured_date"] == "2026-09-01"
    assert portage["cost_options"] == [
        {
            "id": portage["cost_options"][0]["id"],
            "service_id": portage["id"],
            "option": "Free",
            "amount": 0,
        }
    ]
    contact = portage["contacts"][0]
    assert contact["name"] == "Portage team" and contact["email"] == "portage@example.org"
    assert contact["phones"][0]["number"] == "01632 960002"
    assert [p["number"] for p in portage["phones"]] == ["01632 960002"]
    assert portage["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert (portage["schedules"][0]["opens_at"], portage["schedules"][0]["closes_at"]) == (
        "09:00",
        "17:00",
    )
    assert [(lang["name"], lang.get("code")) for lang in portage["languages"]] == [
        ("English", "en"),
        ("Polish", "pl"),
    ]
    assert [a["name"] for a in portage["service_areas"]] == ["North Testshire", "South Testshire"]
    terms = {(a["link_type"], a["taxonomy_term"]["name"]) for a in portage["attributes"]}
    assert terms == {("category", "Education")}  # needs: all adds no need terms
    assert portage["application_process"].startswith("You can refer yourself.")
    assert "every two weeks" in portage["description"]

    assert club["status"] == "inactive"
    assert club["url"] == "https://example.org/club"
    assert club["eligibility_description"] == "Children who live in Testshire."
    assert club["cost_options"][0]["amount"] == 12
    assert club["fees"] == "£12 a session"
    assert {(a["link_type"], a["taxonomy_term"]["code"]) for a in club["attributes"]} == {
        ("category", "health"),
        ("need", "autism"),
        ("need", "hearing"),
    }
    place = club["service_at_locations"][0]["location"]
    assert (place["latitude"], place["longitude"]) == (51.5, -1.25)
    address = place["addresses"][0]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "1 High Street",
        "Testville",
        "TE1 1ST",
    )
    assert [a["description"] for a in place["accessibility"]] == [
        "Step-free entrance",
        "Hearing loop",
    ]
    assert club["schedules"] == [
        {
            "id": club["schedules"][0]["id"],
            "service_id": club["id"],
            "description": "Saturday mornings in term time",
        }
    ]


def test_services_list_pages_when_there_are_many(site: TinySite) -> None:
    for n in range(120):
        site.write(
            f"content/services/club-{n:03d}.yaml",
            f"""\
            name: Club {n:03d}
            organisation: testshire-council
            summary: A club.
            categories: [health]
            needs: all
            ages: {{min: 5, max: 10}}
            areas: all
            last_reviewed: 2026-10-01
            """,
        )
    assert site.build().code == 0
    pages = [read_json(site.output, f"openreferral/services/page-{n}.json") for n in (1, 2, 3)]
    assert [p["size"] for p in pages] == [50, 50, 21]
    assert all(p["total_items"] == 121 and p["total_pages"] == 3 for p in pages)
    assert [p["last_page"] for p in pages] == [False, False, True]
    assert not (site.output / "openreferral/services/page-4.json").exists()
    for listing in pages:
        assert schema_errors(listing, "/services") == []


# --- spreadsheets and JSON -----------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_services_csv_has_a_row_per_service(built: TinySite) -> None:
    rows = read_csv(built.output / "data/services.csv")
    assert [r["id"] for r in rows] == ["closed-club", "portage"]
    portage = rows[1]
    assert portage["organisation"] == "testshire-council"
    assert (portage["min_age"], portage["max_age"]) == ("0", "5")
    assert portage["needs"] == "all" and portage["areas"] == "north; south"
    assert portage["opening_hours"] == "Monday to Friday 09:00-17:00"
    assert portage["contact_1_phone"] == "01632 960002"
    assert portage["self_referral"] == "yes"
    assert portage["url"] == "https://example.org/services/portage/"
    assert rows[0]["location_1_accessibility"] == "Step-free entrance; Hearing loop"
    assert rows[0]["status"] == "closed"


def test_actions_csv_lists_every_action_with_its_finding_and_overdue_flag(built: TinySite) -> None:
    rows = read_csv(built.output / "data/actions.csv")
    assert [(r["plan"], r["action"]) for r in rows] == [
        ("wsoa", "plan-better"),
        ("wsoa", "cut-waits"),
    ]
    done, late = rows
    assert done["findings"] == "2017-inspection#planning"
    assert done["finding_text"] == "Weak strategic planning."
    assert (done["status"], done["due"], done["overdue"]) == ("complete", "2018-03-31", "no")
    assert (late["status"], late["due"], late["overdue"]) == ("off-track", "2020-03-31", "yes")
    assert int(late["days_overdue"]) > 365
    assert late["latest_update_date"] == "2020-01-10"
    assert late["latest_update"] == "Still recruiting."
    assert late["url"] == "https://example.org/plans/wsoa/#action-cut-waits"


def test_inspections_json(built: TinySite) -> None:
    data = read_json(built.output, "data/inspections.json")
    assert data["as_of"] == BUILD_DATE
    assert [i["id"] for i in data["inspections"]] == ["2019-revisit", "2017-inspection"]
    revisit, first = data["inspections"]
    assert revisit["previous"] == "2017-inspection"
    assert [(f["id"], f["progress"]) for f in revisit["findings"]] == [
        ("planning", "sufficient"),
        ("waiting", "not-sufficient"),
    ]
    assert first["wsoa_required"] is True and first["plans"] == ["wsoa"]
    waiting = first["findings"][1]
    assert [(a["action"], a["overdue"]) for a in waiting["actions"]] == [("cut-waits", True)]


def test_data_page_describes_each_file_and_links_to_it(built: TinySite) -> None:
    soup = built.page("/data/")
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    for name in ("services.csv", "actions.csv", "inspections.json"):
        assert f"/data/{name}" in hrefs
        section = soup.find("section", id=name.replace(".", "-"))
        assert section is not None and section.find("table") is not None
    assert "/openreferral/services.json" in hrefs and "/feed.xml" in hrefs
    columns = [
        th.get_text()
        for th in found(soup.find("section", id="actions-csv")).find_all("th", scope="row")
    ]
    assert "overdue" in columns and "due" in columns


# --- feed, sitemap, robots, head tags ------------------------------------------------------------


def test_feed_is_valid_atom_with_news_and_plan_updates(built: TinySite) -> None:
    feed = feedparser.parse((built.output / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert titles == [
        "Plan update: Cut waiting times (off track)",
        "Revisit outcome published",
        "Plan update: Cut waiting times (at risk)",
    ]
    assert feed.feed.updated.startswith("2020-01-10")
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    news = feed.entries[1]
    assert news.link == "https://example.org/news/revisit-outcome/"
    assert news.summary == "Inspectors found sufficient progress in one of two areas."


def test_sitemap_lists_every_html_page(built: TinySite) -> None:
    root = ET.fromstring((built.output / "sitemap.xml").read_bytes())
    locations = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    pages = {
        "/" + p.relative_to(built.output).as_posix().removesuffix("index.html")
        for p in built.output.rglob("*.html")
    }
    pages.discard("/404.html")
    assert {urlsplit(loc).path for loc in locations if loc} == pages
    lastmod = {
        u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
        for u in root.findall(f"{SITEMAP}url")
    }
    assert lastmod["https://example.org/services/portage/"] == "2026-09-01"


def _sitemap_by_elementtree(site: Any, page_paths: list[str]) -> bytes:
    """sitemap.xml as publish/feed.py made it with ElementTree, before it wrote the text itself."""
    namespace = SITEMAP.strip("{}")
    ET.register_namespace("", namespace)
    root = ET.Element(f"{SITEMAP}urlset")
    dates = page_dates(site)
    for path in sorted(p for p in page_paths if p != "/404.html"):
        url = ET.SubElement(root, f"{SITEMAP}url")
        ET.SubElement(url, f"{SITEMAP}loc").text = absolute_url(site.config, path)
        if path in dates:
            ET.SubElement(url, f"{SITEMAP}lastmod").text = dates[path].isoformat()
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def test_sitemap_is_what_elementtree_writes(built: TinySite) -> None:
    site = load_site(built.root, dt.date.fromisoformat(BUILD_DATE))
    paths = [path_for(s) for s in site.services] + ["/", "/404.html", "/a&b<c>/", "/caf\u00e9/"]
    assert sitemap(site, paths) == _sitemap_by_elementtree(site, paths)
    assert sitemap(site, ["/404.html"]) == _sitemap_by_elementtree(site, ["/404.html"])


def test_robots_points_at_the_sitemap(built: TinySite) -> None:
    text = (built.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/sitemap.xml" in text.splitlines()
    assert "User-agent: *" in text


def test_every_page_has_canonical_open_graph_and_feed_links(built: TinySite) -> None:
    for file in sorted(built.output.rglob("*.html")):
        soup = built.page("/" + file.relative_to(built.output).parent.as_posix().strip("."))
        if file.name == "404.html":
            continue
        path = "/" + file.relative_to(built.output).as_posix().removesuffix("index.html")
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == "https://example.org" + path
        og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
        assert og["og:url"] == canonical["href"], path
        assert og["og:title"] and og["og:description"] and og["og:site_name"]
        assert og["og:locale"] == "en_GB"
        feed = soup.find("link", rel="alternate", type="application/atom+xml")
        assert feed is not None and feed["href"] == "/feed.xml"
    news = {
        m["property"]: m["content"]
        for m in built.page("/news/revisit-outcome/").find_all("meta", property=True)
    }
    assert news["og:type"] == "article"


def test_everything_respects_the_sub_path(site: TinySite) -> None:
    config = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write(
        "site.yaml", config.replace("https://example.org/", "https://example.org/local-offer/")
    )
    assert site.build().code == 0
    base = "https://example.org/local-offer/"

    def built_file(url: str) -> Path:
        assert url.startswith(base), url
        return site.output / output_file("/" + urldefrag(url).url.removeprefix(base))

    feed = feedparser.parse((site.output / "feed.xml").read_bytes())
    for url in [feed.feed.id, *(e.link for e in feed.entries), *(e.id for e in feed.entries)]:
        assert built_file(url).is_file(), url
    root = ET.fromstring((site.output / "sitemap.xml").read_bytes())
    for loc in root.iter(f"{SITEMAP}loc"):
        assert loc.text is not None and built_file(loc.text).is_file()
    assert f"Sitemap: {base}sitemap.xml" in (site.output / "robots.txt").read_text(encoding="utf-8")
    rows = read_csv(site.output / "data/services.csv")
    assert all(built_file(r["url"]).is_file() for r in rows)
    listing = read_json(site.output, "openreferral/services.json")
    assert built_file(listing["contents"][0]["url"]).is_file()
    soup = site.page("/")
    assert (
        found(soup.find("link", rel="alternate", type="application/atom+xml"))["href"]
        == "/local-offer/feed.xml"
    )


def test_outputs_are_deterministic(site: TinySite) -> None:
    assert site.build().code == 0
    names = [
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "data/services.csv",
        "data/actions.csv",
        "data/inspections.json",
        "openreferral/services.json",
        "openreferral/index.json",
    ]
    first = {n: (site.output / n).read_bytes() for n in names}
    first_tree = sorted(p.name for p in (site.output / "openreferral/services").iterdir())
    assert site.build().code == 0
    assert {n: (site.output / n).read_bytes() for n in names} == first
    assert sorted(p.name for p in (site.output / "openreferral/services").iterdir()) == first_tree


def test_a_page_at_a_generated_address_is_refused(site: TinySite) -> None:
    site.write("content/pages/data.md", "---\ntitle: Data\n---\nOur data.\n")
    run = site.build()
    assert run.code == 1
    assert any("content/pages/data.md" in line and "/data/" in line for line in run.error_lines)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("Monday to Friday", "MO,TU,WE,TH,FR"),
        ("Saturday (term time)", "SA"),
        ("Tuesdays and Thursdays", "TU,TH"),
        ("Monday, Wednesday & Friday", "MO,WE,FR"),
        ("Saturday", "SA"),
        ("Every day", "MO,TU,WE,TH,FR,SA,SU"),
        ("Saturday mornings in term time", None),
        ("Term time only", None),
    ],
)
def test_days_become_icalendar_byday(days: str, expected: str | None) -> None:
    assert byday(days) == expected
