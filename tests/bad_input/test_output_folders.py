"""Dangerous output folders given with -o are refused before anything is written, each with
its own message, and neither the previous output nor the folder named is touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.bad_input.conftest import build, copy_site, snapshot

HOME_MESSAGE = "The output folder is your home folder or contains it."
CASES = [
    ("site", ".", "The output folder is the site folder itself."),
    ("parent", "..", "The output folder contains the site folder"),
    ("grandparent", "../..", "The output folder contains the site folder"),
    ("root", "/", "The output folder contains the site folder"),
    ("home", "{home}", HOME_MESSAGE),
    ("above-home", "{home}/..", "The output folder contains the site folder"),
    ("content", "content", "The output folder is inside the site's content folder."),
    ("inside-content", "content/services/out", "The output folder is inside the site's content"),
    ("templates", "templates/out", "The output folder is inside the site's templates folder."),
    ("a-file", "site.yaml", "The output folder is a file, not a folder."),
    ("someone-elses-folder", "{home}/Documents", "already exists and was not made by sendsite"),
]


@pytest.mark.parametrize(("name", "target", "message"), CASES, ids=[c[0] for c in CASES])
def test_dangerous_output_folder_is_refused(
    name: str,
    target: str,
    message: str,
    good_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = copy_site(good_site, tmp_path)
    (root / "templates").mkdir()
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "letter.txt").write_text("my own work\n")
    monkeypatch.setenv("HOME", str(home))
    before = snapshot(root / "_site")
    homes_files = snapshot(home)
    output = target.replace("{home}", str(home))
    output_path = Path(output) if Path(output).is_absolute() else root / output
    code, err = build(root, "-o", str(output_path))
    assert code == 1
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"{output_path}: "), first
    assert message in first
    assert snapshot(root / "_site") == before
    assert snapshot(home) == homes_files
    assert sorted(p.name for p in home.parent.iterdir()) == ["home", "site"]


def test_an_empty_folder_and_sendsites_own_folder_are_fine(good_site: Path, tmp_path: Path) -> None:
    root = copy_site(good_site, tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(root, "-o", str(empty))[0] == 0
    assert (empty / "index.html").is_file()
    assert build(root, "-o", str(empty))[0] == 0  # now it is sendsite's own: replaced
    shutil.rmtree(empty)
