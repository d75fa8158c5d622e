"""Reading parsed HTML in tests: an element or attribute the page must have, typed as present, so
that a missing one fails the test where it is looked for."""

from __future__ import annotations

from typing import TypeVar

from bs4 import Tag

T = TypeVar("T")


def found(item: T | None) -> T:
    """`item` (a find() result), which the page must have."""
    assert item is not None, "the page has no such element"
    return item


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute (href, src, id) the element must have."""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no {name}"
    return value
