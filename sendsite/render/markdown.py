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

from sendsite.text import slugify

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "toc"]

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


_converter = markdown.Markdown(
    extensions=EXTENSIONS,
    extension_configs={"toc": {"slugify": _slugify, "permalink": False}},
    output_format="html",
)


@functools.lru_cache(maxsize=8192)
def markdown_to_html(text: str, top: int = 2, base_path: str = "/") -> str:
    """Convert Markdown to sanitised HTML whose highest heading is `top` (2 to 6).

    Site-relative links (`/services/portage/`) get the site's sub-path, so authors write links
    the same way wherever the site is published.
    """
    _converter.reset()
    html = sanitise(_converter.convert(text))
    html = html.replace("<th>", '<th scope="col">').replace("<th align=", '<th scope="col" align=')
    if base_path != "/":
        html = _add_base_path(html, base_path)
    return shift_headings(add_table_captions(html), top)


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
