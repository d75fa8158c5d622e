"""A build streams its pages into the staging folder as they are made, and shows Pagefind only the
pages that ask to be searched: the output must be what rendering in memory gives, and the index
must hold the same pages as one made from the whole site."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sendsite.publish.pipeline import load_site, render_site
from sendsite.publish.search_index import INDEX_FOLDER, asks_to_be_indexed, write_search_index
from sendsite.render import parallel
from sendsite.render.theme import THEME_DIR
from tests.conftest import TINY_SITE, TinySite
from tests.test_build_cache import snapshot

DATE = dt.date(2026, 10, 1)  # after the tiny site's last_reviewed: dates in the future are refused


def indexed_pages(folder: Path) -> int:
    entry = json.loads((folder / INDEX_FOLDER / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def in_memory(site: TinySite) -> dict[str, bytes]:
    rendered = render_site(load_site(site.root, DATE), site.root)
    files = dict(rendered.pages)
    files.update({name: source.read_bytes() for name, source in rendered.copies.items()})
    return files


@pytest.mark.parametrize("workers", [1, 2])
def test_the_streamed_build_writes_what_rendering_in_memory_gives(
    site: TinySite, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "workers", lambda: workers)
    run = site.build("--date", DATE.isoformat())
    assert run.code == 0, run.err
    built = snapshot(site.output)
    built.pop(".sendsite-output")
    assert built == in_memory(site)
    assert not (site.output / ".search-pages").exists()


def test_the_search_index_holds_exactly_the_active_services(site: TinySite) -> None:
    assert site.build("--date", DATE.isoformat()).code == 0
    services = load_site(site.root, DATE).active_services
    assert indexed_pages(site.output) == len(services) > 0
    whole = site.root / "whole-site"
    shutil.copytree(site.output, whole)
    shutil.rmtree(whole / INDEX_FOLDER)
    write_search_index(whole)  # Pagefind reading every page of the site
    assert indexed_pages(whole) == indexed_pages(site.output)


def test_a_theme_that_marks_no_page_for_search_gets_every_page_indexed(site: TinySite) -> None:
    theme = (THEME_DIR / "templates" / "service.html").read_text(encoding="utf-8")
    site.write("templates/service.html", theme.replace(" data-pagefind-body", ""))
    assert site.build("--date", DATE.isoformat()).code == 0
    pages = list(site.output.rglob("*.html"))
    assert not any(asks_to_be_indexed(p.read_bytes()) for p in pages)
    assert indexed_pages(site.output) > len(load_site(site.root, DATE).active_services)


def test_only_the_attribute_in_a_tag_asks_for_search() -> None:
    assert asks_to_be_indexed(b'<article class="service" data-pagefind-body>')
    assert asks_to_be_indexed(b'<div\ndata-pagefind-body="">')
    assert not asks_to_be_indexed(b"<p>Write data-pagefind-body on a tag.</p>")
    assert not asks_to_be_indexed(b'<p data-pagefind-body-extra="x">')


def test_a_site_without_services_has_no_search_to_offer(site: TinySite) -> None:
    """The search is the directory's search of services: pages are not services."""
    site.remove("content/services/portage.md")
    run = site.build("--date", DATE.isoformat())
    assert run.code == 0, run.err
    assert not (site.output / INDEX_FOLDER).exists()
    for path in ("/", "/services/"):
        page = site.page(path)
        assert page.select("[data-search]") == [] and page.select("form[role=search]") == []
    assert site.page("/services/").find(string="No services are listed yet.") is not None
    site.write("content/services/portage.md", TINY_SITE["content/services/portage.md"])
    assert site.build("--date", DATE.isoformat()).code == 0
    assert indexed_pages(site.output) == 1
    assert site.page("/").select("[data-search=entry]") and site.page("/services/").select(
        "[data-search=results]"
    )


def test_the_search_index_is_reused_only_while_its_pages_are_unchanged(site: TinySite) -> None:
    def index_files() -> dict[str, int]:
        folder = site.output / INDEX_FOLDER
        return {
            str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
        }

    assert site.build("--date", DATE.isoformat()).code == 0
    first = index_files()
    site.write(
        "content/news/another.md",
        "---\ntitle: Another\ndate: 2025-01-02\nsummary: More.\n---\nNews.\n",
    )
    assert site.build("--date", DATE.isoformat()).code == 0
    assert index_files() == first  # no service page changed: the same index, linked
    text = (site.root / "content/services/portage.md").read_text(encoding="utf-8")
    site.write("content/services/portage.md", text.replace("every two weeks", "every week"))
    assert site.build("--date", DATE.isoformat()).code == 0
    remade = index_files()
    assert remade != first and indexed_pages(site.output) == 1
    (site.output / INDEX_FOLDER / "pagefind-entry.json").write_text("{}")  # a damaged index
    site.write(
        "content/news/third.md", "---\ntitle: Third\ndate: 2025-01-03\nsummary: More.\n---\nNews.\n"
    )
    assert site.build("--date", DATE.isoformat()).code == 0
    assert indexed_pages(site.output) == 1
