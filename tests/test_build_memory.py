"""A build after an edit, with the cache kept, renders again only the pages the edit can change
and takes the rest from the last output; what it writes is byte for byte what a cold build of the
same sources writes, after every kind of edit (publish/memory.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.make_site import make_site, service_file
from sendsite import model
from sendsite.errors import Origin
from sendsite.publish import memory, recall
from sendsite.publish.build import BuildResult, build
from sendsite.render import parallel
from sendsite.render.age_area import NeedGroup
from sendsite.render.listings import FRONT_PAGE_SIZE
from sendsite.render.pagination import Pager
from sendsite.render.reads import Fingerprint, Key, Read, is_call, plain_print, read_inputs
from sendsite.render.tracking import TrackingEnvironment
from sendsite.source import cache, parsed
from sendsite.source.cache import cache_folder
from tests.conftest import TINY_SITE

DATE = dt.date(2026, 11, 23)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file but the search index, which Pagefind never writes the same way twice
    (Pagefind/pagefind#638)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


class Oracle:
    """Builds a site with its cache kept, and after each edit compares the output with a cold
    build (a fresh, empty cache) of the same sources."""

    def __init__(self, root: Path, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.work, self.monkeypatch = root, work, monkeypatch
        self.kept = work / "kept-cache"
        self.runs = 0
        monkeypatch.setenv("SENDSITE_CACHE_DIR", str(self.kept))
        first = build(root, DATE, work / "out")
        self.pages = first.pages
        assert first.rendered == first.pages
        assert (cache_folder(root) / memory.FILE).is_file()

    def change(self, relative: str, how: Callable[[str], str] | None) -> None:
        path = self.root / relative
        if how is None:
            path.unlink()
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        new = how(old)
        assert new != old, f"the change to {relative} changes nothing"
        path.write_text(new, encoding="utf-8")

    def build(self) -> BuildResult:
        """The incremental build, then the cold one to compare with."""
        self.monkeypatch.setenv("SENDSITE_CACHE_DIR", str(self.kept))
        result = build(self.root, DATE, self.work / "out")
        self.runs += 1
        cold_cache = self.work / f"cold-cache-{self.runs}"
        self.monkeypatch.setenv("SENDSITE_CACHE_DIR", str(cold_cache))
        cold = self.work / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        build(self.root, DATE, cold)
        shutil.rmtree(cold_cache)
        self.monkeypatch.setenv("SENDSITE_CACHE_DIR", str(self.kept))
        assert snapshot(self.work / "out") == snapshot(cold)
        return result

    def edit(self, relative: str, how: Callable[[str], str] | None) -> BuildResult:
        self.change(relative, how)
        return self.build()


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Oracle:
    root = tmp_path / "site"
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return Oracle(root, tmp_path, monkeypatch)


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Oracle:
    return Oracle(make_site(tmp_path / "site", services=40), tmp_path, monkeypatch)


def test_a_service_edit_renders_its_page_and_the_pages_that_show_what_changed(
    generated: Oracle,
) -> None:
    relative = service_file(generated.root, 7).relative_to(generated.root).as_posix()
    result = generated.edit(relative, replace("## About the service", "## What it does"))
    assert result.rendered == 1  # no listing shows the body
    result = generated.edit(relative, replace("name: ", "name: Aaa "))
    assert 1 < result.rendered < generated.pages / 2  # its page and the lists that name it
    result = generated.build()
    assert result.rendered == 0  # nothing changed (the stamp is no longer current: see below)


def test_every_kind_of_service_change_equals_a_cold_build(generated: Oracle) -> None:
    relative = service_file(generated.root, 3).relative_to(generated.root).as_posix()
    for step in [
        replace("organisation: org-0000", "organisation: org-0001"),
        replace("categories: [", "categories: [transport, "),
        replace("---\nname", "---\nstatus: closed\nname"),
        replace("status: closed\n", ""),
    ]:
        generated.edit(relative, step)
    generated.edit(
        "content/services/brand-new.md", lambda _: generated.root.joinpath(relative).read_text()
    )
    generated.edit("content/services/brand-new.md", None)


def test_pages_whose_pager_changes_are_rendered_again(generated: Oracle) -> None:
    """A pager's reads are not asked again while its fields are as before (memory.py,
    _context_differs). A service that sorts last, added to lists of two pages, leaves their
    first pages showing the same services under the same title, but each says how many
    services its list has in all."""
    text = service_file(generated.root, 3).read_text(encoding="utf-8")
    name = text.split("name: ", 1)[1].split("\n", 1)[0]
    generated.edit("content/services/zzz.md", lambda _: text.replace(name, "Zzz"))
    generated.edit("content/services/zzz.md", None)


def test_the_lists_of_services_are_asked_again_after_a_service_edit(generated: Oracle) -> None:
    """directory_listings(site) is asked again only after an edit under content/services/
    (reads.SERVICE_CALLS), not after a news edit: a service that stops being free leaves the
    list of free services, which the directory's front page counts."""
    asked: list[str] = []
    answer = TrackingEnvironment.answer

    def spy(env: TrackingEnvironment, read: Read, index: dict[Key, Any]) -> Fingerprint:
        if is_call(read):
            asked.append(str(read[0][2]))
        return answer(env, read, index)

    generated.monkeypatch.setattr(TrackingEnvironment, "answer", spy)
    front = generated.work / "out/services/index.html"
    before = front.read_bytes()
    news = sorted((generated.root / "content/news").iterdir())[0]
    generated.edit(news.relative_to(generated.root).as_posix(), lambda text: text + "\nMore.\n")
    assert asked and "directory_listings" not in asked
    free = next(
        service_file(generated.root, n)
        for n in range(40)
        if "cost: free\n" in service_file(generated.root, n).read_text(encoding="utf-8")
    )
    asked.clear()
    generated.edit(
        free.relative_to(generated.root).as_posix(), replace("cost: free\n", "cost: £3 a week\n")
    )
    assert "directory_listings" in asked
    assert front.read_bytes() != before


