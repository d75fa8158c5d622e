"""An incremental build's files put into the output folder in place, instead of swapping in a
whole new folder: after a one-edit build most of the site's files are those already there, and
linking them all into a new folder, then deleting the old one, was most of the write stage's
time (at 4,000 services, 0.75 s for the few dozen files a news edit changes).

The build writes only the files it made into its staging folder beside the output (the others
stay where they are); only once everything has succeeded (rendering, the review, --strict, the
search index) is the output changed: the files no longer made are removed, each changed file is
renamed over its old one (a reader sees one or the other, never half), and the search index's
folder is swapped in whole. A file whose bytes did not change keeps its inode and time. Before
the first change the staging folder gets a journal naming the output and every change; a build
killed part way leaves it, and the next build finishes the changes from it (publish/writer.py
clear_leftovers) before it reads the output. Either way the output's digest is not the one the
last build recorded until the build that changed it has saved its record, so a build that
finds the output in doubt renders every page.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sendsite.publish.stamp import FileFacts, output_listing

JOURNAL = ".sendsite-apply.json"
_FORMAT = 1


@dataclass
class InPlace:
    """What an incremental build asks of the writer: the output as it found it, and the files
    of the output the new site keeps as they are (they are not in the staging folder)."""

    listing: dict[str, FileFacts]  # stamp.output_listing of the output when the build began
    kept: set[str] = field(default_factory=set)
    whole: tuple[str, ...] = ()  # folders swapped in whole when the staging folder has them


@dataclass(frozen=True)
class Changes:
    removed: list[str]  # files of the output the new site no longer has
    renamed: list[str]  # files of the staging folder put over (or beside) the output's
    whole: dict[str, int]  # folder -> the inode of its new copy, swapped in whole


def apply_in_place(staging: Path, output: Path, update: InPlace) -> dict[str, FileFacts]:
    """Put the staging folder's changed files into `output`; returns the output's listing
    after it (what stamp.output_listing would find, without walking the output again)."""
    staged = output_listing(staging) or {}
    changes = _changes(staging, output, update, staged)
    _write_journal(staging, output, changes)
    _change(staging, output, changes)
    (staging / JOURNAL).unlink()
    shutil.rmtree(staging, ignore_errors=True)
    after = dict(update.listing)
    for name in changes.removed:
        del after[name]
    for name in changes.renamed:
        after[name] = staged[name]
    for folder in changes.whole:
        prefix = folder + "/"
        for name in [n for n in after if n.startswith(prefix)]:
            del after[name]
        after.update((n, facts) for n, facts in staged.items() if n.startswith(prefix))
    return after


def finish_interrupted(staging: Path, output: Path) -> bool:
    """Finish the changes a killed build's journal names (each step can be done again);
    False when `staging` has no journal for `output`, so it is only a leftover to remove."""
    try:
        journal = json.loads((staging / JOURNAL).read_text(encoding="utf-8"))
        if journal["format"] != _FORMAT or journal["output"] != str(output):
            return False
        changes = Changes(
            [str(n) for n in journal["removed"]],
            [str(n) for n in journal["renamed"]],
            {str(k): int(v) for k, v in journal["whole"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False  # no journal: killed before the output was touched
    if not output.is_dir():
        return False
    _change(staging, output, changes)
    return True


def _changes(staging: Path, output: Path, update: InPlace, staged: dict[str, FileFacts]) -> Changes:
    whole = {f: (staging / f).stat().st_ino for f in update.whole if (staging / f).is_dir()}
    prefixes = tuple(f + "/" for f in whole)
    renamed = []
    for name, facts in staged.items():
        if name == JOURNAL or name.startswith(prefixes):
            continue
        old = update.listing.get(name)
        same = old is not None and old[0] == facts[0] and old[2] == facts[2]
        if not same or not _same_bytes(staging / name, output / name):
            renamed.append(name)
    removed = [
        name
        for name in update.listing
        if name not in staged and name not in update.kept and not name.startswith(prefixes)
    ]
    return Changes(sorted(removed), sorted(renamed), whole)


def _same_bytes(first: Path, second: Path) -> bool:
    try:
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def _write_journal(staging: Path, output: Path, changes: Changes) -> None:
    data = {
        "format": _FORMAT,
        "output": str(output),
        "removed": changes.removed,
        "renamed": changes.renamed,
        "whole": changes.whole,
    }
    part = staging / (JOURNAL + ".part")
    part.write_text(json.dumps(data), encoding="utf-8")
    os.replace(part, staging / JOURNAL)  # whole or not at all: it is what the next build trusts


def _change(staging: Path, output: Path, changes: Changes) -> None:
    """Removals first: a file the new site has may take the place of a folder the old one had."""
    out, staged = os.fspath(output), os.fspath(staging)
    for name in changes.removed:
        target = os.path.join(out, name)
        if os.path.isdir(target) and not os.path.islink(target):
            continue  # a killed build's renames have already made a folder of this name
        # Gone, or under a name a killed build's renames have already made a file.
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            os.unlink(target)
    _remove_emptied(out, changes.removed)
    made: set[str] = set()
    for name in changes.renamed:
        source = os.path.join(staged, name)
        if not os.path.lexists(source):
            continue  # already renamed, by the build that was killed
        target = os.path.join(out, name)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        os.replace(source, target)
    for folder, inode in changes.whole.items():
        _swap_folder(staging / folder, output / folder, inode)


def _remove_emptied(output: str, removed: Iterable[str]) -> None:
    folders = {os.path.dirname(name) for name in removed}
    for folder in sorted(folders, key=len, reverse=True):
        while folder:
            try:
                os.rmdir(os.path.join(output, folder))
            except OSError:
                break  # not empty (or gone already)
            folder = os.path.dirname(folder)


def _swap_folder(new: Path, target: Path, inode: int) -> None:
    if target.is_dir() and target.stat().st_ino == inode:
        return  # swapped in already
    if not new.is_dir() or new.stat().st_ino != inode:
        return  # pragma: no cover - the journal's folder is gone: nothing left to do
    if not target.exists():
        os.replace(new, target)
        return
    if exchange(new, target):
        return  # the staging folder now holds the old one, removed with it
    aside = new.with_name(new.name + ".old")
    os.replace(target, aside)
    os.replace(new, target)


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders; False where the system cannot, so the caller falls back."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # pragma: no cover - C libraries older than glibc 2.28
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False  # pragma: no cover - file systems without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(second))
