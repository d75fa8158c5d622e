"""Ways to plant one fault in a built tiny site: each is a small, printable step."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Write:
    """Write (or overwrite) a text file, given exactly as it should be on disk."""

    path: str
    text: str

    def apply(self, root: Path) -> None:
        target = root / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.text, encoding="utf-8")


@dataclass(frozen=True)
class WriteBytes:
    path: str
    data: bytes

    def apply(self, root: Path) -> None:
        target = root / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.data)


@dataclass(frozen=True)
class Replace:
    """Replace one exact piece of an existing file (it must be there, once)."""

    path: str
    old: str
    new: str

    def apply(self, root: Path) -> None:
        target = root / self.path
        text = target.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.old!r} is not in {self.path} exactly once"
        target.write_text(text.replace(self.old, self.new), encoding="utf-8")


@dataclass(frozen=True)
class Rename:
    path: str
    new_path: str

    def apply(self, root: Path) -> None:
        (root / self.path).rename(root / self.new_path)


@dataclass(frozen=True)
class Remove:
    path: str

    def apply(self, root: Path) -> None:
        (root / self.path).unlink()


@dataclass(frozen=True)
class Symlink:
    """A link at `path` to `target`; a target starting with '/' is made absolute inside the
    test's own temporary folder (the parent of the site), so it points outside the site."""

    path: str
    target: str

    def apply(self, root: Path) -> None:
        link = root / self.path
        link.parent.mkdir(parents=True, exist_ok=True)
        if self.target.startswith("/"):
            outside = root.parent / self.target.lstrip("/")
            outside.parent.mkdir(parents=True, exist_ok=True)
            if not outside.exists():
                outside.write_text("secret: do not publish\n", encoding="utf-8")
            os.symlink(outside, link)
        else:
            os.symlink(self.target, link)


@dataclass(frozen=True)
class Huge:
    """A file of `size` bytes that starts with `head`; the rest is a hole, so it costs no disk."""

    path: str
    head: str
    size: int

    def apply(self, root: Path) -> None:
        target = root / self.path
        with target.open("wb") as file:
            file.write(self.head.encode("utf-8"))
            file.truncate(self.size)


Step = Write | WriteBytes | Replace | Rename | Remove | Symlink | Huge
