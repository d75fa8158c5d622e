"""The links and images of a text, read from its sanitised HTML by check/links.py's scanner, are
exactly what Python's own HTML parser reads there, for any text: the links check of `sendsite
build` and `sendsite check` must neither miss a broken link nor report one that is not there."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendsite.check.links import Links, links_in
from sendsite.render.markdown import markdown_to_html

EXAMPLE = Path(__file__).resolve().parent.parent / "content"


class _Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            self.links.append(values["href"] or "")
        if tag == "img":
            self.images.append((values.get("src") or "", values.get("alt")))


def parsed(markdown: str) -> Links:
    parser = _Parsed()
    parser.feed(markdown_to_html(markdown))
    return tuple(parser.links), tuple(parser.images)


HARD = [
    "[Home](/) and [away](https://example.org/a?b=1&c=2#d)",
    '<a title="<a href=\'/trap/\'>" href="/real/">x</a>',
    '<a title=\'say "hi"\' href=/unquoted/>x</a> <a href>empty</a> <a href="">blank</a>',
    '![A family](photo.jpg "Title") ![](decoration.png) <img src="x.png" alt>',
    "<IMG SRC='UPPER.PNG' ALT='Shouting'> <A HREF='/Up/'>up</A>",
    '`<a href="/code/">` and\n\n    <a href="/indented/">code</a>\n',
    '<!-- <a href="/comment/"> --> &lt;a href="/text/"&gt; <a href=\'/&amp;amp;\'>x</a>',
    "| a | [b](/b/) |\n|---|---|\n| ![c](c.png) | <a href='/d/'>d</a> |\n\nTable: [Cap](/cap/)",
    '<a href="javascript:alert(1)">js</a> <a href="mailto:x@example.org">mail</a>',
    '<a\nhref="/newline/"\n>x</a> <a href = "/spaced/" >y</a> <img\tsrc="/tab.png"\talt="t"/>',
]


def test_hard_cases_read_as_the_parser_reads_them() -> None:
    for text in HARD:
        assert links_in(text) == parsed(text), text


def test_every_text_of_the_example_site_reads_as_the_parser_reads_it() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.rglob("*.md"))]
    assert len(texts) > 20
    for text in texts:
        assert links_in(text) == parsed(text), text[:200]


_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "<", ">", "a", "img", " href=", " src=", " alt=", " title=", '"', "'",
     "/", "x", "&amp;", "&", "=", " ", "\n", "`", "!", "#", "|", "-", ":", "https://e.org"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_reads_as_the_parser_reads_it(text: str) -> None:
    assert links_in(text) == parsed(text)
