"""Every sentence the theme generates about an outcome or a next step, built and read back.

docs/inspection-wording.md says which paragraph of the inspection frameworks each rests on; these
tests pin the sentences so that a change to one is a change to that document too.
"""

from __future__ import annotations

import pytest
from bs4 import Tag

from tests.conftest import TinySite, text_of
from tests.test_inspections_and_plans import (
    MONITORING,
    PRIORITY_PLAN,
    with_full_inspection,
)

REVISIT = """\
---
area: Testshire
kind: revisit
inspectorates: [Ofsted, CQC]
dates: {{start: 2019-02-11, end: 2019-02-13}}
published: 2019-03-20
previous: 2017-inspection
survey_responses: {responses}
findings:
  - id: planning
    type: significant-weakness
    text: Weak strategic planning.
    progress: {planning}
  - id: waiting
    type: significant-weakness
    text: Long waits for assessment.
    progress: {waiting}
---
The revisit.
"""


def with_revisit(site: TinySite, planning: str, waiting: str, responses: int = 433) -> None:
    site.write(
        "content/inspections/2019-revisit.md",
        REVISIT.format(planning=planning, waiting=waiting, responses=responses),
    )


def outcome_of(site: TinySite, path: str) -> Tag:
    box = site.page(path).find(class_="outcome")
    assert isinstance(box, Tag)
    return box


def test_inconsistent_means_the_next_full_inspection_not_a_monitoring_one(site: TinySite) -> None:
    with_full_inspection(site, "inconsistent")
    assert site.build().code == 0
    words = text_of(outcome_of(site, "/inspections/2024-inspection/"))
    # 32 of 52 inconsistent reports "ask that the local area partnership updates and publishes
    # its strategic plan"; none says it must (docs/inspection-wording.md, [R-95]).
    assert (
        "usually ask the local area partnership to update and publish its strategic plan" in words
    )
    assert "must update" not in words
    assert "The next full inspection will normally be within about three years" in words
    assert "monitoring" not in words


def test_widespread_failings_means_a_monitoring_inspection_then_a_full_one(site: TinySite) -> None:
    with_full_inspection(site, "widespread-failings")
    assert site.build().code == 0
    words = text_of(outcome_of(site, "/inspections/2024-inspection/"))
    assert "must submit a priority action plan" in words
    assert "monitoring inspection, normally about 18 months after the final report" in words
    assert "the next full inspection is normally within about three years" in words


def test_typically_positive_means_a_full_inspection_in_about_five_years(site: TinySite) -> None:
    with_full_inspection(site, "typically-positive")
    assert site.build().code == 0
    words = text_of(outcome_of(site, "/inspections/2024-inspection/"))
    assert "The next full inspection will normally be within about five years" in words


@pytest.mark.parametrize(
    ("planning", "waiting", "state", "label"),
    [
        (
            "sufficient",
            "sufficient",
            "progress",
            "Sufficient progress on all 2 significant weaknesses",
        ),
        (
            "sufficient",
            "not-sufficient",
            "some-progress",
            "Sufficient progress on 1 of 2 significant weaknesses",
        ),
        (
            "not-sufficient",
            "not-sufficient",
            "no-progress",
            "Not sufficient progress on any of the 2 significant weaknesses",
        ),
    ],
)
def test_a_revisit_has_three_states_each_in_its_own_words(
    site: TinySite, planning: str, waiting: str, state: str, label: str
) -> None:
    with_revisit(site, planning, waiting)
    assert site.build().code == 0
    box = outcome_of(site, "/inspections/2019-revisit/")
    assert f"outcome--{state}" in box["class"]
    words = text_of(box)
    assert label in words
    next_steps = "the Department for Education and NHS England decide what happens next"
    assert (next_steps in words) is (state != "progress")
    listed = text_of(site.page("/inspections/"))
    assert label in listed, "the list of inspections says the same as the page"


def test_no_progress_never_reads_as_a_count_of_sufficient_progress(site: TinySite) -> None:
    with_revisit(site, "not-sufficient", "not-sufficient")
    assert site.build().code == 0
    words = text_of(outcome_of(site, "/inspections/2019-revisit/"))
    assert "0 of" not in words
    assert "✕" in words


def test_an_initial_inspection_never_revisited_does_not_say_inspectors_came_back(
    site: TinySite,
) -> None:
    site.remove("content/inspections/2019-revisit.md")
    site.remove("content/news/revisit-outcome.md")
    assert site.build().code == 0
    words = text_of(outcome_of(site, "/inspections/2017-inspection/"))
    assert "A written statement of action was required" in words
    assert "came back" not in words


def test_an_initial_inspection_that_was_revisited_links_to_its_revisit(site: TinySite) -> None:
    assert site.build().code == 0
    box = outcome_of(site, "/inspections/2017-inspection/")
    assert "Inspectors came back to check progress" in text_of(box)
    assert box.find("a", href="/inspections/2019-revisit/") is not None


def test_counts_have_thousands_separators(site: TinySite) -> None:
    with_revisit(site, "sufficient", "not-sufficient", responses=2012)
    assert site.build().code == 0
    words = text_of(site.page("/inspections/2019-revisit/"))
    assert "Inspectors read 2,012 responses to their survey" in words
    assert "2012 responses" not in words


def test_home_page_keeps_the_full_inspection_and_plan_after_a_monitoring_inspection(
    site: TinySite,
) -> None:
    with_full_inspection(site)
    site.write("content/inspections/2025-monitoring.md", MONITORING)
    site.write("content/plans/priority.md", PRIORITY_PLAN)
    assert site.build().code == 0
    soup = site.page("/")
    section = soup.find("section", attrs={"aria-labelledby": "home-latest-inspection"})
    assert isinstance(section, Tag)
    words = text_of(section)
    assert "Widespread and/or systemic failings" in words, "the standing outcome stays"
    assert "Sufficient progress on 1 of 2 areas for priority action" in words
    assert "0 of 1 action complete, 1 on track. 1 action overdue." in words
    assert section.find("a", href="/plans/priority/#action-therapy-recruitment") is not None
    assert section.find("a", href="/inspections/2024-inspection/") is not None
    assert section.find("a", href="/inspections/2025-monitoring/") is not None


def test_home_page_names_words_from_the_sites_own_glossary(site: TinySite) -> None:
    site.write(
        "content/glossary.yaml",
        """\
        - term: Short breaks
          meaning: Time apart for a child and their carers.
        - term: Short break statement
          meaning: What short breaks the council offers.
        - term: Portage
          meaning: Home visits for young children.
        """,
    )
    assert site.build().code == 0
    words = text_of(site.page("/"))
    assert "What words like Short breaks and Portage mean." in words
    assert "EHC plan" not in words


def test_home_page_with_an_empty_glossary_names_no_words(site: TinySite) -> None:
    site.write("content/glossary.yaml", "[]\n")
    assert site.build().code == 0
    words = text_of(site.page("/"))
    assert "What the words used on this site mean." in words


def test_the_wording_page_quotes_every_outcome_sentence_the_theme_writes() -> None:
    from pathlib import Path

    from sendsite.model.labels import OUTCOME_EXPLANATIONS

    page = (Path(__file__).parents[1] / "docs" / "inspection-wording.md").read_text("utf-8")
    for outcome, sentence in OUTCOME_EXPLANATIONS.items():
        assert f'"{sentence}"' in page, f"docs/inspection-wording.md lacks the {outcome} sentence"
