"""Filtering by venue and delivery facts on a phone: a parent ticks "Step-free access" and gets
exactly the services with step-free access, then the same list without JavaScript. On the
generated benchmark site (benchmarks/make_site.py), whose made-up services have these facts;
the expected services come from its model, not from the page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from sendsite import model
from sendsite.model import venue
from tests.browser.a11y_support import REPO
from tests.browser.conftest import COUNCIL_SUB_PATH, axe_violations

SUB_PATH = COUNCIL_SUB_PATH  # the generated site's, as the bench fixture serves it
SHOTS = REPO / "screenshots"


def step_free(site: model.Site) -> set[str]:
    return {
        f"{SUB_PATH}services/{s.id}/"
        for s in site.active_services
        if venue.has(s, "access", "step-free")
    }


def test_ticking_step_free_access_shows_only_those_services(
    phone: Page, bench: tuple[str, model.Site], axe_source: str
) -> None:
    base, site = bench
    expected = step_free(site)
    assert 0 < len(expected) < len(site.active_services)  # the filter has something to do
    phone.goto(f"{base}services/")
    phone.get_by_text("Filter by getting in, how it is offered, day or cost").click()
    phone.get_by_label("Step-free access").check()
    status = phone.locator("#search-status")
    expect(status).to_have_text(re.compile(r"found for Step-free access\."))
    assert status.inner_text().startswith(f"{len(expected)} services found")
    assert "access=step-free" in phone.url
    # Every batch drawn, then every result is one of the services with step-free access.
    more = phone.locator("#search-more")
    while more.is_visible():
        more.click()
    expect(phone.locator("#search-results .card")).to_have_count(len(expected))
    hrefs = phone.locator("#search-results .card__title a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    assert {urlsplit(h).path for h in hrefs} == expected
    # A second kind of access narrows the list to services with both.
    phone.get_by_label("Hearing loop").check()
    both = {
        f"{SUB_PATH}services/{s.id}/"
        for s in site.active_services
        if venue.has(s, "access", "step-free") and venue.has(s, "access", "hearing-loop")
    }
    expect(status).to_have_text(re.compile(r"found for Step-free access, Hearing loop\."))
    assert status.inner_text().startswith(f"{len(both)} service")
    assert axe_violations(phone, axe_source) == []
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / "venue-filter-375.png"))
    # The address keeps the filters: reloading it ticks the boxes again, unfolded.
    phone.reload()
    expect(phone.get_by_label("Step-free access")).to_be_checked()
    expect(phone.get_by_label("Hearing loop")).to_be_checked()
    expect(status).to_have_text(re.compile(r"found for Step-free access, Hearing loop\."))


def test_the_same_list_without_javascript(
    phone_without_js: Page, phone: Page, bench: tuple[str, model.Site], axe_source: str
) -> None:
    base, site = bench
    page = phone_without_js
    page.goto(f"{base}services/")
    page.get_by_role("link", name=re.compile(r"^Step-free access")).click()
    expect(page.locator("h1")).to_have_text("Services with step-free access")
    found: set[str] = set()
    while True:
        hrefs = page.locator(".cards .card__title a").evaluate_all(
            "links => links.map(a => a.href)"
        )
        found |= {urlsplit(h).path for h in hrefs}
        following = page.locator("a[rel=next]")
        if following.count() == 0:
            break
        following.first.click()
    assert found == step_free(site)
    page.goto(f"{base}services/access/step-free/")
    page.screenshot(path=str(SHOTS / "venue-list-375.png"), full_page=True)
    # axe runs as a script, so the page is checked where scripts run.
    phone.goto(f"{base}services/access/step-free/")
    assert axe_violations(phone, axe_source) == []


def test_a_service_page_says_how_to_get_there_and_take_part(
    phone_without_js: Page, phone: Page, bench: tuple[str, model.Site], axe_source: str
) -> None:
    base, site = bench
    service = next(
        s
        for s in site.active_services
        if len(venue.service_access(s)) >= 2 and len(s.delivery) >= 2
    )
    page = phone_without_js
    page.goto(f"{base}services/{service.id}/")
    section = page.locator("section[aria-labelledby=service-taking-part]")
    expect(section.locator("h2")).to_have_text("Getting there and taking part")
    for fact in venue.facts(service):
        if fact.facet in ("access", "delivery"):
            expect(section.get_by_role("link", name=fact.label, exact=True)).to_be_visible()
    section.screenshot(path=str(SHOTS / "venue-service-section-375.png"))
    page.screenshot(path=str(SHOTS / "venue-service-375.png"), full_page=True)
    phone.goto(f"{base}services/{service.id}/")
    assert axe_violations(phone, axe_source) == []
