"""No traceback for an operating-system failure (issue 22): a file or folder that cannot be made
or written is one sentence with its path and a fix, exit 1, the previous site untouched; and
Pagefind has a time limit with its own message."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from sendsite.publish import writer
from tests.bad_input.conftest import snapshot
from tests.conftest import TinySite


def built(site: TinySite) -> dict[str, bytes]:
    assert site.build().code == 0
    return snapshot(site.output)


def test_an_output_folder_inside_a_file_is_one_sentence(site: TinySite) -> None:
    before = built(site)
    run = site.build("-o", str(site.root / "site.yaml" / "out"))
    assert run.code == 1
    assert "Traceback" not in run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sendsite: ")
    assert "site.yaml" in lines[0] and ("choose another folder" in lines[0])
    assert snapshot(site.output) == before


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "The disk is full"),
        (errno.EACCES, "You do not have permission"),
        (errno.EROFS, "can only be read"),
        (errno.EIO, "Check the path and try again"),
    ],
)
def test_a_failing_disk_is_one_sentence_and_the_site_is_kept(
    site: TinySite, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    before = built(site)
    (site.root / "content/pages/about.md").write_text("---\ntitle: About\n---\nChanged.\n")

    def failing(folder: Path, relative: str, data: bytes, made: set[Path]) -> None:
        raise OSError(code, "simulated failure", str(folder / relative))

    monkeypatch.setattr(writer, "write_file", failing)
    monkeypatch.setattr("sendsite.publish.pipeline.write_file", failing)
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    assert words in run.err and "could not use '" in run.err
    assert snapshot(site.output) == before
    assert not [p for p in site.root.iterdir() if p.name not in ("_site", "content", "site.yaml")]


def test_pagefind_that_runs_too_long_is_stopped_with_its_own_message(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = built(site)
    (site.root / "content/pages/about.md").write_text("---\ntitle: About\n---\nChanged.\n")
    monkeypatch.setenv("SENDSITE_PAGEFIND_TIMEOUT", "0.001")
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    assert "The search index could not be made: Pagefind did not finish in 0.001 seconds" in run.err
    assert snapshot(site.output) == before
