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


def test_a_content_file_that_cannot_be_read_is_named_at_its_path(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root a file's permissions cannot stop a read, so the refusal is simulated."""
    before = built(site)
    (site.root / "content/pages/about.md").write_text("---\ntitle: About\n---\nChanged.\n")
    original = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self.name == "about.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    assert run.error_lines == [
        "content/pages/about.md: This file cannot be read (Permission denied). Check that your "
        "account may open it (its permissions), then build again."
    ]
    assert snapshot(site.output) == before


def test_a_link_that_leads_back_to_itself_is_one_sentence(site: TinySite) -> None:
    before = built(site)
    (site.root / "content/services/loop.md").symlink_to("loop.md")
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    assert "content/services/loop.md" in run.err and "symbolic links" in run.err
    assert snapshot(site.output) == before


def test_a_folder_link_that_leads_into_itself_is_one_sentence(site: TinySite) -> None:
    before = built(site)
    (site.root / "content/pages/again").symlink_to("../pages")
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    assert len(run.err.strip().splitlines()) == 1
    assert snapshot(site.output) == before


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(
    site: TinySite, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """$SENDSITE_CACHE_DIR under a file: nothing can be kept, and the build still succeeds."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(blocker / "cache"))
    run = site.build()
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert (site.output / "services/portage/index.html").is_file()
    assert blocker.read_text() == "not a folder\n"
