"""A changed file as the live preview sees it: its name as the author knows it, the template it
is, whether it is one service's file, and whether it changes every page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sendsite.render.theme import THEME_DIR
from sendsite.source.fields import ID_PATTERN
from sendsite.source.loader import COLLECTIONS, is_ignored

GLOBAL_SOURCES = ("site.yaml", "content/taxonomy.yaml", "content/glossary.yaml")


@dataclass(frozen=True)
class SitePaths:
    """The files of one site folder (resolved), and of the package's theme."""

    site_dir: Path

    def absolute(self, file: Path) -> Path:
        return file if file.is_absolute() else self.site_dir / file

    def display(self, file: Path) -> str:
        """A path as the author knows it: relative to the site folder, or in the package theme."""
        absolute = self.absolute(file)
        for root, shown in ((self.site_dir, ""), (THEME_DIR, "sendsite/theme/")):
            try:
                return shown + absolute.relative_to(root).as_posix()
            except ValueError:
                continue
        return str(file)

    def template_name(self, file: Path) -> str | None:
        """The Jinja name of a template file (site templates/ or the theme's), else None."""
        absolute = self.absolute(file)
        for root in (self.site_dir / "templates", THEME_DIR / "templates"):
            try:
                return absolute.relative_to(root).as_posix()
            except ValueError:
                continue
        return None

    def is_service_file(self, file: Path) -> bool:
        parts = Path(self.display(file)).parts
        return (
            len(parts) == 3
            and parts[:2] == ("content", "services")
            and not is_ignored(parts[2])
            and file.suffix in COLLECTIONS["services"]
            and ID_PATTERN.match(file.stem) is not None
            and not file.is_dir()
        )

    def changes_everything(self, changed: set[Path], had_templates: bool) -> bool:
        """site.yaml, the taxonomy and the glossary feed every page; adding or removing the
        site's templates folder changes where every template comes from."""
        if any(self.display(file) in GLOBAL_SOURCES for file in changed):
            return True
        return had_templates != (self.site_dir / "templates").is_dir()
