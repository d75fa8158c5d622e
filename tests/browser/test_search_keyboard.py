"""The directory search by keyboard alone, as a screen reader or switch user meets it: choose a
filter, Tab through the results, press "Show more services" and carry on from the first new
result to the last, with the count said again each time."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from sendsite import model
from sendsite.publish.pipeline import load_site
from tests.browser.a11y_support import BUILD_DATE, REPO

BATCH = 20  # results the script draws at a time (BATCH in directory-search.js)


def focused(page: Page) -> str:
    """What has focus: the link's text, a control's id, or the tag name (BODY when lost)."""
    return str(
        page.evaluate(
            """() => {
            const e = document.activeElement;
            if (!e) return "none";
            if (e.id) return "#" + e.id;
            if (e.tagName === "A") return "link:" + e.textContent.trim();
            if (e.tagName === "BUTTON") return "button:" + (e.getAttribute("aria-label") || e.textContent.trim());
            return e.tagName;
        }"""
        )
    )


def tab_until(page: Page, target: str, limit: int = 400) -> list[str]:
    """Press Tab until `target` (as `focused` names it) has focus; what had focus on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now)
        if now == target:
            return seen
        assert now != "BODY", f"focus fell to <body> after {seen[-5:]}"
    raise AssertionError(f"Tab never reached {target}: {seen[-10:]}")


def result_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("#search-results .card__title a").all_inner_texts()]


def walk_search_to_the_end(
    page: Page, services_url: str, facet: str, option: str, query: str = ""
) -> int:
    """Type `query` (if any), choose `option` in the `facet` filter with the keyboard, then Tab
    and "Show more" through every result, checking focus and the announced count at each
    press; the number of results."""
    page.goto(services_url)
    page.locator("#search-q").focus()
    status = page.locator("#search-status")
    if query:
        page.keyboard.type(query)
        expect(status).to_have_text(re.compile(r"^\d+ services? found"))
    tab_until(page, f"#search-{facet}")
    # Arrow keys change a closed select in Chromium on Linux, as they do for keyboard users.
    for _ in range(200):
        if page.locator(f"#search-{facet}").input_value() == option:
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator(f"#search-{facet}")).to_have_value(option)
    # The status names the chosen filter once the search has answered for it (and not for the
    # words alone, or an option passed on the way).
    label = page.locator(f"#search-{facet} option:checked").inner_text().strip()
    expect(status).to_have_text(re.compile(r"^\d+ services? found.*" + re.escape(label)))
    total = int(status.inner_text().split()[0])
    shown = min(total, BATCH)
    expect(page.locator("#search-results .card")).to_have_count(shown)
    if total > BATCH:
        expect(status).to_contain_text(f"Showing 1 to {BATCH} of {total}.")
    titles = result_titles(page)
    # Tab from the filter reaches every drawn result in order, then the button.
    passed = tab_until(page, "#search-more") if total > BATCH else []
    assert [s for s in passed if s.startswith("link:")][-shown:] == [f"link:{t}" for t in titles]
    while shown < total:
        page.keyboard.press("Enter")
        expect(page.locator("#search-results .card")).to_have_count(min(total, shown + BATCH))
        titles = result_titles(page)
        # Focus is on the first new result, not on <body> or a button above it.
        assert focused(page) == f"link:{titles[shown]}"
        before, shown = shown, len(titles)
        ending = " That is all of them." if shown == total else ""
        expect(status).to_have_text(
            re.compile(
                rf"^{total} services found .*Showing {before + 1} to {shown} of {total}\."
                + re.escape(ending)
                + "$"
            )
        )
        # The next Tabs go through the rest of the new results, in order, each result's link
        # then its "Save to shortlist" button.
        for at in range(before, shown):
            if at > before:
                page.keyboard.press("Tab")
                assert focused(page) == f"link:{titles[at]}"
            page.keyboard.press("Tab")
            assert focused(page) == f"button:Save to shortlist: {titles[at]}"
        if shown < total:
            page.keyboard.press("Tab")
            assert focused(page) == "#search-more"
    expect(page.locator("#search-more")).to_be_hidden()
    page.keyboard.press("Tab")
    assert focused(page) != "BODY"
    return total


@pytest.fixture(scope="module")
def services_per_age_band() -> dict[str, int]:
    # Plain counts, not the model: a failing test's report prints its arguments, and the
    # model's repr is enormous.
    site = load_site(REPO, dt.date.fromisoformat(BUILD_DATE))
    return {
        f"{low}-{high}": sum(1 for s in site.active_services if s.ages.overlaps(low, high))
        for low, high in model.AGE_BANDS
    }


def test_show_more_moves_focus_to_the_first_new_result_and_says_the_count(
    page: Page, base_url: str, services_per_age_band: dict[str, int]
) -> None:
    # The age band with the most services: more than one batch, so "Show more" appears.
    counts = services_per_age_band
    band = max(counts, key=lambda b: counts[b])
    assert counts[band] > BATCH, counts
    assert walk_search_to_the_end(page, base_url + "services/", "age", band) == counts[band]
