"""The directory's search index, made by Pagefind from the built service pages.

Pagefind reads the HTML in the staging folder (before it is swapped in) and writes its index
and its small search library to `pagefind/`; the directory's script loads them from there.
The Pagefind program comes inside the `pagefind-bin` wheel, a dependency of sendsite, so a
build works offline and needs nothing installed by hand.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from sendsite.background import CoalescingWorker
from sendsite.errors import ContentError, Origin

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


def write_search_index(folder: Path, background: bool = False) -> None:
    """Index the built site in `folder` into `folder/pagefind/`; in the `background` of the
    live preview at a low priority, so that the next rebuild is not kept waiting for the CPU."""
    nice = shutil.which("nice") if background else None
    command = [
        *([nice, "-n", "10"] if nice else []),
        str(pagefind_executable()),
        "--site",
        str(folder),
        "--output-subdir",
        INDEX_FOLDER,
        "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ContentError(
            _ORIGIN,
            f"the search index could not be made: Pagefind did not start ({exc})",
            _REINSTALL,
        ) from None
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[:500] or "no message"
        raise ContentError(
            _ORIGIN,
            f"the search index could not be made: Pagefind stopped with this message: {detail}",
            "Check that the output folder can be written to, then build again.",
        )


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
