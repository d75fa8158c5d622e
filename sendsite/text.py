"""Plain-English formatting shared by validation and templates: UK dates, slugs, plurals, labels
mid-sentence."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


def slugify(text: str) -> str:
    """A lowercase, hyphenated form of text, safe in a URL fragment ('EHC plan' -> 'ehc-plan')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


class MonthDate(dt.date):
    """A date known only to its month ("July 2025"), held as the month's first day.

    Reports and plans often give no day. It sorts and compares as its first day; when it is a
    deadline, `last_day` gives the day it runs to. Shown as "July 2025", and as "2025-07" in
    machine-readable places (a valid HTML month string)."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat


def month_date(year: int, month: int) -> MonthDate:
    return MonthDate(year, month, 1)


def last_day(value: dt.date) -> dt.date:
    """The last day a date covers: itself, or the end of its month when only the month is known."""
    if not isinstance(value, MonthDate):
        return value
    following = dt.date(value.year + value.month // 12, value.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def uk_date(value: dt.date) -> str:
    """'11 March 2024', or 'March 2024' when only the month is known."""
    if isinstance(value, MonthDate):
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def uk_date_range(start: dt.date, end: dt.date) -> str:
    """'11 to 15 March 2024', '30 January to 3 February 2017', '30 December 2016 to 3 January 2017'."""
    if isinstance(start, MonthDate) or isinstance(end, MonthDate):
        if (start.year, start.month) == (end.year, end.month):
            return uk_date(end)
        return f"{uk_date(start)} to {uk_date(end)}"
    if start == end:
        return uk_date(start)
    if start.year != end.year:
        return f"{uk_date(start)} to {uk_date(end)}"
    if start.month != end.month:
        return f"{start.day} {start:%B} to {uk_date(end)}"
    return f"{start.day} to {uk_date(end)}"


def count(number: int) -> str:
    """A count as people write it, with thousands separators: '2,012' (never read as a year)."""
    return f"{number:,}"


def plural(number: int, singular: str, plural_form: str | None = None) -> str:
    """'1 service', '2 services', '2,012 responses'."""
    word = singular if number == 1 else (plural_form or singular + "s")
    return f"{count(number)} {word}"


def add_months(value: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = value.month - 1 + months
    year = value.year + month_index // 12
    month = month_index % 12 + 1
    for day in (value.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (0 when later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def age_range_label(low: int, high: int) -> str:
    """'0 to 5 years', 'up to 1 year', '18 years'."""
    if low == high:
        return f"{low} year" if low == 1 else f"{low} years"
    return f"{low} to {high} years"


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: 'Autism' -> 'autism', but 'ADHD' stays 'ADHD' and
    'Changing Places toilet' keeps its name."""
    if label.startswith(("Changing Places", "British Sign Language")):
        return label
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label
