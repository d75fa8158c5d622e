"""Explain glossary terms where families meet them: the first use of each term on a page links to
its entry on the glossary page, with the meaning as the link's title, and the page ends with
"Words used on this page", each term with its meaning (folded: one Tab and Enter away). A title
shows only to a mouse pointer resting on the link; keyboard, touch and magnifier users, who
never see it, read the meanings there instead.

This works on the rendered page (only inside <main>), so it covers every Markdown body and
every text field alike, and counts "first use" across the whole page. It never changes text
inside links, headings, code, abbreviations, forms, charts, taxonomy labels (<data>) or the page's
navigation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sendsite.model import GlossaryEntry

_SKIP = frozenset(
    {"a", "abbr", "button", "code", "data", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
     "option", "pre", "samp", "script", "select", "style", "svg", "textarea", "title"}
)  # fmt: skip
# The opening or closing tag of an element in _SKIP (the whole name, so <abbrx> is not <abbr>).
_SKIP_TAG = re.compile(rf"<(/?)(?:{'|'.join(sorted(_SKIP))})(?![a-zA-Z0-9-])[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class GlossaryMatcher:
    pattern: re.Pattern[str] | None
    entries: dict[str, GlossaryEntry]  # every spelling -> its entry
    # `pattern` without its look at the character before a term: a pattern that starts with the
    # terms' letters lets the regex engine scan for them quickly (4.6 times faster over the
    # pages of benchmarks/make_site, 1.7 times with Dorset's glossary). term_matches looks.
    starts: re.Pattern[str] | None = None


def spellings(entry: GlossaryEntry) -> list[str]:
    """The term and its other spellings, with a capitalised and lowercase form for words that are
    not acronyms, and plurals ("EHC plans", "GPs")."""
    forms = [entry.term, *entry.also]
    forms += [f[:1].lower() + f[1:] for f in forms if not f[:2].isupper()]
    forms += [f[:1].upper() + f[1:] for f in forms if not f[:2].isupper()]
    forms += [f + "s" for f in forms if not f.endswith("s")]
    return list(dict.fromkeys(f for f in forms if f))


def make_matcher(glossary: list[GlossaryEntry]) -> GlossaryMatcher:
    entries: dict[str, GlossaryEntry] = {}
    for entry in glossary:
        for form in spellings(entry):
            entries.setdefault(form, entry)
    if not entries:
        return GlossaryMatcher(None, {})
    # Word edges so "AP" never matches inside "APPLY". The lookahead on the first letters lets the
    # regex engine skip quickly to where a term could start.
    first_letters = "".join(sorted({re.escape(form[0]) for form in entries}))
    trie = _trie_pattern(entries)
    pattern = rf"(?=[{first_letters}])(?<![\w-]){trie}(?![\w-])"
    return GlossaryMatcher(re.compile(pattern), entries, re.compile(rf"{trie}(?![\w-])"))


def term_matches(matcher: GlossaryMatcher, text: str) -> Iterator[re.Match[str]]:
    """The matches of matcher.pattern in `text`, as its finditer gives them, found faster: a
    term found just after a letter, digit, "_" or "-" is no term (as the pattern's look
    behind says), and the search goes on from its next character."""
    if matcher.starts is None:
        return
    search = matcher.starts.search
    found = search(text)
    while found is not None:
        start = found.start()
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_-":  # what \w and - match
            found = search(text, start + 1)
            continue
        yield found
        found = search(text, found.end())


def _trie_pattern(forms: Iterable[str]) -> str:
    """The forms as one regex with shared prefixes factored out ("EHC(?: plan)?"), which the
    engine matches far faster than a list of alternatives. Greedy optional tails make the longest
    form win, so "EHC plan" is preferred to "EHC" (and "EHC" still matches where "plan" is absent)."""
    trie: dict[str, Any] = {}
    for form in forms:
        node = trie
        for character in form:
            node = node.setdefault(character, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def link_terms(
    page_html: str, matcher: GlossaryMatcher, href_for: Callable[[GlossaryEntry], str]
) -> str:
    """Link the first use of each glossary term inside the page's <main> element."""
    if matcher.pattern is None:
        return page_html
    start = page_html.find("<main")
    end = page_html.rfind("</main>")
    if start < 0 or end < 0:
        return page_html
    body, used = _link_fragment(page_html[start:end], matcher, href_for)
    return page_html[:start] + body + words_used(used, href_for) + page_html[end:]


WORDS_USED_HEADING = "Words used on this page"


def words_used(used: list[GlossaryEntry], href_for: Callable[[GlossaryEntry], str]) -> str:
    """The meanings of the terms linked on a page, in the order they appear, as the last part of
    its <main> (left out of the search index: the page is not about these words)."""
    if not used:
        return ""
    rows = "".join(
        f'<div class="words-used__row"><dt>{html.escape(e.term)}</dt>'
        f"<dd>{html.escape(e.meaning)} "
        f'<a href="{href_for(e)}">{html.escape(e.term)} in the glossary</a></dd></div>'
        for e in used
    )
    words = f"{len(used)} word means" if len(used) == 1 else f"{len(used)} words mean"
    # Folded, so that a page with many terms stays short on a phone; it prints open.
    return (
        '<section class="words-used" aria-labelledby="words-used-heading" data-pagefind-ignore>'
        f'<h2 id="words-used-heading">{WORDS_USED_HEADING}</h2>'
        f'<details class="fold"><summary class="fold__summary">See what {words}</summary>'
        f'<div class="fold__body"><dl class="words-used__list">{rows}</dl></div></details>'
        "</section>\n"
    )


def _link_fragment(
    fragment: str, matcher: GlossaryMatcher, href_for: Callable[[GlossaryEntry], str]
) -> tuple[str, list[GlossaryEntry]]:
    """One scan for term matches over the whole fragment; only a match whose term is not linked
    yet is looked at closely (inside a tag? inside an element that is never linked?), so the cost
    follows the number of terms on the page, not the number of tags."""
    assert matcher.pattern is not None
    done: set[int] = set()  # the entries linked (entry.anchor is made anew at each ask)
    used: list[GlossaryEntry] = []
    out: list[str] = []
    position = 0
    skipped = _SkippedRegions(fragment)
    for match in term_matches(matcher, fragment):
        entry = matcher.entries[match.group(0)]
        start = match.start()
        if id(entry) in done or _inside_tag(fragment, start) or skipped.covers(start):
            continue
        done.add(id(entry))
        used.append(entry)
        title = html.escape(entry.meaning, quote=True)
        out.append(fragment[position:start])
        out.append(
            f'<a class="glossary-term" href="{href_for(entry)}" title="{title}">{match.group(0)}</a>'
        )
        position = match.end()
    out.append(fragment[position:])
    return "".join(out), used


def _inside_tag(fragment: str, position: int) -> bool:
    """Within a tag's name or attributes (a term in a title="..." is not page text)."""
    return fragment.rfind("<", 0, position) > fragment.rfind(">", 0, position)


class _SkippedRegions:
    """Where the never-linked elements are open, found lazily: the skip tags before a position
    are counted once, in order, as matches ask for later positions."""

    def __init__(self, fragment: str) -> None:
        self._tags = _SKIP_TAG.finditer(fragment)
        self._depth = 0
        self._next: re.Match[str] | None = next(self._tags, None)

    def covers(self, position: int) -> bool:
        while self._next is not None and self._next.start() < position:
            self._depth += -1 if self._next.group(1) else 1
            self._next = next(self._tags, None)
        return self._depth > 0
