"""A deterministic sample of a built site's pages for the checks too slow to run on all 10,000
pages of a council-sized site (axe, the skip link, focus, page heights): for each page type,
the first page in address order, the largest file and a spread of others.

A page's type is its address with the ids taken out (`services/*/`, `services/age/*/*/`), and a
list's numbered pages (`page-2/`) are of the list's type, so the largest page of each listing
type is always in the sample."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sendsite.render.listings import FACETS as DIRECTORY_FACETS

PAGE_NUMBER = re.compile(r"page-\d+")
# The directory's listings by facet, services/FACET/ID/ (category, need, area and the venue
# facts); age has pages below its bands.
FACETS = tuple(f for f in DIRECTORY_FACETS if f != "age")
# Page types that list services or organisations, and so grow with the directory.
LISTING_TYPES = (
    "services/",
    *(f"services/{facet}/*/" for facet in FACETS),
    "services/age/*/",
    "services/age/*/*/",
    "services/age/*/*/need/*/",
    "services/age/*/*/any-need/",
    "organisations/",
    "organisations/*/",
)


@dataclass(frozen=True)
class Sampled:
    relative: str  # the address below the site's root: '', 'services/portage/', '404.html'
    kind: str  # its page type
    size: int  # bytes

    @property
    def is_listing(self) -> bool:
        return self.kind in LISTING_TYPES


def page_type(relative: str) -> str:
    """'services/age/5-10/north/need/autism/page-2/' -> 'services/age/*/*/need/*/'."""
    if not relative.endswith("/"):
        return relative  # a file of its own: 404.html
    parts = [p for p in relative.strip("/").split("/") if p and not PAGE_NUMBER.fullmatch(p)]
    if not parts:
        return ""  # the home page
    head, rest = parts[0], parts[1:]
    if head == "services" and rest:
        if rest[0] in FACETS:
            return f"services/{rest[0]}/*/"
        if rest[0] == "age":
            words = ["age", *("*" for _ in rest[1:3]), *rest[3:4], *("*" for _ in rest[4:])]
            return "services/" + "/".join(words) + "/"
        return "services/*/"
    return "/".join([head, *("*" for _ in rest)]) + "/"


def pages_of(folder: Path) -> list[Sampled]:
    """Every HTML page of a built site, in address order."""
    found = []
    for path in sorted(folder.rglob("*.html")):
        relative = path.relative_to(folder).as_posix().removesuffix("index.html")
        found.append(Sampled(relative, page_type(relative), path.stat().st_size))
    return found


def sample(folder: Path, spread: int = 2) -> list[Sampled]:
    """For each page type: its first page, its largest and `spread` more evenly spaced through
    the rest, each once; by type in address order."""
    by_type: dict[str, list[Sampled]] = {}
    for page in pages_of(folder):
        by_type.setdefault(page.kind, []).append(page)
    chosen: list[Sampled] = []
    for kind in sorted(by_type):
        pages = by_type[kind]
        picks = [pages[0], max(pages, key=lambda p: (p.size, p.relative))]
        step = len(pages) / (spread + 1)
        picks += [pages[int(step * n)] for n in range(1, spread + 1)]
        chosen += list(dict.fromkeys(picks))
    return chosen
