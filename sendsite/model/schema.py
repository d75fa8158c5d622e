"""The content model described field by field: what each field is called, what it holds, whether
it is required, and its limits, in the words of docs/content-model.md.

The validator checks files; this says what they may contain, for tools that help people write them
(the browser editor's forms). Tests hold the two together: every field the validator accepts is
described here, and every field described here is one the validator accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendsite import model
from sendsite.model.local_offer_items import ITEM_IDS

# Kinds of field, as an author sees them:
TEXT = "text"  # one line of text
LONG_TEXT = "long-text"  # a paragraph of plain text
MARKDOWN = "markdown"  # Markdown: paragraphs, lists, links
CHOICE = "choice"  # one of `options`
TERMS = "terms"  # ids from a taxonomy `vocabulary` (one or more)
REFERENCE = "reference"  # the id of an item in `target` (a collection), or ids when `multiple`
FINDING_REFERENCES = "finding-references"  # INSPECTION-ID#FINDING-ID, one or more
DATE = "date"
TIME = "time"  # 24-hour HH:MM
INTEGER = "integer"
NUMBER = "number"
BOOLEAN = "boolean"
URL = "url"
EMAIL = "email"
TEXT_LIST = "text-list"  # a list of lines of text (`long` items are paragraphs)
GROUP = "group"  # a group of `fields`
GROUP_LIST = "group-list"  # a list of groups of `fields`

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_HINT = "lowercase letters, digits and hyphens, such as portage-service"
TIME_PATTERN = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"
URL_PATTERN = r"^https?://[^\s]+$"
EMAIL_PATTERN = r"^[^\s@]+@[^\s@]+\.[^\s@]+$"
UUID_PATTERN = r"^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str
    hint: str = ""
    required: bool = False
    options: tuple[str, ...] = ()  # CHOICE
    vocabulary: str = ""  # TERMS: categories, needs or areas
    allow_all: bool = False  # TERMS: 'all' means every need or area
    target: str = ""  # REFERENCE: the collection the id is in
    multiple: bool = False  # REFERENCE: a list of ids; CHOICE: a list of the options
    fields: tuple[Field, ...] = ()  # GROUP, GROUP_LIST
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    pattern: str = ""  # a regular expression the whole value matches
    pattern_hint: str = ""
    long: bool = False  # TEXT_LIST: each item is a paragraph
    # The field may also be plain text instead of the list (opening hours, measures): the
    # structured form is the one forms offer.
    or_text: bool = False
    mixed_items: bool = False  # GROUP_LIST: items may also be plain text (measures)


@dataclass(frozen=True)
class ContentType:
    name: str  # the collection's name: 'services'
    label: str  # 'Services'
    singular: str  # 'Service'
    path: str  # 'content/services' (a folder) or 'content/taxonomy.yaml' (one file)
    fields: tuple[Field, ...]
    extension: str = "md"  # of each file in the folder: md (front matter and body) or yaml
    body: str = ""  # what the Markdown body is, for a .md type
    summary_field: str = "name"  # the field that names an item in lists
    single_file: bool = False  # one file holding the whole collection
    list_field: str = ""  # single file whose top level is a list of `fields` (the glossary)
    description: str = ""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _id(hint: str, label: str = "Id") -> Field:
    return Field(
        "id",
        label,
        TEXT,
        hint,
        required=True,
        pattern=ID_PATTERN,
        pattern_hint="Use " + ID_HINT + ".",
    )


def _date(name: str, label: str, hint: str = "", *, required: bool = False) -> Field:
    return Field(name, label, DATE, hint, required=required)


def _date_range(name: str, label: str, hint: str, *, required: bool) -> Field:
    return Field(
        name,
        label,
        GROUP,
        hint,
        required=required,
        fields=(
            _date("start", "Start", required=required),
            _date("end", "End", required=required),
        ),
    )


def _quotes(hint: str) -> Field:
    return Field(
        "quotes",
        "Quotes",
        GROUP_LIST,
        hint,
        fields=(
            Field(
                "text", "Quote", LONG_TEXT, "the words, exactly as said or written", required=True
            ),
            Field("by", "Said by", TEXT, "who said it"),
            Field("role", "Their role", TEXT, "such as parent carer or young person"),
        ),
    )


def _url(name: str, label: str, hint: str) -> Field:
    return Field(name, label, URL, hint, pattern=URL_PATTERN, pattern_hint=_URL_HINT)


def _email(name: str, label: str, hint: str) -> Field:
    return Field(name, label, EMAIL, hint, pattern=EMAIL_PATTERN, pattern_hint=_EMAIL_HINT)


def _oruk_id(what: str) -> Field:
    return Field(
        "oruk_id",
        "Open Referral UK id",
        TEXT,
        f"the {what}'s id in the directory it moved from, kept as it is",
        pattern=UUID_PATTERN,
        pattern_hint="Copy the UUID exactly, such as 0bc68fcf-633e-5f45-9a0c-6e1c3179b78d",
    )


_URL_HINT = "Write the whole address, starting https://"
_EMAIL_HINT = "Write an email address such as name@example.org"

ORGANISATION = ContentType(
    "organisations",
    "Organisations",
    "Organisation",
    "content/organisations",
    extension="yaml",
    description="Who runs services.",
    fields=(
        Field("name", "Name", TEXT, "the organisation's name", required=True),
        Field("description", "Description", LONG_TEXT, "what the organisation does"),
        _url("url", "Website", "the organisation's website"),
        _email("email", "Email", "the organisation's email address"),
        Field("phone", "Phone", TEXT, "the organisation's phone number"),
        _oruk_id("organisation"),
    ),
)

SERVICE = ContentType(
    "services",
    "Services",
    "Service",
    "content/services",
    body="the full description",
    description="The Local Offer directory, one service a file.",
    fields=(
        Field("name", "Name", TEXT, "the service's name", required=True),
        Field(
            "organisation",
            "Organisation",
            REFERENCE,
            "who runs the service",
            required=True,
            target="organisations",
        ),
        Field(
            "summary",
            "Summary",
            TEXT,
            "one plain-English sentence, at most 200 characters",
            required=True,
            max_length=200,
        ),
        Field(
            "categories",
            "Categories",
            TERMS,
            "what kind of help: one or more categories",
            required=True,
            vocabulary="categories",
        ),
        Field(
            "needs",
            "Needs",
            TERMS,
            "which needs the service is for, or all",
            required=True,
            vocabulary="needs",
            allow_all=True,
        ),
        Field(
            "ages",
            "Ages",
            GROUP,
            "whole years from 0 to 25, youngest first",
            required=True,
            fields=(
                Field("min", "Youngest age", INTEGER, required=True, minimum=0, maximum=25),
                Field("max", "Oldest age", INTEGER, required=True, minimum=0, maximum=25),
            ),
        ),
        Field(
            "areas",
            "Areas",
            TERMS,
            "the parts of the area where the service is offered, or all",
            required=True,
            vocabulary="areas",
            allow_all=True,
        ),
        _date(
            "last_reviewed",
            "Last reviewed",
            "date the record was last checked with the provider",
            required=True,
        ),
        Field("cost", "Cost", TEXT, "free, or text such as £12 a session"),
        Field("eligibility", "Who can use it", MARKDOWN, "who can use the service"),
        Field(
            "referral",
            "Referral",
            GROUP,
            "how to start using the service",
            fields=(
                Field(
                    "self_referral",
                    "Families can refer themselves",
                    BOOLEAN,
                    "on when families can contact the service directly",
                ),
                Field("how", "How to get help", MARKDOWN, "how to refer, or be referred"),
            ),
        ),
        Field(
            "contacts",
            "Contacts",
            GROUP_LIST,
            "people or teams families can contact",
            fields=(
                Field("name", "Name", TEXT, "a person or team"),
                Field("role", "Role", TEXT, "what they do"),
                Field("phone", "Phone", TEXT),
                _email("email", "Email", ""),
            ),
        ),
        _url("website", "Website", "the service's own web page"),
        Field(
            "locations",
            "Locations",
            GROUP_LIST,
            "where the service is offered",
            fields=(
                Field("name", "Name", TEXT, "the building or place"),
                Field("address", "Address", TEXT),
                Field("postcode", "Postcode", TEXT),
                Field("latitude", "Latitude", NUMBER, "from -90 to 90", minimum=-90, maximum=90),
                Field(
                    "longitude", "Longitude", NUMBER, "from -180 to 180", minimum=-180, maximum=180
                ),
                Field(
                    "accessibility",
                    "Accessibility",
                    TEXT_LIST,
                    "features such as level access or an accessible toilet",
                ),
            ),
        ),
        Field(
            "opening_hours",
            "Opening hours",
            GROUP_LIST,
            "when the service is open: days, and times such as 09:00",
            or_text=True,
            fields=(
                Field("days", "Days", TEXT, "such as Monday to Friday", required=True),
                Field(
                    "opens",
                    "Opens",
                    TIME,
                    "24-hour time, such as 09:00",
                    required=True,
                    pattern=TIME_PATTERN,
                    pattern_hint="Write a 24-hour time such as 09:00",
                ),
                Field(
                    "closes",
                    "Closes",
                    TIME,
                    "24-hour time, such as 17:30",
                    required=True,
                    pattern=TIME_PATTERN,
                    pattern_hint="Write a 24-hour time such as 17:30",
                ),
            ),
        ),
        Field("languages", "Languages", TEXT_LIST, "languages the service is offered in"),
        Field("easy_read", "Easy read", MARKDOWN, "a short easy-read version"),
        Field(
            "status",
            "Status",
            CHOICE,
            "active (the default), or closed",
            options=model.SERVICE_STATUSES,
        ),
        _oruk_id("service"),
    ),
)

_FINDING = Field(
    "findings",
    "Findings",
    GROUP_LIST,
    "the formal findings",
    fields=(
        _id("referred to by plans as INSPECTION-ID#FINDING-ID"),
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
        _date_range("dates", "Dates", "the inspection visit", required=True),
        _date("published", "Published", "date the report or letter was published", required=True),
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
                _date("date", "Date", "when inspectors visited", required=True),
                _url("report_url", "Report", "link to its report"),
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
        _url("report_url", "Report", "link to the full report"),
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
        _quotes("what families and young people told the inspectors"),
    ),
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
            _date("date", "Date", required=True),
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
        _id("an id for the action, unique in this plan"),
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
        _date("start", "Start"),
        _date("due", "Due"),
        _date("completed", "Completed", "when it was finished"),
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
                _date("date", "Date", required=True),
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
        _date("published", "Published", required=True),
        _date_range("period", "Period", "when the plan runs", required=False),
        Field(
            "revisions",
            "Revisions",
            GROUP_LIST,
            "each new version of the plan: when, and what changed",
            fields=(
                _date("date", "Date", required=True),
                Field("text", "What changed", LONG_TEXT, required=True),
            ),
        ),
        _ACTION,
    ),
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
        _date("date", "Date", required=True),
        Field("summary", "Summary", TEXT, "one sentence shown in lists", required=True),
        Field(
            "inspection",
            "Inspection",
            REFERENCE,
            "the inspection this news is about",
            target="inspections",
        ),
        _quotes("quotes to show with the news"),
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
        _date("date", "Date", required=True),
        Field("topic", "Topic", TEXT, required=True),
        Field("you_said", "You said", LONG_TEXT, required=True),
        Field("we_did", "We did", LONG_TEXT, required=True),
        Field("status", "Status", CHOICE, options=model.FEEDBACK_STATUSES),
    ),
)


def _vocabulary(name: str, label: str, hint: str) -> Field:
    return Field(
        name,
        label,
        GROUP_LIST,
        hint,
        fields=(
            _id(ID_HINT),
            Field("label", "Label", TEXT, "the name families see", required=True),
            Field("description", "Description", LONG_TEXT),
            Field(
                "also",
                "Other words families use",
                TEXT_LIST,
                "words typed into the search that mean this, such as respite for short breaks",
            ),
        ),
    )


TAXONOMY = ContentType(
    "taxonomy",
    "Taxonomy",
    "Taxonomy",
    "content/taxonomy.yaml",
    extension="yaml",
    single_file=True,
    description="Controlled vocabularies: categories, needs and areas.",
    fields=(
        _vocabulary("categories", "Categories", "what kind of help"),
        _vocabulary("needs", "Needs", "which needs a service is for"),
        _vocabulary("areas", "Areas", "localities of the area"),
    ),
)

GLOSSARY = ContentType(
    "glossary",
    "Glossary",
    "Glossary term",
    "content/glossary.yaml",
    extension="yaml",
    single_file=True,
    summary_field="term",
    list_field="terms",
    description="Terms and abbreviations explained to families.",
    fields=(
        Field("term", "Term", TEXT, required=True),
        Field("meaning", "Meaning", LONG_TEXT, required=True),
        Field("also", "Other spellings", TEXT_LIST),
    ),
)

CONTENT_TYPES: tuple[ContentType, ...] = (
    SERVICE,
    ORGANISATION,
    INSPECTION,
    PLAN,
    NEWS,
    PAGE,
    FEEDBACK,
    GLOSSARY,
    TAXONOMY,
)


def content_type(name: str) -> ContentType:
    return next(t for t in CONTENT_TYPES if t.name == name)


def field_paths(kind: ContentType) -> dict[str, Field]:
    """Each field of a type, nested ones included, by dotted path from the type's name."""
    found: dict[str, Field] = {}

    def visit(prefix: str, fields: tuple[Field, ...]) -> None:
        for f in fields:
            path = f"{prefix}.{f.name}"
            found[path] = f
            visit(path, f.fields)

    visit(kind.name, kind.fields)
    return found