def test_the_reads_no_page_makes_are_dropped_when_they_are_most_of_the_record(
    generated: Oracle,
) -> None:
    """Memory.compact counts the reads no page makes only when its bound says they may be
    half of them: after most services go, it does, and drops them."""

    def record() -> memory.Memory:
        kept = memory.load(cache_folder(generated.root))
        assert kept is not None
        return kept

    def made(kept: memory.Memory) -> set[int]:
        return set().union(*(page.reads for page in kept.pages.values()))

    text = service_file(generated.root, 3).read_text(encoding="utf-8")
    generated.edit(service_file(generated.root, 3).relative_to(generated.root).as_posix(), _more)
    kept = record()
    assert kept.table.unused < len(kept.table.reads) / 2  # not counted
    for n in range(4, 40):
        generated.change(
            service_file(generated.root, n).relative_to(generated.root).as_posix(), None
        )
    generated.build()  # byte for byte a cold build's
    kept = record()
    assert len(kept.table.reads) == len(made(kept))
    assert kept.table.unused == 0
    generated.edit(
        service_file(generated.root, 3).relative_to(generated.root).as_posix(), lambda _: text
    )


def _more(text: str) -> str:
    return text + "\nOne more sentence.\n"


def test_a_plain_route_object_is_printed_by_its_fields() -> None:
    pager = Pager(2, 3, "/services/", 50, FRONT_PAGE_SIZE)
    assert plain_print(pager) == plain_print(Pager(2, 3, "/services/", 50, FRONT_PAGE_SIZE))
    assert plain_print(pager) != plain_print(Pager(2, 4, "/services/", 70, FRONT_PAGE_SIZE))
    assert plain_print(Pager(True, 3, "/services/", 50)) is None  # True == 1, but shows as True
    # A need group's label is its term's, so what it answers is asked attribute by attribute.
    term = model.Term("autism", "Autism", None, Origin("content/taxonomy.yaml", 3))
    assert plain_print(NeedGroup(term, [], "/services/need/autism/")) is None
    assert plain_print("a string") is None


