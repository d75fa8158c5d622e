"""Converted Markdown kept between builds: used when the same text comes again, finished for
each page's heading level and sub-path, and pruned of what a build no longer uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendsite.render.markdown import converted_html, markdown_to_html
from sendsite.render.markdown_cache import MarkdownCache


class Counting:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> str:
        self.calls.append(text)
        return converted_html(text)


def test_a_text_converted_by_one_build_is_read_back_by_the_next(tmp_path: Path) -> None:
    first_convert, second_convert = Counting(), Counting()
    html = MarkdownCache(tmp_path, first_convert).convert("# Hello\n\n[Home](/)", 2, "/sub/")
    assert html == markdown_to_html("# Hello\n\n[Home](/)", 2, "/sub/")
    again = MarkdownCache(tmp_path, second_convert)
    assert again.convert("# Hello\n\n[Home](/)", 2, "/sub/") == html
    assert second_convert.calls == []
    # Another heading level or base path is finished from the same conversion.
    for top, base_path in ((3, "/sub/"), (2, "/")):
        finished = again.convert("# Hello\n\n[Home](/)", top, base_path)
        assert finished == markdown_to_html("# Hello\n\n[Home](/)", top, base_path) != html
    assert second_convert.calls == []


def test_prune_keeps_only_what_the_build_used(tmp_path: Path) -> None:
    MarkdownCache(tmp_path).convert("Old text.")
    stale = tmp_path / "markdown-0123456789abcdef"
    stale.mkdir()
    (stale / "x.html").write_text("<p>From another version.</p>")
    build = MarkdownCache(tmp_path)
    build.convert("New text.")
    build.prune()
    assert not stale.exists()
    kept = [p.read_bytes() for p in build.folder.iterdir()]
    assert len(kept) == 1 and kept[0].endswith(b"<p>New text.</p>")
    counting = Counting()
    MarkdownCache(tmp_path, counting).convert("Old text.")
    assert counting.calls == ["Old text."]


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    counting = Counting()
    cache = MarkdownCache(blocked, counting)
    assert cache.convert("Text.") == "<p>Text.</p>"
    cache.prune()
    assert counting.calls == ["Text."]


@pytest.mark.parametrize("damage", [b"", b"<p>Tex", b"\xff" * 40])
def test_a_damaged_entry_is_converted_again(tmp_path: Path, damage: bytes) -> None:
    cache = MarkdownCache(tmp_path)
    cache.convert("Text.")
    (entry,) = cache.folder.iterdir()
    entry.write_bytes(damage)
    counting = Counting()
    assert MarkdownCache(tmp_path, counting).convert("Text.") == "<p>Text.</p>"
    assert counting.calls == ["Text."]
