"""Reading typed fields out of a YAML mapping, recording every mistake with its line and a fix.

Each method returns the value, or None when the field is absent or wrong (the mistake is logged),
so a validator can read every field of an item and report all of its problems in one go.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from typing import Any

from sendsite.errors import ContentError, ErrorLog, Origin
from sendsite.source.dates import parse_date
from sendsite.source.phone import PhoneMistake, read_phone
from sendsite.source.spans import FieldLines, Span, field_lines
from sendsite.source.webaddress import web_address
from sendsite.source.wording import describe, did_you_mean, shown
from sendsite.source.yamldoc import YamlList, YamlMap
from sendsite.text import uk_date

# The validators import these from here with Fields (sendsite/source/wording.py is their home).

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An address that is safe to put after mailto: as it is: no spaces, quotes, brackets or the
# ?, & and # that would add a subject, a second recipient or a fragment to the link.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!$%'*+/=^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class Fields:
    """The fields of one YAML mapping, read with checks. `what` names the thing in messages."""

    def __init__(
        self,
        data: Any,
        path: str,
        log: ErrorLog,
        *,
        allowed: Sequence[str],
        required: Sequence[str] = (),
        what: str = "this item",
        line: int = 1,
        today: dt.date | None = None,
        body: Span | None = None,
    ) -> None:
        self.path = path
        self.body = body  # where a Markdown file's body is, for field_lines()
        self.log = log
        self.what = what
        self.today = today  # the build date: dates of things that have happened cannot be later
        # Unknown fields, kept so that a group read later can claim one that slipped out of it.
        self.unknown: dict[str, ContentError] = {}
        self.valid = isinstance(data, dict)
        if not self.valid:
            self.data: YamlMap = YamlMap()
            self.data.line, self.data.key_lines, self.data.raw = line, {}, {}
            self.data.spans = {}
            needs = f" (it needs {', '.join(required)})" if required else ""
            if data is None:
                log.add(
                    Origin(path, line),
                    f"{what} has no fields",
                    f"Add its fields, each on its own line as 'name: value'{needs}.",
                )
                return
            log.add(
                Origin(path, getattr(data, "line", line)),
                f"{what} should be a group of fields (name: value lines), not {shown(data)}",
                f"Write each field on its own line as 'name: value'{needs}.",
            )
            return
        self.data = data
        for key in data:
            if key not in allowed:
                hint = did_you_mean(key, allowed, "fields") or (
                    "Check the spelling: the fields are " + ", ".join(allowed) + "."
                )
                error = ContentError(self.origin(key), f"unknown field '{key}' in {what}", hint)
                self.unknown[key] = error
                self.log.errors.append(error)
        for key in required:
            if self._blank(key):
                if key in data:
                    self.log.add(
                        self.origin(key), f"the field '{key}' is empty", "Give it a value."
                    )
                else:
                    self.log.add(
                        Origin(path, data.line),
                        f"{what} is missing the required field '{key}'",
                        f"Add a line '{key}: ...'.",
                    )

    def _blank(self, key: str) -> bool:
        value = self.data.get(key)
        return value is None or (isinstance(value, str) and not value.strip()) or value == []

    def origin(self, key: str | None = None) -> Origin:
        return Origin(self.path, self.data.line_of(key) if key else self.data.line)

    def field_lines(self) -> FieldLines:
        """Where each of these fields (and the fields and items inside them) is written."""
        return field_lines(self.data, self.path, self.body)

    def has(self, key: str) -> bool:
        return not self._blank(key)

    def error(self, key: str, message: str, hint: str = "") -> None:
        self.log.add(self.origin(key), message, hint)

    def shown(self, key: str) -> str:
        return shown(self.data.get(key), self.data.raw.get(key))

    # --- scalars -----------------------------------------------------------------------------

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

    # --- groups and lists --------------------------------------------------------------------

    def group(
        self, key: str, *, allowed: Sequence[str], required: Sequence[str] = ()
    ) -> Fields | None:
        if self._claim(key, allowed) and self._blank(key):
            return None  # every field of the group slipped out of it: that is the one mistake
        if self._blank(key):
            return None
        return Fields(
            self.data[key],
            self.path,
            self.log,
            allowed=allowed,
            required=required,
            what=f"'{key}'",
            line=self.data.line_of(key),
            today=self.today,
        )

    def _claim(self, key: str, allowed: Sequence[str], item: str = "") -> bool:
        """Say so when unknown fields below `key` are fields of its group that lost their indent.

        An author who types `how:` at the left edge under `referral:` meant it to belong there;
        "unknown field" and the list of every field would not tell them that. True when some
        were claimed.
        """
        if key not in self.data:
            return False
        start = self.data.line_of(key)
        claimed = False
        for name, error in list(self.unknown.items()):
            line = self.data.line_of(name)
            if name not in allowed or line <= start:
                continue
            if item:
                error.message = (
                    f"'{name}' belongs under an item of '{key}' (line {start}), but is not indented"
                )
                error.hint = f"Indent it to line up with the other fields of {item} above it, after its '- '."
            else:
                error.message = (
                    f"'{name}' belongs under '{key}' (line {start}), but is not indented"
                )
                error.hint = (
                    f"Indent it by two spaces, to line up with the other fields of '{key}'."
                )
            claimed = True
            del self.unknown[name]
        if claimed and self._blank(key):
            self.log.errors[:] = [
                e
                for e in self.log.errors
                if not (e.origin == self.origin(key) and e.message.endswith("is empty"))
            ]
        return claimed

    def _list(self, key: str) -> YamlList | None:
        if self._blank(key):
            return None
        value = self.data[key]
        if isinstance(value, list):
            return value  # type: ignore[return-value]
        self.error(
            key,
            f"'{key}' should be a list, not {self.shown(key)}",
            "Write each item on its own line starting with '- ', or as [first, second].",
        )
        return None

    def text_list(self, key: str) -> list[str]:
        """A list of text; a single text value is taken as a list of one."""
        if self._blank(key):
            return []
        value = self.data[key]
        if isinstance(value, str):
            return [] if self._dash_without_space(key, value) else [value.strip()]
        items = self._list(key)
        if items is None:
            return []
        result: list[str] = []
        for index, item in enumerate(items):
            if isinstance(item, (list, dict)) or item is None:
                self.log.add(
                    Origin(self.path, items.line_of(index)),
                    f"each item of '{key}' should be text, but item {index + 1} is "
                    + ("empty" if item is None else f"a {describe(item)}"),
                    "Write each item as plain text after '- '.",
                )
                continue
            raw = items.raw[index] if index < len(items.raw) else None
            result.append((item if isinstance(item, str) else (raw or str(item))).strip())
        return result

    def _dash_without_space(self, key: str, value: str) -> bool:
        """A list written '-English' (no space after the '-') is one text to YAML: '-English
        -Polish'. Said, rather than published as it is."""
        first = value.strip()
        if not _DASH_WITHOUT_SPACE.match(first):
            return False
        item = first.split()[0]
        self.error(
            key,
            f"'{key}' is read as the text '{first}', not as a list, because there is no space "
            f"after the '-' in '{item}'",
            f"Put a space after each '-', like '- {item[1:]}'.",
        )
        return True

    def id_list(self, key: str) -> list[tuple[str, Origin]]:
        """References to other items: each id with the line it is written on."""
        if self._blank(key):
            return []
        value = self.data[key]
        if isinstance(value, str):
            if self._dash_without_space(key, value):
                return []
            return [(value.strip(), self.origin(key))]
        items = self._list(key)
        if items is None:
            return []
        result = []
        for index, item in enumerate(items):
            origin = Origin(self.path, items.line_of(index))
            if not isinstance(item, str):
                raw = items.raw[index] if index < len(items.raw) else None
                if raw is None:
                    self.log.add(origin, f"each item of '{key}' should be an id, not {shown(item)}")
                    continue
                item = raw
            result.append((item.strip(), origin))
        return result

    def group_list(
        self, key: str, *, allowed: Sequence[str], required: Sequence[str] = (), what: str = ""
    ) -> list[Fields]:
        noun = what or f"an item of '{key}'"
        self._claim(key, allowed, item=noun)
        items = self._list(key)
        if items is None:
            return []
        return [
            Fields(
                item,
                self.path,
                self.log,
                allowed=allowed,
                required=required,
                what=noun,
                line=items.line_of(index),
                today=self.today,
            )
            for index, item in enumerate(items)
        ]


_DASH_WITHOUT_SPACE = re.compile(r"^-[^\s\d-]")
_URL_HINT = "Write the full address, starting with https://"
