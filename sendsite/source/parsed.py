"""Parsed content files kept between builds (`<cache>/sources.pickle`): a file whose bytes are
those the last build parsed is not parsed again. Parsing the YAML of 4,000 service files was
most of the time a build spent loading a site.

Each entry is keyed on a digest of the file's bytes and the path shown to the author, under a
`version` the caller gives (a digest of sendsite itself and its libraries), so another parser
never answers from an older one's work. Given the site's file digests (source/digests.py), a
file whose size, time and inode are as they were is not even read: reading and hashing 4,000
files was 60 ms of a 700 ms one-edit build. Entries are kept as pickled bytes made when the file was
parsed, so nothing the later stages do to a parsed file can reach the next build. The record is
a pickle: the caller never keeps one in a folder the content's authors control.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from sendsite.source.beside import Beside, can_fork
from sendsite.source.cache import load_record, save_record, worth_saving
from sendsite.source.digests import UNREADABLE, FileDigests
from sendsite.source.loader import content_files
from sendsite.source.sourcefile import SourceFile, read_source

FILE = "sources.pickle"
_FORMAT = 2


class ParsedFiles:
    """A `Reader` for the loader that reuses the last build's parsed files."""

    def __init__(self, cache: Path, version: str, digests: FileDigests | None = None) -> None:
        """`digests`: the site's, to tell an unchanged file by its stat."""
        self.file = cache / FILE
        self.version = version
        self.digests = digests
        self.before: dict[str, tuple[bytes, bytes]] = load_record(self.file, _FORMAT, self.version)
        self.now: dict[str, tuple[bytes, bytes]] = {}  # display path -> (digest, pickled file)
        self.ahead: dict[str, tuple[bytes, bytes]] = {}  # parsed by parse_ahead, as `now`

    def parse_ahead(self, site_dir: Path) -> None:
        """Parse the site's content files, half of them in a child beside this process
        (source/beside.py), before the loader asks for them in its order: parsing the
        YAML of 4,000 service files was 1.2 s of a cold build, in series. Only what parses is
        kept; a file that does not is parsed again when the loader asks, which reports its
        mistakes in their place. Only when the last build's record is empty (a cold build, or
        another sendsite): after an edit, walking the content folder to find the one file
        changed cost 16 ms of the peer corpus's 0.5 s build."""
        if self.before:
            return
        root = os.path.realpath(site_dir)
        try:
            todo = content_files(root)
        except OSError:  # a folder that cannot be listed: the loader says so, in its place
            return
        if len(todo) < PARSE_AHEAD_FROM or not can_fork():
            return
        theirs = Beside(lambda: _parsed(todo[::2]))
        self.ahead.update(_parsed(todo[1::2]))
        self.ahead.update(theirs.result())

    def read(self, file: Path, display: str) -> SourceFile:
        hit = self.before.get(display) or self.ahead.get(display)
        if hit is not None and self.digests is not None:
            known = self.digests.digest(os.path.abspath(file))
            if known != UNREADABLE and hit[0] == bytes.fromhex(known) + display.encode():
                self.now[display] = hit
                return _Kept(display, file, hit[1])
        with open(file, "rb") as stream:
            data = stream.read()
        # As source/digests.py hashes a file's bytes, so that its digest can answer for them.
        digest = hashlib.blake2b(data, digest_size=20).digest() + display.encode()
        if hit is not None and hit[0] == digest:
            self.now[display] = hit
            return _Kept(display, file, hit[1])
        source = read_source(file, display)
        self.now[display] = (digest, pickle.dumps(source, protocol=5))
        return source

    def digest(self, display: str) -> bytes | None:
        """The digest of a file's bytes (and its path) as this build read it; None: not read."""
        hit = self.now.get(display)
        return hit[0] if hit is not None else None

    def save(self) -> None:
        """Keep the files this build read (only after it succeeded), unless the record kept
        lacks only a few of them (cache.worth_saving)."""
        if worth_saving(self.before, self.now):
            save_record(self.file, _FORMAT, self.version, self.now)


PARSE_AHEAD_FROM = 300  # files; fewer parse faster in one process than it takes to fork


def _parsed(files: list[tuple[str, str]]) -> dict[str, tuple[bytes, bytes]]:
    """As ParsedFiles.read keeps each file it parses."""
    found = {}
    for path, display in files:
        try:
            with open(path, "rb") as stream:
                data = stream.read()
            source = read_source(Path(path), display)
        except Exception:  # said by the loader, in its order, when it reads the file again
            continue
        digest = hashlib.blake2b(data, digest_size=20).digest() + display.encode()
        found[display] = (digest, pickle.dumps(source, protocol=5))
    return found


_PARSED = ("data", "body", "body_line")


class _Kept(SourceFile):
    """A file as the last build parsed it, unpickled only when a stage reads more than its
    path: a service taken whole from services.pickle (model/checked.py) never does, and
    unpickling 4,000 service files was 0.13 s of a one-edit build."""

    def __init__(self, path: str, file: Path, pickled: bytes) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "_kept", (file, pickled))

    def __getattr__(self, name: str) -> Any:
        # Asked only for what is not set yet: the parsed fields, the first time one is read.
        kept = self.__dict__.pop("_kept", None) if name in _PARSED else None
        if kept is None:
            raise AttributeError(name)
        file, pickled = kept
        try:
            source = pickle.loads(pickled)
        except Exception:
            source = None
        if not isinstance(source, SourceFile):  # a damaged entry: the file is parsed again
            source = read_source(file, self.path)
        for field in _PARSED:
            object.__setattr__(self, field, getattr(source, field))
        return getattr(self, name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in ("path", *_PARSED))

    __hash__ = None  # type: ignore[assignment]  # as SourceFile's: its data is a mapping
