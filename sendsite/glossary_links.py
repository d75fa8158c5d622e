"""Explain glossary terms where families meet them: the first use of each term on a page links to
its entry on the glossary page, with the meaning as the link's title.

This works on the rendered page (only inside <main>), so it covers every Markdown body and
every text field alike, and counts "first use" across the whole page. It never changes text
inside links, headings, code, abbreviations, forms, charts or the page's navigation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from sendsite.model import GlossaryEntry

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_SKIP = frozenset(
    {"a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
     "option", "pre", "samp", "script", "select", "style", "svg", "textarea", "title"}
)  # fmt: skip


@dataclass(frozen=True)
class GlossaryMatcher:
    pattern: re.Pattern[str] | None
    entries: dict[str, GlossaryEntry]  # every spelling -> its entry


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
    # Longest first, so "EHC plan" wins over "EHC"; word edges so "AP" never matches inside "APPLY".
    alternatives = "|".join(re.escape(f) for f in sorted(entries, key=len, reverse=True))
    return GlossaryMatcher(re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), entries)


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
    body = _link_fragment(page_html[start:end], matcher, href_for)
    return page_html[:start] + body + page_html[end:]


def _link_fragment(
    fragment: str, matcher: GlossaryMatcher, href_for: Callable[[GlossaryEntry], str]
) -> str:
    assert matcher.pattern is not None
    done: set[str] = set()
    skip_depth = 0
    out: list[str] = []
    position = 0
    for tag in _TAG.finditer(fragment):
        text = fragment[position : tag.start()]
        out.append(
            text if skip_depth or not text.strip() else _link_text(text, matcher, href_for, done)
        )
        out.append(tag.group(0))
        position = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if name in _SKIP:
            skip_depth += -1 if closing else 1
    out.append(fragment[position:])
    return "".join(out)


def _link_text(
    text: str,
    matcher: GlossaryMatcher,
    href_for: Callable[[GlossaryEntry], str],
    done: set[str],
) -> str:
    assert matcher.pattern is not None

    def replace(match: re.Match[str]) -> str:
        entry = matcher.entries[match.group(0)]
        if entry.anchor in done:
            return match.group(0)
        done.add(entry.anchor)
        title = html.escape(entry.meaning, quote=True)
        return f'<a class="glossary-term" href="{href_for(entry)}" title="{title}">{match.group(0)}</a>'

    return matcher.pattern.sub(replace, text)
