"""Links and images in Markdown: each link must lead somewhere, each image must say what it shows."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urlsplit

from sendsite import model
from sendsite.check.addresses import built_file, own_path
from sendsite.check.advice import Advice
from sendsite.check.texts import SourceLines, Text
from sendsite.render.markdown import converted_html, finish_html

if TYPE_CHECKING:
    from sendsite.publish.pipeline import RenderedSite

_IDS = re.compile(r'\sid="([^"]+)"')
# Every tag of sanitised HTML (nh3 writes each tag whole, its values quoted, and escapes "<" in
# text), taken left to right, so a "<a" inside a quoted value is never read as a tag. Reading
# the tags this way gives what html.parser gives, at a tenth of the time: the links check of a
# 4,000-page site spent 9 s of its 10 in the parser.
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9]*)"
    r"((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*/?>"
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _attributes(text: str) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        quoted = match.group(2) if match.group(2) is not None else match.group(3)
        value = quoted if quoted is not None else match.group(4)
        values[match.group(1).lower()] = None if value is None else html.unescape(value)
    return values


Links = tuple[tuple[str, ...], tuple[tuple[str, str | None], ...]]
"""The links (href) and images (src, alt) a text's Markdown makes."""


def links_in(markdown: str, converted: Callable[[str], str] = converted_html) -> Links:
    """`converted`: the text's Markdown as markdown.converted_html gives it (the build passes
    its cache of conversions, which the pages have just made)."""
    links: list[str] = []
    images: list[tuple[str, str | None]] = []
    for match in _TAG.finditer(finish_html(converted(markdown))):
        tag = match.group(2).lower()
        if match.group(1) or tag not in ("a", "img"):
            continue
        values = _attributes(match.group(3))
        if tag == "a" and values.get("href") is not None:
            links.append(values["href"] or "")
        if tag == "img":
            images.append((values.get("src") or "", values.get("alt")))
    return tuple(links), tuple(images)


def check_links(
    texts: list[Text],
    config: model.SiteConfig,
    rendered: RenderedSite,
    source: SourceLines,
    found: Callable[[str], Links] = links_in,
) -> Iterator[Advice]:
    """`found`: the links of a text's Markdown (the live preview keeps them between runs)."""
    anchors: dict[str, set[str]] = {}

    def ids_of(target: str) -> set[str]:
        if target not in anchors:
            page = rendered.pages.get(target, b"").decode("utf-8", "replace")
            anchors[target] = set(_IDS.findall(page))
        return anchors[target]

    base_path = config.base_path
    problems: dict[str, tuple[str, str] | None] = {}  # many texts link to the same places
    for text in texts:
        # Markdown writes every link and image with [ or < (raw HTML, <https://...>): a text
        # with neither has none, and converting every text again would slow each build.
        if not text.markdown or ("[" not in text.text and "<" not in text.text):
            continue
        links, images = found(text.text)
        for src, alt in images:
            if not (alt or "").strip():
                yield Advice(
                    source.origin(text, src),
                    "image-alt",
                    f"the image '{src}' has no alt text",
                    "Describe what the image shows inside the square brackets: ![A family at a "
                    "Portage session](photo.jpg). Use empty brackets only for decoration.",
                )
        for href in links:
            if href not in problems:
                problems[href] = link_problem(href, base_path, rendered, ids_of, config.base_url)
            problem = problems[href]
            if problem is not None:
                message, hint = problem
                yield Advice(
                    source.origin(text, href),
                    "link",
                    message,
                    hint,
                )


def link_problem(
    href: str,
    base_path: str,
    rendered: RenderedSite,
    ids_of: Callable[[str], set[str]],
    base_url: str = "",
) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        host = parts.hostname or ""
        if not host or "." not in host or " " in href:
            return (
                f"the link '{href}' is not a valid web address",
                "Check it in a browser and copy it again.",
            )
        inside = own_path(href, base_url) if base_url else None
        if inside is None:
            return None
        # A full address into this site's own base URL: it must lead to a page, as /paths do.
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        return page_problem(
            href, base_path + inside.lstrip("/") + fragment, base_path, rendered, ids_of
        )
    if parts.scheme == "mailto":
        if "@" not in parts.path:
            return (
                f"the email link '{href}' has no email address",
                "Write it as mailto:name@example.org.",
            )
        return None
    if parts.scheme == "tel":
        if not re.fullmatch(r"\+?[0-9 ]{6,}", parts.path):
            return (
                f"the phone link '{href}' is not a phone number",
                "Write it as tel:01632960000.",
            )
        return None
    if parts.scheme:
        return (
            f"the link '{href}' uses '{parts.scheme}:', which browsers will not open",
            "Use an https:// address.",
        )
    if href.startswith("www."):
        return (f"the link '{href}' has no https:// at the start", f"Write it as https://{href}.")
    path = urldefrag(href)[0]
    if not path:
        return None  # a link to a place on the same page: checked with the page
    if not path.startswith("/"):
        return (
            f"the link '{href}' is relative to the page it is on",
            "Start links to this site's pages with /, e.g. /services/portage/.",
        )
    return page_problem(href, href, base_path, rendered, ids_of)


def page_problem(
    href: str,
    link: str,
    base_path: str,
    rendered: RenderedSite,
    ids_of: Callable[[str], set[str]],
) -> tuple[str, str] | None:
    """What is wrong with `link`, a /path[#fragment] on this site written as `href`, if anything."""
    path, fragment = urldefrag(link)
    if path.startswith(base_path) and base_path != "/":
        path = "/" + path[len(base_path) :]
    target = built_file(path, rendered)
    if target is None:
        return (f"the link '{href}' points at a page that does not exist", "Check the address.")
    if fragment and target in rendered.pages and fragment not in ids_of(target):
        return (
            f"the link '{href}' points at '#{fragment}', which is not on that page",
            "Check the heading or item it should go to.",
        )
    return None
