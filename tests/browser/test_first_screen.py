"""The example site on a 375 x 812 phone screen: what a family sees before scrolling."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SMALL_PHONE

SCREEN = SMALL_PHONE  # the phone and phone_without_js fixtures' screen


def bottom(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


def test_home_page_has_the_search_and_the_age_buttons_on_the_first_screen(
    phone: Page, base_url: str
) -> None:
    phone.goto(base_url)
    expect(phone.locator("#search-q")).to_be_visible()
    assert bottom(phone, "#search-q") < SCREEN["height"]
    assert bottom(phone, "[data-search] button[type=submit]") < SCREEN["height"]
    # The first age button is on the first screen too.
    assert bottom(phone, ".choice-list__link") < SCREEN["height"]
    # The menu is one row, folded.
    assert bottom(phone, ".site-nav") < 120
    expect(phone.locator(".site-nav__list")).to_be_hidden()


def test_age_buttons_in_a_row_are_the_same_height(phone: Page, base_url: str) -> None:
    phone.goto(base_url)
    boxes = [phone.locator(".choice-list__link").nth(i).bounding_box() for i in range(2)]
    assert boxes[0] is not None and boxes[1] is not None
    assert boxes[0]["y"] == boxes[1]["y"]  # side by side
    assert boxes[0]["height"] == boxes[1]["height"]


def test_without_javascript_the_age_buttons_come_first_and_the_menu_opens(
    phone_without_js: Page, base_url: str
) -> None:
    page = phone_without_js
    page.goto(base_url)
    expect(page.locator("#search-q")).to_be_hidden()
    assert bottom(page, ".choice-list__link") < SCREEN["height"]
    page.get_by_text("Menu", exact=True).click()
    link = page.locator(".site-nav__list a", has_text="Find a service")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(base_url + "services/")


def test_the_menu_is_open_without_a_button_on_a_wide_screen(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )
    try:
        page = context.new_page()
        page.goto(base_url)
        expect(page.locator(".site-nav__toggle")).to_be_hidden()
        expect(page.locator(".site-nav__list a", has_text="Inspections")).to_be_visible()
    finally:
        context.close()


def test_a_service_page_shows_how_to_get_in_touch_on_the_first_screen(
    phone_without_js: Page, base_url: str
) -> None:
    phone_without_js.goto(base_url + "services/portage/")
    assert bottom(phone_without_js, "main a[href^='tel:']") < SCREEN["height"]


def test_no_page_asks_for_favicon_ico(phone: Page, base_url: str) -> None:
    asked: list[str] = []
    phone.on("request", lambda request: asked.append(request.url))
    phone.goto(base_url)
    phone.wait_for_load_state("networkidle")
    assert not [url for url in asked if url.endswith("/favicon.ico")]
    assert [url for url in asked if "/static/favicon." in url]
