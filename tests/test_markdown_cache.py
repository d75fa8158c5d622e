"""Converted Markdown kept between builds: used when the same text comes again, never for other
arguments, and pruned of what a build no longer uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendsite.render.markdown import markdown_to_html
from sendsite.render.markdown_cache import MarkdownCache


class Counting:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, str]] = []

    def __call__(self, text: str, top: int, base_path: str) -> str:
        self.calls.append((text, top, base_path))
        return markdown_to_html(text, top, base_path)


def test_a_text_converted_by_one_build_is_read_back_by_the_next(tmp_path: Path) -> None:
    first_convert, second_convert = Counting(), Counting()
    html = MarkdownCache(tmp_path, first_convert).convert("# Hello\n\n[Home](/)", 2, "/sub/")
    assert html == markdown_to_html("# Hello\n\n[Home](/)", 2, "/sub/")
    again = MarkdownCache(tmp_path, second_convert)
    assert again.convert("# Hello\n\n[Home](/)", 2, "/sub/") == html
    assert second_convert.calls == []
    assert again.convert("# Hello\n\n[Home](/)", 3, "/sub/") != html  # another heading level
    assert again.convert("# Hello\n\n[Home](/)", 2, "/") != html  # another base path
    assert len(second_convert.calls) == 2


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
    assert counting.calls == [("Old text.", 2, "/")]


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    counting = Counting()
    cache = MarkdownCache(blocked, counting)
    assert cache.convert("Text.") == "<p>Text.</p>"
    cache.prune()
    assert counting.calls == [("Text.", 2, "/")]


@pytest.mark.parametrize("damage", [b"", b"<p>Tex", b"\xff" * 40])
def test_a_damaged_entry_is_converted_again(tmp_path: Path, damage: bytes) -> None:
    cache = MarkdownCache(tmp_path)
    cache.convert("Text.")
    (entry,) = cache.folder.iterdir()
    entry.write_bytes(damage)
    counting = Counting()
    assert MarkdownCache(tmp_path, counting).convert("Text.") == "<p>Text.</p>"
    assert counting.calls == [("Text.", 2, "/")]
