"""Whether a file lies inside a folder, with links followed, and the one message for each way a
path can lead out of its folder: a link out of the site folder would publish a file from
elsewhere, and a file written out of the output folder would overwrite one."""

from __future__ import annotations

import os
from pathlib import Path

from sendsite.errors import ContentError, Origin


def inside(path: Path, folder: Path) -> bool:
    """True when `path` lies in `folder`, each with its links followed."""
    return path.resolve().is_relative_to(folder.resolve())


class Within:
    """`inside(path, folder)` for the many files of one folder tree, with each folder resolved
    once: a path that is not itself a link resolves to its resolved folder and its name."""

    def __init__(self, folder: Path) -> None:
        self.root = os.path.realpath(folder)
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | Path, link: bool | None = None) -> bool:
        """`link`: whether `path` is a link, if the caller has been told (os.scandir's entry)."""
        text = os.fspath(path)
        if os.path.islink(text) if link is None else link:
            return inside(Path(text), Path(self.root))
        parent, name = os.path.split(text)
        resolved = self._folders.get(parent)
        if resolved is None:
            resolved = self._folders[parent] = os.path.realpath(parent)
        found = os.path.join(resolved, name)
        return found == self.root or found.startswith(self.root.rstrip("/") + "/")


def outside_site(shown: str) -> ContentError:
    """A file or folder of the site (`shown` as its author knows it) that is a link elsewhere."""
    return ContentError(
        Origin(shown),
        "this is a link to a file or folder outside the site folder",
        "Copy the file into the site folder instead of linking to it.",
    )


def outside_output(relative: str) -> ContentError:
    return ContentError(Origin(relative), "this file would be written outside the output folder")
