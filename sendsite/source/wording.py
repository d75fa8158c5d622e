"""How a value or a misspelling is put to an author: "did you mean", and a value's kind in their
words (never a Python type name)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from typing import Any


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
