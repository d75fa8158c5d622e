"""The site's shared words: the taxonomy's terms (categories, needs, areas) and the glossary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite.errors import Origin

if TYPE_CHECKING:
    from sendsite.model.objects.directory import Service


@dataclass
class Term:
    """One entry of a controlled vocabulary (a category, need or area)."""

    id: str
    label: str
    description: str | None
    origin: Origin
    services: list[Service] = field(default_factory=list)  # derived: active services tagged with it
    # Other words families search with for it ('respite' for short breaks, 'ASD' for autism):
    # the search finds the term's services when one of them is typed.
    also: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    categories: dict[str, Term]
    needs: dict[str, Term]
    areas: dict[str, Term]


@dataclass
class GlossaryEntry:
    term: str
    meaning: str
    also: list[str]
    origin: Origin

    @property
    def anchor(self) -> str:
        from sendsite.text import slugify

        return slugify(self.term)
