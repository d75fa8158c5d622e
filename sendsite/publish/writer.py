"""Write stage: put a rendered site on disk without ever leaving a half-written or foreign folder.

The whole site is written into a temporary folder next to the output, then swapped in with
one atomic exchange of the two folders (Linux's renameat2 RENAME_EXCHANGE; elsewhere two renames,
undone if the second fails); if anything fails on the way, or the process is killed, the output
folder is the previous site or the new one, never a mix. An incremental build writes only the
files it made there, and they are put into the output in place once all of it has succeeded
(publish/apply.py: a journal lets the next build finish the changes of one killed part way). Temporary folders are named after the
output and the process that made them, so the next build can clear away those left by a build
that was killed, without touching a build still running. sendsite marks the folders it makes,
and refuses to replace a folder it did not make.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sendsite.errors import ContentError, Origin
from sendsite.publish.apply import JOURNAL, InPlace, apply_in_place, exchange, finish_interrupted
from sendsite.publish.stamp import FileFacts
from sendsite.source.paths import inside, outside_output
from sendsite.source.wholefile import replace_whole

MARKER = ".sendsite-output"
_MARKER_TEXT = "This folder was made by sendsite; the next build replaces it.\n"


def check_output_folder(site_dir: Path, output: Path, origin: Origin) -> None:
    """Refuse output folders that would overwrite the site's own files, the user's home folder
    or anyone else's folder. `origin` is where the folder was chosen (site.yaml or -o)."""
    site = site_dir.resolve()
    out = output.resolve()
    named = "the output folder"
    if out == site:
        raise ContentError(
            origin,
            f"{named} is the site folder itself",
            "Choose a new folder for the output, such as _site.",
        )
    if site.is_relative_to(out):
        raise ContentError(
            origin,
            f"{named} contains the site folder, so building would replace the site's files",
            "Choose an output folder inside or beside the site folder, such as _site.",
        )
    home = Path.home().resolve()
    if home.is_relative_to(out):
        raise ContentError(
            origin,
            f"{named} is your home folder or contains it",
            "Choose a new folder for the output, such as _site inside the site folder.",
        )
    for protected in ("content", "templates"):
        if out.is_relative_to(site / protected):
            raise ContentError(
                origin,
                f"{named} is inside the site's {protected} folder",
                "Choose an output folder outside content/ and templates/, such as _site.",
            )
    if out.exists() and not out.is_dir():
        raise ContentError(origin, f"{named} is a file, not a folder", "Choose a folder name.")
    if out.is_dir() and not (out / MARKER).exists() and any(out.iterdir()):
        raise ContentError(
            origin,
            f"{named} already exists and was not made by sendsite",
            "A build never deletes what it did not make: choose another output folder, "
            "or empty this one yourself.",
        )


