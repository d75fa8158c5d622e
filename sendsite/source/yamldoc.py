"""Safe YAML reading that remembers the line of every key and list item.

Values are built straight from libyaml's event stream (never from PyYAML's composed nodes), one
event at a time and without recursion, so that every limit is enforced before anything grows:
nesting deeper than content ever needs is refused at the line where it starts (libyaml's own
composer recurses and crashes the interpreter on a file of a few thousand brackets), and
aliases are refused at the line where they are used (they are how a tiny file expands into
gigabytes: "billion laughs"). Explicit tags such as `!!python/object` are refused too. Each value
keeps its line, and each scalar keeps its text as written, so that validation can point at the
exact line of a mistake and show what the author typed.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from sendsite.errors import ContentError, Origin
from sendsite.source.spans import Span
from sendsite.source.yamlerrors import MAX_DEPTH, reader_error, too_deep, yaml_error

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# What YAML's reader refuses when typed raw; a double-quoted escape such as "\b" can still make one.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
# A whole unquoted value inside the curly quotes that word processors put in place of " and '.
_CURLY_QUOTED = re.compile(r"^([\u201c\u201e\u2018])([^\u201c\u201d\u2018\u2019]*)[\u201d\u2019]$")
_SCALAR_TAGS = {_CORE + name for name in ("int", "float", "bool", "null", "timestamp")}
# Tags an author may write explicitly (`!!str 2024` keeps a year as text); every other tag is
# refused, so YAML can never ask for a Python object.
_ALLOWED_TAGS = {_CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}


class YamlMap(dict[str, Any]):
    """A YAML mapping with the line of the mapping and of each of its keys.

    `raw` keeps the text as written of every scalar value, so a text field given `01632 960000`,
    `yes` or `2024` keeps exactly what the author typed.
    """

    line: int
    key_lines: dict[str, int]
    raw: dict[str, str]
    # key -> the first and last line of its value's text (the line after `|` or `>` for a block)
    spans: dict[str, Span]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A YAML sequence with the line of the sequence and of each item (and raw scalar text)."""

    line: int
    item_lines: list[int]
    raw: list[str | None]
    spans: list[Span]  # of each item's text, as YamlMap.spans

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse one YAML document; `first_line` is the file line where `text` starts (for front matter)."""
    offset = first_line - 1
    builder = _Builder(path, offset, text.split("\n"))
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(exc, text, path, offset) from None
    except yaml.reader.ReaderError as exc:
        raise reader_error(exc, text, path, offset) from None
    except yaml.YAMLError:  # pragma: no cover - libyaml marks every other error
        raise ContentError(
            Origin(path, first_line),
            "this file is not written the way YAML needs",
            "Check its punctuation and indentation.",
        ) from None
    return builder.result


def _new_map(line: int) -> YamlMap:
    result = YamlMap()
    result.line, result.key_lines, result.raw, result.spans = line, {}, {}, {}
    return result


def _new_list(line: int) -> YamlList:
    result = YamlList()
    result.line, result.item_lines, result.raw, result.spans = line, [], [], []
    return result


class _Builder:
    """Turns parser events into YamlMap, YamlList and plain values, checking limits as it goes."""

    def __init__(self, path: str, offset: int, lines: list[str]) -> None:
        self.path = path
        self.offset = offset
        self.lines = lines
        self.stack: list[YamlMap | YamlList] = []
        self.pending_keys: list[tuple[str, int] | None] = []  # per open mapping: key awaiting value
        self.result: Any = None
        self.documents = 0
        self.resolver: Any = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return (int(mark.line) if mark is not None else 0) + 1 + self.offset

    def span(self, event: yaml.Event, first: int) -> Span:
        """The lines a value's text is written on: from `first` to where the event ends (a
        block scalar's end mark is at the start of the line after it)."""
        end = event.end_mark
        if end is None:
            return Span(first, first)
        last = int(end.line) + 1 + self.offset
        if int(end.column) == 0 and last > first:
            last -= 1
        if isinstance(event, yaml.ScalarEvent) and event.style in ("|", ">"):
            first += 1  # the text starts on the line after the indicator
        return Span(first, max(first, last))

    def error(self, event: yaml.Event, message: str, hint: str) -> ContentError:
        return ContentError(Origin(self.path, self.line(event)), message, hint)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.check_tag(event)
            control = CONTROL_CHARACTER.search(event.value)
            if control:
                raise self.error(
                    event,
                    "this value has an invisible control character "
                    f"(U+{ord(control.group()):04X}), written as an escape",
                    "Delete the escape (a backslash and what follows it) from the quoted text.",
                )
            if not event.style:
                self.check_continuation(event)
            span = self.span(event, self.line(event))
            curly = _CURLY_QUOTED.match(event.value) if not event.style else None
            if curly is not None:
                # Word and Outlook turn the author's "free" into “free”, which YAML takes as part
                # of the text: read it as the quoted text the author typed.
                self.add(curly.group(2), self.line(event), curly.group(2), event, span)
                return
            self.add(self.scalar(event), self.line(event), str(event.value), event, span)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.check_tag(event)
            if len(self.stack) >= MAX_DEPTH:
                raise too_deep(Origin(self.path, self.line(event)))
            is_map = isinstance(event, yaml.MappingStartEvent)
            self.stack.append(_new_map(self.line(event)) if is_map else _new_list(self.line(event)))
            self.pending_keys.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = self.stack.pop()
            self.pending_keys.pop()
            self.add(done, done.line, None, event, self.span(event, done.line))
        elif isinstance(event, yaml.AliasEvent):
            raise self.error(
                event,
                "YAML anchors and aliases (&name and *name) are not allowed",
                "Write the value out in full where it is needed, or put text starting with * "
                "or & in quotes.",
            )
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.error(
                    event,
                    "this line '---' starts a second set of fields, but a file holds only one",
                    "Remove the line, or move what follows it into a file of its own.",
                )

    def check_continuation(self, event: yaml.ScalarEvent) -> None:
        """A list item indented one space more than the item above it is, to YAML, more words
        of that item ('English - Polish'): refuse it rather than publish the two as one."""
        start, end = event.start_mark, event.end_mark
        if start is None or end is None or start.line == end.line:
            return
        for index in range(int(start.line) + 1, min(int(end.line), len(self.lines) - 1) + 1):
            if self.lines[index].lstrip().startswith("- "):
                raise ContentError(
                    Origin(self.path, index + 1 + self.offset),
                    "this list item is indented more than the item above it, so it is read "
                    "as more words of that item",
                    "Line up its '- ' with the '- ' of the item above it.",
                )

    def check_tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            shown = tag.replace(_CORE, "!!")
            raise self.error(
                event,
                f"the YAML tag '{shown}' is not allowed",
                "Remove it; if the value really starts with '!', put the value in quotes.",
            )

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:
            return event.value  # most values: no need to go through the constructor
        if tag not in _SCALAR_TAGS:
            return str(event.value)  # such as `!!map text`: a tag that does not fit a value
        node = yaml.ScalarNode(tag, event.value, style=event.style)
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            # An impossible date such as 2024-02-30 fails here; keep the text so that
            # validation can say which field it is and why.
            return str(event.value)

    def add(self, value: Any, line: int, raw: str | None, event: yaml.Event, span: Span) -> None:
        if not self.stack:
            self.result = value
            return
        parent = self.stack[-1]
        if isinstance(parent, YamlList):
            parent.append(value)
            parent.item_lines.append(line)
            parent.raw.append(raw)
            parent.spans.append(span)
            return
        pending = self.pending_keys[-1]
        if pending is None:
            self.pending_keys[-1] = (self.key(raw, line, parent), line)
            return
        key, key_line = pending
        self.pending_keys[-1] = None
        parent[key] = value
        parent.key_lines[key] = key_line
        parent.spans[key] = span
        if raw is not None:
            parent.raw[key] = raw

    def key(self, raw: str | None, line: int, parent: YamlMap) -> str:
        origin = Origin(self.path, line)
        if raw is None:
            raise ContentError(
                origin,
                "a field name must be a plain word",
                "Check this line's indentation and punctuation.",
            )
        if raw == "<<":
            raise ContentError(
                origin, "YAML merge keys (<<) are not allowed", "Write the fields out in full."
            )
        if raw in parent:
            first = parent.key_lines[raw]
            raise ContentError(
                origin,
                f"the field '{raw}' is given twice (first on line {first})",
                "Keep one of them and delete the other.",
            )
        return raw
