"""The directory's pages to render, and long lists split into numbered pages.

A list of services or organisations is split into pages of PAGE_SIZE so that no page is
enormous on a phone; each page knows where it sits among the others (Pager) to link to them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sendsite.errors import Origin

T = TypeVar("T")

PAGE_SIZE = 20  # services on one listing page: a short scroll on a phone, few pages to click


@dataclass
class Pager:
    """Where one page sits in a numbered list of pages."""

    number: int
    count: int
    first_path: str  # the path of page 1; later pages live below it
    total: int  # items in the whole list
    first_size: int = PAGE_SIZE  # items on page 1; every later page has PAGE_SIZE

    def _end(self, number: int) -> int:
        """How many items pages 1 to `number` hold between them."""
        return self.first_size + (number - 1) * PAGE_SIZE if number > 0 else 0

    @property
    def first_item(self) -> int:
        return self._end(self.number - 1) + 1

    @property
    def last_item(self) -> int:
        return min(self._end(self.number), self.total)

    def path_of(self, number: int) -> str:
        return self.first_path if number == 1 else f"{self.first_path}page-{number}/"

    @property
    def path(self) -> str:
        return self.path_of(self.number)

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to link to: the first, the last, this one and its neighbours, with
        None for each gap (shown as an ellipsis), as GOV.UK's pagination does. A list of 200
        pages would otherwise put 200 links on every one of its pages."""
        shown = {1, self.count, self.number - 1, self.number, self.number + 1}
        if self.number <= 3:
            shown.update(range(1, 5))  # near an end, keep a few numbers to choose from
        if self.number >= self.count - 2:
            shown.update(range(self.count - 3, self.count + 1))
        kept = sorted(n for n in shown if 1 <= n <= self.count)
        numbers: list[int | None] = []
        for n in kept:
            if numbers and n - (numbers[-1] or 0) == 2:
                numbers.append(n - 1)  # a gap of one page: show it rather than an ellipsis
            elif numbers and n - (numbers[-1] or 0) > 2:
                numbers.append(None)
            numbers.append(n)
        return numbers


@dataclass
class DirectoryPage:
    """One page to render; the renderer makes a route of it."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None  # the source file it comes from, when there is one


def paginate(
    items: Sequence[T], first_path: str, first_size: int = PAGE_SIZE
) -> Iterator[tuple[Pager, list[T]]]:
    """Split a list into pages of PAGE_SIZE, the first of `first_size`; an empty list still
    gets its one page."""
    count = 1 + max(0, -(-(len(items) - first_size) // PAGE_SIZE))
    for number in range(1, count + 1):
        pager = Pager(number, count, first_path, len(items), first_size)
        yield pager, list(items[pager.first_item - 1 : pager.last_item])


def numbered_page(
    pager: Pager,
    template: str,
    title: str,
    context: dict[str, Any],
    origin: Origin | None = None,
) -> DirectoryPage:
    """One page of a numbered list, its title saying which page it is when there are more."""
    if pager.count > 1:
        title += f" (page {pager.number} of {pager.count})"
    return DirectoryPage(pager.path, template, title, context, origin)
