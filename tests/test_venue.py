"""Venue and delivery facts families filter on (model/venue.py): read and refused like any other
field, said on the service page, browsable without JavaScript, filterable in the search index,
and published in Open Referral UK and the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from sendsite import model
from sendsite.check.feedcheck import check_feed, folder_reader
from sendsite.cli import main
from sendsite.model import venue
from sendsite.publish.pipeline import load_site
from tests.conftest import BUILD_DATE, Run, TinySite, text_of

CLUB = """\
    ---
    name: Saturday sports club
    organisation: testshire-council
    summary: Sport on Saturday mornings for disabled children.
    categories: [health]
    needs: [autism]
    ages: {min: 5, max: 11}
    areas: [north]
    last_reviewed: 2026-09-01
    cost: free
    locations:
      - name: Northtown leisure centre
        postcode: TE2 2BB
        latitude: 50.6
        longitude: -2.4
        access: [step-free, accessible-toilet, changing-places]
        accessibility: [Free parking]
      - name: Village hall
        postcode: TE3 3CC
        access: [step-free, quiet-space]
    opening_hours:
      - {days: Saturday (term time), opens: "10:00", closes: "12:00"}
      - {days: Tuesdays and Thursdays, opens: "16:00", closes: "17:00"}
    delivery: [in-person, online]
    languages: [English, BSL]
    ---
    Games and swimming.
    """

HELPLINE = """\
    ---
    name: Helpline
    organisation: testshire-council
    summary: Advice by phone for parents.
    categories: [education]
    needs: all
    ages: {min: 0, max: 25}
    areas: all
    last_reviewed: 2026-09-01
    cost: £1 a call
    delivery: [phone]
    ---
    Ring us.
    """


@pytest.fixture
def venues(site: TinySite) -> TinySite:
    site.write("content/services/sports-club.md", CLUB)
    site.write("content/services/helpline.md", HELPLINE)
    run = site.build()
    assert run.code == 0, run.err
    return site


# --- the model -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("Monday to Friday", [0, 1, 2, 3, 4]),
        ("Saturday (term time)", [5]),
        ("Tuesdays and Thursdays", [1, 3]),
        ("Friday to Monday", [4]),  # a backwards range is not guessed at
        ("Every day", [0, 1, 2, 3, 4, 5, 6]),
        ("Alternate Fridays", None),
        ("Term time only", None),
    ],
)
def test_days_are_read_from_opening_hours(days: str, expected: list[int] | None) -> None:
    assert venue.weekdays(days) == expected


def test_the_facts_of_a_service(venues: TinySite) -> None:
    site = load_site(venues.root, dt.date.fromisoformat(BUILD_DATE))
    club = next(s for s in site.services if s.id == "sports-club")
    assert [(f.facet, f.id) for f in venue.facts(club)] == [
        ("access", "step-free"),
        ("access", "accessible-toilet"),
        ("access", "changing-places"),
        ("access", "quiet-space"),
        ("access", "bsl"),
        ("delivery", "in-person"),
        ("delivery", "online"),
        ("day", "tuesday"),
        ("day", "thursday"),
        ("day", "saturday"),
        ("cost", "free"),
    ]
    assert venue.places_with(club, "step-free") is None  # both places have it
    assert venue.places_with(club, "quiet-space") == ["Village hall"]
    helpline = next(s for s in site.services if s.id == "helpline")
    assert [(f.facet, f.id) for f in venue.facts(helpline)] == [("delivery", "phone")]


# --- mistakes ------------------------------------------------------------------------------------


def _build_with(site: TinySite, replace: str, by: str) -> Run:
    site.write("content/services/sports-club.md", CLUB.replace(replace, by))
    return site.build()


@pytest.mark.parametrize(
    ("replace", "by", "line", "said"),
    [
        (
            "access: [step-free, quiet-space]",
            "access: [step-free, quiet-spce]",
            20,
            "'quiet-spce' is not one of the access facts 'access' can hold. "
            "Did you mean 'quiet-space'?",
        ),
        (
            "access: [step-free, quiet-space]",
            "access: [Level access]",
            20,
            "'Level access' is not one of the access facts 'access' can hold. "
            "Write it as 'step-free'.",
        ),
        (
            "access: [step-free, quiet-space]",
            "access: [bsl]",
            20,
            "British Sign Language is read from the service's languages: add it there.",
        ),
        (
            "delivery: [in-person, online]",
            "delivery: [in-person, Online]",
            24,
            "'Online' is not one of the ways a service is offered 'delivery' can hold. "
            "Write it as 'online'.",
        ),
        (
            "delivery: [in-person, online]",
            "delivery: [in-person, telepathy]",
            24,
            "Use one of the ways a service is offered: 'in-person', 'online', 'phone'.",
        ),
    ],
)
def test_an_unknown_fact_is_refused_at_its_line(
    site: TinySite, replace: str, by: str, line: int, said: str
) -> None:
    run = _build_with(site, replace, by)
    assert run.code == 1
    (error,) = run.error_lines
    assert error.startswith(f"content/services/sports-club.md:{line}: ")
    assert said in error


def test_services_without_facts_stay_valid(site: TinySite) -> None:
    run = site.build()
    assert run.code == 0, run.err
    portage = site.page("/services/portage/")
    assert portage.find(id="service-taking-part") is None  # it says nothing, so nothing shown


# --- pages ---------------------------------------------------------------------------------------


def test_the_service_page_says_the_facts_in_plain_words(venues: TinySite) -> None:
    page = venues.page("/services/sports-club/")
    section = page.find("section", attrs={"aria-labelledby": "service-taking-part"})
    assert section is not None
    text = text_of(section)
    assert text.startswith("Getting there and taking part")
    assert "How you can use it In person Online" in text
    assert "Step-free access Accessible toilet at Northtown leisure centre" in text
    assert "Changing Places toilet at Northtown leisure centre" in text
    assert "Quiet space at Village hall" in text
    links = {a.get_text(): a["href"] for a in section.find_all("a")}
    assert links["Step-free access"] == "/services/access/step-free/"
    assert links["Online"] == "/services/delivery/online/"
    # The author's own words stay with the place they describe.
    where_section = page.find("section", attrs={"aria-labelledby": "service-where"})
    assert where_section is not None
    where = text_of(where_section)
    assert "Getting in and around Free parking" in where
    filters = {s["data-pagefind-filter"] for s in page.select("[data-pagefind-filter]")}
    assert {"access:step-free", "access:bsl", "delivery:online", "day:saturday"} <= filters
    assert {"day:tuesday", "day:thursday", "cost:free"} <= filters
    assert "day:monday" not in filters and "access:hearing-loop" not in filters


def test_each_fact_has_a_list_of_its_services(venues: TinySite) -> None:
    def names(path: str) -> list[str]:
        page = venues.page(path)
        return [h.get_text(strip=True) for h in page.select(".cards .card__title")]

    assert names("/services/access/step-free/") == ["Saturday sports club"]
    assert names("/services/access/bsl/") == ["Saturday sports club"]
    # No open service has a hearing loop: no list is made, so no page lists nothing unlinked.
    assert not (venues.output / "services/access/hearing-loop/index.html").exists()
    assert names("/services/delivery/phone/") == ["Helpline"]
    assert names("/services/day/saturday/") == ["Saturday sports club"]
    assert names("/services/day/monday/") == ["Portage"]  # from its opening hours
    assert names("/services/cost/free/") == ["Portage", "Saturday sports club"]
    page = venues.page("/services/access/step-free/")
    assert page.h1 is not None and page.h1.get_text() == "Services with step-free access"
    assert "There is 1 service on this list." in text_of(page)
    titles = {
        path: (venues.page(path).h1 or page).get_text()
        for path in ("/services/delivery/phone/", "/services/day/saturday/", "/services/cost/free/")
    }
    assert titles == {
        "/services/delivery/phone/": "Services offered by phone",
        "/services/day/saturday/": "Services on Saturdays",
        "/services/cost/free/": "Free services",
    }


def test_the_browse_page_links_the_lists_that_have_services(venues: TinySite) -> None:
    page = venues.page("/services/")
    group = page.find("section", attrs={"aria-labelledby": "browse-access"})
    assert group is not None
    links = [text_of(li) for li in group.find_all("li")]
    assert "Step-free access (1)" in links and "By phone (1)" in links and "Free (2)" in links
    assert not any(link.startswith("Hearing loop") for link in links)  # no services: not linked
    days = page.find("section", attrs={"aria-labelledby": "browse-day"})
    assert days is not None
    assert [text_of(li) for li in days.find_all("li")] == [
        "Monday (1)",
        "Tuesday (2)",
        "Wednesday (1)",
        "Thursday (2)",
        "Friday (1)",
        "Saturday (1)",
    ]


def test_long_lists_are_split_into_pages(site: TinySite) -> None:
    for n in range(23):
        site.write(
            f"content/services/online-{n:02d}.md",
            HELPLINE.replace("name: Helpline", f"name: Online group {n:02d}").replace(
                "[phone]", "[online]"
            ),
        )
    assert site.build().code == 0
    first, second = (
        site.page("/services/delivery/online/"),
        site.page("/services/delivery/online/page-2/"),
    )
    assert len(first.select(".cards .card")) == 20
    assert len(second.select(".cards .card")) == 3
    assert second.h1 is not None and second.h1.get_text() == "Services offered online (page 2 of 2)"


def test_the_search_form_offers_the_filters(venues: TinySite) -> None:
    form = venues.page("/services/").find("form", attrs={"role": "search"})
    assert form is not None
    boxes = {(i["name"], i["value"]) for i in form.select("input[type=checkbox]")}
    assert boxes == {
        *(("access", i) for i, _ in venue.ACCESS_FILTERS),
        *(("delivery", i) for i, _ in venue.DELIVERY),
        ("cost", "free"),
    }
    for box in form.select("input[type=checkbox]"):
        assert form.find("label", attrs={"for": box["id"]}) is not None
    day = form.find("select", attrs={"name": "day"})
    assert day is not None and len(day.find_all("option")) == 8


# --- open data -----------------------------------------------------------------------------------


def test_open_referral_says_access_and_how_to_attend(venues: TinySite) -> None:
    report = check_feed(folder_reader(venues.output), every_record=True, headers=False)
    assert [str(f) for f in report.errors] == []
    records = {}
    for file in (venues.output / "openreferral/services").glob("*-*-*.json"):
        record = json.loads(file.read_text(encoding="utf-8"))
        records[record["name"]] = record
    club = records["Saturday sports club"]
    (centre, hall) = [s["location"] for s in club["service_at_locations"]]
    assert [a["description"] for a in centre["accessibility"]] == [
        "Step-free access",
        "Accessible toilet",
        "Changing Places toilet",
        "Free parking",
    ]
    assert [a["description"] for a in hall["accessibility"]] == ["Step-free access", "Quiet space"]
    assert {s.get("byday") for s in club["schedules"]} == {"SA", "TU,TH"}
    assert {s["attending_type"] for s in club["schedules"]} == {"In person or online"}
    # No opening times: one schedule still says how to attend.
    (only,) = records["Helpline"]["schedules"]
    assert only["attending_type"] == "By phone"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_the_csv_has_the_facts_and_imports_them_back(
    venues: TinySite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {r["id"]: r for r in _rows(venues.output / "data/services.csv")}
    club = rows["sports-club"]
    assert club["delivery"] == "in-person; online"
    assert club["venue_access"] == (
        "step-free; accessible-toilet; changing-places; quiet-space; bsl"
    )
    assert club["days"] == "tuesday; thursday; saturday"
    assert club["location_1_access"] == "step-free; accessible-toilet; changing-places"
    assert club["location_2_access"] == "step-free; quiet-space"
    assert rows["portage"]["venue_access"] == "" and rows["portage"]["days"].startswith("monday")
    # The layout imports back: the facts authors write come back, the derived ones are ignored.
    table = tmp_path / "services.csv"
    table.write_text(
        "".join(
            line
            for line in (venues.output / "data/services.csv")
            .read_text(encoding="utf-8-sig")
            .splitlines(keepends=True)
            if line.startswith(("id,", "sports-club,"))
        ),
        encoding="utf-8",
    )
    venues.remove("content/services/sports-club.md")
    assert main(["import", "services", str(table), str(venues.root)]) == 0
    capsys.readouterr()
    site = load_site(venues.root, dt.date.fromisoformat(BUILD_DATE))
    back = next(s for s in site.services if s.id == "sports-club")
    assert back.delivery == ["in-person", "online"]
    assert [loc.access for loc in back.locations] == [
        ["step-free", "accessible-toilet", "changing-places"],
        ["step-free", "quiet-space"],
    ]


def test_the_data_page_documents_the_new_columns(venues: TinySite) -> None:
    text = text_of(venues.page("/data/"))
    for column in ("delivery", "venue_access", "days"):
        assert column in text
    assert "location_1_name" in text and "access (step-free" in text


def test_every_fact_id_is_labelled() -> None:
    for facet, values in venue.FACETS.items():
        ids = [i for i, _ in values]
        assert len(set(ids)) == len(ids), facet
        for i, words in values:
            assert venue.label(facet, i) == words
    assert isinstance(model.Location(None, None, None, None, None, []).access, list)


# --- sendsite check ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Level access", "step-free"),
        ("Level access from the car park", "step-free"),
        ("Step-free entrance", "step-free"),
        ("Ramp at the side door", "step-free"),
        ("Accessible toilets", "accessible-toilet"),
        ("Disabled toilet on the ground floor", "accessible-toilet"),
        ("Wet room and changing places toilet", "changing-places"),
        ("Induction loop at reception", "hearing-loop"),
        ("Quiet room on request", "quiet-space"),
        ("No hearing loop", None),
        ("Not step-free: three steps at the door", None),
        ("Sensory room", None),
        ("Loop road to the car park", None),
        ("Free parking", None),
    ],
)
def test_an_access_fact_is_read_from_a_note(note: str, expected: str | None) -> None:
    assert venue.access_noted(note) == expected


def test_check_suggests_the_access_fact_a_note_says(site: TinySite) -> None:
    site.write(
        "content/services/sports-club.md",
        CLUB.replace("accessibility: [Free parking]", "accessibility: [Free parking, Hearing loop]")
        .replace("access: [step-free, quiet-space]", "accessibility: [Level access, No lift]")
        .replace("        access: [step-free, accessible-toilet, changing-places]\n", ""),
    )
    site.capsys.readouterr()
    code = main(["check", str(site.root), "--date", BUILD_DATE])
    out = site.capsys.readouterr().out
    assert code == 0
    notes = [line for line in out.splitlines() if "the note" in line]
    assert notes == [
        "content/services/sports-club.md:16: should fix: the note 'Hearing loop' says what "
        "'access: [hearing-loop]' says, but only 'access' reaches the filter for hearing loop. "
        "If families can count on it at Northtown leisure centre, add hearing-loop to the "
        "location's access list.",
        "content/services/sports-club.md:19: should fix: the note 'Level access' says what "
        "'access: [step-free]' says, but only 'access' reaches the filter for step-free access. "
        "If families can count on it at Village hall, add step-free to the location's access "
        "list.",
    ]


def test_check_is_quiet_when_the_fact_is_in_access(site: TinySite) -> None:
    site.write(
        "content/services/sports-club.md",
        CLUB.replace("accessibility: [Free parking]", "accessibility: [Level access at the door]"),
    )
    site.capsys.readouterr()
    main(["check", str(site.root), "--date", BUILD_DATE])
    assert "the note" not in site.capsys.readouterr().out
