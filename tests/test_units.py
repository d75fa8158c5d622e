"""Unit tests for the small pieces: dates, YAML with lines, front matter, derived facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sendsite.errors import ContentError
from sendsite.model.derived import build_date_from_environment
from sendsite.publish.pipeline import load_site
from sendsite.render.markdown import markdown_to_html
from sendsite.source.sourcefile import read_source
from sendsite.source.yamldoc import parse_yaml
from sendsite.text import add_months, uk_date, uk_date_range
from tests.conftest import TinySite


def test_uk_dates() -> None:
    assert uk_date(dt.date(2024, 3, 1)) == "1 March 2024"
    assert uk_date_range(dt.date(2024, 3, 11), dt.date(2024, 3, 15)) == "11 to 15 March 2024"
    assert (
        uk_date_range(dt.date(2017, 1, 30), dt.date(2017, 2, 3)) == "30 January to 3 February 2017"
    )
    assert (
        uk_date_range(dt.date(2016, 12, 30), dt.date(2017, 1, 3))
        == "30 December 2016 to 3 January 2017"
    )
    assert uk_date_range(dt.date(2024, 3, 11), dt.date(2024, 3, 11)) == "11 March 2024"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2025, 9, 1), 12) == dt.date(2026, 9, 1)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)


def test_yaml_keeps_lines_of_keys_and_items() -> None:
    data = parse_yaml(
        "title: A\nlist:\n  - one\n  - two\ngroup:\n  inner: 1\n", "f.yaml", first_line=5
    )
    assert data.line_of("title") == 5
    assert data["list"].line_of(1) == 8
    assert data["group"].line_of("inner") == 10


def test_yaml_keeps_raw_text_for_text_fields() -> None:
    data = parse_yaml("phone: 01632960000\nanswer: yes\ntime: 09:00\n", "f.yaml")
    assert data.raw == {"phone": "01632960000", "answer": "yes", "time": "09:00"}


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        prev, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(ContentError) as caught:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert caught.value.line == 2
    assert "aliases" in caught.value.message


def test_front_matter_body_and_lines(tmp_path: Path) -> None:
    file = tmp_path / "x.md"
    file.write_text("---\ntitle: T\nsummary: S\n---\n\nBody text\n", encoding="utf-8")
    source = read_source(file, "content/pages/x.md")
    assert source.data.line_of("summary") == 3
    assert source.body == "Body text\n"


def test_markdown_headings_are_renumbered_to_the_level_the_page_needs() -> None:
    assert markdown_to_html("## A\n\n### B\n", 2) == '<h2 id="a">A</h2>\n<h3 id="b">B</h3>'
    assert markdown_to_html("# A\n\n## B\n", 3) == '<h3 id="a">A</h3>\n<h4 id="b">B</h4>'
    assert "<h1" not in markdown_to_html("# A\n\n## B\n")
    table = markdown_to_html("|a|b|\n|-|-|\n|1|2|\n")
    assert '<th scope="col">a</th>' in table


def test_markdown_is_sanitised_and_headings_start_at_h2() -> None:
    html = markdown_to_html(
        "# Heading\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n"
        '<img src="x" onerror="alert(1)">'
    )
    assert '<h2 id="heading">Heading</h2>' in html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_source_date_epoch_sets_the_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1710115200")  # 2024-03-11 00:00 UTC
    assert build_date_from_environment() == dt.date(2024, 3, 11)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        build_date_from_environment()


def test_derived_facts_as_of_the_build_date(site: TinySite) -> None:
    model = load_site(site.root, dt.date(2026, 11, 23))
    plan = model.plans[0]
    by_id = {a.id: a for a in plan.actions}
    assert by_id["cut-waits"].overdue and not by_id["plan-better"].overdue
    assert by_id["cut-waits"].days_overdue == (dt.date(2026, 11, 23) - dt.date(2020, 3, 31)).days
    assert by_id["cut-waits"].latest_update is not None
    assert by_id["cut-waits"].latest_update.date == dt.date(2020, 1, 10)
    assert plan.status_counts == {
        "not-started": 0, "on-track": 0, "at-risk": 0, "off-track": 1, "complete": 1,
    }  # fmt: skip
    initial = next(i for i in model.inspections if i.id == "2017-inspection")
    revisit = next(i for i in model.inspections if i.id == "2019-revisit")
    assert [a.id for a in initial.findings[0].actions] == ["plan-better"]
    assert revisit.previous is initial and initial.followed_by == [revisit]
    assert revisit.findings[1].earlier is initial.findings[1]
    assert [a.id for a in revisit.findings[1].all_actions] == ["cut-waits"]
    assert revisit.sufficient_count == 1
    assert initial.plans == [plan]
    service = model.services[0]
    assert service.review_due == dt.date(2027, 9, 1) and not service.due_for_review
    later = load_site(site.root, dt.date(2027, 9, 1))
    assert later.services[0].due_for_review


def test_measure_chart_needs_two_values_and_names_itself() -> None:
    from sendsite.model import Measure, MeasureValue
    from sendsite.render.charts import measure_chart

    one = Measure("Waits", "weeks", 40, 18, [MeasureValue(dt.date(2025, 1, 1), 30)])
    assert measure_chart(one, "c") == ""
    two = Measure("Waits", "weeks", 40, 18, [*one.values, MeasureValue(dt.date(2025, 7, 1), 24)])
    chart = measure_chart(two, "c")
    assert chart.startswith('<div class="measure-chart" id="c" role="img" aria-label="')
    assert "from 30 weeks on 1 January 2025 to 24 weeks on 1 July 2025" in chart
    assert "target of 18 weeks" in chart
    # The scale, the dates and the key are HTML text, never SVG text sized in the SVG's units.
    assert "<text" not in chart and "<span>40</span>" in chart and "Target: 18 weeks" in chart
