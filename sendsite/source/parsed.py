"""Parsed content files kept between builds (`<cache>/sources.pickle`): a file whose bytes are
those the last build parsed is not parsed again. Parsing the YAML of 4,000 service files was
most of the time a build spent loading a site.

Each entry is keyed on a digest of the file's bytes and the path shown to the author, under a
`version` the caller gives (a digest of sendsite itself and its libraries), so another parser
never answers from an older one's work. Entries are kept as pickled bytes made when the file was
parsed, so nothing the later stages do to a parsed file can reach the next build. The record is
a pickle: the caller never keeps one in a folder the content's authors control.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from sendsite.source.cache import load_record, save_record
from sendsite.source.sourcefile import SourceFile, read_source

FILE = "sources.pickle"
_FORMAT = 1


class ParsedFiles:
    """A `Reader` for the loader that reuses the last build's parsed files."""

    def __init__(self, cache: Path, version: str) -> None:
        self.file = cache / FILE
        self.version = version
        self.before: dict[str, tuple[bytes, bytes]] = load_record(self.file, _FORMAT, self.version)
        self.now: dict[str, tuple[bytes, bytes]] = {}  # display path -> (digest, pickled file)

    def read(self, file: Path, display: str) -> SourceFile:
        with open(file, "rb") as stream:
            data = stream.read()
        digest = hashlib.blake2b(data, digest_size=20, key=display.encode()[:64]).digest()
        digest += display.encode()
        hit = self.before.get(display)
        if hit is not None and hit[0] == digest:
            source = pickle.loads(hit[1])
            if isinstance(source, SourceFile):
                self.now[display] = hit
                return source
        source = read_source(file, display)
        self.now[display] = (digest, pickle.dumps(source, protocol=5))
        return source

    def digest(self, display: str) -> bytes | None:
        """The digest of a file's bytes (and its path) as this build read it; None: not read."""
        hit = self.now.get(display)
        return hit[0] if hit is not None else None

    def save(self) -> None:
        """Keep the files this build read (only after it succeeded)."""
        save_record(self.file, _FORMAT, self.version, self.now)
