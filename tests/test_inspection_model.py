"""What real reports and plans say that the content model holds: 2023 monitoring inspections,
months without days, plan kinds and revisions, actions led from two bodies, completion dates,
earlier inspections outside the site, and partners that run no services."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import Tag

from tests.conftest import TinySite, text_of
from tests.soup import found
from tests.test_inspections_and_plans import FULL_INSPECTION, with_full_inspection

MONITORING_2023 = """\
---
area: Testshire
kind: monitoring
inspectorates: [Ofsted, CQC]
dates: {start: 2025-10-06, end: 2025-10-08}
published: November 2025
previous: 2024-inspection
next_full_inspection: within approximately 18 months
findings:
  - id: health-waits
    type: priority-action
    text: Leaders must cut waits for therapy.
    progress: effective-action
    judgement: The partnership is taking effective action to cut waits for therapy.
  - id: ehc-timeliness
    type: priority-action
    text: Leaders must finish EHC plans on time.
    progress: not-effective-action
---
"""

PLAN = """\
---
title: Testshire accelerated progress plan
kind: accelerated-progress-plan
responds_to: [2024-inspection]
owner: Testshire SEND Board
published: 2024-07
revisions:
  - {date: 2025-01, text: Two actions added after the first review.}
  - {date: 2025-09-12, text: Dates moved after the monitoring meeting.}
