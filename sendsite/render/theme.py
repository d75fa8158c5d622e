"""The theme shipped in the package and the site's own files beside it: which static files and
assets a build copies, and how an author is shown a template's name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sendsite.source.paths import inside, outside_site

THEME_DIR = Path(__file__).parent.parent / "theme"


def display_template(filename: str, site_dir: Path) -> str:
    path = Path(filename)
    for root, shown in ((site_dir, ""), (THEME_DIR, "sendsite/theme/")):
        try:
            return shown + path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return filename


def static_files(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """Theme static files, each replaced by templates/static/NAME when the site has one."""
    theme_static = THEME_DIR / "static"
    site_static = site_dir / "templates" / "static"
    names: dict[str, Path] = {}
    for root in (theme_static, site_static):
        if root.is_dir():
            for file in sorted(root.rglob("*")):
                if root == site_static:
                    refuse_outside(
                        site_dir, file, f"templates/static/{file.relative_to(root).as_posix()}"
                    )
                if file.is_file():
                    names[file.relative_to(root).as_posix()] = file
    for name, file in sorted(names.items()):
        yield f"static/{name}", file


def refuse_outside(site_dir: Path, file: Path, shown: str) -> None:
    """A link from the site's templates to a file elsewhere would publish that file."""
    if not inside(file, site_dir):
        raise outside_site(shown)


def asset_files(site_dir: Path, assets: list[str]) -> Iterator[tuple[str, Path]]:
    for relative in assets:
        yield f"assets/{relative}", site_dir / "content" / "assets" / relative
