"""What prose a site holds, and where each piece is written.

Each text comes with the lines its field spans in the file (sendsite/source/spans.py, kept by the
model as each item is read), so a warning about it points inside that field: never at another
field, or another item, that happens to hold the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sendsite import model
from sendsite.errors import Origin
from sendsite.render.markdown import markdown_to_html
from sendsite.source.spans import FieldLines, Span


@dataclass(frozen=True)
class Text:
    """A piece of prose from a content file: where it is, which field, and whether it is Markdown."""

    path: str
    field: str
    text: str
    markdown: bool
    span: Span | None  # the lines of the file that hold it

    @property
    def line(self) -> int | None:
        return self.span.first if self.span is not None else None

    @property
    def origin(self) -> Origin:
        return Origin(self.path, self.line)


class SourceLines:
    """The lines of the site's files, each file read once, to find words inside a field's lines."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.cache: dict[str, list[str]] = {}

    def lines(self, path: str) -> list[str]:
        if path not in self.cache:
            try:
                text = (self.site_dir / path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.cache[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return self.cache[path]

    def of(self, text: Text) -> list[tuple[int, str]]:
        """(line number, line) of each line of the file that holds `text`."""
        if text.span is None:
            return []
        lines = self.lines(text.path)
        first, last = text.span.first, min(text.span.last, len(lines))
        return [(number, lines[number - 1]) for number in range(first, last + 1)]

    def origin(self, text: Text, words: str) -> Origin:
        """Where `words` (a link's address, an acronym) are written inside `text`; its first line
        when they are not written as they are shown (a YAML escape, a line break inside them)."""
        for number, line in self.of(text):
            if words in line:
                return Origin(text.path, number)
        return text.origin


def site_texts(site: model.Site) -> Iterator[Text]:
    def field_text(
        path: str, name: str, value: str | None, lines: FieldLines, key: str, markdown: bool = True
    ) -> Iterator[Text]:
        if value:
            yield Text(path, name, value, markdown, lines.span(key))

    def body(path: str, text: str, lines: FieldLines) -> Iterator[Text]:
        if text.strip():
            yield Text(path, "body", text, True, lines.span("body"))

    for s in site.services:
        path, lines = s.origin.path, s.lines
        yield from field_text(path, "summary", s.summary, lines, "summary", markdown=False)
        yield from field_text(path, "eligibility", s.eligibility, lines, "eligibility")
        if s.referral is not None:
            yield from field_text(path, "referral", s.referral.how, lines, "referral.how")
        yield from field_text(path, "easy_read", s.easy_read, lines, "easy_read")
        yield from body(path, s.body, lines)
    for o in site.organisations:
        yield from field_text(
            o.origin.path, "description", o.description, o.lines, "description", markdown=False
        )
    for i in site.inspections:
        yield from body(i.origin.path, i.body, i.lines)
        for f in i.findings:
            yield from field_text(i.origin.path, "finding", f.summary, f.lines, "summary")
    for p in site.plans:
        yield from body(p.origin.path, p.body, p.lines)
        for a in p.actions:
            for u in a.updates:
                yield from field_text(p.origin.path, "updates", u.text, u.lines, "text")
    for n in site.news:
        yield from field_text(
            n.origin.path, "summary", n.summary, n.lines, "summary", markdown=False
        )
        yield from body(n.origin.path, n.body, n.lines)
    for page in site.pages:
        yield from field_text(
            page.origin.path, "summary", page.summary, page.lines, "summary", markdown=False
        )
        yield from body(page.origin.path, page.body, page.lines)
    for fb in site.feedback:
        yield from field_text(fb.origin.path, "you_said", fb.you_said, fb.lines, "you_said")
        yield from field_text(fb.origin.path, "we_did", fb.we_did, fb.lines, "we_did")


_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|td|th|dt|dd|blockquote|pre)>|<br\s*/?>|<(?:ul|ol|table)\b[^>]*>"
)


def plain_text(text: Text, quotations: bool = True) -> str:
    """The words a reader sees; each paragraph, list item and heading ends with a blank line.

    Without `quotations`, block quotes are left out (the words of a report, not the editor's)."""
    if not text.markdown:
        return text.text
    html = markdown_to_html(text.text)
    if not quotations:
        html = re.sub(r"<blockquote>.*?</blockquote>", "\n\n", html, flags=re.S)
    html = _BLOCK_END.sub("\n\n", html)
    blocks = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", b)).strip() for b in html.split("\n\n")]
    return "\n\n".join(re.sub(r" ([,.;:!?])", r"\1", b) for b in blocks if b)
