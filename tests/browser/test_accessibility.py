"""Every page type of the example site, in headless Chromium: no axe-core WCAG 2.2 A/AA
violations, the skip link is the first thing Tab reaches, text reflows at 320px, and the main
content is there without JavaScript. Screenshots are written for a person to look at."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendsite.cli import main
from tests.browser.a11y_support import (  # noqa: F401  (fixtures)
    PAGE_TYPES,
    REPO,
    ServedSite,
    a11y_browser,
    a11y_site,
    axe_source,
    describe_violations,
    pdf_page_count,
    run_axe,
    serve,
)
from tests.conftest import TINY_SITE

SCREENSHOTS = REPO / "screenshots"
SCREENSHOT_PAGES = {
    "home": "",
    "service": "services/portage/",
    "inspection": "inspections/2024-area-send-inspection/",
    "plan": "plans/send-improvement-plan-2024/",
}


@pytest.fixture
def tab(a11y_browser: Any) -> Iterator[Any]:  # noqa: F811
    context = a11y_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("relative", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_axe_violations(
    tab: Any,
    a11y_site: ServedSite,  # noqa: F811
    axe_source: str,  # noqa: F811
    relative: str,
) -> None:
    response = tab.goto(a11y_site.url(relative))
    assert response is not None
    assert response.status == 200
    violations = run_axe(tab, axe_source)
    assert not violations, describe_violations(violations)


@pytest.mark.parametrize("relative", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    tab: Any,
    a11y_site: ServedSite,  # noqa: F811
    relative: str,
) -> None:
    tab.goto(a11y_site.url(relative))
    tab.keyboard.press("Tab")
    focused = tab.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {text: el.textContent.trim(), href: el.getAttribute('href'),
                    visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0};
        }"""
    )
    assert focused == {"text": "Skip to main content", "href": "#main", "visible": True}
    tab.keyboard.press("Enter")
    assert tab.evaluate("() => document.activeElement.id") == "main"


@pytest.mark.parametrize("relative", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_reflows_at_320px_without_horizontal_scrolling(
    a11y_browser: Any,  # noqa: F811
    a11y_site: ServedSite,  # noqa: F811
    relative: str,
) -> None:
    context = a11y_browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(a11y_site.url(relative))
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > 320.5
                              && !el.closest('.table-wrap'))
                .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))
                .slice(0, 5)"""
        )
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"the page is {width}px wide; too wide: {wide}"
    finally:
        context.close()


@pytest.mark.parametrize("relative", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_main_content_is_there_without_javascript(
    a11y_browser: Any,  # noqa: F811
    a11y_site: ServedSite,  # noqa: F811
    relative: str,
) -> None:
    context = a11y_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(a11y_site.url(relative))
        assert page.locator("main h1").count() == 1
        assert len(page.locator("main").inner_text().split()) >= 5
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_for_people_to_look_at(
    a11y_browser: Any,  # noqa: F811
    a11y_site: ServedSite,  # noqa: F811
    width: int,
) -> None:
    """Writes screenshots/NAME-WIDTH.png (not committed) for a person to review."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = a11y_browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        for name, relative in SCREENSHOT_PAGES.items():
            page.goto(a11y_site.url(relative))
            file: Path = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(file), full_page=True)
            assert file.stat().st_size > 0
    finally:
        context.close()


def test_every_service_page_prints_on_one_or_two_sheets(
    a11y_browser: Any,  # noqa: F811
    a11y_site: ServedSite,  # noqa: F811
) -> None:
    services = sorted(p.stem for p in (REPO / "content/services").glob("*.md"))
    assert services
    context = a11y_browser.new_context()
    try:
        page = context.new_page()
        too_long = {}
        for service in services:
            page.goto(a11y_site.url(f"services/{service}/"))
            sheets = pdf_page_count(page.pdf(format="A4"))
            assert sheets >= 1
            if sheets > 2:
                too_long[service] = sheets
        assert not too_long, f"service pages that print on more than two A4 sheets: {too_long}"
    finally:
        context.close()


FOCUS_STYLE = """(el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, s.boxShadow,
            s.backgroundColor, s.color, s.textDecorationLine].join(' | ');
}"""


