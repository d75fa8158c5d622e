"""How much each warning of `sendsite check` matters, so the editor sees what to fix first.

Three levels, most important first:

- must fix: the site tells families something wrong or leaves out what the law requires (a
  broken link, a record past its review date, an overdue action with no word on it, a finding no
  action answers, a service families cannot contact, a required item of the Local Offer missing);
- should fix: a family may not understand it (jargon in a list, an acronym nobody explains,
  writing much harder than the target, an access fact written only in a place's own words, which
  no filter finds);
- style: worth a look when there is time (a long sentence).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MUST_FIX = "must-fix"
SHOULD_FIX = "should-fix"
STYLE = "style"

LEVELS = (MUST_FIX, SHOULD_FIX, STYLE)
"""Every level, most important first: the order warnings are printed in."""

LEVEL_NAMES = {MUST_FIX: "must fix", SHOULD_FIX: "should fix", STYLE: "style"}

LEVEL_OF_CHECK = {
    "link": MUST_FIX,
    "image-alt": MUST_FIX,
    "review": MUST_FIX,
    "contact": MUST_FIX,
    "unanswered-finding": MUST_FIX,
    "stale-action": MUST_FIX,
    "coverage": MUST_FIX,
    "template": MUST_FIX,
    "coverage-planned": SHOULD_FIX,
    "id-namespace": SHOULD_FIX,
    "acronym": SHOULD_FIX,
    "jargon": SHOULD_FIX,
    "reading-age": SHOULD_FIX,
    "access-note": SHOULD_FIX,
    "long-sentence": STYLE,
}
"""The level of each check, by the check's name (as in the JSON output)."""


def level_of(check: str) -> str:
    return LEVEL_OF_CHECK.get(check, SHOULD_FIX)


def rank(level: str) -> int:
    """0 for the most important level."""
    return LEVELS.index(level)


def at_or_above(level: str) -> frozenset[str]:
    """The levels as important as `level` or more: what `--level LEVEL` shows."""
    return frozenset(LEVELS[: rank(level) + 1])


@dataclass(frozen=True)
class LevelCount:
    level: str
    count: int

    def __str__(self) -> str:
        return f"{self.count} {LEVEL_NAMES[self.level]}"


def count_by_level(levels: Iterable[str]) -> list[LevelCount]:
    """A count for every level, most important first (levels with none included, as 0)."""
    found = list(levels)
    return [LevelCount(level, found.count(level)) for level in LEVELS]
