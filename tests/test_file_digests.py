"""The digests of the site's files kept between builds (source/digests.py): a file is hashed
again when its size, modification time or inode changes, never from a cache inside the site,
and not kept when it changed too recently to trust its time."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import IO

import pytest

from sendsite.source import digests
from sendsite.source.digests import FileDigests, site_digests


def written(path: Path, data: bytes, seconds_ago: float) -> str:
    path.write_bytes(data)
    when = time.time_ns() - int(seconds_ago * 1e9)
    os.utime(path, ns=(when, when))
    return str(path)


def blake(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def test_a_file_whose_stat_is_unchanged_is_not_read_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    file = written(tmp_path / "a.md", b"one", seconds_ago=60)
    first = FileDigests(cache)
    assert first.digest(file) == blake(b"one")
    first.save()
    stat = os.stat(file)
    # Same size, time and inode, other bytes: the kept digest answers (the file is not read).
    with open(file, "r+b") as stream:
        stream.write(b"two")
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert FileDigests(cache).digest(file) == blake(b"one")
    # A new modification time: read and hashed again.
    written(Path(file), b"two", seconds_ago=30)
    again = FileDigests(cache)
    assert again.digest(file) == blake(b"two")
    assert again.digest(str(tmp_path / "missing.md")) == "(unreadable)"


def test_a_file_changed_just_now_is_hashed_every_time(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    file = written(tmp_path / "a.md", b"one", seconds_ago=digests.RACY_SECONDS / 4)
    first = FileDigests(cache)
    first.digest(file)
    first.save()
    assert not (cache / digests.FILE).exists()  # nothing worth keeping


def test_a_damaged_record_or_a_cache_inside_the_site_is_never_read(tmp_path: Path) -> None:
    site = tmp_path / "site"
    inside = site / ".cache"
    inside.mkdir(parents=True)
    file = written(site / "a.md", b"one", seconds_ago=60)
    stat = os.stat(file)
    planted = {"format": 1, "files": {file: [stat.st_size, stat.st_mtime_ns, stat.st_ino, "0"]}}
    (inside / digests.FILE).write_text(str(planted).replace("'", '"'), encoding="utf-8")
    assert FileDigests(inside).digest(file) == "0"  # a cache folder outside a site reads it
    from_site = site_digests(site, inside)
    assert from_site.digest(file) == blake(b"one")
    from_site.save()
    assert (inside / digests.FILE).read_text(encoding="utf-8").count('"0"') == 1  # untouched
    (inside / digests.FILE).write_bytes(b"{not json")
    assert FileDigests(inside).digest(file) == blake(b"one")


def test_a_record_is_read_once_while_its_file_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    file = written(tmp_path / "a.md", b"one", seconds_ago=60)
    first = FileDigests(cache)
    first.digest(file)
    first.save()
    reads: list[object] = []
    real = json.load

    def load(stream: IO[bytes]) -> object:
        reads.append(stream)
        return real(stream)

    monkeypatch.setattr(json, "load", load)
    # A build asks three times: the record it wrote (or read) is not read again...
    assert FileDigests(cache).before == FileDigests(cache).before == first.now
    assert reads == []
    # ...until its file changes.
    (cache / digests.FILE).write_text('{"format": 1, "files": {}}', encoding="utf-8")
    assert FileDigests(cache).before == {}
    assert len(reads) == 1