def test_every_kind_of_content_edit_equals_a_cold_build(tiny: Oracle) -> None:
    edits: list[tuple[str, Callable[[str], str] | None]] = [
        ("content/services/portage.md", replace("name: Portage", "name: Portage at home")),
        (
            "content/organisations/testshire-council.yaml",
            replace("name: Testshire Council", "name: Testshire County Council"),
        ),
        (
            "content/inspections/2019-revisit.md",
            replace("progress: not-sufficient", "progress: sufficient"),
        ),
        ("content/plans/wsoa.md", replace("status: off-track", "status: complete")),
        # Every finding moves down a line, so the plan's actions name findings the model now
        # keys at other lines (a read is asked again after an edit of a file its answer names).
        (
            "content/inspections/2017-inspection.md",
            replace("wsoa_required: true\n", "wsoa_required: true\nsurvey_responses: 120\n"),
        ),
        (
            "content/news/revisit-outcome.md",
            replace("title: Revisit outcome published", "title: Revisit letter out"),
        ),
        (
            "content/news/second.md",
            lambda _: "---\ntitle: Second\ndate: 2025-01-01\nsummary: More.\n---\nText.\n",
        ),
        ("content/pages/about.md", replace("title: About the Local Offer", "title: About us")),
        ("content/pages/about/team.md", lambda _: "---\ntitle: Our team\n---\nWho we are.\n"),
        ("content/pages/about.md", replace("title: About us", "title: About the offer")),
        ("content/feedback/2024-website.yaml", replace("status: done", "status: planned")),
        ("content/glossary.yaml", replace("An education, health and care plan.", "A plan.")),
        ("content/taxonomy.yaml", replace("label: Education", "label: Learning")),
        ("site.yaml", replace("title: Testshire SEND Local Offer", "title: Testshire Local Offer")),
        ("content/assets/leaflet.txt", lambda _: "A leaflet.\n"),
        ("content/news/second.md", None),
        ("content/pages/about/team.md", None),
    ]
    for relative, how in edits:
        tiny.edit(relative, how)


def test_template_edits_equal_a_cold_build(tiny: Oracle) -> None:
    theme = Path(__file__).parent.parent / "sendsite/theme/templates/news_item.html"
    tiny.edit(
        "templates/news_item.html",
        lambda _: theme.read_text().replace("</h1>", "</h1><p>Override</p>", 1),
    )
    result = tiny.edit("templates/news_item.html", replace("<p>Override</p>", "<p>Changed</p>"))
    assert result.rendered == 1  # the one news item
    tiny.edit("templates/static/style.css", lambda _: "body { color: black; }\n")
    tiny.edit("templates/news_item.html", None)


def test_a_touched_output_or_a_damaged_record_renders_everything(tiny: Oracle) -> None:
    tiny.change("content/services/portage.md", replace("name: Portage", "name: Portage visits"))
    (tiny.work / "out/about/index.html").write_text("planted", encoding="utf-8")
    assert tiny.build().rendered == tiny.pages
    tiny.change("content/services/portage.md", replace("name: Portage visits", "name: Portage"))
    (cache_folder(tiny.root) / memory.FILE).write_bytes(b"not a record")
    assert tiny.build().rendered == tiny.pages


