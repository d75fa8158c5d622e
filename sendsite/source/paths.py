"""Whether a file lies inside a folder, with links followed, and the one message for each way a
path can lead out of its folder: a link out of the site folder would publish a file from
elsewhere, and a file written out of the output folder would overwrite one."""

from __future__ import annotations

from pathlib import Path

from sendsite.errors import ContentError, Origin


def inside(path: Path, folder: Path) -> bool:
    """True when `path` lies in `folder`, each with its links followed."""
    return path.resolve().is_relative_to(folder.resolve())


def outside_site(shown: str) -> ContentError:
    """A file or folder of the site (`shown` as its author knows it) that is a link elsewhere."""
    return ContentError(
        Origin(shown),
        "this is a link to a file or folder outside the site folder",
        "Copy the file into the site folder instead of linking to it.",
    )


def outside_output(relative: str) -> ContentError:
    return ContentError(Origin(relative), "this file would be written outside the output folder")
