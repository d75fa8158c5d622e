"""Reading typed fields out of a YAML mapping, recording every mistake with its line and a fix.

Each method returns the value, or None when the field is absent or wrong (the mistake is logged),
so a validator can read every field of an item and report all of its problems in one go.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from sendsite.errors import ContentError, ErrorLog, Origin
from sendsite.source.phone import PhoneMistake, read_phone
from sendsite.source.spans import FieldLines, Span
from sendsite.source.yamldoc import YamlList, YamlMap
from sendsite.text import month_date, uk_date

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
# An address that is safe to put after mailto: as it is: no spaces, quotes, brackets or the
# ?, & and # that would add a subject, a second recipient or a fragment to the link.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!$%'*+/=^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def nearest(word: str, options: Sequence[str], count: int = 3) -> list[str]:
    """The options closest to a misspelt word, best first."""
    return difflib.get_close_matches(word, list(options), n=count, cutoff=0.6)


def did_you_mean(word: str, options: Sequence[str], noun: str = "") -> str:
    close = nearest(word, options)
    if close:
        return "Did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if options and len(options) <= 12:
        return f"Use one of the {noun or 'values'}: " + ", ".join(f"'{o}'" for o in options) + "."
    return ""


def describe(value: Any) -> str:
    """What kind of value this is, in an author's words, never a Python type name."""
    if isinstance(value, bool):
        return "yes/no value"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "group of fields"
    if value is None:
        return "empty value"
    return "text"


def shown(value: Any, raw: str | None = None) -> str:
    """A value as the author wrote it, for 'should be X, not Y' messages: a scalar is quoted as
    typed (`yes`, not Python's True), a list or group is named by its kind."""
    if isinstance(value, (list, dict)):
        return f"a {describe(value)}"
    if value is None:
        return "empty"
    return f"'{raw if raw is not None else value}'"


def field_lines(data: YamlMap, path: str, body: Span | None = None) -> FieldLines:
    """The span of every field of `data`, nested ones named with dots (`referral.how`,
    `contacts.0.phone`), and of the body."""
    spans: dict[str, Span] = {}
    keys: dict[str, int] = {}
    pending: list[tuple[str, Any]] = [("", data)]
    while pending:
        prefix, value = pending.pop()
        if isinstance(value, YamlMap):
            for key, item in value.items():
                name = prefix + key
                keys[name] = value.line_of(key)
                if key in value.spans:
                    spans[name] = value.spans[key]
                pending.append((name + ".", item))
        elif isinstance(value, YamlList):
            for index, item in enumerate(value):
                name = f"{prefix}{index}"
                keys[name] = value.line_of(index)
                if index < len(value.spans):
                    spans[name] = value.spans[index]
                pending.append((name + ".", item))
    if body is not None:
        spans["body"] = body
        keys["body"] = body.first
    return FieldLines(path, spans, keys)


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
            return [value.strip()]
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

    def id_list(self, key: str) -> list[tuple[str, Origin]]:
        """References to other items: each id with the line it is written on."""
        if self._blank(key):
            return []
        value = self.data[key]
        if isinstance(value, str):
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


_URL_HINT = "Write the full address, starting with https://"
# RFC 3986: what may stand unencoded in a path, a query and a fragment ('%' only before two hex
# digits). Everything else is percent-encoded as UTF-8.
_PATH_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
)
_QUERY_SAFE = _PATH_SAFE | {"?"}
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _encode(text: str, safe: frozenset[str]) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char in safe or (char == "%" and _PERCENT.match(text, index)):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def web_address(value: str) -> tuple[str | None, str]:
    """(the address as a valid http(s) URI, "") or (None, what is wrong with it, in plain words,
    or "" when it is not an http(s) address at all).

    Characters a URI may not hold are percent-encoded in the path, query and fragment, and a
    host name in another script becomes its xn-- form; what cannot be encoded is refused."""
    # Browsers drop tabs and newlines inside a URL, so no space or control character may hide
    # another address (or a script) inside one that starts with https://.
    # A plain space is encoded like any other character (in the path; not in the site's name).
    if any((c.isspace() and c != " ") or ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        return None, "it has a line break, a tab or an invisible character in it"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None, "the part after the last ':' before the path is not a port number"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None, ""  # the hint says it: start with https://
    host = parts.hostname or ""
    if "@" in parts.netloc:
        return None, "it has a user name or password before the site's name"
    if host.startswith("["):
        return None, "the site's name is an IP address"
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None, f"'{host}' is not a site name"
    labels = ascii_host.lower().rstrip(".").split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return None, f"'{host}' is not a site name (only letters, digits, '-' and '.')"
    netloc = ".".join(labels) + (f":{port}" if port is not None else "")
    address = f"{parts.scheme.lower()}://{netloc}{_encode(parts.path, _PATH_SAFE)}"
    if parts.query or value.rstrip("#").endswith("?"):
        address += "?" + _encode(parts.query, _QUERY_SAFE)
    if parts.fragment:
        address += "#" + _encode(parts.fragment, _QUERY_SAFE)
    return address, ""


def is_web_address(value: str) -> bool:
    return web_address(value)[0] is not None


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
