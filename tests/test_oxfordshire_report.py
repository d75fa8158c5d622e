"""A real area's report, built: Oxfordshire's 2023 area SEND inspection (widespread and/or systemic
failings, five areas for priority action addressed to the council and the ICB) and the monitoring
inspection that followed it, in tests/sites/oxfordshire. Every sentence the theme writes about
them is asserted here against what the report says (the fixture's README names the sources)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sendsite.cli import main
from tests.conftest import BUILD_DATE, TinySite, text_of
from tests.soup import found

FIXTURE = Path(__file__).resolve().parent / "sites" / "oxfordshire"
FULL = "/inspections/2023-area-send-inspection/"
MONITORING = "/inspections/2025-monitoring-inspection/"
BODIES = (
    "Who must act: Oxfordshire County Council, NHS Buckinghamshire, Oxfordshire, and Berkshire "
    "West ICB"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("oxfordshire") / "site"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("_site"))
    assert main(["build", str(root), "--strict", "--date", BUILD_DATE]) == 0
    return root / "_site"


def page(built: Path, url_path: str) -> BeautifulSoup:
    file = (
        built / url_path.strip("/") / "index.html" if url_path.strip("/") else built / "index.html"
    )
    return BeautifulSoup(file.read_text("utf-8"), "html.parser")


def test_the_full_inspection_states_the_outcome_and_next_steps_as_the_report_does(
    built: Path,
) -> None:
    soup = page(built, FULL)
    assert (
        found(soup.h1).get_text(" ", strip=True) == "Full area SEND inspection, 13 to 21 July 2023"
    )
    box = text_of(found(soup.find(class_="outcome")))
    assert "Widespread and/or systemic failings" in box
    # The report: "HMCI requires the local area partnership to prepare and submit a priority
    # action plan"; "A monitoring inspection will be carried out within approximately 18 months.
    # The next full reinspection will be within approximately 3 years."
    assert "The local area partnership must submit a priority action plan." in box
    assert "monitoring inspection, normally about 18 months after the final report" in box
    assert "the next full inspection is normally within about three years" in box
    words = text_of(soup)
    assert "Report published 15 September 2023" in words
    assert "Next monitoring inspection Within approximately 18 months" in words
    assert "Next full inspection Within approximately 3 years" in words
    assert "Previous inspection, 14 to 17 October 2019 (not in this site)" in words
    quote = text_of(found(soup.find(class_="quote--report")))
    assert quote.startswith("There are widespread and/or systemic failings leading to")
    assert "prepare and submit a priority action plan (area SEND)" in quote


def test_the_counts_and_the_bodies_addressed_are_the_reports(built: Path) -> None:
    soup = page(built, FULL)
    summary = [
        li.get_text(" ", strip=True) for li in found(soup.find(class_="found-summary"))("li")
    ]
    assert summary == [
        "5 areas for priority action",
        "4 areas for improvement",
        "7 things working well",
    ]
    priority = soup.select(".finding--priority-action")
    assert len(priority) == 5
    for finding in priority:
        assert BODIES in text_of(finding)
    assert len(soup.select(".finding--area-for-improvement")) == 4
    assert "Show the 11 points" in text_of(soup)


def test_the_priority_action_plan_answers_the_areas_for_priority_action(built: Path) -> None:
    soup = page(built, FULL)
    words = text_of(soup)
    for finding_id in ("views-of-children", "ehc-plans", "monitor-impact"):
        finding = found(soup.find(id=f"finding-{finding_id}"))
        assert isinstance(finding, Tag)
        (action,) = finding.select(".action-links li")
        # Only the plan's five areas are known, not how far each has got: never "Not started".
        assert "Not reported" in text_of(action)
    assert "Not started" not in words
    # The plan answers the areas for priority action, as the report asks; the areas for
    # improvement are said once to have no plan here, not four times to be unanswered by it.
    assert "No action in" not in words
    assert (
        words.count(
            "The Oxfordshire local area partnership priority action plan answers the areas for "
            "priority action. This site does not hold a plan answering these areas for improvement "
            "yet."
        )
        == 1
    )
    assert "This site does not hold a plan answering these findings yet." not in words
    # The fixture has no area-written summary, so the page claims none.
    assert "Written by the Oxfordshire local area partnership" not in words


def test_an_action_with_no_status_is_not_reported_never_not_started(built: Path) -> None:
    soup = page(built, "/plans/priority-action-plan/")
    words = text_of(soup)
    assert "Published 18 December 2023" in words
    assert words.count("Status: Not reported") == 5
    table = found(soup.find("table", class_="status-table"))
    rows = {text_of(found(r.th)): text_of(found(r.td)) for r in found(table.tbody).find_all("tr")}
    assert rows["Not reported"] == "5" and rows["Not started"] == "0"
    assert "0 of 5 actions complete, 5 not reported." in text_of(page(built, "/"))


def test_each_finding_is_quoted_word_for_word_behind_its_label(built: Path) -> None:
    soup = page(built, FULL)
    finding = found(soup.find(id="finding-ehc-plans"))
    assert isinstance(finding, Tag)
    assert found(finding.h3).get_text(strip=True) == "Timeliness and quality of EHC plans"
    assert text_of(found(finding.find(class_="finding__text"))) == (
        "Leaders across the partnership should establish rigorous processes to help ensure the "
        "improved timeliness and quality assurance of EHC plans. Leaders should use this learning "
        "to improve the quality of new and existing EHC plans."
    )
    assert "Checked again" in text_of(finding)


def test_the_monitoring_inspection_judges_effective_action_on_all_five(built: Path) -> None:
    soup = page(built, MONITORING)
    box = text_of(found(soup.find(class_="outcome")))
    assert "Taking effective action on all 5 areas for priority action" in box
    assert "after the inspection of 13 to 21 July 2023" in box
    words = text_of(soup)
    assert "Report published November 2025" in words
    assert "Letter published" not in words
    assert words.count("Inspectors' judgement: Taking effective action") == 5


def test_the_home_page_keeps_the_full_outcome_beside_the_monitoring_result(built: Path) -> None:
    words = text_of(page(built, "/"))
    assert "The report was published on 15 September 2023." in words
    assert (
        "Inspectors came back for a monitoring inspection from 15 September to 1 October 2025."
        in (words)
    )
    # Only the month is known: "in November 2025", never "on November 2025".
    assert "The report was published in November 2025." in words
    assert "Widespread and/or systemic failings" in words
    assert "Taking effective action on all 5 areas for priority action" in words
    # The council and the ICB run no services in this site.
    assert "The 2 organisations in the Local Offer." in words


def test_a_finding_no_action_addresses_names_the_plan_that_answers_the_inspection(
    site: TinySite,
) -> None:
    text = (site.root / "content/plans/wsoa.md").read_text("utf-8")
    unaddressed = "".join(
        line for line in text.splitlines(keepends=True) if "2017-inspection#waiting" not in line
    )
    site.write("content/plans/wsoa.md", unaddressed)
    assert site.build().code == 0
    finding = found(site.page("/inspections/2017-inspection/").find(id="finding-waiting"))
    assert isinstance(finding, Tag)
    assert "No action in the Written statement of action addresses this yet." in text_of(finding)


def test_who_must_act_is_said_only_where_the_findings_name_them(built: Path) -> None:
    # The 2023 report addresses each area for priority action to the council and the ICB; the
    # monitoring report, as published, judges the same five without naming anyone again.
    intro = "These are the most serious things inspectors said must change."
    full = text_of(page(built, FULL))
    assert f"{intro} Each one says who must act on it." in full
    assert full.count(BODIES) == 5
    monitoring = text_of(page(built, MONITORING))
    assert intro in monitoring
    assert "who must act" not in monitoring.lower()
    assert "bodies named" not in monitoring
