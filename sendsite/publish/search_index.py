"""The directory's search index, made by Pagefind from the built service pages.

Pagefind reads the HTML in the staging folder (before it is swapped in) and writes its index
and its small search library to `pagefind/`; the directory's script loads them from there.
The Pagefind program comes inside the `pagefind-bin` wheel, a dependency of sendsite, so a
build works offline and needs nothing installed by hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from pathlib import Path

from sendsite.errors import ContentError, Origin
from sendsite.publish.background import CoalescingWorker
from sendsite.publish.places_index import write_places
from sendsite.source.cache import write_atomically

INDEX_FOLDER = "pagefind"
_ORIGIN = Origin("(search index)")
_REINSTALL = "Install sendsite again with pip, which also installs the Pagefind program it uses."


def pagefind_executable() -> Path:
    """The Pagefind program from the pagefind-bin wheel; a ContentError when it is missing."""
    try:
        module = importlib.import_module("pagefind_bin")
        executable: Path = module.get_executable()
    except (ImportError, FileNotFoundError):
        raise ContentError(
            _ORIGIN,
            "the search index could not be made because the Pagefind program is not installed",
            _REINSTALL,
        ) from None
    return executable


# A page with this attribute in a tag asks to be in the index (the theme's service pages do);
# when any page does, Pagefind leaves out every page that does not.
_INDEXED_MARK = re.compile(rb"<[^<>]*\sdata-pagefind-body[\s=/>]")


def asks_to_be_indexed(page: bytes) -> bool:
    return b"data-pagefind-body" in page and _INDEXED_MARK.search(page) is not None


def write_search_index(
    folder: Path,
    pages: Sequence[str] | None = None,
    background: bool = False,
    left: Left | None = None,
) -> None:
    """Index the built site in `folder` into `folder/pagefind/`. `pages`, when given, are the
    pages that asked to be indexed (found as they were written): Pagefind is then shown only those,
    through a folder of hard links, instead of reading and parsing every page of the site only to
    leave most of them out; the index is the same, made in about half the time and memory.
    In the `background` of the live preview Pagefind runs at a low priority, so that the next
    rebuild is not kept waiting for the CPU. `left`: the pages an incremental build left in the
    output it updates in place (publish/apply.py), read from there."""
    start_search_index(folder, pages, background, left).wait()


class RunningIndex:
    """Pagefind, started on a folder and not yet waited for: a build makes its other files
    while Pagefind indexes the pages (start_search_index). `wait` (or `stop`, when the build
    fails) must follow."""

    def __init__(self, folder: Path, shown: Path | None, background: bool) -> None:
        self._folder = folder
        self._shown = shown
        self._limit = pagefind_time_limit()
        self._process: subprocess.Popen[str] | None = None
        try:
            self._process = subprocess.Popen(
                _pagefind_command(shown or folder, folder, background),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except OSError as exc:
            self._clear()
            raise ContentError(
                _ORIGIN,
                f"the search index could not be made: Pagefind did not start ({exc})",
                _REINSTALL,
            ) from None
        # A build's own work while Pagefind indexes (the other files, the record) is done at a
        # lower priority, in what Pagefind leaves of the cores: Pagefind is what it waits for.
        self._priority = None if background else _lower_priority()
        # The limit counts from Pagefind's start, not from when the build comes to wait for it.
        self._expired = False
        self._timer = threading.Timer(self._limit, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        self._expired = True
        process = self._process
        if process is not None:
            process.kill()

    def wait(self) -> None:
        """Until the index is made; a ContentError if Pagefind failed or took too long."""
        process = self._process
        if process is None:
            return
        try:
            stdout, stderr = process.communicate()  # the timer kills it at the limit
        except BaseException:
            self.stop()
            raise
        self._timer.cancel()
        self._process = None
        self._clear()
        _restore_priority(self._priority)
        if self._expired:
            # The build stops here, before the swap, so the site that was published stays.
            raise ContentError(
                _ORIGIN,
                f"the search index could not be made: Pagefind did not finish in "
                f"{self._limit:g} seconds",
                "Build again; if it happens every time, set SENDSITE_PAGEFIND_TIMEOUT to more "
                "seconds, or check that the computer is not short of memory.",
            )
        if process.returncode != 0:
            detail = " ".join((stderr or stdout).split())[:500] or "no message"
            raise ContentError(
                _ORIGIN,
                f"the search index could not be made: Pagefind stopped with this message: {detail}",
                "Check that the output folder can be written to, then build again.",
            )
        write_places(self._folder / INDEX_FOLDER)

    def stop(self) -> None:
        """Pagefind killed and reaped, its folder of links gone: the build failed."""
        process, self._process = self._process, None
        self._timer.cancel()
        if process is not None:
            process.kill()
            process.communicate()
            _restore_priority(self._priority)
        self._clear()

    def _clear(self) -> None:
        if self._shown is not None:
            shutil.rmtree(self._shown, ignore_errors=True)


_YIELD = 10  # nice levels: the build's thread gives way to Pagefind, not to everything else


def _lower_priority() -> int | None:
    """Lower the calling thread's priority (on Linux a thread's own; elsewhere the process's),
    returning what it was; None where it cannot be told."""
    try:
        was = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, 0, min(was + _YIELD, 19))
    except (OSError, AttributeError):  # no such call (Windows), or not allowed
        return None
    return was


def _restore_priority(was: int | None) -> None:
    if was is None:
        return
    # Raising it again needs privileges; without them, what is left of a build is short.
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, was)


def start_search_index(
    folder: Path,
    pages: Sequence[str] | None = None,
    background: bool = False,
    left: Left | None = None,
) -> RunningIndex:
    """write_search_index, started: Pagefind runs while the caller goes on."""
    if not pages:
        return RunningIndex(folder, None, background)
    shown = folder / ".search-pages"  # inside the staging folder: a killed build leaves nothing
    try:
        for page in pages:
            target = shown / page
            target.parent.mkdir(parents=True, exist_ok=True)
            source = _page_file(folder, page, left)
            try:
                os.link(source, target)
            except OSError:  # a file system without hard links
                shutil.copyfile(source, target)
    except BaseException:
        shutil.rmtree(shown, ignore_errors=True)
        raise
    return RunningIndex(folder, shown, background)


_DEFAULT_TIME_LIMIT = 600.0  # seconds: Pagefind takes seconds, a minute for a very large site


def pagefind_time_limit() -> float:
    """How long Pagefind may run: SENDSITE_PAGEFIND_TIMEOUT seconds, or ten minutes."""
    try:
        limit = float(os.environ.get("SENDSITE_PAGEFIND_TIMEOUT", _DEFAULT_TIME_LIMIT))
    except ValueError:
        return _DEFAULT_TIME_LIMIT
    return limit if limit > 0 else _DEFAULT_TIME_LIMIT


def _pagefind_command(pages: Path, folder: Path, background: bool) -> list[str]:
    nice = shutil.which("nice") if background else None
    return [
        *([nice, "-n", "10"] if nice else []),
        str(pagefind_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(folder / INDEX_FOLDER),
        "--silent",
    ]


class BackgroundSearchIndex:
    """Remakes the search index of a folder in a thread, for the live preview: Pagefind takes
    seconds on a large site, and the page being edited must not wait for it."""

    def __init__(self, folder: Path, report: Callable[[str], None]) -> None:
        self.folder = folder
        self.report = report
        self._worker = CoalescingWorker("sendsite-search", self._index)
        self.request = self._worker.request
        self.stop = self._worker.stop
        self.wait_idle = self._worker.wait_idle

    def _index(self) -> bool:
        try:
            write_search_index(self.folder, background=True)
        except ContentError as exc:
            self.report(str(exc))
        return True


@dataclass(frozen=True)
class Left:
    """The files an incremental build left as they are in the output it updates in place."""

    output: Path
    names: Set[str]


def _page_file(folder: Path, page: str, left: Left | None) -> Path:
    return left.output / page if left is not None and page in left.names else folder / page


@dataclass(frozen=True)
class IndexedPages:
    """What an index is made from, for save_search_record: the pages' names and bytes (with the
    Pagefind program), their names alone, and the program."""

    digest: str
    names: str
    program: str


def reuse_or_start_search_index(
    folder: Path,
    pages: Sequence[str],
    previous: Path,
    record: Path,
    previous_digest: str,
    left: Set[str] | None = None,
) -> tuple[IndexedPages, RunningIndex | None]:
    """Like start_search_index, but when the pages to index are byte for byte those the index
    in `previous` (the output being replaced) was made from, that index is linked into `folder`
    instead of made again: Pagefind takes seconds on a big site, and most edits (news, pages,
    plans) change no service page. `record` (save_search_record) remembers what the last
    index was made from and the digest of the output it was published in; `previous_digest`
    is stamp.output_digest of `previous` now, so a touched or damaged index is made again.
    Returns what the pages are, for save_search_record once the output is in place, and
    Pagefind running (None when the index is reused).
    With `left` (the pages an incremental build left in `previous`, which it updates in place)
    a reused index stays where it is: nothing is written into `folder/pagefind/`."""
    kept = Left(previous, left) if left is not None else None
    last = _load_record(record)
    names = hashlib.blake2b("\0".join(sorted(pages)).encode(), digest_size=20).hexdigest()
    program = _program()
    untouched = (
        last is not None
        and last.get("output") == previous_digest
        and last.get("names") == names
        and last.get("program") == program
    )
    running = None
    if last is not None and untouched and kept is not None and all(p in kept.names for p in pages):
        # Every page to index is in the output as the build that made the index left it (the
        # output's digest is the one recorded then): their bytes need not be read again.
        wanted = str(last.get("pages"))
    else:
        # A page to index was made again, and almost always differs: Pagefind starts before
        # the pages' bytes are read for the record (0.09 s at 4,000 services), and is stopped
        # if they are after all those the index in `previous` was made from.
        running = start_search_index(folder, pages, left=kept)
        try:
            wanted = _pages_digest(folder, pages, kept, program)
        except BaseException:
            running.stop()
            raise
    made = IndexedPages(wanted, names, program)
    old_index = previous / INDEX_FOLDER
    if (
        last is not None
        and last.get("pages") == wanted
        and last.get("output") == previous_digest
        and old_index.is_dir()
    ):
        if running is not None:
            running.stop()
            running = None
            shutil.rmtree(folder / INDEX_FOLDER, ignore_errors=True)  # what it had written
        if kept is not None or _link_tree(old_index, folder / INDEX_FOLDER):
            return made, None
    return made, running or start_search_index(folder, pages, left=kept)


def save_search_record(record: Path, made: IndexedPages, output: str) -> None:
    """What the index now in the output was made from (as reuse_or_start_search_index
    returned it), and stamp.output_digest of that output."""
    data = {"pages": made.digest, "names": made.names, "program": made.program, "output": output}
    write_atomically(record, json.dumps(data).encode())


def _program() -> str:
    executable = pagefind_executable()
    stat = executable.stat()  # another Pagefind makes another index
    return f"{executable}\0{stat.st_size}\0{stat.st_mtime_ns}\0"


def _pages_digest(folder: Path, pages: Sequence[str], left: Left | None, program: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(program.encode())
    for page in sorted(pages):
        with open(_page_file(folder, page, left), "rb") as file:
            digest.update(page.encode() + b"\0" + hashlib.blake2b(file.read()).digest())
    return digest.hexdigest()


def _link_tree(source: Path, target: Path) -> bool:
    try:
        shutil.copytree(source, target, copy_function=os.link)
    except (OSError, shutil.Error):
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _load_record(record: Path) -> dict[str, object] | None:
    try:
        found = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
