"""The directory's search as a parent on a phone types into it: typos, their own words for a
need or a kind of help, an age and an area in one line, and words no service uses. Expected
services come from the example site's model, not from the page."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from sendsite import model
from sendsite.publish.pipeline import load_site
from tests.browser.a11y_support import BUILD_DATE, REPO, SUB_PATH
from tests.browser.conftest import SMALL_PHONE, axe_violations

SCREEN = SMALL_PHONE  # the phone fixture's screen


@pytest.fixture(scope="module")
def site() -> model.Site:
    return load_site(REPO, dt.date.fromisoformat(BUILD_DATE))


def path_of(service: model.Service) -> str:
    return f"{SUB_PATH}services/{service.id}/"


def status_after_search(page: Page) -> str:
    status = page.locator("#search-status")
    expect(status).to_have_text(re.compile(r"found"))
    return status.inner_text()


def shown_paths(page: Page) -> list[str]:
    hrefs = page.locator("#search-results .card__title a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return [urlsplit(h).path for h in hrefs]


def test_a_typo_an_age_and_an_area_from_the_home_page_reach_the_service_on_one_screen(
    phone: Page, base_url: str, site: model.Site
) -> None:
    club = next(s for s in site.services if s.id == "autism-saturday-club")
    phone.goto(base_url)
    phone.locator("#search-q").fill("autsim 7 north dorset")
    phone.locator("#search-q").press("Enter")
    status = status_after_search(phone)
    assert status.startswith(
        f"{len(shown_paths(phone))} services found for Autism, North Dorset, age 7."
    )
    assert "We searched for “autism” instead of “autsim”." in status
    # Focus moves to the count (which is announced), scrolled to the top of the screen.
    assert phone.evaluate("document.activeElement.id") == "search-status"
    expect(phone.locator("#search-status")).to_be_in_viewport()
    # The service is on that first screen of results, link and all.
    link = phone.locator(f"#search-results a[href$='{path_of(club)}']")
    box = link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"]
    # Every result is for autism (or any need), in North Dorset (or everywhere), and age 7;
    # grouped as the browse pages group them: the autism services, then those for any need.
    expected = {
        path_of(s)
        for s in site.active_services
        if (s.needs_all or "autism" in [n.id for n in s.needs])
        and (s.areas_all or "north-dorset" in [a.id for a in s.areas])
        and s.ages.min <= 7 <= s.ages.max
    }
    assert set(shown_paths(phone)) == expected
    headings = phone.locator("#search-results .search__group-heading").all_inner_texts()
    assert [h.split(" ")[1] for h in headings] == ["Autism", "any"]
    first_group = phone.locator(".search__group").first.locator(".card__title a")
    any_need = {path_of(s) for s in site.active_services if s.needs_all}
    assert not any_need & {
        urlsplit(h).path for h in first_group.evaluate_all("a => a.map(x => x.href)")
    }


def test_respite_finds_short_breaks(phone: Page, base_url: str, site: model.Site) -> None:
    phone.goto(base_url + "services/")
    phone.locator("#search-q").fill("respite")
    status = status_after_search(phone)
    breaks = {
        path_of(s)
        for s in site.active_services
        if "short-breaks-and-leisure" in [c.id for c in s.categories]
    }
    assert status == f"{len(breaks)} services found for Short breaks and leisure."
    paths = shown_paths(phone)
    assert set(paths) == breaks
    # The services about short breaks by name come first.
    assert paths[0] == f"{SUB_PATH}services/short-breaks/"


def test_asd_means_autism(phone: Page, base_url: str, site: model.Site) -> None:
    phone.goto(base_url + "services/?q=ASD")
    status = status_after_search(phone)
    count = sum(
        1 for s in site.active_services if s.needs_all or "autism" in [n.id for n in s.needs]
    )
    assert status.startswith(f"{count} services found for Autism.")


def test_a_word_no_service_uses_finds_nothing_and_offers_the_browse_pages(
    phone: Page, base_url: str
) -> None:
    phone.goto(base_url + "services/")
    phone.locator("#search-q").fill("xqzvw")
    phone.locator("#search-q").press("Enter")
    status = status_after_search(phone)
    assert status.startswith("No services found for “xqzvw”.")
    expect(phone.locator("#search-results .card")).to_have_count(0)
    expect(phone.locator("#browse-heading")).to_be_visible()
    # Beside real words it is left out, and said so.
    phone.locator("#search-q").fill("boccia xqzvw")
    expect(phone.locator("#search-status")).to_contain_text("1 service found")
    assert "No service uses the word “xqzvw”, so it was left out." in status_after_search(phone)


def test_results_with_groups_pass_axe(phone: Page, base_url: str, axe_source: str) -> None:
    phone.goto(base_url + "services/?q=autism+north+dorset")
    status_after_search(phone)
    expect(phone.locator(".search__group-heading").first).to_be_visible()
    assert axe_violations(phone, axe_source) == []


@pytest.mark.parametrize("words", ["autsim 7 north dorset", "holidy club", "speech therapy"])
def test_words_typed_key_by_key_end_with_what_enter_shows_for_them(
    phone: Page, base_url: str, words: str
) -> None:
    # Each key may start a search (and one still being worked out is not stopped), so an
    # answer for the letters typed on the way must never be what is left on the screen.
    phone.goto(base_url + "services/")
    phone.locator("#search-q").fill(words)
    phone.locator("#search-q").press("Enter")
    wanted = status_after_search(phone)
    wanted_paths = shown_paths(phone)
    phone.locator("#search-q").fill("")
    expect(phone.locator("#search-status")).to_have_text("")
    phone.locator("#search-q").press_sequentially(words)
    expect(phone.locator("#search-status")).to_have_text(wanted)
    # Long enough for any older search's answer to arrive, had it been drawn over it.
    phone.wait_for_timeout(1000)
    expect(phone.locator("#search-status")).to_have_text(wanted)
    assert shown_paths(phone) == wanted_paths
