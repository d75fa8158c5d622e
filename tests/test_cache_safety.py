"""Nothing outside the content can change a page (issue 22): the cache is kept outside the site
folder, a file planted where the cache used to be (or in a cache folder placed inside the site)
changes no byte of the output, compiled templates are never loaded from inside the site, and
`sendsite check` writes nothing anywhere."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import jinja2
import pytest

from sendsite.publish.stamp import STAMP_FILE
from sendsite.render import markdown_cache
from sendsite.source.cache import CACHE_FOLDER, cache_folder
from tests.bad_input.conftest import snapshot
from tests.conftest import BUILD_DATE, TinySite

SCRIPT = "<script>alert(document.domain)</script>"
BODY = "Portage home visitors come to your home **every two weeks**.\n"


def entry_name(source: str) -> str:
    key = hashlib.blake2b(source.encode(), digest_size=16)
    return f"{key.hexdigest()}.html"


def hostile_entry() -> bytes:
    data = f"<p>{SCRIPT}</p>".encode()
    return markdown_cache._check(data) + data  # a well-formed entry: only its content is hostile


def forget_conversions(root: Path) -> None:
    """Make the next build convert every text again and not stop at "nothing changed". The
    output stays, so the search index is reused (Pagefind's own output differs run to run)."""
    cache = cache_folder(root)
    (cache / STAMP_FILE).unlink()
    for folder in cache.glob("markdown-*"):
        shutil.rmtree(folder)


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def test_the_cache_is_kept_outside_the_site_folder(site: TinySite, tmp_path: Path) -> None:
    assert site.build("-o", str(tmp_path / "out")).code == 0
    assert not (site.root / CACHE_FOLDER).exists()
    assert sorted(p.name for p in site.root.iterdir()) == ["content", "site.yaml"]
    assert cache_folder(site.root).is_dir()
    assert not cache_folder(site.root).resolve().is_relative_to(site.root.resolve())


def test_a_planted_markdown_entry_where_the_cache_was_changes_no_byte(site: TinySite) -> None:
    assert site.build().code == 0
    clean = snapshot(site.output)
    folder = site.root / CACHE_FOLDER / f"markdown-{markdown_cache._settings()}"
    folder.mkdir(parents=True)
    for source in (BODY, BODY.strip()):
        (folder / entry_name(source)).write_bytes(hostile_entry())
    forget_conversions(site.root)
    assert site.build().code == 0
    assert snapshot(site.output) == clean
    assert SCRIPT not in (site.output / "services/portage/index.html").read_text(encoding="utf-8")


def test_a_cache_placed_inside_the_site_cannot_add_a_script(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(site.root / ".cache/sendsite"))
    assert site.build().code == 0
    clean = snapshot(site.output)
    entries = list((site.root / ".cache/sendsite").rglob("markdown-*/*.html"))
    assert entries  # the cache is in use there (GitLab can only cache folders in the project)
    for entry in entries:
        entry.write_bytes(hostile_entry())
    (cache_folder(site.root) / STAMP_FILE).unlink()  # build again, not "nothing changed"
    assert site.build().code == 0
    assert snapshot(site.output) == clean


def test_compiled_templates_are_never_kept_in_the_site_folder(
    site: TinySite, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[Path] = []
    original = jinja2.FileSystemBytecodeCache.__init__

    def record(self: jinja2.FileSystemBytecodeCache, directory: str | None = None) -> None:
        used.append(Path(str(directory)).resolve())
        original(self, directory)

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "__init__", record)
    assert site.build().code == 0
    assert used and not any(p.is_relative_to(site.root.resolve()) for p in used)
    used.clear()
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(site.root / ".cache/sendsite"))
    shutil.rmtree(site.output)
    assert site.build().code == 0
    assert used == []  # a cache inside the site: no compiled code is kept or loaded at all
    assert not list((site.root / ".cache/sendsite").rglob("templates-*"))


@pytest.mark.parametrize("built_before", [False, True], ids=["fresh", "after-a-build"])
def test_check_writes_nothing(
    site: TinySite, capsys: pytest.CaptureFixture[str], built_before: bool
) -> None:
    from sendsite.cli import main

    if built_before:
        assert site.build().code == 0
    cache_root = Path(os.environ["SENDSITE_CACHE_DIR"])
    before_site, before_cache = files(site.root), files(cache_root)
    main(["check", str(site.root), "--date", BUILD_DATE])
    assert files(site.root) == before_site
    assert files(cache_root) == before_cache
