"""Find anything in built HTML that a browser could run: the checks the XSS tests assert on.

The page is parsed with Python's HTML parser (which decodes entities in attributes, as a browser
does), never grepped. Active content is: an element that runs or loads code or changes how the
page is read (script, style, iframe, object, embed, base, a refreshing meta, a form and its
controls, ...), any event-handler attribute (on...), a URL attribute whose scheme is
javascript:, vbscript: or data: once the whitespace and control characters a browser ignores are
taken out, srcdoc, and CSS that can run or fetch code. The theme's own stylesheet and scripts,
served from the site's static folder, and its metadata in <head> (links to the site's own
stylesheet, canonical address, feed and icon) the directory's search form (a GET to the site's
own services page) and schema.org JSON-LD that parses as JSON are the only exceptions.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

ACTIVE_ELEMENTS = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "form", "input", "button", "textarea", "select", "template", "noscript", "portal",
    "bgsound", "xml", "xss", "import", "link", "meta", "audio", "video", "source", "track",
    "marquee", "body", "html", "head", "foreignobject",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "data", "poster", "background", "lowsrc", "dynsrc",
    "xlink:href", "cite", "longdesc", "codebase", "ping", "manifest", "icon", "srcset",
}  # fmt: skip
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|livescript|data):", re.IGNORECASE)
_BAD_CSS = re.compile(r"expression|javascript:|vbscript:|url\s*\(|@import|binding", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def url_is_script(value: str) -> bool:
    """True for a URL a browser would treat as script or inline content."""
    return bool(_BAD_SCHEME.match(_IGNORED_IN_URL.sub("", value)))


class _Checker(HTMLParser):
    def __init__(self, static_prefix: str) -> None:
        super().__init__(convert_charrefs=True)
        self.static_prefix = static_prefix
        self.found: list[str] = []
        self.seen: set[str] = set()  # the page's own html, head and body, once each
        self.in_theme_script = False
        self.in_theme_form = False
        self.in_json_ld = False
        self.json_ld: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        shown = self.get_starttag_text() or tag
        if tag in ACTIVE_ELEMENTS and not self.theme_element(tag, values):
            self.found.append(f"<{tag}> element: {shown[:150]}")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"event handler {name}: {shown[:150]}")
            elif name == "srcdoc":
                self.found.append(f"srcdoc: {shown[:150]}")
            elif name == "style" and _BAD_CSS.search(value):
                self.found.append(f"active CSS: {shown[:150]}")
            elif name in URL_ATTRIBUTES or (name == "content" and "http-equiv" in values):
                if name == "srcset":
                    urls = [part.strip().split(" ")[0] for part in value.split(",")]
                elif name == "content":  # <meta http-equiv="refresh" content="0;url=...">
                    urls = [part.split("=", 1)[-1] for part in value.split(";")]
                else:
                    urls = [value]
                if any(url_is_script(url) for url in urls):
                    self.found.append(f"script URL in {name}: {shown[:150]}")
        self.in_theme_script = tag == "script"
        self.in_json_ld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self.in_json_ld:
            self.json_ld.append(data)
        elif self.in_theme_script and data.strip():
            self.found.append(f"inline script: {data[:150]}")

    def handle_endtag(self, tag: str) -> None:
        if self.in_json_ld:
            # Data, not code, as long as it is whole JSON: text that closed the element early
            # would leave a fragment here and the rest as markup.
            data = "".join(self.json_ld)
            try:
                json.loads(data)
            except ValueError:
                self.found.append(f"JSON-LD that is not whole JSON: {data[:150]}")
            self.json_ld = []
            self.in_json_ld = False
        self.in_theme_script = False
        if tag == "form":
            self.in_theme_form = False

    def theme_element(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in ("html", "head", "body"):
            first = tag not in self.seen
            self.seen.add(tag)
            return first
        if tag == "meta":
            return "http-equiv" not in attrs and "body" not in self.seen
        if tag == "link":
            href = attrs.get("href", "")
            rel = attrs.get("rel", "")
            return (
                "body" not in self.seen
                and rel in ("stylesheet", "canonical", "alternate", "icon")
                and href.startswith(("/", "https://"))
                and not href.startswith("//")
            )
        if tag == "script":
            if attrs.get("type") == "application/ld+json":
                return "src" not in attrs
            return attrs.get("src", "").startswith(self.static_prefix)
        if tag == "form":
            # The theme's directory search: a plain GET to the site's own services page.
            site_root = self.static_prefix.removesuffix("static/")
            self.in_theme_form = (
                "search__form" in attrs.get("class", "").split()
                and attrs.get("action") == site_root + "services/"
                and attrs.get("method") == "get"
            )
            return self.in_theme_form
        if tag in ("input", "select", "button"):
            inert = "formaction" not in attrs and attrs.get("type") != "image"
            # The shortlist's share box: a read-only text field outside any form and tied to
            # none ('form' attribute) submits nothing and takes no input.
            read_only = (
                tag == "input"
                and "readonly" in attrs
                and "form" not in attrs
                and attrs.get("type", "text") == "text"
            )
            return inert and (self.in_theme_form or attrs.get("type") == "button" or read_only)
        return False


def active_content(html: str, static_prefix: str = "/static/") -> list[str]:
    """Every piece of active content in `html`, described; an empty list when there is none."""
    checker = _Checker(static_prefix)
    checker.feed(html)
    checker.close()
    return checker.found
