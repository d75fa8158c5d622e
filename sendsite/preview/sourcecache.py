"""The live preview's parsed content files, kept in memory between rebuilds."""

from __future__ import annotations

from pathlib import Path

from sendsite.source.sourcefile import SourceFile, read_source


class SourceCache:
    """Parsed content files, read again only when their size or modification time changes."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[int, int], SourceFile]] = {}

    def read(self, file: Path, display: str) -> SourceFile:
        stat = file.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
        hit = self._files.get(file)
        if hit is not None and hit[0] == signature and hit[1].path == display:
            return hit[1]
        source = read_source(file, display)
        self._files[file] = (signature, source)
        return source

    def knows(self, path: Path) -> bool:
        """Whether a file, or any file in a folder, was read (a moved-away folder counts)."""
        return path in self._files or any(f.is_relative_to(path) for f in self._files)

    def forget(self, file: Path) -> None:
        self._files.pop(file, None)
