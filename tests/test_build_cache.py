"""The build stamp (.sendsite-cache/): a build with nothing changed writes nothing, and every kind
of change builds again, giving exactly what a cold build of the same sources gives."""

from __future__ import annotations

import importlib
import importlib.util
import io
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest

from sendsite.commands import progress
from sendsite.commands.progress import ProgressLine
from sendsite.errors import ErrorLog
from sendsite.publish import stamp
from sendsite.render import parallel
from sendsite.render.theme import THEME_DIR
from sendsite.source import libraries
from sendsite.source.cache import CACHE_FOLDER, cache_folder
from sendsite.source.loader import load_content
from tests.conftest import TinySite


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes but the search index's (Pagefind/pagefind#638: never the same twice)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def stats(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


def cold(site: TinySite, tmp_path: Path) -> dict[str, bytes]:
    """A cold build of the same sources in a fresh folder (no cache, no output)."""
    copy = tmp_path / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site.root, copy, ignore=shutil.ignore_patterns("_site", CACHE_FOLDER))
    fresh = TinySite.__new__(TinySite)
    fresh.root, fresh.capsys = copy, site.capsys
    assert fresh.build().code == 0
    return snapshot(fresh.output)


def test_nothing_changed_writes_nothing(site: TinySite, tmp_path: Path) -> None:
    first = site.build()
    assert first.code == 0 and cache_folder(site.root).is_dir()
    before = stats(site.output)
    again = site.build()
    assert again.code == 0
    assert again.out.startswith("Nothing changed since the last build")
    assert again.err == first.err  # the same warnings, every time
    assert stats(site.output) == before
    assert snapshot(site.output) == cold(site, tmp_path)


def edit(site: TinySite, name: str, old: str, new: str) -> None:
    path = site.root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS: dict[str, tuple[Callable[[TinySite], object], str, str]] = {
    # name: (the edit, a page that must change, text it must now show)
    "a template": (
        lambda s: s.write("templates/service.html", _override()),
        "services/portage/index.html",
        "Edited template",
    ),
    "a taxonomy label": (
        lambda s: edit(s, "content/taxonomy.yaml", "label: Education", "label: Schooling"),
        "services/portage/index.html",
        "Schooling",
    ),
    "an organisation's name": (
        lambda s: edit(
            s,
            "content/organisations/testshire-council.yaml",
            "name: Testshire Council\n",
            "name: Testshire County Council\n",
        ),
        "services/portage/index.html",
        "Testshire County Council",
    ),
    "a finding's text": (
        lambda s: edit(
            s,
            "content/inspections/2017-inspection.md",
            "text: Weak strategic planning.",
            "text: Weak strategic planning at every level.",
        ),
        "inspections/2017-inspection/index.html",
        "at every level",
    ),
    "site.yaml": (
        lambda s: edit(s, "site.yaml", "area: Testshire", "area: Newshire"),
        "index.html",
        "Newshire",
    ),
    "a service": (
        lambda s: edit(s, "content/services/portage.md", "every two weeks", "every week"),
        "services/portage/index.html",
        "every week",
    ),
}


def _override() -> str:
    theme = (THEME_DIR / "templates" / "service.html").read_text(encoding="utf-8")
    return theme.replace("{% block content %}", "{% block content %}<p>Edited template</p>", 1)


@pytest.mark.parametrize("name", list(EDITS))
def test_every_change_builds_again_equal_to_a_cold_build(
    site: TinySite, tmp_path: Path, name: str
) -> None:
    change, page, shown = EDITS[name]
    assert site.build().code == 0
    before = snapshot(site.output)
    change(site)
    run = site.build()
    assert run.code == 0 and run.out.startswith("Built"), run.err
    after = snapshot(site.output)
    assert after[page] != before[page] and shown in after[page].decode(), name
    assert after == cold(site, tmp_path)


def test_a_touched_output_or_a_deleted_cache_builds_again(site: TinySite, tmp_path: Path) -> None:
    assert site.build().code == 0
    expected = snapshot(site.output)
    (site.output / "index.html").write_text("tampered", encoding="utf-8")
    assert site.build().out.startswith("Built")
    assert snapshot(site.output) == expected
    shutil.rmtree(cache_folder(site.root))
    assert site.build().out.startswith("Built")
    assert site.build().out.startswith("Nothing changed")
    shutil.rmtree(site.output)
    assert site.build().out.startswith("Built")
    assert snapshot(site.output) == expected == cold(site, tmp_path)


