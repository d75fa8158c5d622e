"""Inspection and plan pages read on a 375 px phone: the outcome and the first finding with its
action status within the first two screens, long lists folded (without JavaScript) and printed
open. Measured on the Dorset example and the illustrative priority-action site."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from sendsite.cli import main
from tests.browser.a11y_support import BUILD_DATE, REPO, serve

SCREEN: ViewportSize = {"width": 375, "height": 812}  # a 375 px phone, one screen 812 px tall
EXAMPLESHIRE = REPO / "tests" / "sites" / "exampleshire"
LONG_ITEM = (
    "Inspectors found that this part of the local area partnership's work is described at the "
    "length real reports use, with several clauses, examples and the reasons behind them, so "
    "that a list of these runs to many screens on a phone when it is not folded."
)


def with_long_lists(site: Path) -> None:
    """The illustrative report with the long lists real priority-action reports have: 30
    strengths, 25 points to improve and 12 inspectors, none of which may push the areas for
    priority action down the page."""
    config = site / "site.yaml"
    config.write_text(
        config.read_text("utf-8").replace("/exampleshire-send/", "/long-send/"), "utf-8"
    )
    inspection = site / "content" / "inspections" / "2025-area-send-inspection.md"
    text = inspection.read_text("utf-8")
    for key, count in (("strengths", 30), ("to_improve", 25)):
        items = "".join(f"  - {LONG_ITEM} ({key} {n})\n" for n in range(count))
        text = text.replace(f"\n{key}:\n", f"\n{key}:\n{items}", 1)
    team = "".join(
        f"  - {{name: Inspector {n}, role: Ofsted Inspector, inspectorate: Ofsted}}\n"
        for n in range(12)
    )
    inspection.write_text(text.replace("\ninspectors:\n", f"\ninspectors:\n{team}", 1), "utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("phone")
    assert main(["build", str(REPO), "-o", str(root / "dorset-send"), "--date", BUILD_DATE]) == 0
    out = root / "exampleshire-send"
    assert main(["build", str(EXAMPLESHIRE), "-o", str(out), "--date", BUILD_DATE]) == 0
    long_site = root / "long-source"
    shutil.copytree(EXAMPLESHIRE, long_site, ignore=shutil.ignore_patterns(".sendsite-cache"))
    with_long_lists(long_site)
    long_out = root / "long-send"
    assert main(["build", str(long_site), "-o", str(long_out), "--date", BUILD_DATE]) == 0
    with serve(Path(root)) as origin:
        yield origin


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, viewport=SCREEN)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def screens(page: Page, selector: str | None = None) -> float:
    """How many screens down the bottom of `selector` is (or the whole page's height)."""
    if selector is None:
        height = page.evaluate("document.documentElement.scrollHeight")
    else:
        height = page.evaluate(
            "s => document.querySelector(s).getBoundingClientRect().bottom + scrollY", selector
        )
    return float(height) / SCREEN["height"]


# Most screens each page may take at 375 x 812 with its lists folded (about eight).
# Measured 2026-12-02, screens before ->
# after: Dorset 2024 17.7 -> 11.6 -> 8.8 -> 7.0 (3 December: the area's own summary folded after
# its first paragraph), revisit 11.8 -> 9.1 -> 7.7, Exampleshire 8.5 -> 7.7.
INSPECTIONS = [
    ("/dorset-send/inspections/2024-area-send-inspection/", 8),
    ("/dorset-send/inspections/2019-revisit/", 8),
    ("/exampleshire-send/inspections/2025-area-send-inspection/", 8),
    ("/exampleshire-send/inspections/2026-monitoring-inspection/", 8),
    # A generated priority-action report with 30 strengths, 25 points to improve and 12
    # inspectors: folded, they add a line each, not screens.
    ("/long-send/inspections/2025-area-send-inspection/", 8),
]


@pytest.mark.parametrize(("path", "most"), INSPECTIONS)
def test_outcome_and_first_finding_with_its_action_status_in_two_screens(
    phone: Page, sites: str, path: str, most: float
) -> None:
    phone.goto(sites + path)
    assert screens(phone, ".outcome") <= 2
    first = ".finding"
    assert screens(phone, f"{first} .finding__label") <= 2
    assert screens(phone, f"{first} .tag") <= 2, "the first finding's action or judgement status"
    assert screens(phone) <= most
    labels = phone.locator(".finding__label").all_inner_texts()
    assert labels and not any(label.endswith("…") for label in labels), "each finding's own label"


@pytest.mark.parametrize(
    ("path", "most"),
    [
        ("/dorset-send/plans/send-improvement-plan-2024/", 8.5),  # 27.3 -> 11.6 -> 7.9
        ("/exampleshire-send/plans/priority-action-plan-2025/", 8),  # 8.3 -> 5.6
    ],
)
def test_plan_pages_fold_each_actions_details(
    phone: Page, sites: str, path: str, most: float
) -> None:
    phone.goto(sites + path)
    assert screens(phone) <= most
    assert phone.locator(".action details:not([open])").count() == phone.locator(".action").count()


def test_long_lists_are_folded_without_javascript_and_open_when_asked(
    phone: Page, sites: str
) -> None:
    phone.goto(sites + "/exampleshire-send/inspections/2025-area-send-inspection/")
    strengths = phone.locator("#inspection-strengths + details")
    assert not strengths.locator("li").first.is_visible()
    strengths.locator("summary").click()
    assert strengths.locator("li").first.is_visible()


def test_the_areas_summary_shows_its_first_paragraph_and_folds_the_rest(
    phone: Page, sites: str
) -> None:
    phone.goto(sites + "/dorset-send/inspections/2024-area-send-inspection/")
    summary = phone.locator("#inspection-summary ~ .prose").first
    assert summary.is_visible()
    rest = phone.locator(".fold--summary")
    assert rest.locator(".fold__summary").inner_text() == "Read the rest of our summary"
    assert not rest.locator("li").first.is_visible()
    rest.locator(".fold__summary").click()
    assert rest.locator("li").first.is_visible()
    phone.reload()
    phone.emulate_media(media="print")
    assert phone.locator(".fold--summary li").first.is_visible()


def test_folded_lists_print_open(phone: Page, sites: str) -> None:
    phone.goto(sites + "/exampleshire-send/inspections/2025-area-send-inspection/")
    phone.emulate_media(media="print")
    for selector in ("#inspection-strengths + details li", ".finding .finding__text"):
        assert phone.locator(selector).first.is_visible(), selector
