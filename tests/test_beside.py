"""Work done in a forked child beside the build (source/beside.py): its answer is the work's,
whether the child does it or, when it cannot, this process."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from sendsite.publish import memory
from sendsite.publish.build import build
from sendsite.source import beside
from sendsite.source.beside import Beside
from sendsite.source.cache import cache_folder
from tests.conftest import write_tiny_site

DATE = dt.date(2026, 11, 23)


def test_the_work_is_done_in_a_child_where_a_fork_can_run_beside() -> None:
    here = os.getpid()
    answer = Beside(os.getpid).result()
    assert (answer != here) == beside.can_fork()


def test_without_fork_the_work_is_done_here_when_its_answer_is_asked() -> None:
    done: list[int] = []

    def work() -> int:
        done.append(os.getpid())
        return len(done)

    pending = Beside(work, fork=False)
    assert done == []
    assert pending.result() == 1 and done == [os.getpid()]


def test_a_child_that_fails_leaves_the_work_to_this_process() -> None:
    here = os.getpid()

    def work() -> str:
        if os.getpid() != here:
            raise OSError("no room in the child")
        return "done here"

    assert Beside(work).result() == "done here"


def test_a_mistake_in_the_work_is_raised_as_it_would_be_here() -> None:
    def work() -> int:
        raise ValueError("a mistake")

    with pytest.raises(ValueError, match="a mistake"):
        Beside(work).result()


def test_a_discarded_child_is_waited_for_not_left_behind(tmp_path: Path) -> None:
    if not beside.can_fork():
        pytest.skip("no fork here: nothing runs beside")
    said = tmp_path / "pid"

    def work() -> None:
        said.write_text(str(os.getpid()))

    pending = Beside(work)
    pending.discard()
    child = int(said.read_text())
    with pytest.raises(ProcessLookupError):  # reaped: not even a zombie is left
        os.kill(child, 0)
    pending.discard()  # twice is nothing


def news_edit(root: Path) -> None:
    news = sorted((root / "content/news").glob("*.md"))[0]
    news.write_text(news.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")


def test_a_record_written_by_a_child_is_in_force_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record of what pages read is written beside the build when no Pagefind runs (an
    edit of no indexed page): sealed, the next build renders only what its edit changes."""
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = write_tiny_site(tmp_path / "site")
    out = tmp_path / "out"
    build(root, DATE, out)
    forked: list[bool] = []
    save = memory.save

    def watched(cache: Path, kept: memory.Memory, *, beside: bool) -> Beside[bool]:
        forked.append(beside)
        return save(cache, kept, beside=beside)

    monkeypatch.setattr(memory, "save", watched)
    news_edit(root)
    first = build(root, DATE, out)
    assert forked == [True] and 0 < first.rendered < first.pages
    assert not (cache_folder(root) / memory.NEXT).exists()  # sealed: in force
    news_edit(root)
    second = build(root, DATE, out)
    assert 0 < second.rendered < second.pages


def test_a_record_the_child_could_not_write_is_written_by_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / "cache"))
    root = write_tiny_site(tmp_path / "site")
    out = tmp_path / "out"
    build(root, DATE, out)
    here = os.getpid()
    write = memory._write

    def failing_in_a_child(cache: Path, kept: memory.Memory) -> bool:
        if os.getpid() != here:
            os._exit(3)  # as a child killed while it writes
        return write(cache, kept)

    monkeypatch.setattr(memory, "_write", failing_in_a_child)
    news_edit(root)
    build(root, DATE, out)
    news_edit(root)
    again = build(root, DATE, out)
    assert 0 < again.rendered < again.pages  # the record was written, and sealed
