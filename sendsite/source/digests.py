"""Digests of the site's files kept between builds (`<cache>/digests.json`), by each file's path,
size, modification time and inode: a build after one edit reads and hashes only the file that
changed, where the build stamp and the record of what each page read each hashed every file.

A file modified less than RACY_SECONDS before its digest was taken is not kept: an edit made
within the same tick of the file system's clock could leave its size and time as they were
(git's "racily clean" files). Never read from a cache folder inside the site, which the
content's authors control: a planted digest would make the stamp skip a build. Only the
standard library is imported here: the build stamp uses it before the heavy modules load.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from sendsite.source.cache import worth_saving, write_atomically

FILE = "digests.json"
_FORMAT = 1
RACY_SECONDS = 2
UNREADABLE = "(unreadable)"

Stat = tuple[int, int, int]  # size, mtime_ns, inode
Digests = dict[str, tuple[Stat, str]]

# Each record as this process last read or wrote it, by its file, with that file's stat: one
# build asks for the digests three times (the build stamp, the parsed files, the record of what
# pages read), and reading 4,000 files' of them again was 8 ms each time. A record file whose
# stat has changed is read again; one changed without its stat changing could only hold other
# digests that were right for their files' stats too.
_READ: dict[str, tuple[Stat, Digests]] = {}


class FileDigests:
    """The digest (hex) of each file's bytes, from the cache when the file's stat is unchanged."""

    def __init__(self, cache: Path | None) -> None:
        """`cache`: the site's cache folder, or None to keep nothing (a cache inside the site)."""
        self.file = None if cache is None else cache / FILE
        self.before = self._load()
        self.now: Digests = {}
        self._started = time.time_ns()

    def _load(self) -> Digests:
        if self.file is None:
            return {}
        try:
            with open(self.file, "rb") as stream:
                stat = _stat(os.fstat(stream.fileno()))
                kept = _READ.get(str(self.file))
                if kept is not None and kept[0] == stat:
                    return kept[1]
                data = json.load(stream)
            if data.get("format") != _FORMAT:
                return {}
            found = {
                str(path): ((int(size), int(mtime), int(inode)), str(digest))
                for path, (size, mtime, inode, digest) in data["files"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # missing or damaged: every file is hashed
        _READ[str(self.file)] = (stat, found)
        return found

    def digest(self, path: str) -> str:
        """The digest of the file at `path` (absolute), or UNREADABLE."""
        try:
            stat = os.stat(path)
            key = _stat(stat)
            hit = self.before.get(path)
            if hit is not None and hit[0] == key:
                self.now[path] = hit
                return hit[1]
            with open(path, "rb") as file:
                found = hashlib.blake2b(file.read(), digest_size=20).hexdigest()
        except OSError:
            return UNREADABLE
        if stat.st_mtime_ns < self._started - RACY_SECONDS * 1_000_000_000:
            self.now[path] = (key, found)
        return found

    def save(self) -> None:
        """Keep the digests taken (a cache that cannot be written only costs speed)."""
        if self.file is None or not worth_saving(self.before, self.now):
            return
        files = {path: [*stat, digest] for path, (stat, digest) in self.now.items()}
        if not write_atomically(
            self.file, json.dumps({"format": _FORMAT, "files": files}).encode()
        ):
            return
        with contextlib.suppress(OSError):
            _READ[str(self.file)] = (_stat(os.stat(self.file)), dict(self.now))


def _stat(stat: os.stat_result) -> Stat:
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def site_digests(site_dir: Path, cache: Path) -> FileDigests:
    """The digests for `site_dir`, kept in `cache` unless that lies inside the site."""
    site, folder = os.path.realpath(site_dir), os.path.realpath(cache)
    inside = os.path.commonpath([site, folder]) == site
    return FileDigests(None if inside else cache)
