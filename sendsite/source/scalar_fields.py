"""Fields of one value, each read as its kind: text, one of a few choices, a whole number or any
number, true or false, a date, a web or email address, a phone number, a time of day.

Each returns the value, or None when the field is absent or wrong (the mistake is logged).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

from sendsite.source.dates import parse_date
from sendsite.source.fieldmap import FieldMap
from sendsite.source.phone import PhoneMistake, read_phone
from sendsite.source.webaddress import web_address
from sendsite.source.wording import did_you_mean
from sendsite.text import uk_date

# An address that is safe to put after mailto: as it is: no spaces, quotes, brackets or the
# ?, & and # that would add a subject, a second recipient or a fragment to the link.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!$%'*+/=^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_URL_HINT = "Write the full address, starting with https://"


class ScalarFields(FieldMap):
    """The readers of fields that hold one value."""

    def text(self, key: str) -> str | None:
        if self._blank(key):
            return None
        value = self.data[key]
        if isinstance(value, (list, dict)):
            self.error(
                key,
                f"'{key}' should be text, not {self.shown(key)}",
                "Write the text on the same line after the colon, or as a block after '>-'.",
            )
            return None
        if isinstance(value, str):
            return value.strip()
        return self.data.raw.get(key, str(value)).strip()

    def choice(self, key: str, options: Sequence[str], default: str | None = None) -> str | None:
        value = self.text(key)
        if value is None:
            return default
        if value not in options:
            self.error(
                key,
                f"'{value}' is not a valid {key.replace('_', ' ')}",
                did_you_mean(value, options),
            )
            return default
        return value

    def integer(self, key: str) -> int | None:
        if self._blank(key):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            hint = "Write a whole number such as 12, without quotes."
            self.error(key, f"'{key}' should be a whole number, not {self.shown(key)}", hint)
            return None
        return value

    def number(self, key: str) -> float | None:
        if self._blank(key):
            return None
        value = self.data[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            hint = "Write a number such as 12 or 3.5, without quotes."
            self.error(key, f"'{key}' should be a number, not {self.shown(key)}", hint)
            return None
        return float(value)

    def boolean(self, key: str) -> bool | None:
        if self._blank(key):
            return None
        value = self.data[key]
        if not isinstance(value, bool):
            self.error(
                key,
                f"'{key}' should be true or false, not {self.shown(key)}",
                "Write true or false, without quotes.",
            )
            return None
        return value

    def date(self, key: str, *, past: bool = False, month: bool = False) -> dt.date | None:
        """A date; with `past`, the date of something that has happened, so not after the build;
        with `month`, one known only to its month is accepted too (`2025-07` or `July 2025`), as a
        MonthDate."""
        if self._blank(key):
            return None
        value = self.data[key]
        if isinstance(value, (bool, int, float)):
            value = self.data.raw.get(key, value)  # `yes` or `2024` as written, not True or 2024
        date = parse_date(value, self.origin(key), key, self.log, month=month)
        if past and date is not None and self.today is not None and date > self.today:
            self.error(
                key,
                f"'{key}' is {uk_date(date)}, which has not happened yet "
                f"(the site is built on {uk_date(self.today)})",
                "Check the year and the month: this date cannot be in the future.",
            )
            return None
        return date

    def url(self, key: str) -> str | None:
        """A web address, percent-encoded where it needs to be (`café` becomes `caf%C3%A9`), so
        that what is published is a valid URI; an address that cannot be made one is refused."""
        value = self.text(key)
        if value is None:
            return None
        address, problem = web_address(value)
        if address is None:
            said = f": {problem}" if problem else ""
            self.error(key, f"'{value}' is not a web address{said}", _URL_HINT)
            return None
        return address

    def email(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if not _EMAIL.match(value):
            self.error(key, f"'{value}' is not an email address", "Write it as name@example.org.")
            return None
        return value

    def phone(self, key: str) -> str | None:
        """A phone number as written, once it is one whole number a tel: link can dial."""
        value = self.text(key)
        if value is None:
            return None
        result = read_phone(value)
        if isinstance(result, PhoneMistake):
            self.error(key, result.message, result.hint)
            return None
        return value

    def time(self, key: str) -> str | None:
        value = self.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and key in self.data.raw:
            # YAML 1.1 reads an unquoted 09:00 as a number of minutes; the raw text is what was meant.
            value = self.data.raw[key]
        text = None if value is None else str(value).strip()
        if not text:
            return None
        match = _TIME.match(text)
        if not match:
            self.error(
                key, f"'{text}' is not a time", "Write times on the 24-hour clock, like '09:30'."
            )
            return None
        return f"{int(match.group(1)):02d}:{match.group(2)}"
