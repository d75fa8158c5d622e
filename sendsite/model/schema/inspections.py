"""How area SEND inspections and their findings are described, field by field."""

from __future__ import annotations

from sendsite import model
from sendsite.model.schema.field import (
    BOOLEAN,
    CHOICE,
    GROUP,
    GROUP_LIST,
    INTEGER,
    LONG_TEXT,
    REFERENCE,
    TEXT,
    TEXT_LIST,
    ContentType,
    Field,
    date_field,
    date_range_field,
    id_field,
    quotes_field,
    url_field,
)

_FINDING = Field(
    "findings",
    "Findings",
    GROUP_LIST,
    "the formal findings",
    fields=(
        id_field("referred to by plans as INSPECTION-ID#FINDING-ID"),
        Field("type", "Type", CHOICE, required=True, options=model.FINDING_TYPES),
        Field("label", "Short label", TEXT, "a few words naming the finding, shown first"),
        Field("text", "Finding", LONG_TEXT, "the inspectors' words", required=True),
        Field(
            "responsible",
            "Addressed to",
            TEXT_LIST,
            "the bodies a priority action is addressed to",
        ),
        Field(
            "progress",
            "Progress",
            CHOICE,
            "the judgement a revisit or monitoring inspection makes on the finding",
            options=model.PROGRESS_JUDGEMENTS,
        ),
        Field(
            "judgement",
            "Judgement in the letter's words",
            LONG_TEXT,
            "the letter's own sentence judging this finding, verbatim",
        ),
        Field("summary", "Inspectors' reasoning", LONG_TEXT),
    ),
)

INSPECTION = ContentType(
    "inspections",
    "Inspections",
    "Inspection",
    "content/inspections",
    body="the area's plain-English summary",
    summary_field="area",
    description="One inspection, revisit or monitoring visit a file.",
    fields=(
        Field("area", "Area", TEXT, "the local area inspected", required=True),
        Field(
            "kind",
            "Kind",
            CHOICE,
            "full or monitoring (framework from 2023); initial or revisit (2016 framework)",
            required=True,
            options=model.INSPECTION_KINDS,
        ),
        Field("inspectorates", "Inspectorates", TEXT_LIST, "such as Ofsted and CQC", required=True),
        date_range_field("dates", "Dates", "the inspection visit", required=True),
        date_field(
            "published", "Published", "date the report or letter was published", required=True
        ),
        Field(
            "outcome",
            "Outcome",
            CHOICE,
            "for a full inspection: one of the three outcomes of the framework from 2023",
            options=model.OUTCOMES,
        ),
        Field(
            "wsoa_required",
            "Written statement of action required",
            BOOLEAN,
            "for an initial inspection: on where the inspectors required one (2016 framework)",
        ),
        Field(
            "outcome_text",
            "Outcome paragraph",
            LONG_TEXT,
            "the report's outcome paragraph, verbatim",
        ),
        Field(
            "previous",
            "Previous inspection",
            REFERENCE,
            "the inspection before this one (a revisit names the inspection it revisits)",
            target="inspections",
        ),
        Field(
            "previous_elsewhere",
            "Previous inspection not in this site",
            GROUP,
            "an earlier inspection this site does not hold",
            fields=(
                Field("kind", "Kind", CHOICE, required=True, options=model.INSPECTION_KINDS),
                date_field("date", "Date", "when inspectors visited", required=True),
                url_field("report_url", "Report", "link to its report"),
                Field("title", "Title", TEXT, "what to call it"),
            ),
        ),
        Field(
            "next_inspection", "Next inspection", TEXT, "such as within approximately five years"
        ),
        Field(
            "next_monitoring_inspection",
            "Next monitoring inspection",
            TEXT,
            "when the report says the monitoring inspection will be",
        ),
        Field(
            "next_full_inspection",
            "Next full inspection",
            TEXT,
            "when the report says the next full inspection will be",
        ),
        url_field("report_url", "Report", "link to the full report"),
        Field(
            "survey_responses",
            "Survey responses",
            INTEGER,
            "number of survey responses the inspectors considered",
            minimum=0,
        ),
        Field(
            "inspectors",
            "Inspectors",
            GROUP_LIST,
            "the inspection team",
            fields=(
                Field("name", "Name", TEXT, required=True),
                Field("role", "Role", TEXT),
                Field("inspectorate", "Inspectorate", TEXT),
            ),
        ),
        Field(
            "strengths",
            "Strengths",
            TEXT_LIST,
            "what the partnership is doing that is effective",
            long=True,
        ),
        Field(
            "to_improve",
            "To improve",
            TEXT_LIST,
            "what the partnership needs to do better",
            long=True,
        ),
        _FINDING,
        quotes_field("what families and young people told the inspectors"),
    ),
)
