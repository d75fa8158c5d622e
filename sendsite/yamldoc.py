"""Safe YAML reading that remembers the line of every key and list item.

PyYAML's safe C loader composes the document into nodes (which carry their positions); this module
turns the nodes into plain Python values, keeping line numbers beside them so that validation can
point at the exact line of a mistake. Anchors and aliases are refused: content never needs them,
and they are how a tiny file expands into gigabytes ("billion laughs").
"""

from __future__ import annotations

from typing import Any

import yaml

from sendsite.errors import ContentError, Origin

try:
    _ComposeLoader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _ComposeLoader = yaml.SafeLoader

_MAX_DEPTH = 40


class YamlMap(dict[str, Any]):
    """A YAML mapping with the line of the mapping and of each of its keys.

    `raw` keeps the text as written of every scalar value, so a text field given `01632 960000`,
    `yes` or `2024` keeps exactly what the author typed.
    """

    line: int
    key_lines: dict[str, int]
    raw: dict[str, str]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A YAML sequence with the line of the sequence and of each item (and raw scalar text)."""

    line: int
    item_lines: list[int]
    raw: list[str | None]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse one YAML document; `first_line` is the file line where `text` starts (for front matter)."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text, path, offset) from None
    except yaml.YAMLError as exc:
        raise ContentError(Origin(path, first_line), f"this YAML cannot be read ({exc})") from None
    if node is None:
        return None
    return _Converter(path, offset, text).convert(node, depth=0)


class _Converter:
    def __init__(self, path: str, offset: int, text: str) -> None:
        self.path = path
        self.text = text
        self.offset = offset
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.offset

    def first_alias_line(self) -> int:
        # Composed nodes do not remember where an alias was written; the event stream does.
        for event in yaml.parse(self.text, Loader=_ComposeLoader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return int(event.start_mark.line) + 1 + self.offset
        return 1 + self.offset  # pragma: no cover - a shared node always comes from an alias

    def convert(self, node: yaml.Node, depth: int) -> Any:
        origin = Origin(self.path, self.line(node))
        if id(node) in self.seen:
            raise ContentError(
                Origin(self.path, self.first_alias_line()),
                "YAML anchors and aliases (&name and *name) are not allowed",
                "Write the value out in full where it is needed.",
            )
        self.seen.add(id(node))
        if depth > _MAX_DEPTH:
            raise ContentError(
                origin,
                f"the data is nested more than {_MAX_DEPTH} levels deep",
                "Check the indentation: content never needs this much nesting.",
            )
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            items = YamlList(self.convert(item, depth + 1) for item in node.value)
            items.line = self.line(node)
            items.item_lines = [self.line(item) for item in node.value]
            items.raw = [_raw(item) for item in node.value]
            return items
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, depth: int) -> YamlMap:
        result = YamlMap()
        result.line = self.line(node)
        result.key_lines = {}
        result.raw = {}
        for key_node, value_node in node.value:
            key_line = self.line(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError(
                    Origin(self.path, key_line),
                    "a field name must be a plain word",
                    "Check this line's indentation and punctuation.",
                )
            key = str(key_node.value)
            if key == "<<":
                raise ContentError(
                    Origin(self.path, key_line),
                    "YAML merge keys (<<) are not allowed",
                    "Write the fields out in full.",
                )
            if key in result:
                first = result.key_lines[key]
                raise ContentError(
                    Origin(self.path, key_line),
                    f"the field '{key}' is given twice (first on line {first})",
                    "Keep one of them and delete the other.",
                )
            result[key] = self.convert(value_node, depth + 1)
            result.key_lines[key] = key_line
            raw = _raw(value_node)
            if raw is not None:
                result.raw[key] = raw
        return result

    def scalar(self, node: yaml.Node) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError):
            # An impossible date such as 2024-02-30 fails here; keep the text so that
            # validation can say which field it is and why.
            return str(node.value)
        return value


def _raw(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


_TAB_HINT = "YAML does not allow tabs for indentation: replace them with spaces."


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    line = (int(mark.line) + 1 + offset) if mark is not None else offset + 1
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    lines = text.splitlines()
    bad_line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    origin = Origin(path, line)
    if "\t" in bad_line or "found character '\\t'" in problem:
        return ContentError(origin, "this line has a tab character", _TAB_HINT)
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return ContentError(
            Origin(path, (int(exc.context_mark.line) + 1 + offset) if exc.context_mark else line),
            "a quoted text is never closed",
            "Add the missing closing quote mark.",
        )
    if "mapping values are not allowed" in problem:
        return ContentError(
            origin,
            "this line has a colon followed by a space inside a value",
            'Put the whole value in double quotes, e.g. title: "Portage: home visits".',
        )
    if "expected <block end>" in problem or "did not find expected key" in context:
        return ContentError(
            origin,
            "the indentation here does not line up with the lines above",
            "Indent each field of the same group by the same number of spaces.",
        )
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return ContentError(
            origin,
            "YAML anchors and aliases (&name and *name) are not allowed",
            "Write the value out in full, or put text starting with * or & in quotes.",
        )
    detail = problem or context or "it is not valid YAML"
    return ContentError(
        origin,
        f"this YAML cannot be read: {detail}",
        "Check the punctuation and indentation on this line and the one before it.",
    )
