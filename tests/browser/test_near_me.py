"""Near me on a phone: a parent types the first half of their postcode, or presses "Use my
location", and the results come nearest first, each with its distance; the location is never
sent anywhere. On the generated benchmark site (benchmarks/make_site.py), whose made-up places
have coordinates; the expected order comes from its model (model/places.py), not the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from sendsite import model
from sendsite.model import places
from tests.browser.a11y_support import REPO
from tests.browser.conftest import COUNCIL_SUB_PATH, SMALL_PHONE, axe_violations, new_page

SUB_PATH = COUNCIL_SUB_PATH  # the generated site's, as the bench fixture serves it
SHOTS = REPO / "screenshots"
HERE = (50.8012, -2.4321)  # where the test's browser says it is


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from new_page(
        browser,
        javascript=True,
        viewport=SMALL_PHONE,
        geolocation={"latitude": HERE[0], "longitude": HERE[1]},
        permissions=["geolocation"],
    )


def nearest_first(site: model.Site, point: tuple[float, float]) -> list[str]:
    """The site's services with a place, nearest first, as the page should list them."""
    placed = []
    for s in site.active_services:
        spots = [
            (loc.latitude, loc.longitude)
            for loc in s.locations
            if loc.latitude is not None and loc.longitude is not None
        ]
        if spots:
            placed.append((min(places.km_between(point, spot) for spot in spots), s))
    return [f"{SUB_PATH}services/{s.id}/" for _, s in sorted(placed, key=lambda p: p[0])]


def shown(page: Page) -> list[str]:
    hrefs = page.locator("#search-results .card__title a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [urlsplit(h).path for h in hrefs]


def test_a_postcode_district_sorts_the_results_nearest_first(
    phone: Page, bench: tuple[str, model.Site], axe_source: str
) -> None:
    base, site = bench
    centres = places.centres(site.active_services)
    phone.goto(f"{base}services/")
    phone.get_by_label("Sort by distance from").fill("bx5 2ab")  # a whole postcode, lower case
    phone.get_by_role("button", name="Sort by distance").click()
    status = phone.locator("#search-status")
    expect(status).to_have_text(re.compile(r"Nearest first to BX5"))
    expected = nearest_first(site, centres["BX5"])
    assert shown(phone)[:10] == expected[:10]
    first = phone.locator("#search-results .card").first
    expect(first.locator(".card__distance")).to_have_text(re.compile(r"mile"))
    assert "near=BX5" in phone.url
    assert axe_violations(phone, axe_source) == []
    SHOTS.mkdir(exist_ok=True)
    assert status.inner_text().startswith(f"{len(site.active_services)} services found. Nearest")
    phone.locator("#near-heading").scroll_into_view_if_needed()
    phone.screenshot(path=str(SHOTS / "near-me-district-375.png"))
    phone.locator("#search-status").scroll_into_view_if_needed()
    phone.locator("#search-results .card").first.screenshot(
        path=str(SHOTS / "near-me-card-375.png")
    )
    # With a filter too, only that filter's services, still nearest first.
    phone.get_by_label("Age", exact=True).select_option("5-10")
    expect(status).to_have_text(re.compile(r"5 to 10 years.*Nearest first to BX5"))
    in_band = {
        f"{SUB_PATH}services/{s.id}/" for s in site.active_services if s.ages.overlaps(5, 10)
    }
    assert shown(phone)[:5] == [p for p in expected if p in in_band][:5]


def test_a_district_with_no_places_is_said_not_guessed(
    phone: Page, bench: tuple[str, model.Site]
) -> None:
    base, _ = bench
    phone.goto(f"{base}services/")
    phone.get_by_label("Sort by distance from").fill("BX99")
    phone.get_by_role("button", name="Sort by distance").click()
    expect(phone.locator("#near-status")).to_have_text(
        re.compile(r"No service in the directory has a place in BX99.*such as BX1")
    )
    phone.get_by_label("Sort by distance from").fill("hello")
    phone.get_by_role("button", name="Sort by distance").click()
    expect(phone.locator("#near-status")).to_have_text(
        re.compile(r"“hello” is not the start of a postcode")
    )


def test_my_location_is_asked_for_on_the_press_only_and_never_sent(
    phone: Page, bench: tuple[str, model.Site]
) -> None:
    base, site = bench
    phone.add_init_script(
        "const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);"
        "window.__asked = 0;"
        "navigator.geolocation.getCurrentPosition = (...a) => { window.__asked++; return real(...a); };"
    )
    phone.goto(f"{base}services/")
    phone.get_by_label("Words to search for").fill("club")
    expect(phone.locator("#search-status")).to_have_text(re.compile(r"found"))
    assert phone.evaluate("window.__asked") == 0  # not asked while searching
    requests: list[Request] = []
    phone.on("request", lambda request: requests.append(request))
    phone.get_by_role("button", name="Use my location").click()
    expect(phone.locator("#search-status")).to_have_text(
        re.compile(r"Nearest first to where you are")
    )
    assert phone.evaluate("window.__asked") == 1
    # What was fetched after the press: the sort's own script and places file at most, and
    # none of it carries the location; the address does not either.
    fetched = [urlsplit(r.url).path for r in requests]
    assert set(fetched) <= {
        f"{SUB_PATH}pagefind/places.json",
        *(p for p in fetched if p.startswith(f"{SUB_PATH}static/near-me")),
        *(p for p in fetched if p.startswith(f"{SUB_PATH}pagefind/")),
    }
    for request in requests:
        said = request.url + (request.post_data or "")
        for number in (HERE[0], HERE[1]):
            assert str(number) not in said and str(round(number, 2)) not in said
    assert "50.80" not in phone.url and "near=" not in phone.url
    # The services found, nearest to the browser's position first.
    order = {path: at for at, path in enumerate(nearest_first(site, HERE))}
    ranks = [order[p] for p in shown(phone) if p in order]
    assert len(ranks) > 3 and ranks == sorted(ranks)
