"""The plan page's charts follow the reader's text size: with Chromium's default font size set
to 32 px (Settings > Appearance > Font size, here through the DevTools protocol's
Page.setFontSizes) every word and number of the measure chart and the status bars is twice
as big as with the default 16 px, and the page still fits a 320 px screen.

Text drawn inside an SVG is sized in the SVG's own units, so it followed the chart's width and
never the reader's setting; these tests fail if any chart text goes back inside an SVG."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

PLAN = "plans/send-improvement-plan-2024/"
# The chart's words: its scale, its first and last dates, its key; and the status bars' numbers.
TEXT = (".measure-chart__scale span", ".measure-chart__dates span", ".measure-chart__key li")


@contextlib.contextmanager
def open_plan(browser: Browser, base_url: str, font_size: int) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    page.set_default_timeout(15_000)
    if font_size != 16:
        session = context.new_cdp_session(page)
        session.send("Page.setFontSizes", {"fontSizes": {"standard": font_size}})
    page.goto(base_url + PLAN)
    # The measures are folded under each action; open them all so that they are laid out.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    try:
        yield page
    finally:
        context.close()


MEASURE = """(selectors) => {
    const chart = document.querySelector('.measure-chart');
    const box = (el) => el.getBoundingClientRect();
    const words = selectors.flatMap((s) => [...chart.querySelectorAll(s)]);
    const bars = [...document.querySelectorAll('.status-table__cell')];
    return {
        sizes: words.map((el) => parseFloat(getComputedStyle(el).fontSize)),
        barNumbers: bars.map((el) => parseFloat(getComputedStyle(el).fontSize)),
        plotHeight: box(chart.querySelector('.measure-chart__plot')).height,
        chart: [box(chart).left, box(chart).right],
        words: words.map((el) => { const b = box(el); return [b.left, b.top, b.right, b.bottom]; }),
        svgText: document.querySelectorAll('svg text').length,
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
}"""


def measure(browser: Browser, base_url: str, font_size: int) -> dict[str, Any]:
    with open_plan(browser, base_url, font_size) as page:
        found: dict[str, Any] = page.evaluate(MEASURE, list(TEXT))
        return found


def overlapping(boxes: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]


@pytest.fixture(scope="module")
def at_16_and_32(browser: Browser, base_url: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return measure(browser, base_url, 16), measure(browser, base_url, 32)


def test_chart_words_grow_with_the_readers_text_size(
    at_16_and_32: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    normal, large = at_16_and_32
    assert normal["svgText"] == 0 and large["svgText"] == 0, "chart text drawn inside an SVG"
    # The scale's two numbers, the two dates and the key's target and baseline.
    assert len(normal["sizes"]) == 6 and len(large["sizes"]) == 6
    for small, big in zip(normal["sizes"], large["sizes"], strict=True):
        assert small >= 12 and big >= 1.9 * small, (normal["sizes"], large["sizes"])
    assert normal["barNumbers"] and all(
        big >= 1.9 * small
        for small, big in zip(normal["barNumbers"], large["barNumbers"], strict=True)
    )
    # The plot grows too, so the lines keep their place beside the bigger numbers.
    assert large["plotHeight"] >= 1.9 * normal["plotHeight"]


def test_chart_stays_readable_at_320_px_at_both_sizes(
    at_16_and_32: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    normal, _ = at_16_and_32
    assert normal["sideways"] <= 0, f"the plan page scrolls sideways by {normal['sideways']} px"
    # At 32 px other parts of the page (dates kept on one line, the footer's address) are wider
    # than the screen; the chart itself still fits, with none of its words cut or overlapping.
    for found in at_16_and_32:
        left, right = found["chart"]
        assert left >= 0 and right <= 320
        for word in found["words"]:
            assert left - 0.5 <= word[0] and word[2] <= right + 0.5, (word, found["chart"])
        assert overlapping(found["words"]) == [], found["words"]
