"""Checks for the editorial content: news items, pages and "you said, we did" feedback."""

from __future__ import annotations

from sendsite import model
from sendsite.model import schema
from sendsite.model.local_offer_items import ITEM_IDS
from sendsite.model.validation.context import NO_DATE, Checks, quotes, reference
from sendsite.source.fields import Fields
from sendsite.source.loader import Item
from sendsite.source.wording import did_you_mean

NEWS_FIELDS = schema.keys("news")
PAGE_FIELDS = schema.keys("pages")
FEEDBACK_FIELDS = schema.keys("feedback")


def news(checks: Checks, item: Item, inspections: dict[str, model.Inspection]) -> model.NewsItem:
    f = checks.fields(item.source, NEWS_FIELDS, schema.required_keys("news"), "this news item")
    return model.NewsItem(
        id=item.id,
        title=f.text("title") or item.id,
        date=f.date("date", past=True) or NO_DATE,
        summary=f.text("summary") or "",
        inspection=reference(checks, f, "inspection", inspections, "inspection"),
        quotes=quotes(f),
        body=item.source.body,
        origin=f.origin(),
        lines=f.field_lines(),
    )


def page(checks: Checks, item: Item) -> model.Page:
    f = checks.fields(item.source, PAGE_FIELDS, schema.required_keys("pages"), "this page")
    return model.Page(
        id=item.id,
        title=f.text("title") or item.id,
        summary=f.text("summary"),
        nav_order=f.number("nav_order"),
        body=item.source.body,
        origin=f.origin(),
        lines=f.field_lines(),
        covers=_required_items(f, "covers"),
    )


def feedback(checks: Checks, item: Item) -> model.Feedback:
    f = checks.fields(
        item.source, FEEDBACK_FIELDS, schema.required_keys("feedback"), "this feedback"
    )
    return model.Feedback(
        id=item.id,
        date=f.date("date", past=True) or NO_DATE,
        topic=f.text("topic") or "",
        you_said=f.text("you_said") or "",
        we_did=f.text("we_did") or "",
        status=f.choice("status", model.FEEDBACK_STATUSES),
        origin=f.origin(),
        lines=f.field_lines(),
    )


def _required_items(f: Fields, key: str) -> list[str]:
    """`covers:` ids, each one of the required items of a Local Offer."""
    found = []
    for name in f.text_list(key):
        if name in ITEM_IDS:
            found.append(name)
        else:
            f.error(
                key,
                f"'{name}' is not one of the things a Local Offer must include",
                did_you_mean(name, list(ITEM_IDS), "items"),
            )
    return found
