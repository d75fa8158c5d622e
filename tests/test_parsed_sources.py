"""Parsed content files kept between builds: an unchanged file comes back as it was parsed, a
changed one, another sendsite or a damaged record means parsing again (source/parsed.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sendsite.source import cache
from sendsite.source.digests import FileDigests
from sendsite.source.parsed import FILE, ParsedFiles
from sendsite.source.sourcefile import read_source


def test_an_unchanged_file_is_not_parsed_again_and_a_changed_one_is(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    file = tmp_path / "portage.md"
    file.write_text("---\nname: Portage\n---\nVisits at home.\n", encoding="utf-8")
    first = ParsedFiles(cache, "v1")
    assert first.read(file, "content/services/portage.md") == read_source(
        file, "content/services/portage.md"
    )
    first.save()
    second = ParsedFiles(cache, "v1")
    assert set(second.before) == {"content/services/portage.md"}
    kept = second.read(file, "content/services/portage.md")
    assert kept == read_source(file, "content/services/portage.md")
    kept.data["name"] = "Changed by a later stage"  # never reaches the next build
    second.save()
    assert ParsedFiles(cache, "v1").read(file, "content/services/portage.md") == read_source(
        file, "content/services/portage.md"
    )
    file.write_text("---\nname: Portage at home\n---\nVisits.\n", encoding="utf-8")
    assert ParsedFiles(cache, "v1").read(file, "content/services/portage.md").body == "Visits.\n"
    # The same bytes shown under another path are parsed again (messages name the path).
    assert ParsedFiles(cache, "v1").read(file, "content/services/other.md").path == (
        "content/services/other.md"
    )


def test_another_version_or_a_damaged_record_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    file = tmp_path / "a.yaml"
    file.write_text("name: A\n", encoding="utf-8")
    parsed = ParsedFiles(cache, "v1")
    parsed.read(file, "content/organisations/a.yaml")
    parsed.save()
    assert ParsedFiles(cache, "v2").before == {}
    (cache / FILE).write_bytes(b"damaged")
    assert ParsedFiles(cache, "v1").before == {}


def test_a_kept_file_whose_entry_is_damaged_is_parsed_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    file = tmp_path / "portage.md"
    file.write_text("---\nname: Portage\n---\nVisits at home.\n", encoding="utf-8")
    first = ParsedFiles(cache, "v1")
    first.read(file, "content/services/portage.md")
    digest = first.now["content/services/portage.md"][0]
    first.now["content/services/portage.md"] = (digest, b"not a pickle")
    first.save()
    kept = ParsedFiles(cache, "v1").read(file, "content/services/portage.md")
    assert kept.path == "content/services/portage.md"
    assert kept.data == {"name": "Portage"}
    assert kept.body == "Visits at home.\n"
    assert kept == read_source(file, "content/services/portage.md")


def test_with_the_site_digests_a_file_whose_stat_is_unchanged_is_not_read(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    file = tmp_path / "portage.md"
    file.write_text("---\nname: Portage\n---\nVisits at home.\n", encoding="utf-8")
    when = time.time_ns() - 60 * 10**9  # long enough ago for its time to be trusted
    os.utime(file, ns=(when, when))
    display = "content/services/portage.md"
    digests = FileDigests(cache)
    first = ParsedFiles(cache, "v1", digests)
    first.read(file, display)
    first.save()
    digests.digest(str(file))
    digests.save()
    # Other bytes of the same size, with the same time and inode: taken as the file the last
    # build parsed, as the build stamp takes it, without reading it.
    with open(file, "r+b") as stream:
        stream.write(b"---\nname: Portbge")
    os.utime(file, ns=(when, when))
    kept = ParsedFiles(cache, "v1", FileDigests(cache)).read(file, display)
    assert kept.data["name"] == "Portage"
    assert ParsedFiles(cache, "v1").read(file, display).data["name"] == "Portbge"  # read
    # A new time: read and parsed again.
    os.utime(file, ns=(when + 10**9, when + 10**9))
    again = ParsedFiles(cache, "v1", FileDigests(cache)).read(file, display)
    assert again.data["name"] == "Portbge"


def test_a_big_record_is_written_again_only_for_more_than_a_few_new_entries() -> None:
    big = {
        f"content/pages/{n}.md": (b"digest", b"parsed") for n in range(cache.SPARSE * cache.FEW_NEW)
    }
    changed = dict(big)
    for n in range(cache.FEW_NEW - 1):
        changed[f"content/pages/{n}.md"] = (b"other", b"parsed")
    assert not cache.worth_saving(big, changed)
    assert not cache.worth_saving(big, {n: big[n] for n in list(big)[:10]})  # files gone
    changed["content/pages/new.md"] = (b"new", b"parsed")
    assert cache.worth_saving(big, changed)
    # A small record is written for any entry.
    small = dict(list(big.items())[:10])
    assert cache.worth_saving(small, {**small, "content/pages/new.md": (b"new", b"parsed")})
    assert not cache.worth_saving(small, small)
