"""How news items, pages, feedback and journeys are described, field by field."""

from __future__ import annotations

from sendsite import model
from sendsite.model.local_offer_items import ITEM_IDS
from sendsite.model.schema.field import (
    BOOLEAN,
    CHOICE,
    GROUP_LIST,
    ID_HINT,
    INTEGER,
    LONG_TEXT,
    REFERENCE,
    TEXT,
    TEXT_LIST,
    ContentType,
    Field,
    date_field,
    id_field,
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

_ANSWER = Field(
    "answers",
    "Answers",
    GROUP_LIST,
    "the answers a family can choose, each leading to another step",
    fields=(
        Field("answer", "Answer", TEXT, "what the family chooses, such as Under 5", required=True),
        Field("next", "Next step", TEXT, "the id of the step this answer leads to", required=True),
    ),
)

JOURNEY = ContentType(
    "journeys",
    "Where do I start?",
    "Journey",
    "content/journeys",
    extension="yaml",
    summary_field="title",
    description="Short question routes that lead families to services, pages and contacts.",
    fields=(
        Field(
            "title",
            "Title",
            TEXT,
            "the family's question, such as Is an EHC needs assessment right for us?",
            required=True,
        ),
        Field("summary", "Summary", TEXT, "one sentence shown under the title"),
        Field(
            "illustrative",
            "Illustrative",
            BOOLEAN,
            "yes when the route is an example, not the area's own advice",
        ),
        Field(
            "steps",
            "Steps",
            GROUP_LIST,
            "the first step is where the journey starts",
            required=True,
            fields=(
                id_field(ID_HINT),
                Field("question", "Question", TEXT, "the question a step with answers asks"),
                Field("title", "Title", TEXT, "the heading of a step that ends the route"),
                Field("text", "Text", LONG_TEXT, "a few sentences of advice"),
                _ANSWER,
                Field(
                    "services",
                    "Services",
                    REFERENCE,
                    "services to go to",
                    target="services",
                    multiple=True,
                ),
                Field(
                    "browse",
                    "Lists to browse",
                    TEXT_LIST,
                    "lists of services, each its kind and id, such as need/autism or age/5-10",
                ),
                Field(
                    "pages",
                    "Pages",
                    REFERENCE,
                    "guides and pages to read",
                    target="pages",
                    multiple=True,
                ),
                Field(
                    "contacts",
                    "Contacts",
                    REFERENCE,
                    "organisations to contact: their phone and email are shown",
                    target="organisations",
                    multiple=True,
                ),
            ),
        ),
    ),
)
