"""Inspection pages for every kind and outcome, plans, overdue actions and the history timeline."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from sendsite.model.labels import OUTCOME_EXPLANATIONS
from tests.conftest import TinySite, text_of

FULL_INSPECTION = """\
---
area: Testshire
kind: full
inspectorates: [Ofsted, CQC]
dates: {{start: 2024-03-11, end: 2024-03-15}}
published: 2024-05-02
outcome: {outcome}
previous: 2019-revisit
findings:
  - id: health-waits
    type: priority-action
    text: Leaders must cut waits for therapy.
    responsible: [Testshire ICB]
  - id: ehc-timeliness
    type: priority-action
    text: Leaders must finish EHC plans on time.
    responsible: [Testshire Council, Testshire ICB]
  - id: data
    type: area-for-improvement
    text: Use data better.
---
"""

MONITORING = """\
---
area: Testshire
kind: monitoring
inspectorates: [Ofsted, CQC]
dates: {start: 2025-10-06, end: 2025-10-08}
published: 2025-11-10
previous: 2024-inspection
findings:
  - id: health-waits
    type: priority-action
    text: Leaders must cut waits for therapy.
    progress: sufficient
    summary: Waits have halved.
  - id: ehc-timeliness
    type: priority-action
    text: Leaders must finish EHC plans on time.
    progress: not-sufficient
