"""The one exception type for mistakes in a site's files, and a collector for many of them.

A content mistake is never a crash: every stage records what it finds and carries on, so the
author sees all their mistakes at once, each as `path:line: message hint`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a file (relative to the site folder, as the author knows it) and a line."""

    path: str
    line: int | None = None

    def at(self, line: int | None) -> Origin:
        return Origin(self.path, line)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class ContentError(Exception):
    """A mistake in the site's files that the author can fix: where it is, what is wrong, how to fix it."""

    def __init__(self, origin: Origin, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.origin = origin
        self.message = message
        self.hint = hint

    @property
    def path(self) -> str:
        return self.origin.path

    @property
    def line(self) -> int | None:
        return self.origin.line

    def __str__(self) -> str:
        text = f"{self.origin}: {_sentence(self.message)}"
        return _one_line(f"{text} {_sentence(self.hint)}" if self.hint else text)

    def sort_key(self) -> tuple[str, int, str]:
        return (self.origin.path, self.origin.line or 0, self.message)


class ContentErrors(Exception):
    """Every content mistake found in one pass, reported together."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(errors, key=ContentError.sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __iter__(self) -> Iterator[ContentError]:
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


class ErrorLog:
    """Collects content errors during a stage so that one mistake never hides the next."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, origin: Origin, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(origin, message, hint))

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


# Line breaks and other invisible characters from a quoted value (or a file name) would split
# one mistake over several lines of output, or hide part of it: show them as escapes instead.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    return _INVISIBLE.sub(lambda match: repr(match.group())[1:-1], text)


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".?!:":
        text += "."
    return text[:1].upper() + text[1:] if text else text
