"""What the checks of each text found, kept between runs of the live preview's checks, so that a
save checks again only the files it changed.

A file's warnings from the text checks (check/jargon.py) depend only on its texts (their words,
fields and lines) and on whether its summary is shown in lists; they are kept by exactly that, and
all are dropped when the glossary or site.yaml's `checks:` change, which every text is read
against. A text's links are kept by its words. `sendsite check` starts with an empty memo, so it
and the preview give the same warnings (tests/test_check_memo.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.check.links import Links, links_in
from sendsite.check.texts import SourceLines, Text

if TYPE_CHECKING:  # imported when a check asks for it: textstat is no part of a build
    from sendsite.check.jargon import PlainEnglish

FileKey = tuple[tuple[Text, ...], bool]  # a file's texts, and whether its summary is listed


@dataclass
class TextMemo:
    wording: tuple[list[model.GlossaryEntry], model.CheckOptions] | None = None
    checker: PlainEnglish | None = None
    files: dict[str, tuple[FileKey, list[Advice]]] = field(default_factory=dict)
    links: dict[str, Links] = field(default_factory=dict)
    checked: int = 0  # files checked again in the last run (for tests and benchmarks)

    def text_advice(
        self,
        texts: Iterable[Text],
        glossary: list[model.GlossaryEntry],
        settings: model.CheckOptions,
        listed: frozenset[str],
        source: SourceLines,
    ) -> list[Advice]:
        """The text checks' warnings for every file, checking again only what changed."""
        wording = (glossary, settings)
        if self.checker is None or self.wording != wording:
            from sendsite.check.jargon import PlainEnglish

            self.wording, self.checker = wording, PlainEnglish(glossary, settings)
            self.files.clear()
        by_file: dict[str, list[Text]] = {}
        for text in texts:
            by_file.setdefault(text.path, []).append(text)
        found: list[Advice] = []
        kept: dict[str, tuple[FileKey, list[Advice]]] = {}
        self.checked = 0
        for path, file_texts in by_file.items():
            key: FileKey = (tuple(file_texts), path in listed)
            known = self.files.get(path)
            if known is None or known[0] != key:
                known = (key, list(self.checker.check(file_texts, key[1], source)))
                self.checked += 1
            kept[path] = known
            found.extend(known[1])
        self.files = kept  # files that are gone are forgotten
        return found

    def links_of(self, markdown: str) -> Links:
        found = self.links.get(markdown)
        if found is None:
            found = self.links[markdown] = links_in(markdown)
        return found
