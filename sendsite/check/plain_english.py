"""The plain-English checks: each hard or long sentence, at its own line, with what makes it hard.

A warning names the sentence (its line and first words), its reading age and the words to
change, in the field's plain name ("the 'we did' answer"), because "this field is hard to read"
leaves the editor guessing which of ten sentences to rewrite. Quotations (block quotes and text in
quotation marks) are left alone: an editor cannot rewrite what inspectors said.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.check.readability import HardWord, hard_words, reading_age, sentences
from sendsite.errors import Origin

if TYPE_CHECKING:
    from sendsite.check.texts import SourceLines, Text

FIELD_NAMES = {
    "body": "text",
    "summary": "summary",
    "description": "description",
    "eligibility": "'who can use it' text",
    "referral": "'how to get it' text",
    "easy_read": "easy read text",
    "finding": "finding's summary",
    "updates": "update",
    "you_said": "'you said' comment",
    "we_did": "'we did' answer",
}
"""The names editors know the fields by, for messages (never the YAML key with its underscore)."""

HARD_WORDS_TO_FLAG = 2
"""A sentence above the reading-age target is flagged when it has at least this many hard words.

Judged on the Dorset example: with one, plain sentences that only use one formal word ("The
revisit letter said leaders had made sufficient progress.") were flagged; with two, what is
flagged is the inspection-report English an editor would rewrite (see docs/checks.md).
"""

MIN_WORDS = 10
"""Shorter sentences are never flagged as hard: "Ofsted and CQC revisited in February 2019." """

_TOKEN = re.compile(r"[a-z0-9]+")


def plain_field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field.replace("_", " "))


def check_plain_english(
    texts: list[Text],
    settings: model.CheckOptions,
    source: SourceLines,
    jargon: Callable[[str], list[str]] | None,
    plain_text: Callable[[Text], str],
) -> Iterator[Advice]:
    for text in texts:
        locate = SentenceLocator(source.of(text), text.line)
        unquote = Unquoter()
        for sentence in sentences(plain_text(text)):
            line = locate(sentence)
            where = Origin(text.path, line)
            words = len(sentence.split())
            own = unquote(sentence)
            age = round(reading_age(own)) if own.strip() else 0
            hard = hard_words(own, jargon) if age > settings.reading_age else []
            hard = [w for w in hard if not (w.glossary and _explained(w.word, own))]
            field = plain_field_name(text.field)
            # Jargon counts once: a sentence of two acronyms the glossary explains is not hard
            # English, and one very short sentence tells a formula little.
            weight = len([w for w in hard if not w.glossary]) + any(w.glossary for w in hard)
            if weight >= HARD_WORDS_TO_FLAG and words >= MIN_WORDS:
                yield Advice(
                    where,
                    "reading-age",
                    f'the sentence "{_clip(sentence)}" in the {field} needs a reading age of '
                    f"about {age} (the target is {settings.reading_age}); the hard words are "
                    f"{_and(hard)}",
                    "Use everyday words"
                    + (" and split the sentence" if words > settings.sentence_words else "")
                    + ".",
                )
            elif words > settings.sentence_words:
                yield Advice(
                    where,
                    "long-sentence",
                    f'the sentence "{_clip(sentence)}" in the {field} has {words} words',
                    f"Split it: aim for {settings.sentence_words} words or fewer.",
                )


def _explained(term: str, sentence: str) -> bool:
    """ "SENCo (the special educational needs co-ordinator)", "the ... plan (EHC plan)"."""
    return bool(re.search(rf"{re.escape(term)}\s*\(|\({re.escape(term)}\)", sentence))


class Unquoter:
    """The words of sentences outside quotation marks; a quotation may run over several."""

    def __init__(self) -> None:
        self.inside = ""

    def __call__(self, sentence: str) -> str:
        kept: list[str] = []
        for index, character in enumerate(sentence):
            before = sentence[index - 1] if index else " "
            after = sentence[index + 1] if index + 1 < len(sentence) else " "
            if not self.inside and character in "‘“" and not before.isalnum():
                self.inside = "’" if character == "‘" else "”"
            elif not self.inside and character == '"' and not before.isalnum():
                self.inside = '"'
            elif self.inside and character == self.inside and not after.isalpha():
                self.inside = ""
            elif not self.inside:
                kept.append(character)
        return "".join(kept)


class SentenceLocator:
    """Finds the line each sentence of a text starts on, in order, within the text's own lines.

    The sentences come from the rendered text (links and emphasis gone), so they are matched by
    their first few words against the words of the field's lines, which Markdown does not
    change; the search never leaves the field, so the same words elsewhere in the file (another
    update saying the same) cannot be taken for them.
    """

    def __init__(self, lines: list[tuple[int, str]], first_line: int | None) -> None:
        self.first_line = first_line
        self.tokens: list[tuple[str, int]] = [
            (token, number) for number, line in lines for token in _TOKEN.findall(line.lower())
        ]
        self.cursor = 0

    def __call__(self, sentence: str) -> int | None:
        wanted = _TOKEN.findall(sentence.lower())
        for size in (4, 3, 2, 1):
            probe = wanted[:size]
            if not probe:
                break
            for index in range(self.cursor, len(self.tokens) - len(probe) + 1):
                if all(self.tokens[index + i][0] == word for i, word in enumerate(probe)):
                    self.cursor = index + len(probe)
                    return self.tokens[index][1]
        return self.first_line


def _clip(sentence: str, words: int = 8) -> str:
    parts = sentence.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _and(words: list[HardWord]) -> str:
    named = [str(w) for w in words]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
