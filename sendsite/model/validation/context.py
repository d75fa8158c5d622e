"""What the checks of one build share: the error log, the build date, and the facts one content
type leaves for another to resolve (previous inspections, misspelt findings, explicit ids)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sendsite import model
from sendsite.errors import ErrorLog, Origin
from sendsite.source.fields import ID_PATTERN, Fields
from sendsite.source.sourcefile import SourceFile
from sendsite.source.wording import did_you_mean
from sendsite.text import slugify

T = TypeVar("T")

NO_DATE = dt.date(1970, 1, 1)


@dataclass
class Checks:
    log: ErrorLog
    # ids of items whose file could not be read: its own mistake is already logged
    unreadable: dict[str, set[str]]
    today: dt.date | None = None  # the build date: reviews, updates and publication cannot be later
    # inspection id -> its `previous` reference, resolved once every inspection is read
    previous_refs: dict[str, tuple[str | None, Origin]] = field(default_factory=dict)
    # (inspection id, corrected finding id) of findings whose id is misspelt: references
    # to the corrected id wait for the author to fix the finding, and are not reported too
    misspelt_findings: set[tuple[str, str]] = field(default_factory=set)
    # id() of each service or organisation with an `oruk_id` -> where it is written
    explicit_ids: dict[int, Origin] = field(default_factory=dict)

    def is_unreadable(self, collection: str, item_id: str) -> bool:
        return item_id in self.unreadable.get(collection, set())

    def fields(
        self, source: SourceFile, allowed: Sequence[str], required: Sequence[str], what: str
    ) -> Fields:
        return Fields(
            source.data,
            source.path,
            self.log,
            allowed=allowed,
            required=required,
            what=what,
            today=self.today,
            body=source.body_span,
        )


def reference(checks: Checks, f: Fields, key: str, known: dict[str, T], noun: str) -> T | None:
    """The item another one names by id in `key`; a missing one is reported, unless its own
    file could not be read."""
    ref = f.text(key)
    if ref is None:
        return None
    found = known.get(ref)
    if found is None and not checks.is_unreadable(noun + "s", ref):
        hint = did_you_mean(ref, sorted(known), f"{noun} ids")
        checks.log.add(
            f.origin(key),
            f"there is no {noun} with the id '{ref}'",
            hint or f"The id is the file name without its extension, in content/{noun}s/.",
        )
    return found


def check_id(value: str, origin: Origin, log: ErrorLog) -> bool:
    if ID_PATTERN.match(value):
        return True
    log.add(
        origin,
        f"the id '{value}' can only use lowercase letters, digits and hyphens",
        f"Use '{slugify(value)}' instead.",
    )
    return False


def date_range(
    f: Fields, key: str, *, required: bool, month: bool = False
) -> model.DateRange | None:
    group = f.group(key, allowed=("start", "end"), required=("start", "end") if required else ())
    if group is None:
        return None
    start, end = group.date("start", month=month), group.date("end", month=month)
    if start is None or end is None:
        return None
    return model.DateRange(start, end)


def quotes(f: Fields) -> list[model.Quote]:
    return [
        model.Quote(q.text("text") or "", q.text("by"), q.text("role"))
        for q in f.group_list(
            "quotes", allowed=("text", "by", "role"), required=("text",), what="a quote"
        )
    ]
