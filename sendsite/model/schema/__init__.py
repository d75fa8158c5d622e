"""The content model described field by field: what each field is called, what it holds, whether
it is required, and its limits, in the words of docs/content-model.md.

The validator checks files; this says what they may contain, for tools that help people write them
(the browser editor's forms). Tests hold the two together: every field the validator accepts is
described here, and every field described here is one the validator accepts.
"""

from __future__ import annotations

from sendsite.model.schema.directory import ORGANISATION, SERVICE
from sendsite.model.schema.field import (
    BOOLEAN,
    CHOICE,
    DATE,
    EMAIL,
    EMAIL_PATTERN,
    FINDING_REFERENCES,
    GROUP,
    GROUP_LIST,
    ID_HINT,
    ID_PATTERN,
    INTEGER,
    LONG_TEXT,
    MARKDOWN,
    NUMBER,
    REFERENCE,
    TERMS,
    TEXT,
    TEXT_LIST,
    TIME,
    TIME_PATTERN,
    URL,
    URL_PATTERN,
    UUID_PATTERN,
    ContentType,
    Field,
)
from sendsite.model.schema.inspections import INSPECTION
from sendsite.model.schema.pages import FEEDBACK, JOURNEY, NEWS, PAGE
from sendsite.model.schema.plans import PLAN
from sendsite.model.schema.vocabulary import GLOSSARY, TAXONOMY

__all__ = [
    "BOOLEAN",
    "CHOICE",
    "CONTENT_TYPES",
    "DATE",
    "EMAIL",
    "EMAIL_PATTERN",
    "FEEDBACK",
    "FINDING_REFERENCES",
    "GLOSSARY",
    "GROUP",
    "GROUP_LIST",
    "ID_HINT",
    "ID_PATTERN",
    "INSPECTION",
    "INTEGER",
    "JOURNEY",
    "LONG_TEXT",
    "MARKDOWN",
    "NEWS",
    "NUMBER",
    "ORGANISATION",
    "PAGE",
    "PLAN",
    "REFERENCE",
    "SERVICE",
    "TAXONOMY",
    "TERMS",
    "TEXT",
    "TEXT_LIST",
    "TIME",
    "TIME_PATTERN",
    "URL",
    "URL_PATTERN",
    "UUID_PATTERN",
    "ContentType",
    "Field",
    "content_type",
    "field_paths",
    "keys",
    "required_keys",
]

CONTENT_TYPES: tuple[ContentType, ...] = (
    SERVICE,
    ORGANISATION,
    INSPECTION,
    PLAN,
    NEWS,
    PAGE,
    FEEDBACK,
    JOURNEY,
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


def _fields_at(type_name: str, group: tuple[str, ...]) -> tuple[Field, ...]:
    fields = content_type(type_name).fields
    for name in group:
        fields = next(f for f in fields if f.name == name).fields
    return fields


def keys(type_name: str, *group: str) -> tuple[str, ...]:
    """The keys a content type (or one of its groups, by name) allows, in the content model's
    order: validation reads them here, so the forms, the docs and the loader cannot disagree."""
    return tuple(f.name for f in _fields_at(type_name, group))


def required_keys(type_name: str, *group: str) -> tuple[str, ...]:
    return tuple(f.name for f in _fields_at(type_name, group) if f.required)
