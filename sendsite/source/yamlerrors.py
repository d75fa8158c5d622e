"""Parser errors in an author's words: each of libyaml's messages becomes one plain sentence
at the line the author needs to look at (an unclosed quote is reported where it opens, not where
the parser gave up), with the fix."""

from __future__ import annotations

import re

import yaml

from sendsite.errors import ContentError, Origin

MAX_DEPTH = 40
"""Nesting deeper than content ever needs is refused (yamldoc.py says why)."""

_TAB_HINT = "YAML does not allow tabs for indentation: replace them with spaces."
_QUOTE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s'"#][^:#]*:\s+)?(-\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str], upto: int) -> int | None:
    """The index of the first line (up to `upto`) whose value opens a quote and never closes it.

    YAML lets a quoted value run over several lines, so an unclosed quote shows up as an error
    somewhere further down; the line that opened it is where the author needs to look.
    """
    for index, text in enumerate(lines[: upto + 1]):
        match = _QUOTE_START.match(text)
        if match is None:
            continue
        quote, rest = match.group(2), match.group(3)
        rest = (
            rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        )
        if quote not in rest:
            return index
    return None


_BULLET = re.compile("^[ \u00a0]*[\u2022\u00b7\u25aa\u25cf\u25e6\uf0b7]")
_HARD_SPACE = re.compile(r"^[\s\u00a0]*\u00a0|:\u00a0")  # indentation, or after a field name


def _hard_space(lines: list[str], upto: int) -> int | None:
    """The index of the line (the parser's, or the one above it) where a non-breaking space
    stands where YAML needs a space: the parser reads 'name:\u00a0Portage' as one word."""
    for index in (upto, upto - 1):
        if 0 <= index < len(lines) and _HARD_SPACE.search(lines[index]):
            return index
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def yaml_error(exc: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> ContentError:
    mark = exc.problem_mark or exc.context_mark
    index = int(mark.line) if mark is not None else 0
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    lines = text.split("\n")
    bad_line = lines[index] if index < len(lines) else ""

    def at(line_index: int) -> Origin:
        return Origin(path, line_index + 1 + offset)

    if "maximum nesting depth" in problem:
        # PyYAML 6.0.4's libyaml refuses deep nesting itself (while scanning ahead, so before the
        # builder's own limit is reached); either way the author gets the same sentence.
        return too_deep(at(index))
    bullet = next(
        (i for i in (index, index - 1) if 0 <= i < len(lines) and _BULLET.match(lines[i])), None
    )
    if bullet is not None:
        while bullet > 0 and _BULLET.match(lines[bullet - 1]):
            bullet -= 1  # the first of the pasted items
        return ContentError(
            at(bullet),
            "this line starts with a bullet character (pasted from Word), which YAML does not "
            "read as an item of a list",
            "Start each item with '- ' (a hyphen and a space) instead, indented by two spaces "
            "under the field name.",
        )
    spaced = _hard_space(lines, index)
    if spaced is not None:
        return ContentError(
            at(spaced),
            "this line has a non-breaking space (often pasted from Word or a web page) where "
            "YAML needs an ordinary space",
            "Delete the space after the ':' (and any before the field name) and type an "
            "ordinary space instead.",
        )
    if "\t" in bad_line or "'\\t'" in problem:
        return ContentError(at(index), "this line has a tab character", _TAB_HINT)
    opened = _unclosed_quote(lines, index)
    if opened is not None:
        return ContentError(
            at(opened),
            "a quoted text is never closed",
            "Add the missing closing quote mark at the end of the text.",
        )
    if "flow sequence" in context or "flow mapping" in context:
        start = int(exc.context_mark.line) if exc.context_mark is not None else index
        brackets = "[ ]" if "sequence" in context else "{ }"
        return ContentError(
            at(start),
            f"the {brackets} brackets that open on this line are never closed, "
            "or two of the items inside them have no comma between them",
            f"Add the closing '{brackets[-1]}', or a comma between items.",
        )
    if "mapping values are not allowed" in problem:
        previous = next((t for t in reversed(lines[:index]) if t.strip()), "")
        if previous and _indent(bad_line) > _indent(previous):
            return ContentError(
                at(index),
                "this line is indented more than the line above it",
                "Line the field up with the fields above it.",
            )
        return ContentError(
            at(index),
            "this line has a colon followed by a space inside a value",
            'Put the whole value in double quotes, e.g. title: "Portage: home visits".',
        )
    if (
        "expected <block end>" in problem
        or "did not find expected key" in problem + context
        or "could not find expected ':'" in problem
    ):
        return ContentError(
            at(index),
            "the indentation of this line does not line up with the lines above it",
            "Indent each field of the same group by the same number of spaces.",
        )
    if "cannot start any token" in problem:
        return ContentError(
            at(index),
            "a value on this line starts with a character that YAML keeps for itself "
            "(such as @ or `)",
            "Put the whole value in double quotes.",
        )
    for wording, (message, hint) in _PLAIN_PROBLEMS.items():
        if wording in problem:
            return ContentError(at(index), message, hint)
    # The parser's own wording ("did not find expected node content") means nothing to an author.
    return ContentError(
        at(index),
        "this line is not written the way YAML needs",
        "Check the punctuation and indentation on this line and the one before it.",
    )


# libyaml's problem texts, as an author would say them. Found by feeding it each kind of slip.
_PLAIN_PROBLEMS: dict[str, tuple[str, str]] = {
    "did not find expected <document start>": (
        "this line is indented less than the first field of the file",
        "Start every field at the top of the file at the left edge, with no spaces before it.",
    ),
    "did not find expected '-' indicator": (
        "this line does not line up with the list above it",
        "Start each item of the list with '- ' at the same indentation as the items above it.",
    ),
    "block sequence entries are not allowed": (
        "a list item ('- ') starts on the same line as its field name",
        "Put each item on its own line below the field name, starting with '- '.",
    ),
    "found unknown escape character": (
        "this double-quoted text has a backslash that YAML reads as a special character",
        "Use single quotes around the text instead, or write the backslash twice.",
    ),
    "did not find expected alphabetic or numeric character": (
        "a value on this line starts with & or *, which YAML keeps for itself",
        "Put the whole value in double quotes.",
    ),
}


def too_deep(origin: Origin) -> ContentError:
    return ContentError(
        origin,
        f"the data is nested more than {MAX_DEPTH} levels deep",
        "Check the indentation and brackets: content never needs this much nesting.",
    )


def reader_error(exc: yaml.reader.ReaderError, text: str, path: str, offset: int) -> ContentError:
    line = text[: exc.position].count("\n") + 1 + offset
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return ContentError(
        Origin(path, line),
        f"this line has an invisible control character (U+{ord(character):04X})",
        "Delete it: retype the line, or paste the text again as plain text.",
    )