def test_another_date_or_strict_builds_again(site: TinySite) -> None:
    assert site.build().code == 0
    assert site.build("--date", "2027-01-01").out.startswith("Built")
    assert site.build("--date", "2027-01-01").out.startswith("Nothing changed")
    assert not site.build("--date", "2027-01-01", "--strict").out.startswith("Nothing changed")


def test_pages_rendered_in_worker_processes_equal_one_process(
    site: TinySite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cold(site, tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    assert parallel.can_fork(2) == (
        sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
    )
    run = site.build()
    assert run.code == 0 and snapshot(site.output) == expected


def test_macos_renders_in_one_process_with_the_same_pages(
    site: TinySite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cold(site, tmp_path)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(sys, "platform", "darwin")  # fork is offered there, but not safe
    assert not parallel.can_fork(2)
    run = site.build()
    assert run.code == 0 and snapshot(site.output) == expected


def test_a_mistake_found_in_a_worker_is_reported_as_in_one_process(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.write(
        "templates/service.html",
        "{% extends 'base.html' %}{% block content %}{{ nope }}{% endblock %}",
    )
    one = site.build()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    assert site.build() == one and one.code == 1 and "nope" in one.err


def test_no_progress_line_when_not_a_terminal(site: TinySite) -> None:
    run = site.build()
    assert "\r" not in run.err and "Rendering pages" not in run.err


def test_the_progress_line_is_shown_and_wiped_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    line = ProgressLine(stream)
    line.show(10, 100)  # within the first second: nothing
    assert stream.getvalue() == ""
    monkeypatch.setattr(progress, "AFTER_SECONDS", 0.0)
    line.show(50, 100)
    line.clear()
    assert stream.getvalue() == "\rRendering pages: 50 of 100\x1b[K\r\x1b[K"


def test_the_code_digest_starts_no_process_and_the_libraries_are_asked_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process was started")

    first = stamp.code_digest()
    monkeypatch.setattr(subprocess, "run", no_process)
    asked: list[str] = []
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> ModuleSpec | None:
        asked.append(name)
        return real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    libraries.installed.cache_clear()
    assert stamp.code_digest() == stamp.code_digest() == first
    assert sorted(asked) == sorted(set(asked))  # each library once
    assert asked


def test_a_library_installed_again_is_another_library_and_none_is_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "sendsite_test_library"
    package.mkdir()
    (package / "__init__.py").write_text("raise AssertionError('imported')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    names = ("sendsite_test_library", "sendsite_test_not_installed")
    first = libraries.installed(names)
    assert len(first) == 1
    (package / "__init__.py").unlink()  # as pip and uv install another version: a new file
    (package / "__init__.py").write_text("raise AssertionError('version 2')\n", encoding="utf-8")
    libraries.installed.cache_clear()
    assert libraries.installed(names) != first
    assert "sendsite_test_library" not in sys.modules


def test_the_stamps_file_names_are_the_walks_without_asking_each_files_stat(
    tmp_path: Path,
) -> None:
    root = tmp_path / "content"
    (root / "services" / "deep").mkdir(parents=True)
    (root / "services" / "a.md").write_text("a", encoding="utf-8")
    (root / "services" / "deep" / "b.md").write_text("b", encoding="utf-8")
    (root / "taxonomy.yaml").write_text("t", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.md").write_text("c", encoding="utf-8")
    (root / "linked.md").symlink_to(root / "taxonomy.yaml")
    (root / "broken.md").symlink_to(root / "gone.md")
    (root / "folder").symlink_to(tmp_path / "elsewhere")
    names = stamp._file_names(root)
    assert names == [path for path, _ in stamp._walk(root)]
    assert names == [
        "folder/c.md",
        "linked.md",
        "services/a.md",
        "services/deep/b.md",
        "taxonomy.yaml",
    ]
    assert stamp._file_names(tmp_path / "missing") == []


def test_the_loader_tells_a_link_by_its_listing_not_by_asking_each_file(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = os.path.islink

    def islink(path: str) -> bool:
        asked.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os.path, "islink", islink)
    log = ErrorLog()
    loaded = load_content(site.root, log)
    assert not log.errors and loaded.items["services"]
    assert [path for path in asked if "/content/services/" in path] == []
