"""A build killed at any point leaves the output folder as the old site or the new one, never a
mix, and the next build clears away whatever temporary folders the killed one left."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from sendsite.cli import main
from sendsite.publish import apply, memory
from sendsite.publish.apply import JOURNAL, InPlace, apply_in_place, exchange, finish_interrupted
from sendsite.publish.build import build as publish_build
from sendsite.publish.stamp import output_digest, output_listing
from sendsite.publish.writer import clear_leftovers
from sendsite.source.cache import cache_folder
from tests.conftest import BUILD_DATE, TINY_SITE

# Run in a child process: wrap the writer so that the process kills itself (SIGKILL: no clean-up
# of any kind runs) at the chosen point, then build as the command does.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import sendsite.publish.writer as writer
    from sendsite.cli import main

    point, limit, site, date = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    swapping = False

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    written = 0
    real_target = writer._safe_target
    def counting_target(folder, relative):
        global written
        if point == "files" and written == limit:
            die()
        written += 1
        return real_target(folder, relative)
    writer._safe_target = counting_target

    real_swap = writer._swap
    def swap(staging, output):
        global swapping
        if point == "before-swap":
            die()
        swapping = True
        real_swap(staging, output)
    writer._swap = swap

    if point.startswith("fallback"):
        writer.exchange = lambda first, second: False

    renames = 0
    real_replace = os.replace
    def replace(source, target):
        global renames
        renames += swapping
        if point == "fallback-between-renames" and renames == 2:
            die()
        real_replace(source, target)
    os.replace = replace

    real_rmtree = writer.shutil.rmtree
    def rmtree(path, *args, **kwargs):
        if swapping and point in ("after-swap", "fallback-after-renames"):
            die()
        real_rmtree(path, *args, **kwargs)
    writer.shutil.rmtree = rmtree

    sys.exit(main(["build", site, "--date", date]))
    """
)


@dataclass(frozen=True)
class KillPoint:
    point: str
    limit: int = 0

    def __str__(self) -> str:
        return f"{self.point}-{self.limit}" if self.point == "files" else self.point


