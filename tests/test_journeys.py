"""'Where do I start?' journeys: each mistake at its file and line with a fix, and each journey,
built into a tiny site, leads from its first page to a service by following links alone."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.conftest import TinySite, text_of

JOURNEY = "content/journeys/worried.yaml"
GOOD = """\
title: I think my child may have SEND
summary: Who to talk to first.
illustrative: true
steps:
  - id: age
    question: How old is your child?
    answers:
      - answer: Under 5
        next: little
      - answer: At school
        next: school
  - id: little
    title: Home visits
    text: Portage visits you at home.
    services: [portage]
    contacts: [testshire-council]
  - id: school
    question: Have you talked to the school?
    answers:
      - answer: Not yet
        next: talk
  - id: talk
    title: Talk to the SENCO
    pages: [about]
    browse: [need/autism, age/5-10]
"""


def test_a_journey_reaches_a_service_by_links_alone(site: TinySite) -> None:
    site.write(JOURNEY, GOOD)
    run = site.build()
    assert run.code == 0, run.err
    home = site.page("/")
    section = home.find("section", attrs={"aria-labelledby": "home-journeys"})
    assert section is not None
    (link,) = section.find_all("a")
    assert text_of(link) == "I think my child may have SEND"
    first = site.page(_site_path(link["href"]))
    assert first.h1 is not None and text_of(first.h1) == "I think my child may have SEND"
    assert "Illustrative example" in text_of(first)
    answers = [a for a in first.select(".journey__answers a")]
    assert [text_of(a) for a in answers] == ["Under 5", "At school"]
    # Follow "Under 5" to its step, then its service: every page on the way is a built file.
    step_path = _site_path(answers[0]["href"])
    step = site.page(step_path)
    assert step.h1 is not None and text_of(step.h1) == "Home visits"
    back = step.select_one(".journey-back a")
    assert back is not None and _site_path(back["href"]) == _site_path(link["href"])
    service_links = step.select("section[aria-labelledby=step-services] a")
    assert [text_of(a) for a in service_links] == ["Portage"]
    service = site.page(_site_path(service_links[0]["href"]))
    assert service.h1 is not None and text_of(service.h1) == "Portage"
    contacts_section = step.select_one("section[aria-labelledby=step-contacts]")
    assert contacts_section is not None
    contacts = text_of(contacts_section)
    assert "Testshire Council" in contacts and "01632 960001" in contacts
    # The other branch ends on a page, and on lists to browse, which are built pages too.
    school = site.page(_site_path(answers[1]["href"]))
    (talk,) = school.select(".journey__answers a")
    end = site.page(_site_path(talk["href"]))
    browse = [_site_path(a["href"]) for a in end.select("section[aria-labelledby=step-browse] a")]
    assert browse == ["/services/need/autism/", "/services/age/5-10/"]
    for path in browse:
        assert site.page(path).h1 is not None
    assert "Start again" in text_of(end)


def test_a_journey_browses_the_venue_and_delivery_lists(site: TinySite) -> None:
    site.write(JOURNEY, GOOD.replace("need/autism, age/5-10]", "cost/free, day/tuesday]"))
    run = site.build()
    assert run.code == 0, run.err
    end = site.page("/where-do-i-start/worried/talk/")
    links = end.select("section[aria-labelledby=step-browse] a")
    assert [text_of(a) for a in links] == ["Free services", "Open on Tuesdays"]
    assert [_site_path(a["href"]) for a in links] == [
        "/services/cost/free/",
        "/services/day/tuesday/",
    ]
    for a in links:
        listing = site.page(_site_path(a["href"]))
        assert "Portage" in text_of(listing)
    listing = site.page("/where-do-i-start/")
    assert [text_of(a) for a in listing.select("main .link-list__link")] == [
        "I think my child may have SEND"
    ]


def test_a_site_without_journeys_shows_no_journey_section(site: TinySite) -> None:
    assert site.build().code == 0
    assert site.page("/").find("section", attrs={"aria-labelledby": "home-journeys"}) is None
    assert not (site.output / "where-do-i-start").exists()


def _site_path(href: object) -> str:
    """A link's path (the tiny site is at the root of its address), so site.page can open it."""
    return urlparse(str(href)).path


