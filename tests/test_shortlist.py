"""The shortlist as a build makes it: a real page that explains itself without JavaScript and
says where the list is kept, Save buttons' places on service pages and cards (hidden until
shortlist.js shows them), and, on each service page, the data the shortlist reads its contacts
from. The browser tests (tests/browser/test_shortlist.py) drive the list itself."""

from __future__ import annotations

import json
from typing import Any

from bs4 import Tag

from tests.conftest import TinySite, text_of
from tests.soup import attr, found

CLOSED = """\
---
name: Old club
organisation: testshire-council
summary: A club that has closed.
categories: [education]
needs: all
ages: {min: 5, max: 10}
areas: all
last_reviewed: 2026-09-01
status: closed
contacts:
  - {phone: 01632 960009}
---
"""


def test_the_shortlist_page_explains_itself_without_javascript(site: TinySite) -> None:
    run = site.build()
    assert run.code == 0, run.err
    page = site.page("/shortlist/")
    assert text_of(found(page.h1)) == "Your shortlist"
    # Without JavaScript: the explanation shows and the list's controls stay hidden.
    notice = found(page.select_one("[data-shortlist-no-script]"))
    assert not notice.has_attr("hidden")
    assert "needs JavaScript" in text_of(notice)
    assert found(notice.find("a", string="Find a service"))["href"] == "/services/"
    app = found(page.select_one("[data-shortlist-app]"))
    assert app.has_attr("hidden")
    assert app.find("button") is not None  # print, share, clear: drawn, but hidden
    # Where the list is kept, said plainly whether or not JavaScript runs.
    privacy = found(page.find("section", attrs={"aria-labelledby": "shortlist-privacy"}))
    words = text_of(privacy)
    assert "kept only on this device" in words
    assert "not sent to us or to anyone else" in words
    assert "no cookies" in words
    assert not privacy.has_attr("hidden")


def test_every_page_loads_the_shortlist_script_and_hides_its_link(site: TinySite) -> None:
    run = site.build()
    assert run.code == 0, run.err
    for path in ("/", "/services/portage/", "/shortlist/", "/glossary/"):
        page = site.page(path)
        link = found(page.select_one("a[data-shortlist-link]"))
        assert link.has_attr("hidden"), path  # shortlist.js shows it
        assert attr(link, "href") == "/shortlist/"
        assert attr(link, "data-services-url") == "/services/"
        assert found(page.select_one("[data-shortlist-live]"))["role"] == "status"
        scripts = [attr(s, "src") for s in page.find_all("script", src=True)]
        shortlist = [s for s in scripts if s.startswith("/static/shortlist.")]
        assert len(shortlist) == 1, scripts
        assert (site.output / shortlist[0].lstrip("/")).is_file()
        # The site's policy allows no inline script: every script is a file or data.
        for script in page.find_all("script"):
            assert script.has_attr("src") or script.get("type") == "application/ld+json", path
        assert page.find(style=True) is None and page.find("style") is None
    current = site.page("/shortlist/").select_one("a[data-shortlist-link]")
    assert found(current)["aria-current"] == "page"


def test_service_pages_and_cards_have_a_place_for_the_save_button(site: TinySite) -> None:
    site.write("content/services/old-club.md", CLOSED)
    run = site.build()
    assert run.code == 0, run.err
    page = site.page("/services/portage/")
    place = found(page.select_one("[data-shortlist-save]"))
    assert place.has_attr("hidden")  # nothing shows without JavaScript
    assert attr(place, "data-service-id") == "portage"
    assert attr(place, "data-service-name") == "Portage"
    assert place.find("button") is None  # drawn by the script, so nothing is there to misread
    assert "kept on this device only" in text_of(place)
    # A service that has closed cannot be saved.
    assert site.page("/services/old-club/").select_one("[data-shortlist-save]") is None
    cards = site.page("/services/").select("li.card")
    assert cards
    ids = {attr(card, "data-service-id") for card in cards}
    assert "portage" in ids and "old-club" not in ids


def _service_data(page: Tag) -> Any:
    script = found(page.find("script", type="application/ld+json"))
    data = json.loads(script.get_text())
    assert isinstance(data, dict)
    return data


def test_a_service_page_carries_what_the_shortlist_shows(site: TinySite) -> None:
    """shortlist.js reads these fields of the service page's schema.org data: a change to them
    is a change to the shortlist, and this test says so."""
    run = site.build()
    assert run.code == 0, run.err
    data = _service_data(site.page("/services/portage/"))
    assert data["@type"] == "Service"
    assert data["name"] == "Portage"
    assert data["url"] == "https://example.org/services/portage/"
    assert (
        data["description"] == "Home visits that help young children with SEND learn through play."
    )
    assert data["provider"]["name"] == "Testshire Council"
    assert data["isAccessibleForFree"] is True
    assert data["audience"]["suggestedMinAge"] == 0
    assert data["audience"]["suggestedMaxAge"] == 5
    (channel,) = data["availableChannel"]
    assert channel["name"] == "Portage team"
    assert channel["servicePhone"]["telephone"] == "01632 960002"
    assert channel["servicePhone"]["email"] == "portage@example.org"
