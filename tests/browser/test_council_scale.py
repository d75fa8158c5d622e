"""The accessibility suite at council scale: the Dorset example and a generated 4,000-service
site (benchmarks/make_site.py, about 10,000 pages), as an auditor would check them.

On a sample of each site's pages (tests/browser/site_sample.py: for every page type the first,
the largest and a spread, so the largest page of each listing type is always in it), at 320
and 1280 px: no axe-core violation, the skip link is the first Tab stop, visibly focused, and
moves focus to the main content, whose first control shows its focus too; at 320 px nothing
scrolls sideways and no listing page is longer than MAX_SCREENS phone screens. On the big site
as a whole: the Nu Html Checker on every file, a crawl of every link (full addresses into the
site's own base URL too) and a keyboard walk through the search to its last result. The example
site's whole-site checks are in test_accessibility_site.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.browser.a11y_support import (  # noqa: F401  (fixtures)
    ServedSite,
    a11y_site,
    axe_source,
    run_axe,
    vnu_errors,
)
from tests.browser.crawl import crawl, unreached
from tests.browser.site_sample import Sampled, sample
from tests.browser.test_search_keyboard import BATCH, walk_search_to_the_end

PHONE = {"width": 320, "height": 568}  # the smallest phone WCAG's reflow criterion names
DESKTOP = {"width": 1280, "height": 900}
# A listing page at most this many 320 x 568 screens long. Twenty service cards run to 18 to
# 23 screens at 320 px (the example's area pages, whose first page also lists the area's ages,
# are the longest); the pages that were enormous ran to 59 (every organisation on one page)
# and about 1,000 (an age-and-area page at 4,000 services).
MAX_SCREENS = 25
# Typed into the big site's search: the first digits of a hundred services' numbers, which with
# ages 0 to 4 finds about 80, so "Show more" is pressed three times.
SEARCH_WORDS = "002"

# What an element looks like, to tell whether focus changes it (WCAG 2.4.7).
FOCUS_STYLE = """(el) => { const s = getComputedStyle(el);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor,
            s.color, s.textDecorationLine, s.borderBottomColor].join('|'); }"""
SKIP_LINK = """() => { const el = document.activeElement; const box = el.getBoundingClientRect();
    return {href: el.getAttribute('href'), text: el.textContent.trim(),
            visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                     && box.right <= innerWidth}; }"""

CONTROLS = ", ".join(f"main {c}" for c in ("a[href]", "button", "input", "select", "textarea"))
HAS_CONTROLS = f"""() => [...document.querySelectorAll('{CONTROLS}, main summary')]
    .some((el) => el.getClientRects().length > 0)"""


@dataclass
class Audit:
    """What the checks found on one site's sample."""

    pages: list[Sampled]
    axe: list[str] = field(default_factory=list)  # one line a violation: page, width, rule
    keyboard: list[str] = field(default_factory=list)
    sideways: list[str] = field(default_factory=list)
    heights: dict[str, int] = field(default_factory=dict)  # page: px tall at 320 px


def visibly_focused(page: Page, element: Any) -> bool:
    focused = page.evaluate(FOCUS_STYLE, element)
    page.evaluate("(el) => el.blur()", element)
    unfocused = page.evaluate(FOCUS_STYLE, element)
    page.evaluate("(el) => el.focus()", element)
    return bool(focused != unfocused)


def check_keyboard(page: Page) -> list[str]:
    """The skip link first and visibly focused; Enter moves focus to <main>; the next Tab
    reaches a control inside <main>, visibly focused."""
    page.keyboard.press("Tab")
    skip = page.evaluate(SKIP_LINK)
    if skip != {"href": "#main", "text": "Skip to main content", "visible": True}:
        return [f"the first Tab stop is not a visible skip link: {skip}"]
    problems = []
    if not visibly_focused(page, page.evaluate_handle("document.activeElement")):
        problems.append("the skip link does not show its focus")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "main":
        return [*problems, "the skip link does not move focus to <main>"]
    if not page.evaluate(HAS_CONTROLS):
        return problems  # a page of text alone: the next Tab rightly leaves <main>
    page.keyboard.press("Tab")
    inside = page.evaluate_handle("document.activeElement")
    if not page.evaluate("(el) => el.closest('main') !== null", inside):
        problems.append("Tab after the skip link leaves <main>")
    elif not visibly_focused(page, inside):
        name = page.evaluate("(el) => el.outerHTML.slice(0, 80)", inside)
        problems.append(f"no visible focus on {name}")
    return problems


def audit(browser: Browser, site: ServedSite, axe: str) -> Audit:
    found = Audit(sample(site.folder))
    for size in (PHONE, DESKTOP):
        width = size["width"]
        context = browser.new_context(viewport=size)  # type: ignore[arg-type]
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            for sampled in found.pages:
                response = page.goto(site.url(sampled.relative))
                where = f"{sampled.relative or '(home)'} at {width} px"
                if response is None or response.status != 200:
                    found.axe.append(f"{where}: answers {response and response.status}")
                    continue
                found.axe += [f"{where}: {v['id']} {v['help']}" for v in run_axe(page, axe)]
                if width == 320:
                    wide = page.evaluate(
                        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                    )
                    if wide > 0:
                        found.sideways.append(f"{where}: scrolls sideways by {wide} px")
                    found.heights[sampled.relative] = page.evaluate(
                        "document.documentElement.scrollHeight"
                    )
                page.goto(site.url(sampled.relative))  # axe's script gone, focus at the top
                found.keyboard += [f"{where}: {p}" for p in check_keyboard(page)]
        finally:
            context.close()
    return found


