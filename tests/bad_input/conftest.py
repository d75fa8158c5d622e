"""Shared by the bad-input tests: the tiny site built once, copied for each case."""

from __future__ import annotations

import os
import shutil
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest

from sendsite.cli import main
from sendsite.source.cache import CACHE_FOLDER
from tests.conftest import BUILD_DATE, TINY_SITE


def build(root: Path, *args: str) -> tuple[int, str]:
    """Build in this process (fast); returns the exit code and what was printed to stderr."""
    err = StringIO()
    with redirect_stderr(err), redirect_stdout(StringIO()):
        code = main(["build", str(root), "--date", BUILD_DATE, *args])
    return code, err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny site, built once; each case copies it (output included) and plants its fault."""
    root = tmp_path_factory.mktemp("good") / "site"
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    code, err = build(root)
    assert code == 0, err
    return root


def copy_site(good_site: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(good_site, root, symlinks=True)
    return root


def source_state(root: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file of the site outside its output and sendsite's
    own cache folder (links not followed): enough to show that a build left the author's work
    alone."""
    state = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not (folder == str(root) and d in ("_site", CACHE_FOLDER))]
        for name in files:
            info = os.lstat(os.path.join(folder, name))
            state[os.path.relpath(os.path.join(folder, name), root)] = (
                info.st_size,
                info.st_mtime_ns,
            )
    return state
