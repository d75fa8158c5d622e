"""The shortlist as a parent on a 375 px phone uses it: save three services from their pages, see
them together with their contacts, print them on one A4 sheet, send the list to another phone,
remove one; without JavaScript the page explains itself. Names and contacts expected come from
the example site's model, not from the page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from sendsite import model
from sendsite.publish.pipeline import load_site
from sendsite.source.phone import tel
from tests.browser.a11y_support import BUILD_DATE, REPO, pdf_page_count
from tests.browser.conftest import SMALL_PHONE, axe_violations, new_page

SCREEN = SMALL_PHONE  # the phone fixtures' screen
# Three services with a phone, an email and, for one, an address: a printout's usual contents.
SAVED = ("portage", "autism-saturday-club", "wheelchair-service")


@pytest.fixture(scope="module")
def site() -> model.Site:
    return load_site(REPO, dt.date.fromisoformat(BUILD_DATE))


@pytest.fixture
def other_phone(browser: Browser) -> Iterator[Page]:
    """Another phone: its own browser context, so nothing saved on the first is here."""
    yield from new_page(browser, javascript=True, viewport=SCREEN)


def service(site: model.Site, service_id: str) -> model.Service:
    return next(s for s in site.services if s.id == service_id)


def live(page: Page) -> str:
    return page.locator("[data-shortlist-live]").inner_text()


def save_three(page: Page, base_url: str, site: model.Site) -> None:
    for count, service_id in enumerate(SAVED, start=1):
        page.goto(f"{base_url}services/{service_id}/")
        button = page.locator("[data-shortlist-save] button")
        expect(button).to_have_text("Save to shortlist")
        button.click()
        name = service(site, service_id).name
        expect(page.locator("[data-shortlist-live]")).to_have_text(
            f"Saved: {name} ({count} on your shortlist)"
        )
        expect(button).to_have_text("Remove from shortlist")
        expect(page.locator(".shortlist-toggle__state")).to_be_visible()
        expect(page.locator("[data-shortlist-link]")).to_have_text(f"Shortlist ({count})")


def shown_names(page: Page) -> list[str]:
    expect(page.locator(".shortlist-item .shortlist-item__facts").first).to_be_visible()
    return page.locator(".shortlist-item__title").all_inner_texts()


def sheets_printed(page: Page) -> int:
    """A4 sheets the page prints on, with its print stylesheet, as Print does. Printed from a
    second tab of the same browser: Chromium's page.pdf() leaves the page it prints laid out
    for paper."""
    tab = page.context.new_page()
    try:
        tab.goto(page.url)
        shown_names(tab)
        return pdf_page_count(tab.pdf(format="A4"))
    finally:
        tab.close()


def check_contacts(page: Page, site: model.Site) -> None:
    """Each saved service is shown with every phone (as a tel: link), email and address its
    content gives, and its website."""
    items = page.locator(".shortlist-item")
    expect(items).to_have_count(len(SAVED))
    for at, service_id in enumerate(SAVED):
        s = service(site, service_id)
        item = items.nth(at)
        expect(item.locator(".shortlist-item__facts")).to_be_visible()
        expect(item.locator(".shortlist-item__by")).to_have_text(f"Run by {s.organisation.name}")
        for contact in s.contacts:
            if contact.phone is not None:
                link = item.locator(f"a[href='tel:{tel(contact.phone)}']")
                expect(link).to_have_text(contact.phone)
            if contact.email is not None:
                expect(item.locator(f"a[href='mailto:{contact.email}']")).to_have_count(1)
        for location in s.locations:
            for part in (location.postcode, location.name):
                if part is not None:
                    expect(item.locator("address")).to_contain_text(part)
        if s.website is not None:
            expect(item.locator(f"a[href='{s.website}']")).to_have_count(1)


def test_three_saved_services_show_with_contacts_print_on_one_sheet_and_open_on_another_phone(
    phone: Page, other_phone: Page, base_url: str, site: model.Site
) -> None:
    save_three(phone, base_url, site)
    phone.locator("[data-shortlist-link]").click()
    expect(phone).to_have_url(f"{base_url}shortlist/")
    expect(phone.locator("h1")).to_have_text("Your shortlist")
    assert shown_names(phone) == [service(site, i).name for i in SAVED]
    expect(phone.locator("#shortlist-count")).to_have_text("You have saved 3 services.")
    check_contacts(phone, site)
    assert any(service(site, i).locations for i in SAVED)  # an address is among them

    assert sheets_printed(phone) == 1

    # Share: the link opens the same list, in order, with its contacts, on another phone.
    phone.get_by_role("button", name="Share this list").click()
    field = phone.locator("#shortlist-link")
    expect(field).to_be_visible()
    link = field.input_value()
    assert link == f"{base_url}shortlist/?s={','.join(SAVED)}"
    email = str(phone.locator("[data-shortlist-email]").get_attribute("href"))
    assert email.startswith("mailto:?subject=")
    assert quote(link, safe="") in email
    other_phone.goto(link)
    expect(other_phone.locator("h1")).to_have_text("A shortlist shared with you")
    assert shown_names(other_phone) == [service(site, i).name for i in SAVED]
    check_contacts(other_phone, site)
    expect(other_phone.locator("[data-shortlist-link]")).to_have_text("Shortlist (0)")
    assert sheets_printed(other_phone) == 1
    other_phone.get_by_role("button", name="Keep this list on this device").click()
    expect(other_phone.locator("h1")).to_have_text("Your shortlist")
    expect(other_phone.locator("[data-shortlist-link]")).to_have_text("Shortlist (3)")
    expect(other_phone).to_have_url(f"{base_url}shortlist/")

    # Remove one: focus goes to the service now in its place, and the change is announced.
    removed = service(site, SAVED[1])
    phone.get_by_role("button", name=f"Remove from shortlist: {removed.name}").click()
    expect(phone.locator("[data-shortlist-live]")).to_have_text(
        f"Removed: {removed.name} (2 on your shortlist)"
    )
    assert shown_names(phone) == [service(site, SAVED[0]).name, service(site, SAVED[2]).name]
    focused = phone.evaluate("document.activeElement.textContent")
    assert focused == service(site, SAVED[2]).name
    expect(phone.locator("[data-shortlist-link]")).to_have_text("Shortlist (2)")
    phone.reload()  # kept in the browser
    assert shown_names(phone) == [service(site, SAVED[0]).name, service(site, SAVED[2]).name]
    # The other phone's list is its own.
    other_phone.reload()
    assert len(shown_names(other_phone)) == 3
    # On paper: no buttons or menu, each service's address online, and the list's.
    other_phone.emulate_media(media="print")
    for hidden in (".shortlist__actions", ".shortlist-item__actions", ".site-nav"):
        expect(other_phone.locator(hidden).first).to_be_hidden()
    expect(other_phone.locator(".shortlist__printed-from")).to_contain_text(
        f"This list online: {link}"
    )
    expect(other_phone.locator(".shortlist-item__page")).to_have_count(3)
    expect(other_phone.locator(".shortlist-item__page").first).to_be_visible()


def test_nothing_leaves_the_browser_but_the_service_pages_it_reads(
    phone: Page, base_url: str, site: model.Site
) -> None:
    """The shortlist asks this site for the saved services' own pages and nothing else: no
    other address, no cookie."""
    asked: list[str] = []
    phone.on("request", lambda request: asked.append(request.url))
    save_three(phone, base_url, site)
    phone.goto(f"{base_url}shortlist/")
    shown_names(phone)
    assert all(url.startswith(base_url) for url in asked), asked
    fetched = [url for url in asked if "/services/" in url and url.endswith("/")]
    assert {f"{base_url}services/{i}/" for i in SAVED} <= set(fetched)
    assert phone.context.cookies() == []
    kept = phone.evaluate("JSON.stringify(Object.keys(localStorage))")
    assert kept == '["sendsite-shortlist:/dorset-send/services/"]'


def test_search_results_and_lists_have_save_buttons_too(
    phone: Page, base_url: str, site: model.Site
) -> None:
    portage = service(site, "portage")
    phone.goto(f"{base_url}services/?q=portage")
    button = phone.get_by_role("button", name=f"Save to shortlist: {portage.name}")
    button.click()
    expect(phone.locator("[data-shortlist-live]")).to_have_text(
        f"Saved: {portage.name} (1 on your shortlist)"
    )
    expect(
        phone.get_by_role("button", name=f"Remove from shortlist: {portage.name}")
    ).to_be_focused()
    # A browse list (drawn by the build, not the search) shows it as saved.
    phone.goto(f"{base_url}services/age/0-4/")
    card = phone.locator(f".card[data-service-id='{portage.id}']")
    expect(card.locator(".shortlist-toggle__state")).to_be_visible()
    expect(card.get_by_role("button")).to_have_text(re.compile("^Remove from shortlist"))


def test_clearing_the_list_asks_first_and_leaves_the_way_back_to_services(
    phone: Page, base_url: str, site: model.Site
) -> None:
    save_three(phone, base_url, site)
    phone.goto(f"{base_url}shortlist/")
    shown_names(phone)
    asked: list[str] = []

    def answer(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    phone.on("dialog", answer)
    phone.get_by_role("button", name="Clear the shortlist").click()
    expect(phone.locator(".shortlist-item")).to_have_count(0)
    assert asked == ["Remove all 3 services from your shortlist?"]
    expect(phone.locator("#shortlist-count")).to_have_text(
        "There is nothing on your shortlist yet."
    )
    expect(phone.locator("#shortlist-count")).to_be_focused()
    expect(phone.locator("[data-shortlist-empty]")).to_be_visible()
    expect(phone.locator(".shortlist__actions")).to_be_hidden()


def test_axe_finds_nothing_on_the_shortlist_empty_and_with_three_and_on_a_service_page(
    phone: Page, base_url: str, site: model.Site, axe_source: str
) -> None:
    phone.goto(f"{base_url}shortlist/")
    expect(phone.locator("#shortlist-count")).to_have_text(
        "There is nothing on your shortlist yet."
    )
    assert axe_violations(phone, axe_source) == []
    save_three(phone, base_url, site)  # ends on a service page, saved, with its state shown
    assert axe_violations(phone, axe_source) == []
    phone.goto(f"{base_url}shortlist/")
    shown_names(phone)
    phone.get_by_role("button", name="Share this list").click()
    expect(phone.locator("#shortlist-link")).to_be_visible()
    assert axe_violations(phone, axe_source) == []
    phone.goto(f"{base_url}shortlist/?s={','.join(SAVED)},no-such-service")
    expect(phone.locator(".shortlist-item")).to_have_count(4)
    expect(phone.locator(".shortlist-item__problem")).to_contain_text("no longer listed")
    assert axe_violations(phone, axe_source) == []


def test_without_javascript_the_shortlist_page_explains_itself(
    phone_without_js: Page, base_url: str
) -> None:
    page = phone_without_js
    page.goto(f"{base_url}shortlist/")
    expect(page.locator("h1")).to_have_text("Your shortlist")
    expect(page.locator("[data-shortlist-no-script]")).to_be_visible()
    expect(page.locator("[data-shortlist-no-script]")).to_contain_text("needs JavaScript")
    expect(page.get_by_text("kept only on this device")).to_be_visible()
    expect(page.locator("main button:visible")).to_have_count(0)
    # Service pages and lists say nothing about a shortlist they cannot offer.
    for path in ("services/portage/", "services/"):
        page.goto(base_url + path)
        expect(page.locator("[data-shortlist-link]")).to_be_hidden()
        assert "shortlist" not in page.locator("body").inner_text().lower()