KILL_POINTS = [
    *(KillPoint("files", n) for n in (0, 1, 4, 9, 15)),  # after n files of the new site written
    KillPoint("before-swap"),  # every file and the marker written, nothing swapped
    KillPoint("after-swap"),  # swapped in, the previous site not yet deleted
    KillPoint("fallback-between-renames"),  # without RENAME_EXCHANGE: old moved aside only
    KillPoint("fallback-after-renames"),  # without RENAME_EXCHANGE: swapped, old not deleted
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes; the search index, which Pagefind never writes the same way twice
    (Pagefind/pagefind#638), stands as its entry file's facts once it is shown to be whole."""
    files = {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }
    entry_file = folder / "pagefind/pagefind-entry.json"
    if entry_file.exists():
        entry = json.loads(entry_file.read_text())
        for language in entry["languages"].values():
            assert (folder / f"pagefind/pagefind.{language['hash']}.pf_meta").is_file()
            language.pop("hash")
        fragments = len(list((folder / "pagefind/fragment").iterdir()))
        files["pagefind/"] = json.dumps([entry, fragments]).encode()
    return files


def killed_builds(script: str, roots: dict[KillPoint, Path]) -> dict[KillPoint, Path]:
    """Build each site in a process of its own (all at once) that `script` kills at its kill
    point; `roots` once every process has been killed there."""
    children = {
        kill: subprocess.Popen(
            [sys.executable, "-c", script, kill.point, str(kill.limit), str(root), BUILD_DATE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        )
        for kill, root in roots.items()
    }
    for kill, child in children.items():
        _, err = child.communicate(timeout=120)
        assert child.returncode == -signal.SIGKILL, f"{kill}: {err.decode()}"
    return roots


def build(root: Path) -> int:
    with redirect_stderr(StringIO()), redirect_stdout(StringIO()):
        return main(["build", str(root), "--date", BUILD_DATE])


def make_new(root: Path) -> None:
    """The edit the new build publishes: a changed service, a new page."""
    service = root / "content/services/portage.md"
    service.write_text(service.read_text().replace("name: Portage\n", "name: Portage (new)\n"))
    (root / "content/pages/contact.md").write_text("---\ntitle: Contact\n---\nPhone us.\n")


@dataclass
class Sites:
    old_site: Path  # the tiny site built, with its output
    old: dict[str, bytes]
    new: dict[str, bytes]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    root = tmp_path_factory.mktemp("interrupt") / "site"
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    assert build(root) == 0
    new_root = root.parent / "new-site"
    shutil.copytree(root, new_root)
    make_new(new_root)
    assert build(new_root) == 0
    old, new = snapshot(root / "_site"), snapshot(new_root / "_site")
    assert old != new and len(new) > max(p.limit for p in KILL_POINTS)
    return Sites(root, old, new)


def test_a_killed_build_leaves_the_old_site_or_the_new_one(sites: Sites, tmp_path: Path) -> None:
    # Every kill point in its own copy, all at once (each is a separate Python process).
    roots = {}
    for kill in KILL_POINTS:
        root = tmp_path / str(kill) / "site"
        shutil.copytree(sites.old_site, root)
        make_new(root)
        roots[kill] = root
    for kill, root in killed_builds(CHILD, roots).items():
        output = root / "_site"
        if kill.point == "fallback-between-renames":
            # Without an atomic exchange there is one moment with the old site moved aside.
            assert not output.exists()
            (aside,) = root.glob("._site.old-*")
            assert snapshot(aside) == sites.old
        else:
            assert snapshot(output) in (sites.old, sites.new), kill
            expected = sites.old if kill.point in ("files", "before-swap") else sites.new
            assert snapshot(output) == expected, kill
        assert any(p.name.startswith("._site.") for p in root.iterdir()), kill  # left behind
        # The next build publishes the new site and leaves nothing of the killed one behind.
        assert build(root) == 0
        assert snapshot(output) == sites.new, kill
        leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith("._site"))
        assert leftovers == [], kill


def test_a_running_build_keeps_its_temporary_folder(sites: Sites, tmp_path: Path) -> None:
    """Clearing leftovers never touches the folder of a build that is still running."""
    root = tmp_path / "site"
    shutil.copytree(sites.old_site, root)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = root / f"._site.building-{running.pid}-abc123"
        busy.mkdir()
        dead = root / "._site.building-999999999-abc123"
        dead.mkdir()
        assert build(root) == 0
        assert busy.is_dir() and not dead.exists()
    finally:
        running.kill()
        running.wait()


# --- a one-edit build, which updates the output in place (publish/apply.py) ----------------------

# As CHILD, on a site built once before (its record kept), so the build is incremental: the
# process kills itself at one step of putting the changed files into the output.
IN_PLACE_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import sendsite.publish.apply as apply
    from sendsite.cli import main

    point, limit, site, date = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    applying = False
    steps = 0

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    real_journal = apply._write_journal
    def journal(*args):
        global applying
        real_journal(*args)
        applying = True
        if point == "journal":
            die()
    apply._write_journal = journal

    def step(kind):
        global steps
        if applying and point == kind:
            steps += 1
            if steps > limit:
                die()

    real_unlink = os.unlink
    def unlink(path, *args, **kwargs):
        step("removals")
        real_unlink(path, *args, **kwargs)
    os.unlink = unlink

    real_replace = os.replace
    def replace(source, target):
        step("renames")
        real_replace(source, target)
    os.replace = replace

    real_exchange = apply.exchange
    def exchange(first, second):
        global point
        if point == "index":
            die()
        if point == "index-fallback":
            point = "renames"  # the fallback's two renames: die after the first
            return False
        return real_exchange(first, second)
    apply.exchange = exchange

    real_rmtree = apply.shutil.rmtree
    def rmtree(path, *args, **kwargs):
        if applying and point == "done":
            die()
        real_rmtree(path, *args, **kwargs)
    apply.shutil.rmtree = rmtree

    sys.exit(main(["build", site, "--date", date]))
    """
)

IN_PLACE_KILL_POINTS = [
    KillPoint("journal"),  # the journal written, the output not yet touched
    KillPoint("renames", 0),  # the removals done, no changed file renamed in yet
    KillPoint("renames", 1),
    KillPoint("renames", 3),
    KillPoint("index"),  # every file renamed in, the new search index not yet swapped in
    KillPoint("index-fallback", 1),  # without RENAME_EXCHANGE: the old index moved aside only
    KillPoint("done"),  # all changed, the staging folder not yet removed
]


def make_newer(root: Path) -> None:
    """An edit a build makes in place: a service renamed (its search text changes) and a news
    item's text. (A page added or removed changes every page's menu: a full build.)"""
    service = root / "content/services/portage.md"
    service.write_text(service.read_text().replace("name: Portage\n", "name: Portage (new)\n"))
    news = root / "content/news/revisit-outcome.md"
    news.write_text(news.read_text() + "\nOne more line.\n")


def facts(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, time and inode: what a failed build must leave exactly as it was."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@dataclass
class Newer:
    files: dict[str, bytes]  # snapshot of the newer site
    rendered: int  # the pages a build renders when it takes none from the last output


@pytest.fixture(scope="module")
def newer(sites: Sites) -> Newer:
    root = sites.old_site.parent / "newer-site"
    shutil.copytree(sites.old_site, root)  # with no record: a cold build
    make_newer(root)
    result = publish_build(root, dt.date.fromisoformat(BUILD_DATE))
    return Newer(snapshot(root / "_site"), result.rendered)


def test_a_build_killed_while_it_updates_the_output_is_finished_by_the_next(
    sites: Sites, newer: Newer, tmp_path: Path
) -> None:
    roots = {}
    for kill in IN_PLACE_KILL_POINTS:
        root = tmp_path / f"{kill.point}-{kill.limit}" / "site"
        shutil.copytree(sites.old_site, root)
        assert build(root) == 0  # this copy's record, so the next build is incremental
        make_newer(root)
        roots[kill] = root
    for kill, root in killed_builds(IN_PLACE_CHILD, roots).items():
        output = root / "_site"
        left = list(root.glob("._site.building-*"))  # the staging folder, with its journal
        assert len(left) == 1, kill
        assert (left[0] / JOURNAL).is_file() == (kill.point != "done"), kill
        if kill.point == "journal":
            assert snapshot(output) == sites.old, kill
        # The next build's first step finishes the killed one's changes: the new site whole.
        clear_leftovers(output.resolve())
        assert snapshot(output) == newer.files, kill
        assert sorted(p.name for p in root.iterdir() if p.name.startswith("._site")) == []
        # The output is not as any build recorded it: the next build renders every page.
        result = publish_build(root, dt.date.fromisoformat(BUILD_DATE))
        assert result.rendered == newer.rendered, kill
        assert snapshot(output) == newer.files, kill


def in_place_site(root: Path) -> Path:
    """The tiny site built once, so that its next build is incremental; its output."""
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    assert build(root) == 0
    return root / "_site"


def test_a_one_edit_build_updates_the_output_in_place(tmp_path: Path) -> None:
    root = tmp_path / "site"
    output = in_place_site(root)
    before = facts(output)
    folder = output.stat().st_ino
    (root / "content/news/revisit-outcome.md").write_text(
        (root / "content/news/revisit-outcome.md").read_text() + "\nOne more line.\n"
    )
    result = publish_build(root, dt.date.fromisoformat(BUILD_DATE))
    assert 0 < result.rendered < result.pages  # incremental
    after = facts(output)
    assert output.stat().st_ino == folder  # the folder itself was not swapped
    unchanged = [n for n in before if n in after and before[n][0] == after[n][0]]
    changed = [n for n in after if n not in before or before[n][0] != after[n][0]]
    assert unchanged and changed
    # Files whose bytes did not change keep their inode and time; the index was not remade.
    assert all(before[n] == after[n] for n in unchanged)
    # The digest kept for the next build is exactly the one a walk of the output finds.
    assert result.output_digest == output_digest(output)
    # And the build command's stamp sees the output as this build left it.
    assert build(root) == 0
    with redirect_stderr(StringIO()), redirect_stdout(StringIO()) as printed:
        assert main(["build", str(root), "--date", BUILD_DATE]) == 0
    assert "Nothing changed since the last build" in printed.getvalue()
    assert facts(output) == after


def test_an_in_place_build_that_reindexes_keeps_the_digest_exact(tmp_path: Path) -> None:
    root = tmp_path / "site"
    output = in_place_site(root)
    index, folder = (output / "pagefind").stat().st_ino, output.stat().st_ino
    make_newer(root)  # a service renamed: its search text changes
    result = publish_build(root, dt.date.fromisoformat(BUILD_DATE))
    assert 0 < result.rendered < result.pages
    assert output.stat().st_ino == folder  # in place
    assert (output / "pagefind").stat().st_ino != index  # the new index swapped in whole
    assert result.output_digest == output_digest(output)
    assert not [p for p in root.iterdir() if p.name.startswith("._site")]


@pytest.mark.parametrize("failure", ["content error", "strict warning", "pagefind", "review"])
def test_a_failed_one_edit_build_leaves_the_output_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    root = tmp_path / "site"
    output = in_place_site(root)
    make_newer(root)  # what the build would publish, had it not failed
    args = []
    if failure == "content error":
        (root / "content/news/revisit-outcome.md").write_text("---\ntitle: [unclosed\n---\n")
    elif failure == "strict warning":
        args = ["--strict"]
        (root / "content/organisations/nobody.yaml").write_text("name: Nobody at all\n")
    elif failure == "pagefind":
        monkeypatch.setenv("SENDSITE_PAGEFIND_TIMEOUT", "0.001")
    else:  # the review finds a broken link, and --strict fails on it
        args = ["--strict"]
        news = root / "content/news/revisit-outcome.md"
        news.write_text(news.read_text() + "\n[Gone](/no-such-page/)\n")
    before = facts(output)
    with redirect_stderr(StringIO()) as errors, redirect_stdout(StringIO()):
        assert main(["build", str(root), "--date", BUILD_DATE, *args]) == 1, failure
    assert "Traceback" not in errors.getvalue()
    assert facts(output) == before, failure
    assert not [p for p in root.iterdir() if p.name.startswith("._site")]


# Stands in for Pagefind: slow, then it writes into its --output-path, as Pagefind does.
SLOW_PAGEFIND = """#!{python}
import os, sys, time
time.sleep(1.0)
output = sys.argv[sys.argv.index("--output-path") + 1]
os.makedirs(output, exist_ok=True)
open(os.path.join(output, "pagefind.js"), "w").write("late")
"""


def test_a_build_that_fails_while_pagefind_runs_stops_it_before_clearing_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind indexes the pages while the rest of the site is made; when the build then fails
    (here: --strict and a warning), Pagefind is stopped before the staging folder goes, so it
    cannot write one back beside the output."""
    root = tmp_path / "site"
    output = in_place_site(root)
    make_newer(root)
    (root / "content/organisations/nobody.yaml").write_text("name: Nobody at all\n")
    slow = tmp_path / "slow-pagefind"
    slow.write_text(SLOW_PAGEFIND.format(python=sys.executable))
    slow.chmod(0o755)
    monkeypatch.setattr("sendsite.publish.search_index.pagefind_executable", lambda: slow)
    before = facts(output)
    with redirect_stderr(StringIO()), redirect_stdout(StringIO()):
        assert main(["build", str(root), "--date", BUILD_DATE, "--strict"]) == 1
    time.sleep(1.5)  # had it been left running, the stand-in would have written by now
    assert facts(output) == before
    assert not [p for p in root.iterdir() if p.name.startswith("._site")]


def test_a_build_that_fails_once_its_record_is_written_leaves_the_last_one_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record is written while Pagefind indexes and sealed only once the output is in
    place: when Pagefind then fails, the next build still has the last record, and renders
    only what the edit changed."""
    root = tmp_path / "site"
    in_place_site(root)
    make_newer(root)
    monkeypatch.setenv("SENDSITE_PAGEFIND_TIMEOUT", "0.001")
    assert build(root) == 1
    assert (cache_folder(root) / memory.NEXT).is_file()  # written, not in force
    monkeypatch.delenv("SENDSITE_PAGEFIND_TIMEOUT")
    result = publish_build(root, dt.date.fromisoformat(BUILD_DATE))
    assert 0 < result.rendered < result.pages


def test_a_record_is_used_only_under_its_own_seal(tmp_path: Path) -> None:
    root = tmp_path / "site"
    in_place_site(root)
    seal = cache_folder(root) / memory.SEAL
    stamp = json.loads(seal.read_text())
    assert memory.load(cache_folder(root)) is not None
    seal.write_text(json.dumps({**stamp, "token": "another record's"}))
    assert memory.load(cache_folder(root)) is None
    news = root / "content/news/revisit-outcome.md"
    news.write_text(news.read_text() + "\nOne more line.\n")
    result = publish_build(root, dt.date.fromisoformat(BUILD_DATE))
    assert result.rendered == result.pages  # no record in force: every page again
    assert json.loads(seal.read_text())["token"] != "another record's"


class Killed(BaseException):
    """Stands for the process being killed at one step of the apply."""


OLD_FILES = {
    "index.html": b"old home",
    "same.css": b"same",
    "kept/index.html": b"kept",
    "gone/page/index.html": b"a page no longer made",
    "was-a-file": b"a file that becomes a folder",
    "pagefind/old.js": b"old index",
}
STAGED_FILES = {
    "index.html": b"new home",
    "same.css": b"same",
    "new/page/index.html": b"a new page",
    "was-a-file/index.html": b"a folder now",
    "pagefind/new.js": b"new index",
}
NEW_FILES = {
    name: data
    for name, data in {**OLD_FILES, **STAGED_FILES}.items()
    if name in STAGED_FILES or name == "kept/index.html"
}


def apply_case(tmp_path: Path) -> tuple[Path, Path, InPlace]:
    output, staging = tmp_path / "out", tmp_path / ".out.building-1-x"
    for folder, files in ((output, OLD_FILES), (staging, STAGED_FILES)):
        for name, data in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
    listing = output_listing(output)
    assert listing is not None
    return staging, output, InPlace(listing, {"kept/index.html"}, whole=("pagefind",))


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_apply_changes_only_what_changed_and_knows_the_listing_after(tmp_path: Path) -> None:
    staging, output, update = apply_case(tmp_path)
    same = (output / "same.css").stat()
    after = apply_in_place(staging, output, update)
    assert files_of(output) == NEW_FILES
    assert after == output_listing(output)  # exactly what a walk finds
    assert (output / "same.css").stat().st_ino == same.st_ino  # bytes unchanged: kept as it was
    assert (output / "same.css").stat().st_mtime_ns == same.st_mtime_ns
    assert not (output / "gone").exists()  # emptied folders go with their files
    assert not staging.exists()


@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "two renames"])
@pytest.mark.parametrize("step", range(10))
def test_an_apply_killed_at_any_step_is_finished_from_its_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int, fallback: bool
) -> None:
    staging, output, update = apply_case(tmp_path)
    taken = 0

    def counted(real: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            nonlocal taken
            if taken == step:
                raise Killed
            taken += 1
            return real(*args, **kwargs)

        return run

    monkeypatch.setattr(os, "replace", counted(os.replace))
    monkeypatch.setattr(os, "unlink", counted(os.unlink))
    monkeypatch.setattr(apply, "exchange", counted(lambda a, b: not fallback and exchange(a, b)))
    try:
        apply_in_place(staging, output, update)
    except Killed:
        pass
    else:
        assert step >= taken  # every step done before this one's turn came
    monkeypatch.undo()
    if not staging.exists():
        assert files_of(output) == NEW_FILES
        return
    journal = (staging / JOURNAL).exists()
    assert finish_interrupted(staging, output) == journal
    # Killed before the journal was in place, the output was not touched; after, it is new.
    assert files_of(output) == (OLD_FILES if step == 0 else NEW_FILES)
