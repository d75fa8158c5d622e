"""Dates from YAML: a real calendar date as YYYY-MM-DD, or (where a field allows it) a month
known only to its month, as 2025-07 or July 2025."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sendsite.errors import ErrorLog, Origin
from sendsite.source.wording import shown
from sendsite.text import month_date

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WORDS_MONTH = re.compile(r"^([A-Za-z]+) (\d{4})$")


def parse_date(
    value: Any, origin: Origin, key: str, log: ErrorLog, *, month: bool = False
) -> dt.date | None:
    """A date from YAML: a real calendar date written as YYYY-MM-DD; with `month`, also a month
    written as YYYY-MM or 'July 2025'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (list, dict)):
        log.add(
            origin,
            f"'{key}' should be a date, not {shown(value)}",
            "Write one date as YYYY-MM-DD, for example 2024-03-11.",
        )
        return None
    text = str(value).strip()
    if month:
        found = _month_only(text)
        if found is not None:
            if not 1 <= found[1] <= 12:
                log.add(
                    origin,
                    f"'{text}' in '{key}' is not a real month",
                    "Write a month as YYYY-MM, for example 2025-07, or in words: July 2025.",
                )
                return None
            return month_date(*found)
    match = _ISO_DATE.match(text)
    if match:
        year, month_number, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month_number, day)
        except ValueError:
            log.add(
                origin,
                f"'{text}' in '{key}' is not a real date",
                "Check the day and month: the date must exist on the calendar.",
            )
            return None
    log.add(
        origin,
        f"'{text}' in '{key}' is not a date",
        "Write dates as YYYY-MM-DD, for example 2024-03-11"
        + (", or a month as 2025-07 or July 2025." if month else "."),
    )
    return None


def _month_only(text: str) -> tuple[int, int] | None:
    """(year, month) of a month written as YYYY-MM or 'July 2025'; None for anything else."""
    iso = _ISO_MONTH.match(text)
    if iso:
        return int(iso.group(1)), int(iso.group(2))
    words = _WORDS_MONTH.match(text)
    if words and words.group(1).lower() in _MONTHS:
        return int(words.group(2)), _MONTHS.index(words.group(1).lower()) + 1
    return None