def write_site(
    output: Path,
    pages: dict[str, bytes],
    copies: dict[str, Path],
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Write every file into a fresh folder beside `output`, then swap it into place.

    `finish` runs on the complete staging folder before the swap (the search index is made
    from the written pages); if it fails, the previous output stays as it was.
    """
    write_into(output, lambda folder: write_files(folder, pages, copies), finish)


def write_into(
    output: Path,
    fill: Callable[[Path], InPlace | None],
    finish: Callable[[Path], None] | None = None,
    abandon: Callable[[], None] | None = None,
) -> dict[str, FileFacts] | None:
    """`fill` writes the site into a fresh staging folder beside `output` (a build streams its
    pages there as they are rendered); then `finish` runs on it and it is swapped into place.
    When `fill` answers with an InPlace (an incremental build: the staging folder holds only
    the files it made), its files are put into the output in place instead (publish/apply.py),
    and the output's listing after that is returned. If anything fails before the output is
    changed, the staging folder goes and the previous output stays as it was; `abandon` runs
    first, to stop whatever still writes into it (a build's Pagefind)."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(output)
    staging = Path(
        tempfile.mkdtemp(prefix=_temporary_prefix(output, "building"), dir=output.parent)
    )
    try:
        update = fill(staging)
        (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        staging.chmod(0o755)
        if finish is not None:
            finish(staging)
        if update is not None and output.is_dir():
            return apply_in_place(staging, output, update)
        _swap(staging, output)
    except BaseException:
        if abandon is not None:
            abandon()
        if not (staging / JOURNAL).exists():  # else the output is part changed: the next
            shutil.rmtree(staging, ignore_errors=True)  # build finishes it from the journal
        raise
    return None


def write_files(folder: Path, pages: dict[str, bytes], copies: dict[str, Path]) -> None:
    made: set[Path] = set()
    for relative, data in sorted(pages.items()):
        write_file(folder, relative, data, made)
    for relative, source in sorted(copies.items()):
        target = _safe_target(folder, relative)
        _make_parent(target, made)
        shutil.copyfile(source, target)


def write_file(folder: Path, relative: str, data: bytes, made: set[Path]) -> None:
    """One file of the site; `made` remembers the folders already made by this writer."""
    target = _safe_target(folder, relative)
    _make_parent(target, made)
    target.write_bytes(data)


def link_files(previous: Path, folder: Path, names: list[str], made: set[Path]) -> None:
    """Put pages of the previous output, unchanged, into the staging folder: hard links (a file
    of the output is only ever replaced by a rename, never written into), else copies. On
    plain strings: pathlib's cost was most of the time linking 10,000 pages took."""
    old, new = os.fspath(previous), os.fspath(folder)
    folders = {os.fspath(p) for p in made}
    for relative in names:
        normal = os.path.normpath(relative)
        if os.path.isabs(normal) or normal == ".." or normal.startswith("../"):
            raise outside_output(relative)  # pragma: no cover - routes never produce such paths
        target = os.path.join(new, normal)
        parent = os.path.dirname(target)
        if parent not in folders:
            os.makedirs(parent, exist_ok=True)
            folders.add(parent)
            made.add(Path(parent))
        source = os.path.join(old, normal)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)


def replace_file(output: Path, relative: str, data: bytes) -> None:
    """Write one file of a served folder (the live preview's) so that a reader sees the old
    bytes or the new, never half of them."""
    target = output / relative
    if not inside(target, output):
        raise outside_output(relative)
    replace_whole(target, data)


def remove_file(output: Path, relative: str) -> None:
    """Remove one file of a served folder, and the folders it leaves empty."""
    target = output / relative
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != output and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _make_parent(target: Path, made: set[Path]) -> None:
    parent = target.parent
    if parent not in made:
        parent.mkdir(parents=True, exist_ok=True)
        made.add(parent)


def _safe_target(folder: Path, relative: str) -> Path:
    # By the path's text alone: the staging folder is new, so nothing in it is a link, and
    # resolving every file's path against the disk cost more than writing it.
    normal = os.path.normpath(relative)
    if os.path.isabs(normal) or normal == ".." or normal.startswith("../"):
        raise outside_output(relative)  # pragma: no cover - routes never produce such paths
    return folder / normal


def _temporary_prefix(output: Path, kind: str) -> str:
    return f".{output.name}.{kind}-{os.getpid()}-"


def clear_leftovers(output: Path) -> None:
    """Remove the temporary folders of builds of `output` that were killed: finish the changes
    of one killed while it updated the output in place (its journal says which: publish/apply.py),
    and put back the previous site if one was killed between the two renames of the fallback
    swap. The next build of `output` runs this before it reads the output."""
    if not output.parent.is_dir():
        return  # a new folder: no build of it has run, so none has left anything
    leftovers: list[tuple[str, Path]] = []
    for kind in ("building", "old"):
        prefix = f".{output.name}.{kind}-"
        for entry in output.parent.iterdir():
            if not entry.name.startswith(prefix):
                continue  # (not glob: the output's name may hold * or [ ])
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if entry.is_dir() and not entry.is_symlink() and pid.isdigit() and not _alive(int(pid)):
                leftovers.append((kind, entry))
    for kind, entry in leftovers:
        if kind == "building" and finish_interrupted(entry, output):
            (entry / JOURNAL).unlink()
    if not output.exists():
        retired = [
            entry for kind, entry in leftovers if kind == "old" and (entry / MARKER).exists()
        ]
        if retired:
            os.replace(max(retired, key=lambda entry: entry.stat().st_mtime), output)
    for _, entry in leftovers:
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process is not building this output yet: anything of ours is stale
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        os.replace(staging, output)
        return
    if exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
        return
    retired = Path(tempfile.mkdtemp(prefix=_temporary_prefix(output, "old"), dir=output.parent))
    retired.rmdir()
    os.replace(output, retired)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
