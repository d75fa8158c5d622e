"""Parsed content files kept between builds: an unchanged file comes back as it was parsed, a
changed one, another sendsite or a damaged record means parsing again (source/parsed.py)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from benchmarks.make_site import make_site, service_file
from sendsite.errors import ContentError, ContentErrors
from sendsite.publish.build import build
from sendsite.source import beside, cache, parsed
from sendsite.source.digests import FileDigests
from sendsite.source.parsed import FILE, ParsedFiles
from sendsite.source.sourcefile import read_source
from tests.test_build_memory import snapshot


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


def content_site(root: Path, services: int) -> Path:
    folder = root / "content" / "services"
    folder.mkdir(parents=True)
    for n in range(services):
        (folder / f"s{n}.md").write_text(f"---\nname: Service {n}\n---\nVisits {n}.\n")
    (root / "content" / "taxonomy.yaml").write_text("categories: []\n")
    return root


def test_files_parsed_ahead_are_as_the_reader_parses_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed before the loader asks, half of them in a child beside this process: each file
    comes back as read_source parses it, is kept for the next build, and one that changed
    since is parsed again."""
    monkeypatch.setattr(parsed, "PARSE_AHEAD_FROM", 2)
    root = content_site(tmp_path / "site", 5)
    files = ParsedFiles(tmp_path / "cache", "v1")
    files.parse_ahead(root)
    if not beside.can_fork():
        assert files.ahead == {}
        return
    names = {f"content/services/s{n}.md" for n in range(5)} | {"content/taxonomy.yaml"}
    assert set(files.ahead) == names
    (root / "content/services/s3.md").write_text("---\nname: Changed\n---\nSince.\n")
    for name in sorted(names):
        assert files.read(root / name, name) == read_source(root / name, name)
    files.save()
    again = ParsedFiles(tmp_path / "cache", "v1")
    assert set(again.before) == names
    again.parse_ahead(root)  # a record of parsed files: an edit's build walks nothing ahead
    assert again.ahead == {}


def test_a_file_that_does_not_parse_is_left_to_the_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed, "PARSE_AHEAD_FROM", 2)
    root = content_site(tmp_path / "site", 4)
    (root / "content/services/s1.md").write_text("name: no front matter\n")
    (root / "content/services/.s2.md.swp").write_text("editor's")
    files = ParsedFiles(tmp_path / "cache", "v1")
    files.parse_ahead(root)
    assert "content/services/s1.md" not in files.ahead
    assert not [name for name in files.ahead if ".swp" in name]
    with pytest.raises(ContentError, match="no front matter"):
        files.read(root / "content/services/s1.md", "content/services/s1.md")


def test_a_build_that_parses_ahead_says_and_makes_what_one_that_does_not_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path / "site", services=40)
    broken = service_file(root, 3)
    broken.write_text(broken.read_text().replace("name:", "name: [unclosed", 1))
    (root / "content/services/zz-empty.md").write_text("")
    said = []
    for ahead in (10_000, 2):
        monkeypatch.setattr(parsed, "PARSE_AHEAD_FROM", ahead)
        monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / f"cache-{ahead}"))
        with pytest.raises(ContentErrors) as failed:
            build(root, dt.date(2026, 11, 23), tmp_path / f"out-{ahead}")
        said.append([str(error) for error in failed.value.errors])
    assert said[0] == said[1] and len(said[0]) == 2
    broken.write_text(broken.read_text().replace("name: [unclosed", "name:", 1))
    (root / "content/services/zz-empty.md").unlink()
    made = []
    for ahead in (10_000, 2):
        monkeypatch.setattr(parsed, "PARSE_AHEAD_FROM", ahead)
        monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / f"cache-{ahead}"))
        build(root, dt.date(2026, 11, 23), tmp_path / f"out-{ahead}")
        made.append(snapshot(tmp_path / f"out-{ahead}"))
    assert made[0] == made[1]
