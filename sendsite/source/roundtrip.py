"""Saving a form's values into a content file so that only what changed changes.

A form (the browser editor) sends a whole new file in its own YAML style. Written as it is, one
changed summary would rewrite every line: flow lists `[a, b]` become blocks, folded paragraphs
are re-wrapped, comments vanish. Instead the new values are applied to the file as it was, read
with ruamel.yaml's round-trip loader, which keeps comments, quotes, flow and block styles, and
the author's line breaks in folded text: a value that did not change is written exactly as before.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

FENCE = "---"
WRAP = 96  # where a changed paragraph in folded style is wrapped, as the example's files are
# (sequence indent, offset): '  - item' under its key, or '- item' level with it
_STYLES = ((4, 2), (2, 0))
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter YAML, body) of a Markdown file; None when it has no front matter."""
    if not text.startswith(FENCE):
        return None
    first = text.find("\n")
    if first < 0 or text[:first].strip() != FENCE:
        return None
    position = first + 1
    while True:
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        if line.rstrip() == FENCE:
            body = "" if end < 0 else text[end + 1 :]
            return text[first + 1 : position], body
        if end < 0:
            return None
        position = end + 1


def _yaml(style: tuple[int, int]) -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line the author wrote on one line
    y.indent(mapping=2, sequence=style[0], offset=style[1])
    return y


def _dump(y: YAML, data: Any) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _load(text: str) -> tuple[YAML, Any]:
    """The file's data for round-tripping, and a writer in the file's own indentation."""
    for style in _STYLES:
        y = _yaml(style)
        data = y.load(text)
        if _dump(y, data) == text:
            return y, data
    return _yaml(_STYLES[0]), _yaml(_STYLES[0]).load(text)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def without_empty(value: Any) -> Any:
    """A form's value without the fields left empty (a form sends every field it has)."""
    if isinstance(value, dict):
        kept = {k: without_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if not is_empty(v)}
    if isinstance(value, list):
        kept_items = [without_empty(v) for v in value]
        return [v for v in kept_items if not is_empty(v)]
    if isinstance(value, str):
        return value.strip("\n") if "\n" in value else value
    return value


def _styled(old: Any, new: Any) -> Any:
    """A changed text value, written in the style the old one had."""
    if not isinstance(new, str):
        return _fresh(new)
    if isinstance(old, FoldedScalarString):
        folded = FoldedScalarString(new)
        # ruamel folds only where it is told to: at spaces, every paragraph's lines near WRAP.
        positions: list[int] = []
        offset = 0
        for paragraph in new.split("\n"):
            length = 0
            for word in paragraph.split(" ")[:-1]:
                length += len(word) + 1
                if length > WRAP - 10 and offset + length < len(new):
                    positions.append(offset + length - 1)
                    length = 0
            offset += len(paragraph) + 1
        folded.fold_pos = positions
        return folded
    if isinstance(old, LiteralScalarString) or "\n" in new:
        return LiteralScalarString(new)
    if type(old) is not str and isinstance(old, str):  # quoted: keep the quotes
        return type(old)(new)
    return _plain(new)


def apply(old: Any, new: Any) -> Any:
    """`new` values, in `old`'s containers and styles wherever they are equal."""
    if isinstance(old, dict) and isinstance(new, dict):
        # A form sends every field it has, the empty ones too: an empty field that the file
        # does not have stays out, and one the author emptied is taken out.
        for key in [k for k in old if k not in new or (is_empty(new[k]) and not is_empty(old[k]))]:
            del old[key]
        previous: Any = None
        for key, value in new.items():
            if key in old:
                if old[key] != value:
                    old[key] = apply(old[key], value)
            elif is_empty(without_empty(value)):
                continue
            elif isinstance(old, CommentedMap):
                position = 0 if previous is None else list(old).index(previous) + 1
                old.insert(position, key, _fresh(value))
            else:
                old[key] = value
            previous = key
        return old
    if isinstance(old, list) and isinstance(new, list):
        for index, value in enumerate(new[: len(old)]):
            if old[index] != value:
                old[index] = apply(old[index], value)
        del old[len(new) :]
        old.extend(_fresh(v) for v in new[len(old) :])
        return old
    if old == new and (type(old) is type(new) or not isinstance(new, str)):
        return old  # the same text, or 5 and 5.0
    if isinstance(old, str) and old == new:
        return old  # the same text in quotes
    return _styled(old, new)


def _fresh(value: Any) -> Any:
    """A value for a new file or field: lists of words and short groups on one line, as the
    content model's examples write them."""
    value = without_empty(value)
    if isinstance(value, dict):
        group = CommentedMap((k, _fresh(v)) for k, v in value.items())
        if all(not isinstance(v, (dict, list)) for v in value.values()) and (
            len(value) <= 3 and all(len(str(v)) < 24 for v in value.values())
        ):
            group.fa.set_flow_style()
        return group
    if isinstance(value, list):
        items = CommentedSeq(_fresh(v) for v in value)
        if all(isinstance(v, str) and len(v) < 40 and "," not in v for v in value) and value:
            items.fa.set_flow_style()
        return items
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return _plain(value)


def _plain(value: Any) -> Any:
    """Text that YAML 1.1 (which sendsite reads) would take for something else, such as 09:30
    (a number of minutes there) or yes, in quotes."""
    if isinstance(value, str) and type(value) is str and value:
        try:
            read = pyyaml.safe_load(value)
        except pyyaml.YAMLError:
            return DoubleQuotedScalarString(value)
        if not isinstance(read, str) or read != value:
            return DoubleQuotedScalarString(value)
    return value


def _dates(value: Any) -> Any:
    """Dates a form sends as text (2026-09-12) as dates, as a file writes them."""
    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def parse_form_data(text: str) -> Any:
    """The values a form sent, in its own YAML (1.2: 09:30 is text, as the form meant)."""
    if not text.strip():
        return {}
    return _dates(YAML(typ="safe", pure=True).load(text))


def updated_yaml(original: str | None, values: Any) -> str:
    """A YAML file with `values`: the original file changed only where they differ."""
    if original is None or not original.strip():
        y = _yaml(_STYLES[0])
        return _dump(y, _fresh(values))
    y, data = _load(original)
    if data is None:
        data = CommentedMap()
    data = apply(data, values)
    return _dump(y, data)


def updated_markdown(original: str | None, values: Any, body: str) -> str:
    """A Markdown file with front matter `values` and `body`, changed only where they differ."""
    parts = split_front_matter(original) if original is not None else None
    front = updated_yaml(parts[0] if parts else None, values)
    if parts is not None and parts[1].strip() == body.strip():
        body = parts[1]
    elif body.strip():
        body = textwrap.dedent(body).strip("\n") + "\n"
    else:
        body = ""
    return f"{FENCE}\n{front}{FENCE}\n{body}"


def wrapped_list(text: str, key: str) -> str:
    """A YAML file whose top level is a list, as a group with the list under `key` (forms can
    only edit groups)."""
    y, data = _load(text)
    return _dump(y, CommentedMap([(key, data if data is not None else [])]))


def updated_list(original: str | None, values: Any, key: str) -> str:
    """The list file from the group a form sent (see `wrapped_list`)."""
    items = values.get(key) if isinstance(values, dict) else None
    items = items if isinstance(items, list) else []
    if original is None or not original.strip():
        return _dump(_yaml(_STYLES[1]), _fresh(items))
    y, data = _load(original)
    if not isinstance(data, list):
        data = CommentedSeq()
    return _dump(y, apply(data, items))