def test_pages_rendered_in_worker_processes_are_remembered_too(
    generated: Oracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    if not parallel.can_fork(2):
        pytest.skip("pages render in worker processes only on Linux with more than one core")
    generated.build()  # rendered in workers, and remembered
    relative = service_file(generated.root, 5).relative_to(generated.root).as_posix()
    result = generated.edit(relative, replace("name: ", "name: Zzz "))
    assert 1 < result.rendered < generated.pages / 2


def test_files_made_from_the_model_are_taken_whole_when_what_they_are_made_from_is_unchanged(
    tiny: Oracle,
) -> None:
    everything = ["Atom feed", "Open Referral UK", "open data", "search words"]
    not_the_feed = everything[1:]  # made from the news, the plans and site.yaml
    edits: list[tuple[str, Callable[[str], str] | None, list[str]]] = [
        (
            "content/news/revisit-outcome.md",
            replace("title: Revisit", "title: The revisit"),
            not_the_feed,
        ),
        (
            "content/pages/about.md",
            replace("title: About the Local Offer", "title: About"),
            everything,
        ),
        (
            "content/plans/wsoa.md",
            replace("status: off-track", "status: complete"),
            ["Open Referral UK", "search words"],
        ),
        (
            "content/inspections/2019-revisit.md",
            replace("progress: not-sufficient", "progress: sufficient"),
            ["Atom feed", "Open Referral UK", "search words"],
        ),
        (
            "content/services/portage.md",
            replace("name: Portage", "name: Portage at home"),
            ["Atom feed"],
        ),
        (
            "content/organisations/testshire-council.yaml",
            replace("name: Testshire Council", "name: Testshire CC"),
            ["Atom feed"],
        ),
        ("content/taxonomy.yaml", replace("label: Education", "label: Learning"), []),
        ("content/glossary.yaml", replace("An education, health and care plan.", "A plan."), []),
        ("site.yaml", replace("title: Testshire SEND Local Offer", "title: Testshire Offer"), []),
        (
            "content/services/new-one.md",
            lambda _: (
                tiny.root.joinpath("content/services/portage.md")
                .read_text()
                .replace("name: Portage", "name: New")
            ),
            ["Atom feed"],
        ),
    ]
    for relative, how, taken in edits:
        assert tiny.edit(relative, how).taken == taken, relative
    assert tiny.build().taken == everything  # nothing changed (the stamp is not asked here)
    (tiny.work / "out/data/services.csv").write_text("touched", encoding="utf-8")
    assert tiny.build().taken == []  # a touched output is not taken from


def test_a_build_that_renders_every_page_lets_the_last_record_go(
    tiny: Oracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the output gone (a kept cache, a fresh checkout), the last build's reads and pages
    are not held while this build makes its own: only its made files' groups are asked."""
    tiny.build()
    seen: list[recall.Recalled] = []
    made = recall.Recalled

    def spy(*args: Any, **kwargs: Any) -> recall.Recalled:
        seen.append(made(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(recall, "Recalled", spy)
    shutil.rmtree(tiny.work / "out")
    assert tiny.build().rendered == tiny.pages
    before = seen[0].before
    assert before is not None and before.generated
    assert not before.pages and not before.table.reads


def test_records_left_unwritten_for_a_few_new_entries_still_give_a_cold_builds_output(
    tiny: Oracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a big site's one-page edits (source/cache.worth_saving): here, after the first build,
    # no edit is enough to write the parsed files again.
    monkeypatch.setattr(cache, "SPARSE", 1)
    monkeypatch.setattr(cache, "FEW_NEW", 10**6)
    kept = cache_folder(tiny.root) / parsed.FILE
    written = kept.stat().st_mtime_ns
    for relative, how in [
        ("content/services/portage.md", replace("name: Portage", "name: Portage at home")),
        ("content/pages/about.md", replace("title: About the Local Offer", "title: About us")),
        ("content/services/portage.md", replace("name: Portage at home", "name: Portage")),
        ("content/pages/about.md", replace("title: About us", "title: About the Local Offer")),
        ("content/news/revisit-outcome.md", replace("published", "out")),
    ]:
        tiny.edit(relative, how)
    assert kept.stat().st_mtime_ns == written


def test_a_pages_own_fields_are_asked_again_only_after_an_edit_of_its_file() -> None:
    page: Key = ("Page", "content/pages/about/team.md", 2, "about/team")
    assert read_inputs((page, "title"), "Our team") == frozenset({"content/pages/about/team.md"})
    assert read_inputs((page, "body"), "Who we are.") == frozenset({"content/pages/about/team.md"})
    # Its parents and children come from other files (model/derived.py).
    assert read_inputs((page, "children"), ()) is None
    assert read_inputs((page, "parents"), ()) is None
    organisation: Key = ("Organisation", "content/organisations/a.yaml", 1, "a")
    assert read_inputs((organisation, "name"), "A") is None


def test_a_child_pages_title_and_body_edits_equal_a_cold_build(tiny: Oracle) -> None:
    team = "content/pages/about/team.md"
    tiny.edit(team, lambda _: "---\ntitle: Our team\nsummary: Who.\n---\nWho we are.\n")
    tiny.edit(team, replace("title: Our team", "title: The team"))  # its parent lists it
    tiny.edit(team, replace("summary: Who.", "summary: The people."))
    result = tiny.edit(team, replace("Who we are.", "Who we are, and what we do."))
    assert 0 < result.rendered < tiny.pages


def test_a_read_is_found_only_as_a_whole_number_of_a_pages_reads() -> None:
    # A number whose bytes are the end of one read's and the start of the next's is not a
    # read of the page: the dirty pages' search of the records' bytes passes it over.
    reads = array("I", [0x11223344, 0x55667788])
    straddling = array("I", reads.tobytes()[2:6])[0]
    assert straddling not in reads

    def pattern(number: int) -> bytes:
        return array("I", [number]).tobytes()

    assert not memory.reads_any(reads, [pattern(straddling)])
    assert memory.reads_any(reads, [pattern(straddling), pattern(0x55667788)])
    assert memory.reads_any(array("I", [*reads, straddling]), [pattern(straddling)])
    assert not memory.reads_any(array("I"), [pattern(0)])
