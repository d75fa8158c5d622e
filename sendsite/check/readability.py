"""Reading age and sentence length, for the plain-English checks.

Reading age is the Flesch-Kincaid grade (from the textstat library) plus five: the usual way
to turn a US school grade into the age of a UK reader who can manage the text.
"""

from __future__ import annotations

import re

import textstat

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'‘(])")


def reading_age(text: str) -> float:
    return max(float(textstat.flesch_kincaid_grade(text)) + 5.0, 5.0)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def long_sentences(text: str, limit: int) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > limit]
