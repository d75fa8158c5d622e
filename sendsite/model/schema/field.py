"""The content model's vocabulary: the kinds of field, the Field and ContentType records that
describe a content type, and builders for the fields several types share (ids, dates, links, quotes)."""

from __future__ import annotations

from dataclasses import dataclass

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


def id_field(hint: str, label: str = "Id") -> Field:
    return Field(
        "id",
        label,
        TEXT,
        hint,
        required=True,
        pattern=ID_PATTERN,
        pattern_hint="Use " + ID_HINT + ".",
    )


def date_field(name: str, label: str, hint: str = "", *, required: bool = False) -> Field:
    return Field(name, label, DATE, hint, required=required)


def date_range_field(name: str, label: str, hint: str, *, required: bool) -> Field:
    return Field(
        name,
        label,
        GROUP,
        hint,
        required=required,
        fields=(
            date_field("start", "Start", required=required),
            date_field("end", "End", required=required),
        ),
    )


def quotes_field(hint: str) -> Field:
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


def url_field(name: str, label: str, hint: str) -> Field:
    return Field(name, label, URL, hint, pattern=URL_PATTERN, pattern_hint=_URL_HINT)


def email_field(name: str, label: str, hint: str) -> Field:
    return Field(name, label, EMAIL, hint, pattern=EMAIL_PATTERN, pattern_hint=_EMAIL_HINT)


def oruk_id_field(what: str) -> Field:
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
