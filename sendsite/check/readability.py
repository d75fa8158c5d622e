"""Reading age, sentence length and hard words, for the plain-English checks.

Reading age is the Flesch-Kincaid grade (from the textstat library) plus five: the usual way
to turn a US school grade into the age of a UK reader who can manage the text. Here it is
worked out for each sentence, so a warning can name the sentence to rewrite; a sentence counts
as hard only when it also has words that make it hard (see `hard_words`), because the formula
alone flags plain sentences that are merely long, or that use the long words every family on a
Local Offer knows ("assessment", "disability"). Numbers and ages are never hard words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import textstat

from sendsite.check.plain_words import EVERYDAY_LONG_WORDS, plain_alternative

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'‘(])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
LONG_WORD_SYLLABLES = 4


def reading_age(text: str) -> float:
    return max(float(textstat.flesch_kincaid_grade(text)) + 5.0, 5.0)


def sentences(text: str) -> list[str]:
    """The sentences of a text; a blank line (the end of a paragraph, list item or heading)
    always ends one, so list items without full stops are not run together."""
    return [
        s.strip()
        for block in re.split(r"\n\s*\n", text)
        for s in _SENTENCE_END.split(block.replace("\n", " "))
        if s.strip()
    ]


def long_sentences(text: str, limit: int) -> list[str]:
    return [s for s in sentences(text) if len(s.split()) > limit]


@dataclass(frozen=True)
class HardWord:
    """A word that makes a sentence hard, and what to do about it."""

    word: str
    instead: str | None = None  # an everyday word to use instead
    glossary: bool = False  # a term the glossary explains, but a family still has to look up

    def __str__(self) -> str:
        if self.instead:
            return f"'{self.word}' (say '{self.instead}')"
        if self.glossary:
            return f"'{self.word}' (jargon)"
        return f"'{self.word}'"


def hard_words(sentence: str, jargon: Callable[[str], list[str]] | None = None) -> list[HardWord]:
    """The words of a sentence a family may stumble on, each once, in the order they come.

    Long words (four or more syllables) count unless families meet them every day; formal words
    with an everyday equivalent count whatever their length; glossary terms (found by `jargon`)
    count as jargon. Numbers, and names (capitalised words after the first), never count.
    """
    found: list[HardWord] = []
    seen: set[str] = set()
    for term in jargon(sentence) if jargon else []:
        if term.lower() not in seen:
            seen.add(term.lower())
            found.append(HardWord(term, glossary=True))
    for index, match in enumerate(_WORD.finditer(sentence)):
        word = match.group(0).strip("'’-")
        key = word.lower()
        if key in seen or not word:
            continue
        instead = plain_alternative(key)
        if instead is None:
            if index > 0 and word[0].isupper():
                continue  # a name: of a place, a school, a service
            # "well-supported", "co-production": hard only if one of its parts is.
            if not any(_long_and_unusual(part) for part in key.split("-") if part):
                continue
        seen.add(key)
        found.append(HardWord(word, instead))
    return found


def _long_and_unusual(word: str) -> bool:
    if word in EVERYDAY_LONG_WORDS or _everyday_form(word):
        return False
    return int(textstat.syllable_count(word)) >= LONG_WORD_SYLLABLES


def _everyday_form(word: str) -> bool:
    """'assessments', 'therapists': plurals and simple endings of everyday words."""
    for ending in ("s", "es", "ed", "d", "ing", "ly"):
        if word.endswith(ending) and word[: -len(ending)] in EVERYDAY_LONG_WORDS:
            return True
    return False
