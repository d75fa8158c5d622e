"""Markdown to safe HTML, with one fixed and documented set of extensions.

Extensions: tables, fenced_code, sane_lists, def_list, and toc (heading ids, so pages can link to
sections; `#` in a body becomes an h2 because the page title is the only h1). Raw HTML in Markdown
is allowed through an allow-list sanitiser (nh3): no scripts, styles, event handlers, frames, or
`javascript:`/`data:` links, however they are spelled.
"""

from __future__ import annotations

import functools

import markdown
import nh3

from sendsite.text import slugify

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "toc"]

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
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
    "th": {"colspan", "rowspan", "scope", "align"},
    "time": {"datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _slugify(value: str, separator: str) -> str:
    return slugify(value)


_converter = markdown.Markdown(
    extensions=EXTENSIONS,
    extension_configs={"toc": {"baselevel": 2, "slugify": _slugify, "permalink": False}},
    output_format="html",
)


@functools.lru_cache(maxsize=8192)
def markdown_to_html(text: str) -> str:
    """Convert Markdown to sanitised HTML. The same text always gives the same HTML."""
    _converter.reset()
    html = _converter.convert(text)
    return sanitise(html)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
