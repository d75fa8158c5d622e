"""A build killed at any point leaves the output folder as the old site or the new one, never a
mix, and the next build clears away whatever temporary folders the killed one left."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

from sendsite.cli import main
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
        writer._exchange = lambda first, second: False

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
    children = {
        kill: subprocess.Popen(
            [sys.executable, "-c", CHILD, kill.point, str(kill.limit), str(root), BUILD_DATE],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
        )
        for kill, root in roots.items()
    }
    for kill, child in children.items():
        _, err = child.communicate(timeout=120)
        assert child.returncode == -signal.SIGKILL, f"{kill}: {err.decode()}"
        root = roots[kill]
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
