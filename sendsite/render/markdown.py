"""Markdown to safe HTML, with one fixed and documented set of extensions.

Extensions: tables, fenced_code, sane_lists, def_list, and toc (heading ids, so pages can link to
sections). Headings are renumbered so that a text's highest heading sits at the level the page
needs (`top`, 2 by default: the page title is the only h1), keeping headings in order however
the author numbered them. Table header cells get scope="col", and a paragraph "Table: words"
just before or after a table becomes its caption (as in Pandoc). Raw HTML in Markdown
is allowed through an allow-list sanitiser (nh3): no scripts, styles, event handlers, frames, or
`javascript:`/`data:` links, however they are spelled.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension

from sendsite.text import slugify

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "time": {"datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _slugify(value: str, separator: str) -> str:
    return slugify(value)


# The extensions are given as objects, not by name: Python-Markdown looks a name up among every
# installed package's entry points (importlib.metadata, which imports the email package), 8 ms
# of each build's start.
_converter = markdown.Markdown(
    extensions=[
        TableExtension(),
        FencedCodeExtension(),
        SaneListExtension(),
        DefListExtension(),
        TocExtension(slugify=_slugify, permalink=False),
    ],
    output_format="html",
)


@functools.lru_cache(maxsize=8192)
def markdown_to_html(text: str, top: int = 2, base_path: str = "/") -> str:
    """Convert Markdown to sanitised HTML whose highest heading is `top` (2 to 6).

    Site-relative links (`/services/portage/`) get the site's sub-path, so authors write links
    the same way wherever the site is published.
    """
    return finish_html(converted_html(text), top, base_path)


@functools.lru_cache(maxsize=8192)
def converted_html(text: str) -> str:
    """The costly part of markdown_to_html, the same for every page and sub-path: Markdown
    converted and sanitised. Its links and images are those of every finished form."""
    _converter.reset()
    return sanitise(_converter.convert(tidy_pasted_text(text)))


def finish_html(html: str, top: int = 2, base_path: str = "/") -> str:
    """converted_html's HTML as a page at this heading level and sub-path shows it."""
    html = html.replace("<th>", '<th scope="col">').replace("<th align=", '<th scope="col" align=')
    if base_path != "/":
        html = _add_base_path(html, base_path)
    return shift_headings(add_table_captions(html), top)


# Text pasted from Word keeps its list symbols and tabs. Both are turned into what the author
# meant rather than refused: the meaning is never in doubt, and retyping every list would only
# teach authors to paste into another tool first. A line "•<TAB>Home visits" is a list item
# (Python-Markdown would run the items into one paragraph), and a tab at the start of any
# other line is Word's first-line indent (Markdown would make it a code box, cut off at the
# right edge of a phone). Fenced code keeps its tabs.
# Word's bullets, level by level (•, o, ▪), its Symbol-font bullets and other list symbols.
_SYMBOLS = "\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\uf0b7\uf0a7"
_WORD_LEVELS = {"o": 1, "\u25e6": 1, "\uf0a7": 2, "\u25aa": 2}
_PASTED_BULLET = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<symbol>[{_SYMBOLS}](?=[ \t])|[o\u2013\u2014](?=\t))[ \t]+(?P<text>\S.*)$"
)
_TABBED_BULLET = re.compile(r"^(?P<indent>[ ]*\t[ \t]*)(?P<symbol>[-*+])[ \t]+(?P<text>\S.*)$")
_TABBED_NUMBER = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,3})[.)]\t[ \t]*(?P<text>\S.*)$")
_LIST_LINE = re.compile(r"^(?P<spaces> *)(?:[-*+]|(?P<number>\d+)\.) ")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def tidy_pasted_text(text: str) -> str:
    """Word's bullets as Markdown list items, and no tab-indented code boxes by accident."""
    if "\t" not in text and not any(c in text for c in _SYMBOLS):
        return text
    result: list[str] = []
    fenced = False
    pasted_item = False  # the line before was a list item made from a pasted bullet
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line):
            result.append(line)
            continue
        bullet = _PASTED_BULLET.match(line) or _TABBED_BULLET.match(line)
        number = None if bullet else _TABBED_NUMBER.match(line)
        item = bullet or number
        if item is None:
            # A tab-indented line starts a new paragraph in Word, as does a line after a
            # pasted list; in Markdown either would join the text above it.
            starts_paragraph = line.startswith("\t") or pasted_item
            if starts_paragraph and line.strip() and result and result[-1].strip():
                result.append("")
            result.append(line.lstrip("\t"))
            pasted_item = False
            continue
        pasted_item = True
        previous = _LIST_LINE.match(result[-1]) if result else None
        indent = item["indent"]
        level = indent.count("\t") + indent.count(" ") // 4
        if bullet is not None:
            level = max(level, _WORD_LEVELS.get(bullet["symbol"], 0))
        # A list can only go one level deeper than the item before it.
        level = min(level, len(previous["spaces"]) // 4 + 1 if previous else 0)
        if (
            previous is not None
            and level == len(previous["spaces"]) // 4
            and (previous["number"] is not None) != (number is not None)
        ):
            previous = None  # numbers after bullets (or bullets after numbers): a new list
        if previous is None and result and result[-1].strip():
            result.append("")  # a list needs a blank line before it, or it joins the paragraph
        marker = "-" if number is None else f"{number['number']}."
        result.append("    " * level + f"{marker} {item['text']}")
    return "\n".join(result)


_CAPTION_BEFORE = re.compile(r"<p>Table: (.+?)</p>\s*<table>", re.DOTALL)
_CAPTION_AFTER = re.compile(r"<table>((?:(?!<table>).)*?)</table>\s*<p>Table: (.+?)</p>", re.DOTALL)


def add_table_captions(html: str) -> str:
    """Turn a "Table: words" paragraph next to a table into the table's <caption>."""
    html = _CAPTION_BEFORE.sub(r"<table>\n<caption>\1</caption>", html)
    return _CAPTION_AFTER.sub(r"<table>\n<caption>\2</caption>\1</table>", html)


_SITE_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')


def _add_base_path(html: str, base_path: str) -> str:
    def prefix(match: re.Match[str]) -> str:
        start = match.end()
        if html.startswith(base_path[1:], start):
            return match.group(0)  # already written with the sub-path
        return f'{match.group(1)}="{base_path}'

    return _SITE_RELATIVE.sub(prefix, html)


_HEADING_TAG = re.compile(r"<(/?)h([1-6])([\s>])")


def shift_headings(html: str, top: int) -> str:
    levels = [int(m.group(2)) for m in _HEADING_TAG.finditer(html) if not m.group(1)]
    if not levels or min(levels) == top:
        return html
    shift = top - min(levels)

    def renumber(match: re.Match[str]) -> str:
        level = max(2, min(6, int(match.group(2)) + shift))
        return f"<{match.group(1)}h{level}{match.group(3)}"

    return _HEADING_TAG.sub(renumber, html)


_URL_ATTRIBUTES = {"href", "src"}
# Browsers drop ASCII tabs and newlines anywhere in a URL, and spaces and controls at its ends,
# so "java\tscript:" runs as "javascript:"; the sanitiser sees no scheme there and lets it
# through as a relative link, so this filter looks at the URL as a browser will.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _safe_url_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute not in _URL_ATTRIBUTES:
        return value
    scheme = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", value))
    if scheme is not None and scheme.group(1).lower() not in _URL_SCHEMES:
        return None
    return value


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_safe_url_attribute,
    )
