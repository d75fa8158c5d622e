"""Write stage: put a rendered site on disk without ever leaving a half-written or foreign folder.

The whole site is written into a temporary folder next to the output, then swapped in with
renames; if anything fails on the way, the previous output stays exactly as it was. sendsite
marks the folders it makes, and refuses to replace a folder it did not make.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sendsite.errors import ContentError, Origin
from sendsite.render import RenderedSite

MARKER = ".sendsite-output"
_MARKER_TEXT = "This folder was made by sendsite; the next build replaces it.\n"


def check_output_folder(site_dir: Path, output: Path, shown: str) -> None:
    """Refuse output folders that would overwrite the site's own files or someone else's folder."""
    site = site_dir.resolve()
    out = output.resolve()
    origin = Origin(shown)
    if out == site:
        raise ContentError(
            origin,
            "the output folder is the site folder itself",
            "Choose a new folder for the output, such as _site.",
        )
    if site.is_relative_to(out):
        raise ContentError(
            origin,
            "the output folder contains the site folder, so building would replace the site's files",
            "Choose an output folder inside or beside the site folder, such as _site.",
        )
    for protected in ("content", "templates"):
        if out.is_relative_to(site / protected):
            raise ContentError(
                origin,
                f"the output folder is inside the site's {protected} folder",
                "Choose an output folder outside content/ and templates/, such as _site.",
            )
    if out.exists() and not out.is_dir():
        raise ContentError(
            origin, "the output path is a file, not a folder", "Choose a folder name."
        )
    if out.is_dir() and not (out / MARKER).exists() and any(out.iterdir()):
        raise ContentError(
            origin,
            "the output folder already exists and was not made by sendsite",
            "sendsite never deletes folders it did not make: choose another output folder, "
            "or empty this one yourself.",
        )


def write_site(
    rendered: RenderedSite,
    output: Path,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Write every file into a fresh folder beside `output`, then swap it into place.

    `finish` runs on the complete staging folder before the swap (the search index is made
    from the written pages); if it fails, the previous output stays as it was.
    """
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.building-", dir=output.parent))
    try:
        _write_all(rendered, staging)
        if finish is not None:
            finish(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_all(rendered: RenderedSite, folder: Path) -> None:
    made: set[Path] = set()
    for relative, data in sorted(rendered.pages.items()):
        target = _safe_target(folder, relative)
        _make_parent(target, made)
        target.write_bytes(data)
    for relative, source in sorted(rendered.copies.items()):
        target = _safe_target(folder, relative)
        _make_parent(target, made)
        shutil.copyfile(source, target)
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    folder.chmod(0o755)


def _make_parent(target: Path, made: set[Path]) -> None:
    parent = target.parent
    if parent not in made:
        parent.mkdir(parents=True, exist_ok=True)
        made.add(parent)


def _safe_target(folder: Path, relative: str) -> Path:
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ContentError(
            Origin(relative), "this file would be written outside the output folder"
        )  # pragma: no cover - routes never produce such paths
    return target


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        os.replace(staging, output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    retired.rmdir()
    os.replace(output, retired)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(retired, output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
