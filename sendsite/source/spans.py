"""Where each field of an item is written: the lines its text spans in the file.

An item's Origin names the line it starts on; a warning about one field (a hard sentence in a
service's eligibility, an acronym in a finding's summary, an update's link) needs the lines of
that field, so `sendsite check` can point at the line that holds the words it quotes instead of
searching the file for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sendsite.errors import Origin

if TYPE_CHECKING:
    from sendsite.source.yamldoc import YamlMap


@dataclass(frozen=True)
class Span:
    """The first and last line (1-based, inclusive) of a value's text in its file."""

    first: int
    last: int


@dataclass(frozen=True, eq=False)
class FieldLines:
    """The span of each field of one item, by name.

    Nested fields are named with dots: `referral.how`, `contacts.0.phone`; list items by their
    index (`covers.1`). A Markdown file's body is `body`.
    """

    path: str = ""
    spans: Mapping[str, Span] = field(default_factory=dict)  # where each value's text is
    keys: Mapping[str, int] = field(default_factory=dict)  # the line that names each field

    def span(self, name: str) -> Span | None:
        return self.spans.get(name)

    def line(self, name: str) -> int | None:
        """The line that names the field (`contacts:`), or an item's `- ` line."""
        return self.keys.get(name)

    def origin(self, name: str, default: Origin | None = None) -> Origin:
        """Where the field `name` is written; `default` (or the file) when it is not."""
        line = self.line(name)
        if line is not None:
            return Origin(self.path, line)
        return default if default is not None else Origin(self.path)


def field_lines(data: YamlMap, path: str, body: Span | None = None) -> FieldLines:
    """The span of every field of `data`, nested ones named with dots (`referral.how`,
    `contacts.0.phone`), and of the body."""
    from sendsite.source.yamldoc import YamlList, YamlMap  # which imports Span from here

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