MISTAKES = [
    pytest.param(
        GOOD.replace("next: little", "next: litle"),
        "content/journeys/worried.yaml:9: The answer 'Under 5' leads to the step 'litle', which",
        "Did you mean 'little'?",
        id="unknown-next-step",
    ),
    pytest.param(
        GOOD.replace("next: talk", "next: age"),
        "content/journeys/worried.yaml:21: The answer 'Not yet' goes back to the step 'age' "
        "(line 5), so a family would go round in a circle",
        "Point it to a step further on",
        id="loop",
    ),
    pytest.param(
        GOOD.replace("next: school", "next: talk"),
        "content/journeys/worried.yaml:17: No answer leads to the step 'school'",
        "Add an answer with 'next: school'",
        id="unreachable-step",
    ),
    pytest.param(
        GOOD.replace("title: I think my child may have SEND\n", ""),
        "content/journeys/worried.yaml:1: This journey is missing the required field 'title'",
        "Add a line 'title: ...'",
        id="missing-title",
    ),
    pytest.param(
        GOOD.replace("    pages: [about]\n    browse: [need/autism, age/5-10]\n", ""),
        "content/journeys/worried.yaml:22: The step 'talk' leads nowhere",
        "Add 'answers:'",
        id="step-leads-nowhere",
    ),
    pytest.param(
        GOOD.replace("services: [portage]", "services: [portag]"),
        "content/journeys/worried.yaml:15: There is no service with the id 'portag'",
        "Did you mean 'portage'?",
        id="unknown-service",
    ),
    pytest.param(
        GOOD.replace("need/autism", "need/autsim"),
        "content/journeys/worried.yaml:25: There is no need with the id 'autsim'",
        "Did you mean 'autism'?",
        id="unknown-need-to-browse",
    ),
    pytest.param(
        GOOD.replace("need/autism", "autism"),
        "content/journeys/worried.yaml:25: 'autism' is not a list of services to browse",
        "need/autism",
        id="browse-without-its-kind",
    ),
    pytest.param(
        GOOD.replace("age/5-10]", "access/step-free]"),
        "content/journeys/worried.yaml:25: No open service has 'access/step-free', so the site "
        "has no list of them to browse",
        "a location's 'access:'",
        id="venue-fact-no-service-has",
    ),
    pytest.param(
        GOOD.replace("age/5-10]", "day/mondays]"),
        "content/journeys/worried.yaml:25: There is no day with the id 'mondays'",
        "Did you mean 'monday'",
        id="misspelt-day-to-browse",
    ),
    pytest.param(
        GOOD.replace("pages: [about]", "pages: [abut]"),
        "content/journeys/worried.yaml:24: There is no page with the id 'abut'",
        "Did you mean 'about'?",
        id="unknown-page",
    ),
    pytest.param(
        GOOD.replace("contacts: [testshire-council]", "contacts: [testshire]"),
        "content/journeys/worried.yaml:16: There is no organisation with the id 'testshire'",
        "testshire-council",
        id="unknown-contact",
    ),
    pytest.param(
        GOOD.replace("    question: Have you talked to the school?\n", ""),
        "content/journeys/worried.yaml:18: The step 'school' has answers but no question",
        "Add a line 'question: ...'",
        id="answers-without-question",
    ),
    pytest.param(
        GOOD.replace("  - id: talk\n", "  - id: little\n").replace("next: talk", "next: little"),
        "content/journeys/worried.yaml:22: Two steps have the id 'little' (the other is on line 12)",
        "Give each step its own id",
        id="duplicate-step",
    ),
    pytest.param(
        GOOD.replace("      - answer: Not yet\n", "      - anwser: Not yet\n"),
        "content/journeys/worried.yaml:20: Unknown field 'anwser' in an answer",
        "Did you mean 'answer'?",
        id="misspelt-field",
    ),
]


@pytest.mark.parametrize(("text", "expected", "hint"), MISTAKES)
def test_each_journey_mistake_is_reported_at_its_line_with_a_fix(
    site: TinySite, text: str, expected: str, hint: str
) -> None:
    site.write(JOURNEY, text)
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    matching = [line for line in run.error_lines if line.startswith(expected)]
    assert matching, f"expected a line starting {expected!r} in:\n{run.err}"
    assert hint in matching[0]
    assert not site.output.exists()
