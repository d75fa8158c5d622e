"""One YAML mapping's fields, checked as a whole: it is a mapping, every field is one it may have
and every required field has a value. Each mistake is logged at its field's line, with a fix.

The readers of each kind of field build on this: source/scalar_fields.py, source/list_fields.py
and source/fields.py (groups).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sendsite.errors import ContentError, ErrorLog, Origin
from sendsite.source.spans import FieldLines, Span, field_lines
from sendsite.source.wording import did_you_mean, shown
from sendsite.source.yamldoc import YamlMap


class FieldMap:
    """The fields of one YAML mapping. `what` names the thing in messages."""

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
