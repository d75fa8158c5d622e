"""Plain English: hard and long sentences (plain_english.py), acronyms the glossary does not
explain, and glossary terms in summaries, which are shown where the glossary cannot explain them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.check.plain_english import check_plain_english
from sendsite.check.texts import SourceLines, Text, plain_text
from sendsite.render.glossary import make_matcher, spellings

# Abbreviations every reader knows; anything else in capitals belongs in the glossary.
COMMON_ACRONYMS = frozenset({"UK", "NHS", "GP", "OK", "PDF", "TV", "AM", "PM", "BBC"})
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z](?:s)?\b")
_ROMAN = re.compile(r"^[IVXLC]+$")


class PlainEnglish:
    """The checks of each text's own words, made once for a site's glossary and settings: hard
    and long sentences, acronyms the glossary does not explain, glossary terms in summaries.
    Each text's warnings depend only on the text (and whether its file's summary is shown in
    lists), so the live preview checks again only the files an edit changed (check/memo.py)."""

    def __init__(
        self, glossary: Sequence[model.GlossaryEntry], settings: model.CheckOptions
    ) -> None:
        self.settings = settings
        self.allowed = COMMON_ACRONYMS.union(settings.known_acronyms)
        acronyms = [
            form
            for entry in glossary
            for form in spellings(entry)
            if form[:2].isupper()
            and form.rstrip("s") not in self.allowed
            and form not in self.allowed
        ]
        self.jargon_pattern = (
            re.compile(
                r"(?<![\w-])(?:"
                + "|".join(re.escape(f) for f in sorted(acronyms, key=len, reverse=True))
                + r")(?![\w-])"
            )
            if acronyms
            else None
        )
        self.glossary = make_matcher(list(glossary))
        self.spelled = [
            (re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])"), form, entry)
            for entry in glossary
            for form in spellings(entry)
            if form[:2].isupper() and form not in settings.known_acronyms
        ]

    def check(self, texts: list[Text], listed: bool, source: SourceLines) -> Iterator[Advice]:
        """The warnings for these texts, all from one file; `listed`: the file is a service or
        a news item, whose summary is shown in lists."""
        yield from self.reading(texts, source)
        yield from self.acronyms(texts, source)
        if listed:
            yield from self.jargon_in_summaries(texts, source)

    def reading(self, texts: list[Text], source: SourceLines) -> Iterator[Advice]:
        """Hard and long sentences (sendsite/check/plain_english.py); glossary acronyms are jargon."""
        pattern = self.jargon_pattern

        def jargon(sentence: str) -> list[str]:
            return pattern.findall(sentence) if pattern is not None else []

        return check_plain_english(
            texts, self.settings, source, jargon, lambda text: plain_text(text, quotations=False)
        )

    def acronyms(self, texts: list[Text], source: SourceLines) -> Iterator[Advice]:
        reported: set[tuple[str, str]] = set()
        for text in texts:
            words = plain_text(text)
            if self.glossary.pattern is not None:
                # Glossary terms are explained on the page, including those with capitals ("EHC plan").
                words = self.glossary.pattern.sub(" ", words)
            for acronym in _ACRONYM.findall(words):
                singular = acronym[:-1] if acronym.endswith("s") else acronym
                # "education, health and care (EHC) plans" explains the acronym where it is used.
                explained_here = f"({singular})" in words
                if singular in self.allowed or explained_here or _ROMAN.match(singular):
                    continue
                if (text.path, singular) in reported:
                    continue
                reported.add((text.path, singular))
                yield Advice(
                    source.origin(text, acronym),
                    "acronym",
                    f"'{singular}' is not in the glossary",
                    "Add it to content/glossary.yaml with a plain-English meaning, or write it out in full.",
                )

    def jargon_in_summaries(self, texts: list[Text], source: SourceLines) -> Iterator[Advice]:
        """Summaries appear in lists, search results and link previews, where terms are not
        explained."""
        for text in texts:
            if text.field != "summary":
                continue
            for pattern, form, entry in self.spelled:
                if pattern.search(text.text):
                    yield Advice(
                        source.origin(text, form),
                        "jargon",
                        f"the summary uses '{form}' without explaining it",
                        "Summaries are shown in lists, where the glossary does not explain it: "
                        f"say it in plain words ({_first_sentence(entry.meaning)}), or leave it for "
                        "the full description.",
                    )
                    break


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")
