"""Every warning `sendsite check` gives on the Dorset example is at the line of its own text.

Each warning quotes what it is about (a sentence's first words, an acronym, a link) or names a
field (last_reviewed); the line it gives must hold that, so a line guessed by searching the file
for the words, which found the first place they appear, cannot come back.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sendsite.check.advice import Advice
from sendsite.check.review import check_site

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r'the sentence "(.+?)(?: …)?" in the ')
_QUOTED = re.compile(r"'([^']+)'")

# What line each check's warning must be at, when it quotes nothing: the field it is about.
FIELD_OF = {
    "review": "last_reviewed:",
    "contact": "contacts:",
    "coverage": "checks:",
    "coverage-planned": "not_yet_covered",
}


@pytest.fixture(scope="module")
def advice() -> list[Advice]:
    # The date of the example's own build stamp is not needed: a fixed date keeps the records
    # due for review (four of them on this date) in the list.
    return check_site(ROOT, dt.date(2026, 12, 2))


def file_lines(path: str) -> list[str]:
    return (ROOT / path).read_text(encoding="utf-8").split("\n")


def holds_sentence(lines: list[str], line: int, start: str) -> bool:
    """The sentence's first words start on `line` (and may run on to the lines below it)."""
    wanted = _TOKEN.findall(start.lower())[:4]
    here = _TOKEN.findall(lines[line - 1].lower())
    below = [t for text in lines[line : line + 3] for t in _TOKEN.findall(text.lower())]
    words = here + below
    return any(words[i : i + len(wanted)] == wanted for i in range(len(here))) and bool(wanted)


def test_the_example_has_warnings_of_every_kind_it_is_tested_for(advice: list[Advice]) -> None:
    checks = {a.check for a in advice}
    assert {"reading-age", "long-sentence", "jargon", "review"} <= checks, checks


def test_every_warning_is_at_the_line_of_its_own_text(advice: list[Advice]) -> None:
    wrong = []
    for a in advice:
        assert a.origin.line is not None, f"{a} has no line"
        lines = file_lines(a.origin.path)
        text = lines[a.origin.line - 1]
        sentence = _SENTENCE.search(a.message)
        if sentence is not None:
            ok = holds_sentence(lines, a.origin.line, sentence.group(1))
        elif a.check in FIELD_OF:
            ok = FIELD_OF[a.check] in text
        elif a.check in ("unanswered-finding", "stale-action"):
            # at the id of the finding or action they name
            ok = f"id: {_QUOTED.findall(a.message)[0]}" in text
        else:
            # jargon, acronym, link, image-alt: the word or address they quote is on the line.
            quoted = _QUOTED.findall(a.message)
            ok = bool(quoted) and quoted[0] in text
        if not ok:
            wrong.append(f"{a}\n    line {a.origin.line}: {text}")
    assert not wrong, "\n".join(wrong)


def test_the_same_words_in_two_places_are_reported_at_each(advice: list[Advice]) -> None:
    """Two updates of the 2017 written statement of action end with the same long sentence."""
    path = "content/plans/written-statement-of-action-2017.md"
    lines = file_lines(path)
    starts = [i for i, t in enumerate(lines, 1) if "A later third-party report" in t]
    assert len(starts) == 2
    found = sorted(
        a.origin.line or 0
        for a in advice
        if a.origin.path == path and "A later third-party report" in a.message
    )
    assert found == starts
