"""The Local Offer directory in a real browser: search and filters with JavaScript, and the
browse pages without it. Expected results come from the example site's model, not from the page."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from sendsite import model
from sendsite.publish.pipeline import load_site
from tests.browser.a11y_support import BUILD_DATE, REPO, SUB_PATH
from tests.browser.conftest import axe_violations


@pytest.fixture(scope="module")
def site() -> model.Site:
    return load_site(REPO, dt.date.fromisoformat(BUILD_DATE))


def service_path(service: model.Service) -> str:
    return f"{SUB_PATH}services/{service.id}/"


def matching(
    site: model.Site,
    *,
    need: str | None = None,
    area: str | None = None,
    ages: tuple[int, int] | None = None,
) -> set[str]:
    """The paths of the active services a family with these answers should be shown."""
    found = set()
    for s in site.active_services:
        if need and not (s.needs_all or need in [n.id for n in s.needs]):
            continue
        if area and not (s.areas_all or area in [a.id for a in s.areas]):
            continue
        if ages is not None and not s.ages.overlaps(*ages):
            continue
        found.add(service_path(s))
    return found


def result_paths(page: Page) -> set[str]:
    hrefs = page.locator("#search-results .card__title a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return {urlsplit(h).path for h in hrefs}


def show_all_results(page: Page) -> None:
    more = page.locator("#search-more")
    while more.is_visible():
        count = page.locator("#search-results .card").count()
        more.click()
        expect(page.locator("#search-results .card")).not_to_have_count(count)


def wait_for_results(page: Page) -> str:
    status = page.locator("#search-status")
    expect(status).to_have_text(re.compile(r"found"))
    return status.inner_text()


def test_search_finds_a_service_by_a_word_in_its_description(
    page: Page, base_url: str, site: model.Site
) -> None:
    sports = next(s for s in site.services if s.id == "inclusive-sports-sessions")
    assert "boccia" in sports.body and "boccia" not in (sports.name + sports.summary).lower()
    page.goto(base_url + "services/")
    expect(page.locator("#search-q")).to_be_visible()
    page.locator("#search-q").fill("boccia")
    status = wait_for_results(page)
    assert status == "1 service found for “boccia”."
    assert result_paths(page) == {service_path(sports)}
    # The count is announced: the status is a polite live region.
    assert page.locator("#search-status").get_attribute("role") == "status"
    assert page.locator("#search-status").get_attribute("aria-live") == "polite"
    # The result works under the site's sub-path.
    page.locator("#search-results .card__title a").click()
    expect(page).to_have_url(urljoin(base_url, service_path(sports)))
    expect(page.locator("h1")).to_have_text(sports.name)


def test_two_filters_combine_and_a_reload_keeps_the_results(
    page: Page, base_url: str, site: model.Site
) -> None:
    page.goto(base_url + "services/")
    page.evaluate("window.sameDocument = true")  # gone if the browser loaded a new page
    page.locator("#search-need").select_option("hearing-impairment")
    wait_for_results(page)
    page.locator("#search-age").select_option("16-18")
    expect(page.locator("#search-status")).to_contain_text("16 to 18 years")
    show_all_results(page)
    expected = matching(site, need="hearing-impairment", ages=(16, 18))
    assert 0 < len(expected) < len(site.active_services)
    assert result_paths(page) == expected
    status = page.locator("#search-status").inner_text()
    assert status.startswith(f"{len(expected)} services found")
    # No page load happened, and the search is in the address.
    assert page.evaluate("window.sameDocument") is True
    assert urlsplit(page.url).query == "need=hearing-impairment&age=16-18"
    page.reload()
    assert wait_for_results(page) == status
    show_all_results(page)
    assert result_paths(page) == expected
    expect(page.locator("#search-need")).to_have_value("hearing-impairment")
    expect(page.locator("#search-age")).to_have_value("16-18")


def test_a_shared_link_with_words_and_filters_opens_the_same_search(
    page: Page, base_url: str, site: model.Site
) -> None:
    page.goto(base_url + "services/?q=club&area=north-dorset")
    wait_for_results(page)
    expect(page.locator("#search-q")).to_have_value("club")
    paths = result_paths(page)
    assert service_path(next(s for s in site.services if s.id == "autism-saturday-club")) in paths
    # Browse lists give way to the results while a search is shown, and come back when cleared.
    expect(page.locator("#browse-heading")).to_be_hidden()
    page.get_by_role("link", name="Clear search").click()
    expect(page.locator("#browse-heading")).to_be_visible()
    assert urlsplit(page.url).query == ""


def test_one_search_from_the_home_page_finds_the_service(
    page: Page, base_url: str, site: model.Site
) -> None:
    page.goto(base_url)
    # The home page folds its filters under one line, so the first screen holds the search box.
    page.get_by_text("Filter by age, area or need").click()
    page.locator("#search-need").select_option(label="Autism")
    page.locator("#search-area").select_option(label="North Dorset")
    page.locator("#search-age").select_option(label="5 to 10 years")
    page.get_by_role("button", name="Find services").click()
    wait_for_results(page)
    show_all_results(page)
    assert result_paths(page) == matching(site, need="autism", area="north-dorset", ages=(5, 10))
    assert f"{SUB_PATH}services/autism-saturday-club/" in result_paths(page)


def crawl(page: Page, start: str, pattern: str) -> set[str]:
    """Every service linked from the listing pages whose paths match `pattern`, following
    their page links, starting from the links on `start`."""
    page.goto(start)
    to_visit = [
        urljoin(start, h)
        for h in page.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        if re.fullmatch(pattern, h)
    ]
    seen: set[str] = set()
    services: set[str] = set()
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response is not None and response.ok, url
        for href in page.locator("main a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            if re.fullmatch(rf"{SUB_PATH}services/[a-z0-9-]+/", href) and "/page-" not in href:
                services.add(href)
            if re.fullmatch(pattern, href):
                to_visit.append(urljoin(url, href))
    assert seen
    return services


@pytest.mark.parametrize("facet", ["category", "age"])
def test_without_javascript_category_and_age_pages_reach_every_service(
    page_without_js: Page, base_url: str, site: model.Site, facet: str
) -> None:
    page_without_js.goto(base_url + "services/")
    expect(page_without_js.locator("#search-q")).to_be_hidden()  # nothing that cannot work
    pattern = rf"{SUB_PATH}services/{facet}/[a-z0-9-]+/(page-\d+/)?"
    reached = crawl(page_without_js, base_url + "services/", pattern)
    assert reached == {service_path(s) for s in site.active_services}
    closed = [s for s in site.services if not s.active]
    assert closed and not reached & {service_path(s) for s in closed}


def test_without_javascript_three_steps_from_home_to_the_service(
    page_without_js: Page, base_url: str
) -> None:
    """A parent looking for "autism, age 7, North Dorset" on a phone: age, area, service."""
    page = page_without_js
    page.goto(base_url)
    page.get_by_role("link", name="5 to 10 years", exact=True).click()  # step 1
    page.get_by_role("link", name="North Dorset", exact=True).click()  # step 2
    expect(page.locator("h1")).to_have_text("Services for ages 5 to 10 years in North Dorset")
    autism = page.locator("section#need-autism")
    expect(autism.locator("h2")).to_contain_text("Autism")
    autism.get_by_role("link", name="Saturday club for autistic children in North Dorset").click()
    expect(page.locator("h1")).to_have_text("Saturday club for autistic children in North Dorset")
    assert urlsplit(page.url).path == f"{SUB_PATH}services/autism-saturday-club/"


@pytest.mark.parametrize(
    "path",
    [
        "",
        "services/",
        "services/?need=autism&age=5-10&area=north-dorset",
        "services/category/health/",
        "services/area/north-dorset/page-2/",
        "services/age/5-10/north-dorset/",
        "services/autism-saturday-club/",
        "organisations/wessex-family-link/",
    ],
)
@pytest.mark.parametrize("enhanced", [True, False], ids=["with-search-script", "without"])
def test_directory_pages_pass_axe_checks(
    page: Page, base_url: str, axe_source: str, path: str, enhanced: bool
) -> None:
    # axe needs JavaScript itself, so "without" blocks the site's own script instead: the
    # page is then exactly what a browser with JavaScript off shows.
    if not enhanced:
        page.route("**/directory-search*.js", lambda route: route.abort())
    page.goto(base_url + path)
    if enhanced and "?" in path:
        wait_for_results(page)
    if not enhanced and page.locator("[data-search]").count():
        expect(page.locator("[data-search]")).to_be_hidden()
    assert axe_violations(page, axe_source) == []
