"""A build after an edit runs Pagefind only when a page to index changed, and starts it before
it reads the pages' bytes for the search record (publish/search_index.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from sendsite.publish import search_index
from sendsite.publish.build import build
from tests.conftest import write_tiny_site

DATE = dt.date(2026, 11, 23)
SERVICE = "content/services/portage.md"


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, list[str]]:
    """A tiny site built once with its cache kept, and the order in which the next builds start
    Pagefind and read the pages to index."""
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = write_tiny_site(tmp_path / "site")
    out = tmp_path / "out"
    build(root, DATE, out)
    events: list[str] = []
    start, digest = search_index.start_search_index, search_index._pages_digest

    def started(*args: Any, **kwargs: Any) -> search_index.RunningIndex:
        events.append("Pagefind started")
        return start(*args, **kwargs)

    def read(folder: Path, pages: Sequence[str], *rest: Any) -> str:
        events.append("pages read")
        return digest(folder, pages, *rest)

    monkeypatch.setattr(search_index, "start_search_index", started)
    monkeypatch.setattr(search_index, "_pages_digest", read)
    return root, out, events


def index_facts(out: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted((out / search_index.INDEX_FOLDER).rglob("*"))
        if p.is_file()
    }


def edit(root: Path, old: str, new: str) -> None:
    path = root / SERVICE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pagefind_starts_before_the_changed_pages_are_read(
    built: tuple[Path, Path, list[str]],
) -> None:
    root, out, events = built
    before = index_facts(out)
    edit(root, "every two weeks", "every week")
    result = build(root, DATE, out)
    assert 0 < result.rendered < result.pages
    assert events == ["Pagefind started", "pages read"]
    assert index_facts(out) != before  # indexed again
    assert "every week" in (out / "services/portage/index.html").read_text(encoding="utf-8")


def test_a_page_made_again_with_the_same_bytes_keeps_the_index_and_stops_pagefind(
    built: tuple[Path, Path, list[str]],
) -> None:
    """A comment in the service's file: its page is made again, byte for byte as it was, so
    the index in the output stays; Pagefind, started before that was known, is stopped and
    leaves nothing behind."""
    root, out, events = built
    before = index_facts(out)
    edit(root, "name: Portage\n", "name: Portage  # checked with the team\n")
    result = build(root, DATE, out)
    assert result.rendered > 0
    assert events == ["Pagefind started", "pages read"]
    assert index_facts(out) == before
    leftovers = [p for p in out.rglob("*") if p.name == ".search-pages"]
    assert leftovers == [] and not [p for p in out.parent.iterdir() if ".building-" in p.name]
    assert os.listdir(out / search_index.INDEX_FOLDER)


def test_the_build_gives_way_to_pagefind_while_it_indexes(
    built: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the build does while Pagefind indexes runs at a lower priority (Pagefind is what it
    waits for); afterwards the priority is as it was, where the build may raise it again."""
    root, out, _ = built
    if not hasattr(os, "getpriority"):
        pytest.skip("no thread priorities here")
    was = os.getpriority(os.PRIO_PROCESS, 0)
    during: list[int] = []
    wait = search_index.RunningIndex.wait

    def watched(self: search_index.RunningIndex) -> None:
        during.append(os.getpriority(os.PRIO_PROCESS, 0))
        wait(self)

    monkeypatch.setattr(search_index.RunningIndex, "wait", watched)
    edit(root, "every two weeks", "every week")
    build(root, DATE, out)
    assert during == [min(was + 10, 19)]
    if may_raise_priority():
        assert os.getpriority(os.PRIO_PROCESS, 0) == was
    else:  # without CAP_SYS_NICE (a user, or root in a container) the build cannot restore it
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, 0, was)


def may_raise_priority() -> bool:
    """Whether this thread may raise its priority again once it lowered it."""
    was = os.getpriority(os.PRIO_PROCESS, 0)
    if was >= 19:
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, 0, was + 1)
        os.setpriority(os.PRIO_PROCESS, 0, was)
    except OSError:
        return False
    return True
