"""How news items, pages and feedback are described, field by field."""

from __future__ import annotations

from sendsite import model
from sendsite.model.local_offer_items import ITEM_IDS
from sendsite.model.schema.field import (
    CHOICE,
    INTEGER,
    LONG_TEXT,
    REFERENCE,
    TEXT,
    ContentType,
    Field,
    date_field,
    quotes_field,
)

NEWS = ContentType(
    "news",
    "News",
    "News item",
    "content/news",
    body="the news item",
    summary_field="title",
    description="Dated news items.",
    fields=(
        Field("title", "Title", TEXT, required=True),
        date_field("date", "Date", required=True),
        Field("summary", "Summary", TEXT, "one sentence shown in lists", required=True),
        Field(
            "inspection",
            "Inspection",
            REFERENCE,
            "the inspection this news is about",
            target="inspections",
        ),
        quotes_field("quotes to show with the news"),
    ),
)

PAGE = ContentType(
    "pages",
    "Pages",
    "Page",
    "content/pages",
    body="the page",
    summary_field="title",
    description="Any other page (pages/about.md is /about/); pages/index.md is the home page text.",
    fields=(
        Field("title", "Title", TEXT, required=True),
        Field("summary", "Summary", TEXT),
        Field(
            "nav_order",
            "Navigation order",
            INTEGER,
            "a number: the page appears in the main navigation, in this order",
        ),
        Field(
            "covers",
            "What the law requires that this page explains",
            CHOICE,
            "the items a Local Offer must include (SEND Regulations 2014) that this page explains",
            options=ITEM_IDS,
            multiple=True,
        ),
    ),
)

FEEDBACK = ContentType(
    "feedback",
    "You said, we did",
    "Feedback",
    "content/feedback",
    extension="yaml",
    summary_field="topic",
    description="Comments on the Local Offer and the response.",
    fields=(
        date_field("date", "Date", required=True),
        Field("topic", "Topic", TEXT, required=True),
        Field("you_said", "You said", LONG_TEXT, required=True),
        Field("we_did", "We did", LONG_TEXT, required=True),
        Field("status", "Status", CHOICE, options=model.FEEDBACK_STATUSES),
    ),
)