---
"""

PRIORITY_PLAN = """\
---
title: Priority action plan
kind: priority-action-plan
responds_to: [2024-inspection]
owner: Testshire SEND Board
published: 2024-07-01
period: {start: 2024-07-01, end: 2026-12-31}
actions:
  - id: therapy-recruitment
    title: Recruit more therapists
    addresses: [2024-inspection#health-waits]
    lead: Head of therapies
    partners: [Testshire ICB]
    start: 2024-07-01
    due: 2026-06-30
    status: on-track
    measures:
      name: Weeks waited for therapy
      unit: weeks
      baseline: 40
      target: 18
      values:
        - {date: 2024-09-30, value: 38}
        - {date: 2025-03-31, value: 30}
        - {date: 2025-09-30, value: 24}
---
"""


def page(site: TinySite, path: str) -> BeautifulSoup:
    return site.page(path)


def with_full_inspection(site: TinySite, outcome: str = "widespread-failings") -> None:
    site.write("content/inspections/2024-inspection.md", FULL_INSPECTION.format(outcome=outcome))


@pytest.mark.parametrize("outcome", ["typically-positive", "inconsistent", "widespread-failings"])
def test_each_outcome_has_its_own_treatment_in_words(site: TinySite, outcome: str) -> None:
    with_full_inspection(site, outcome)
    assert site.build().code == 0
    soup = page(site, "/inspections/2024-inspection/")
    box = soup.find(class_=f"outcome--{outcome}")
    assert isinstance(box, Tag)
    words = text_of(box)
    label = {
        "typically-positive": "Typically positive experiences and outcomes",
        "inconsistent": "Inconsistent experiences and outcomes",
        "widespread-failings": "Widespread and/or systemic failings",
    }[outcome]
    assert label in words, "the outcome must be said in words, not shown by colour alone"
    assert OUTCOME_EXPLANATIONS[outcome] in words


def test_priority_actions_show_the_bodies_they_are_addressed_to(site: TinySite) -> None:
    with_full_inspection(site)
    assert site.build().code == 0
    soup = page(site, "/inspections/2024-inspection/")
    health = soup.find(id="finding-health-waits")
    ehc = soup.find(id="finding-ehc-timeliness")
    assert isinstance(health, Tag) and isinstance(ehc, Tag)
    assert "Testshire ICB" in text_of(health) and "Testshire Council" not in text_of(health)
    assert "Testshire Council, Testshire ICB" in text_of(ehc)
    headings = [text_of(h) for h in soup.find_all(["h2", "h3"])]
    assert any("Areas for priority action" in h for h in headings)
    assert any("Areas for improvement" in h for h in headings)


def test_monitoring_inspection_counts_progress_and_links_back(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/inspections/2025-monitoring.md", MONITORING)
    assert site.build().code == 0
    soup = page(site, "/inspections/2025-monitoring/")
    text = text_of(soup)
    assert "1 of 2" in text
    assert "Sufficient progress" in text and "Not sufficient progress" in text
    assert "Waits have halved." in text
    assert soup.find("a", href="/inspections/2024-inspection/") is not None


def test_findings_and_actions_link_both_ways(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/plans/priority.md", PRIORITY_PLAN)
    assert site.build().code == 0
    inspection = page(site, "/inspections/2024-inspection/")
    health = inspection.find(id="finding-health-waits")
    assert isinstance(health, Tag)
    link = health.find("a", href="/plans/priority/#action-therapy-recruitment")
    assert link is not None and "Recruit more therapists" in text_of(link)
    assert "On track" in text_of(health)
    unanswered = inspection.find(id="finding-ehc-timeliness")
    assert isinstance(unanswered, Tag) and "No action" in text_of(unanswered)
    plan = page(site, "/plans/priority/")
    action = plan.find(id="action-therapy-recruitment")
    assert isinstance(action, Tag)
    assert action.find("a", href="/inspections/2024-inspection/#finding-health-waits") is not None


@pytest.mark.parametrize(("build_date", "overdue"), [("2026-06-30", False), ("2026-07-01", True)])
def test_overdue_is_computed_against_the_build_date(
    site: TinySite, build_date: str, overdue: bool
) -> None:
    with_full_inspection(site)
    site.write("content/plans/priority.md", PRIORITY_PLAN)
    portage = site.root / "content/services/portage.md"  # reviewed before either build date
    portage.write_text(portage.read_text().replace("2026-09-01", "2026-01-05"), encoding="utf-8")
    site.capsys.readouterr()
    from sendsite.cli import main

    assert main(["build", str(site.root), "--date", build_date]) == 0
    action = page(site, "/plans/priority/").find(id="action-therapy-recruitment")
    assert isinstance(action, Tag)
    assert ("Overdue" in text_of(action)) is overdue


def test_charts_have_text_equivalents(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/plans/priority.md", PRIORITY_PLAN)
    assert site.build().code == 0
    plan = page(site, "/plans/priority/")
    charts = plan.find_all(role="img")
    assert len(charts) == 1  # the measure chart (the status bars picture the numbers beside them)
    bars = plan.select(".status-table svg")
    assert len(bars) == 5 and all(bar.get("aria-hidden") == "true" for bar in bars)
    for chart in charts:
        assert "Weeks waited for therapy: from 38" in str(chart.get("aria-label"))
        # The chart's lines are hidden; its words are HTML, which the image's name stands for.
        assert all(svg.get("aria-hidden") == "true" for svg in chart.find_all("svg"))
        assert chart.find("text") is None
    captions = [text_of(t.caption) for t in plan.find_all("table") if t.caption]
    assert any("Weeks waited for therapy" in c for c in captions)
    status_table = next(
        t for t in plan.find_all("table") if t.caption and "status" in text_of(t.caption)
    )
    assert "On track" in text_of(status_table)
    measure_table = next(
        t for t in plan.find_all("table") if t.caption and "Weeks" in text_of(t.caption)
    )
    assert [text_of(td) for td in measure_table.find_all("td")] == ["38", "30", "24"]


def test_timeline_interleaves_plans_with_inspections_newest_first(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/plans/priority.md", PRIORITY_PLAN)
    assert site.build().code == 0
    timeline = page(site, "/inspections/").find("ol", class_="timeline")
    assert isinstance(timeline, Tag)
    order = [
        a["href"]
        for item in timeline.find_all("li", recursive=False)
        for a in item.find_all("a", href=True, limit=1)
    ]
    assert order == [
        "/plans/priority/",
        "/inspections/2024-inspection/",
        "/inspections/2019-revisit/",
        "/plans/wsoa/",
        "/inspections/2017-inspection/",
    ]


def test_home_page_shows_latest_outcome_and_plan_progress(site: TinySite) -> None:
    with_full_inspection(site)
    site.write("content/plans/priority.md", PRIORITY_PLAN)
    assert site.build().code == 0
    soup = page(site, "/")
    home = text_of(soup)
    assert "Widespread and/or systemic failings" in home
    assert "0 of 1 action complete, 1 on track. 1 action overdue." in home
    assert soup.find("a", href="/plans/priority/#action-therapy-recruitment") is not None