@pytest.mark.parametrize("relative", ["", "services/portage/", "plans/send-improvement-plan-2024/"])
def test_focus_is_visible_on_everything_tab_reaches(
    tab: Any,
    a11y_site: ServedSite,  # noqa: F811
    relative: str,
) -> None:
    """Each element Tab reaches looks different while it has focus (WCAG 2.4.7)."""
    tab.goto(a11y_site.url(relative))
    invisible = []
    reached = 0
    for _ in range(200):
        tab.keyboard.press("Tab")
        element = tab.evaluate_handle("() => document.activeElement")
        if tab.evaluate("(el) => el === document.body", element):
            break  # past the last focusable element
        reached += 1
        focused = tab.evaluate(FOCUS_STYLE, element)
        # Compare with the same element without focus: move focus to the body for a moment.
        tab.evaluate("(el) => { el.blur(); }", element)
        unfocused = tab.evaluate(FOCUS_STYLE, element)
        tab.evaluate("(el) => el.focus({focusVisible: true})", element)
        if focused == unfocused:
            invisible.append(tab.evaluate("(el) => el.outerHTML.slice(0, 120)", element))
    assert reached > 10
    assert not invisible, f"no visible focus on: {invisible}"


BRANDED = """\
brand:
  colour: "#5c2d91"
  header_colour: "#1d1d1b"
  logo: council-logo.svg
  logo_alt: Testshire Council
"""
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    '<rect x="2" y="2" width="36" height="36" fill="none" stroke="#ffffff" stroke-width="4"/>'
    '<text x="46" y="27" fill="#ffffff" font-size="18" font-family="sans-serif">Testshire</text>'
    "</svg>"
)


def test_a_branded_site_with_a_logo_has_no_axe_violations(
    tab: Any,
    axe_source: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The council's colours and logo from site.yaml keep the pages accessible."""
    source = tmp_path / "site"
    for name, text in TINY_SITE.items():
        file = source / name
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(textwrap.dedent(text), encoding="utf-8")
    with (source / "site.yaml").open("a", encoding="utf-8") as site_yaml:
        site_yaml.write(BRANDED)
    (source / "content/assets").mkdir()
    (source / "content/assets/council-logo.svg").write_text(LOGO, encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "--date", "2026-11-23"]) == 0
    with serve(tmp_path / "out") as origin:
        for relative in ("", "services/portage/", "plans/wsoa/"):
            tab.goto(f"{origin}/{relative}")
            logo = tab.locator(".site-header__logo")
            assert logo.get_attribute("alt") == "Testshire Council"
            assert logo.evaluate("(img) => img.complete && img.naturalWidth > 0")
            violations = run_axe(tab, axe_source)
            assert not violations, describe_violations(violations)


# WCAG 1.4.12 Text Spacing: people who override these must lose no content.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)
CLIPPED = """() => [...document.querySelectorAll('body *')].filter(el => {
    const s = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(s.overflowX) || ['hidden', 'clip'].includes(s.overflowY);
    return clips && !el.closest('.visually-hidden')
        && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
}).map(el => el.tagName.toLowerCase() + '.' + el.className)"""


@pytest.mark.parametrize("relative", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_wider_text_spacing_at_320px_clips_nothing(
    a11y_browser: Any,  # noqa: F811
    a11y_site: ServedSite,  # noqa: F811
    relative: str,
) -> None:
    context = a11y_browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(a11y_site.url(relative))
        page.add_style_tag(content=TEXT_SPACING)
        assert page.evaluate(CLIPPED) == []
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_glossary_meanings_are_reached_by_keyboard_without_hovering(
    a11y_browser: Any,  # noqa: F811
    a11y_site: ServedSite,  # noqa: F811
    axe_source: str,  # noqa: F811
    width: int,
) -> None:
    """A title shows only to a resting mouse: with the keyboard alone, and the pointer never
    over a term, each linked term's meaning is on the page, folded at its foot."""
    context = a11y_browser.new_context(viewport={"width": width, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(a11y_site.url("inspections/2024-area-send-inspection/"))
        meanings = tab.eval_on_selector_all(
            "main a.glossary-term", "links => links.map(a => [a.textContent, a.title])"
        )
        assert len(meanings) >= 3
        summary = tab.locator(".words-used summary")
        assert not tab.locator(".words-used dd").first.is_visible()  # folded: the page stays short
        for _ in range(400):  # Tab through the page until the fold has focus
            tab.keyboard.press("Tab")
            if tab.evaluate("() => document.activeElement.matches('.words-used summary')"):
                break
        else:
            pytest.fail("Tab never reached 'See what N words mean'")
        assert summary.inner_text() == f"See what {len(meanings)} words mean"
        tab.keyboard.press("Enter")
        rows = tab.locator(".words-used__row")
        assert rows.count() == len(meanings)
        for index, (_, meaning) in enumerate(meanings):  # in the order the terms appear
            dd = rows.nth(index).locator("dd")
            assert dd.is_visible()
            assert dd.inner_text().startswith(meaning)
        violations = run_axe(tab, axe_source)
        assert not violations, describe_violations(violations)
    finally:
        context.close()