actions:
  - id: joint-waits
    title: Cut waits together
    addresses: [2024-inspection#health-waits]
    lead:
      - Head of SEND, Testshire Council
      - Director of Nursing, Testshire ICB
    accountable: Director of Children's Services
    due: 2025-03
    completed: 2025-05-20
    status: complete
  - id: month-due
    title: Finish plans on time
    addresses: [2024-inspection#ehc-timeliness]
    lead: Head of SEND
    due: 2026-11
    status: on-track
  - id: october-due
    title: Train caseworkers
    addresses: [2024-inspection#ehc-timeliness]
    due: October 2026
    status: on-track
---
"""


def test_a_2023_monitoring_inspection_judges_effective_action_in_its_own_words(
    site: TinySite,
) -> None:
    with_full_inspection(site)
    site.write("content/inspections/2025-monitoring.md", MONITORING_2023)
    assert site.build().code == 0
    soup = site.page("/inspections/2025-monitoring/")
    box = soup.find(class_="outcome")
    assert isinstance(box, Tag)
    words = text_of(box)
    assert "Taking effective action on 1 of 2 areas for priority action" in words
    assert "taking effective action on each of the areas for priority action" in words
    assert "Sufficient progress" not in text_of(soup)
    finding = soup.find(id="finding-health-waits")
    assert isinstance(finding, Tag)
    assert "The partnership is taking effective action to cut waits for therapy." in text_of(
        finding
    )
    assert "Next full inspection Within approximately 18 months" in text_of(soup)
    assert "Report published November 2025" in text_of(soup)


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("monitoring", "outcome", "inconsistent", "a monitoring inspection has no 'outcome'"),
        ("revisit", "outcome", "inconsistent", "a revisit has no 'outcome'"),
        ("full", "wsoa_required", "true", "a full area send inspection has no 'wsoa_required'"),
    ],
)
def test_an_outcome_on_a_kind_that_has_none_is_refused_at_its_line(
    site: TinySite, kind: str, field: str, value: str, message: str
) -> None:
    text = FULL_INSPECTION.format(outcome="inconsistent").replace("kind: full", f"kind: {kind}")
    text = text.replace("outcome: inconsistent\n", "")
    text = text.replace("previous: 2019-revisit\n", f"previous: 2019-revisit\n{field}: {value}\n")
    site.write("content/inspections/2024-inspection.md", text)
    run = site.build()
    assert run.code == 1
    line = text.splitlines().index(f"{field}: {value}") + 1
    assert any(
        e.startswith(f"content/inspections/2024-inspection.md:{line}: ") and message in e.lower()
        for e in run.error_lines
    ), run.err


def test_a_revisit_cannot_judge_effective_action(site: TinySite) -> None:
    site.write(
        "content/inspections/2019-revisit.md",
        (site.root / "content/inspections/2019-revisit.md")
        .read_text(encoding="utf-8")
        .replace("progress: sufficient", "progress: effective-action"),
    )
    run = site.build()
    assert run.code == 1
    assert "a revisit judges whether progress is sufficient" in run.err.lower()


def test_months_without_days_are_shown_as_months_and_due_at_the_months_end(
    site: TinySite,
) -> None:
    with_full_inspection(site)
    site.write("content/plans/app.md", PLAN)
    assert site.build().code == 0  # built as of 23 November 2026
    plan = site.page("/plans/app/")
    assert "Published July 2024" in text_of(plan)
    due_in_month = plan.find(id="action-month-due")
    assert isinstance(due_in_month, Tag)
    assert "Due November 2026" in text_of(due_in_month)
    assert "Overdue" not in text_of(due_in_month), "due in November runs to 30 November"
    october = plan.find(id="action-october-due")
    assert isinstance(october, Tag)
    assert "Overdue by 23 days" in text_of(october)
    times = [t["datetime"] for t in plan.find_all("time")]
    assert "2026-11" in times and "2024-07" in times


def test_a_month_that_does_not_exist_is_refused(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/plans/app.md", PLAN.replace("due: 2026-11", "due: 2026-13"))
    run = site.build()
    assert run.code == 1
    assert "'2026-13' in 'due' is not a real month" in run.err


def test_plan_kinds_revisions_leads_accountable_and_late_completion(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/plans/app.md", PLAN)
    assert site.build().code == 0
    plan = site.page("/plans/app/")
    words = text_of(plan)
    assert "Type of plan Accelerated progress plan" in words
    revisions = plan.find(id="plan-revisions")
    assert revisions is not None
    section = revisions.find_parent("section")
    assert isinstance(section, Tag)
    changes = text_of(section)
    assert changes.index("12 September 2025") < changes.index("January 2025"), "newest first"
    action = plan.find(id="action-joint-waits")
    assert isinstance(action, Tag)
    said = text_of(action)
    assert (
        "Head of SEND, Testshire Council" in said and "Director of Nursing, Testshire ICB" in said
    )
    assert "Accountable Director of Children's Services" in said
    assert "Completed 20 May 2025 (after its due date)" in said
    assert "Finished late" in said


def test_a_completion_date_on_an_unfinished_action_is_refused(site: TinySite) -> None:
    with_full_inspection(site)
    site.write(
        "content/plans/app.md",
        PLAN.replace(
            "completed: 2025-05-20\n    status: complete",
            "completed: 2025-05-20\n    status: on-track",
        ),
    )
    run = site.build()
    assert run.code == 1
    assert "has a 'completed' date but its status is 'on-track'" in run.err


def test_previous_inspection_outside_the_site_and_not_previously_inspected(
    site: TinySite,
) -> None:
    text = FULL_INSPECTION.format(outcome="inconsistent").replace(
        "previous: 2019-revisit\n",
        "previous_elsewhere: {kind: initial, date: 2016-11, report_url: 'https://example.org/2016.pdf'}\n"
        "next_monitoring_inspection: within approximately 18 months\n",
    )
    site.write("content/inspections/2024-inspection.md", text)
    site.write(
        "content/inspections/2017-inspection.md",
        (site.root / "content/inspections/2017-inspection.md")
        .read_text(encoding="utf-8")
        .replace("wsoa_required: true", "wsoa_required: true\nprevious: none"),
    )
    assert site.build().code == 0
    words = text_of(site.page("/inspections/2024-inspection/"))
    assert "Previous inspection Local area SEND inspection, November 2016" in words
    assert site.page("/inspections/2024-inspection/").find("a", href="https://example.org/2016.pdf")
    assert "Next monitoring inspection Within approximately 18 months" in words
    first = text_of(site.page("/inspections/2017-inspection/"))
    assert "Previous inspection The area had not been inspected before" in first


def test_an_action_against_a_revisits_weakness_answers_the_first_inspection_too(
    site: TinySite,
) -> None:
    site.write(
        "content/plans/wsoa.md",
        (site.root / "content/plans/wsoa.md")
        .read_text(encoding="utf-8")
        .replace("addresses: [2017-inspection#waiting]", "addresses: [2019-revisit#waiting]"),
    )
    assert site.build().code == 0
    first = site.page("/inspections/2017-inspection/").find(id="finding-waiting")
    assert isinstance(first, Tag)
    assert first.find("a", href="/plans/wsoa/#action-cut-waits") is not None
    action = site.page("/plans/wsoa/").find(id="action-cut-waits")
    assert isinstance(action, Tag)
    fixes = [a["href"] for a in action.find_all("a", href=True) if "#finding-" in a["href"]]
    assert fixes == ["/inspections/2019-revisit/#finding-waiting"], "listed once, as written"
    from sendsite.cli import main

    site.capsys.readouterr()
    main(["check", str(site.root), "--date", "2026-11-23"])
    assert "finding 'waiting' of 2017-inspection" not in site.capsys.readouterr().out


def test_partners_that_run_no_services_are_not_warned_about(site: TinySite) -> None:
    with_full_inspection(site)  # addresses priority actions to Testshire ICB
    site.write("content/organisations/testshire-icb.yaml", "name: Testshire ICB\n")
    site.write("content/organisations/unused.yaml", "name: Nobody Names Us Trust\n")
    run = site.build()
    assert "'Testshire ICB' runs no services" not in run.err
    assert "'Nobody Names Us Trust' runs no services" in run.err


def test_build_date_is_what_the_month_tests_assume() -> None:
    from tests.conftest import BUILD_DATE

    assert dt.date.fromisoformat(BUILD_DATE) == dt.date(2026, 11, 23)


def test_a_plans_period_can_be_given_in_months(site: TinySite) -> None:
    with_full_inspection(site)
    site.write(
        "content/plans/app.md",
        PLAN.replace(
            "published: 2024-07\n",
            "published: 2024-07\nperiod: {start: 2024-07, end: December 2026}\n",
        ),
    )
    assert site.build().code == 0
    assert "Runs from July 2024 to December 2026" in text_of(site.page("/plans/app/"))
    assert "July 2024 to December 2026" in text_of(site.page("/plans/"))


def test_a_period_ending_in_the_month_it_starts_is_accepted(site: TinySite) -> None:
    with_full_inspection(site)
    period = "period: {start: 2024-07-15, end: 2024-07}\n"
    site.write(
        "content/plans/app.md",
        PLAN.replace("published: 2024-07\n", f"published: 2024-07\n{period}"),
    )
    assert site.build().code == 0
    assert "Runs from 15 July 2024 to July 2024" in text_of(site.page("/plans/app/"))


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("{start: 2024-07, end: 2024-06}", "the plan's period ends before it starts"),
        ("{start: 2024-07, end: 2026-13}", "'2026-13' in 'end' is not a real month"),
        (
            "{start: Jully 2024, end: 2026-12}",
            "'jully 2024' in 'start' is not a date. write dates as yyyy-mm-dd, for example 2024-03-11, or a month as 2025-07 or july 2025.",
        ),
    ],
)
def test_a_wrong_period_is_refused_at_its_line(site: TinySite, period: str, message: str) -> None:
    with_full_inspection(site)
    text = PLAN.replace("published: 2024-07\n", f"published: 2024-07\nperiod: {period}\n")
    site.write("content/plans/app.md", text)
    run = site.build()
    assert run.code == 1
    line = text.splitlines().index(f"period: {period}") + 1
    assert any(
        e.startswith(f"content/plans/app.md:{line}: ") and message in e.lower()
        for e in run.error_lines
    ), run.err


def test_the_areas_summary_folds_after_its_first_paragraph(site: TinySite) -> None:
    path = site.root / "content/inspections/2017-inspection.md"
    text = path.read_text("utf-8").replace(
        "The first inspection.", "The first inspection.\n\n## What is working well\n\n- Portage.\n"
    )
    site.write("content/inspections/2017-inspection.md", text)
    assert site.build().code == 0
    section = found(site.page("/inspections/2017-inspection/").find(id="inspection-summary"))
    parent = found(section.parent)
    assert isinstance(parent, Tag)
    shown = found(parent.find(class_="prose"))
    assert isinstance(shown, Tag)
    assert text_of(shown) == "The first inspection."
    fold = found(parent.find("details", class_="fold--summary"))
    assert isinstance(fold, Tag)
    assert "Read the rest of our summary" in text_of(fold)
    assert "Portage." in text_of(fold)


def test_a_one_paragraph_summary_is_not_folded(site: TinySite) -> None:
    assert site.build().code == 0
    soup = site.page("/inspections/2017-inspection/")
    assert soup.find("details", class_="fold--summary") is None
    assert "The first inspection." in text_of(
        found(found(soup.find(id="inspection-summary")).parent)
    )
