"""How improvement plans, their actions and measures are described, field by field."""

from __future__ import annotations

from sendsite import model
from sendsite.model.schema.field import (
    CHOICE,
    FINDING_REFERENCES,
    GROUP_LIST,
    LONG_TEXT,
    NUMBER,
    REFERENCE,
    TEXT,
    TEXT_LIST,
    ContentType,
    Field,
    date_field,
    date_range_field,
    id_field,
)

_MEASURE_FIELDS = (
    Field("name", "Measure", TEXT, "what is counted", required=True),
    Field("unit", "Unit", TEXT, "such as % or weeks"),
    Field("baseline", "Baseline", NUMBER, "the figure when the plan started"),
    Field("target", "Target", NUMBER, "the figure the plan aims for"),
    Field(
        "values",
        "Values",
        GROUP_LIST,
        "the figure on each date it was measured",
        fields=(
            date_field("date", "Date", required=True),
            Field("value", "Value", NUMBER, required=True),
        ),
    ),
)

_ACTION = Field(
    "actions",
    "Actions",
    GROUP_LIST,
    "what the plan will do",
    required=True,
    fields=(
        id_field("an id for the action, unique in this plan"),
        Field("title", "Title", TEXT, required=True),
        Field(
            "addresses",
            "Addresses findings",
            FINDING_REFERENCES,
            "the inspection findings this action answers",
        ),
        Field("lead", "Lead", TEXT, "a role, not a person"),
        Field("accountable", "Accountable officer", TEXT, "the senior officer answerable for it"),
        Field("partners", "Partners", TEXT_LIST),
        date_field("start", "Start"),
        date_field("due", "Due"),
        date_field("completed", "Completed", "when it was finished"),
        Field("status", "Status", CHOICE, options=model.ACTION_STATUSES),
        Field(
            "measures",
            "Measures",
            GROUP_LIST,
            "how we will know it worked: figures the site can chart",
            or_text=True,
            mixed_items=True,
            fields=_MEASURE_FIELDS,
        ),
        Field(
            "updates",
            "Updates",
            GROUP_LIST,
            "progress updates, newest shown first",
            fields=(
                date_field("date", "Date", required=True),
                Field("status", "Status", CHOICE, options=model.ACTION_STATUSES),
                Field("text", "Update", LONG_TEXT, required=True),
            ),
        ),
    ),
)

PLAN = ContentType(
    "plans",
    "Improvement plans",
    "Improvement plan",
    "content/plans",
    body="introduction",
    summary_field="title",
    description="Improvement plans, each with its actions.",
    fields=(
        Field("title", "Title", TEXT, required=True),
        Field("kind", "Kind", CHOICE, required=True, options=model.PLAN_KINDS),
        Field(
            "responds_to",
            "Responds to",
            REFERENCE,
            "the inspections this plan answers",
            target="inspections",
            multiple=True,
        ),
        Field("owner", "Owner", TEXT, "the board or group accountable", required=True),
        date_field("published", "Published", required=True),
        date_range_field("period", "Period", "when the plan runs", required=False),
        Field(
            "revisions",
            "Revisions",
            GROUP_LIST,
            "each new version of the plan: when, and what changed",
            fields=(
                date_field("date", "Date", required=True),
                Field("text", "What changed", LONG_TEXT, required=True),
            ),
        ),
        _ACTION,
    ),
)