@pytest.fixture(scope="module", params=["example", "council"])
def site_audit(
    request: pytest.FixtureRequest,
    browser: Browser,
    axe_source: str,  # noqa: F811
) -> tuple[str, ServedSite, Audit]:
    name = str(request.param)
    served: ServedSite = request.getfixturevalue(
        "a11y_site" if name == "example" else "council_site"
    )
    found = audit(browser, served, axe_source)
    largest = max(found.pages, key=lambda p: p.size)
    print(
        f"\n{name}: {len(found.pages)} sampled pages of {len(served.html_files())}, "
        f"{len({p.kind for p in found.pages})} page types, at 320 and 1280 px: "
        f"{len(found.axe)} axe violations, {len(found.keyboard)} keyboard problems, "
        f"{len(found.sideways)} sideways scrolls; largest page {largest.relative} "
        f"{largest.size / 1000:.0f} KB, {found.heights[largest.relative]} px tall at 320 px; "
        f"tallest listing {max((found.heights[p.relative], p.relative) for p in found.pages if p.is_listing)}"
    )
    return name, served, found


def test_no_axe_violations_on_any_sampled_page(site_audit: tuple[str, ServedSite, Audit]) -> None:
    _, _, found = site_audit
    assert not found.axe, "\n".join(found.axe)


def test_skip_link_and_focus_work_at_both_widths(site_audit: tuple[str, ServedSite, Audit]) -> None:
    _, _, found = site_audit
    assert not found.keyboard, "\n".join(found.keyboard)


def test_nothing_scrolls_sideways_at_320_px(site_audit: tuple[str, ServedSite, Audit]) -> None:
    _, _, found = site_audit
    assert not found.sideways, "\n".join(found.sideways)


def test_no_listing_page_is_enormous_on_a_phone(site_audit: tuple[str, ServedSite, Audit]) -> None:
    _, _, found = site_audit
    listings = [p for p in found.pages if p.is_listing]
    assert {p.kind for p in listings} >= {"services/", "organisations/", "services/age/*/*/"}
    too_long = {
        p.relative: round(found.heights[p.relative] / PHONE["height"], 1)
        for p in listings
        if found.heights[p.relative] > MAX_SCREENS * PHONE["height"]
    }
    assert not too_long, f"listing pages over {MAX_SCREENS} screens at 320 px: {too_long}"


def base_url_of(source: Path) -> str:
    return str(yaml.safe_load((source / "site.yaml").read_text(encoding="utf-8"))["base_url"])


def test_every_file_of_the_council_site_is_valid_html(council_site: ServedSite) -> None:
    files = council_site.html_files()
    assert len(files) > 10_000
    errors = vnu_errors(files)
    print(f"the Nu Html Checker read {len(files)} files: {len(errors)} errors")
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])


def test_every_link_of_the_council_site_leads_somewhere(
    council_site: ServedSite, council_source: Path
) -> None:
    base_url = base_url_of(council_source)
    found = crawl(council_site.origin, council_site.sub_path, base_url, ["", "404.html"])
    print(
        f"crawled {len(found.pages)} addresses, checked {found.links} internal links "
        f"({found.anchors} to #anchors, {found.own_links} full addresses into {base_url}), "
        f"{len(found.broken)} broken"
    )
    assert found.own_links > 0  # the canonical links at least, so the base URL is followed
    assert not found.broken, "\n".join(sorted(found.broken)[:40])
    assert unreached(found, council_site.folder, council_site.url("")) == set()


def test_search_by_keyboard_on_the_council_site(browser: Browser, council_site: ServedSite) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        total = walk_search_to_the_end(
            page, council_site.url("services/"), "age", "0-4", query=SEARCH_WORDS
        )
    finally:
        context.close()
    assert total > 2 * BATCH  # "Show more" pressed more than once


def test_the_sample_has_each_page_type_first_largest_and_a_spread(tmp_path: Path) -> None:
    from tests.browser.site_sample import page_type

    assert page_type("") == ""
    assert page_type("404.html") == "404.html"
    assert page_type("services/portage/") == "services/*/"
    assert page_type("services/page-7/") == "services/"
    assert page_type("services/need/autism/page-2/") == "services/need/*/"
    assert page_type("services/access/step-free/") == "services/access/*/"
    assert page_type("services/age/5-10/north/need/autism/page-3/") == "services/age/*/*/need/*/"
    assert page_type("services/age/5-10/north/any-need/") == "services/age/*/*/any-need/"
    assert page_type("where-do-i-start/a/b/") == "where-do-i-start/*/*/"
    for n in range(30):
        path = tmp_path / "services" / f"s-{n:02d}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text("x" * (100 + (50 if n == 17 else n)), encoding="utf-8")
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    picked = [(p.relative, p.kind) for p in sample(tmp_path, spread=2)]
    assert picked == [
        ("", ""),
        ("services/s-00/", "services/*/"),  # the first
        ("services/s-17/", "services/*/"),  # the largest
        ("services/s-10/", "services/*/"),  # a third and two thirds of the way
        ("services/s-20/", "services/*/"),
    ]
    assert sample(tmp_path, spread=2) == sample(tmp_path, spread=2)
