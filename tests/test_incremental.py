"""Incremental rebuilds give exactly the bytes a full build gives, after every kind of change."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.make_site import CATEGORIES, make_site, service_file
from sendsite.preview.incremental import IncrementalSite
from sendsite.publish.build import build
from sendsite.render.listings import FRONT_PAGE_SIZE
from sendsite.render.pagination import PAGE_SIZE
from tests.conftest import TINY_SITE

DATE = dt.date(2026, 11, 23)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file but the search index, which the preview remakes in the background (see
    test_serve.py) and which Pagefind never writes the same way twice (Pagefind/pagefind#638)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


class Checker:
    def __init__(self, root: Path, work: Path) -> None:
        self.root = root
        self.work = work
        self.site = IncrementalSite(root, DATE, work / "incremental")
        first = self.site.build()
        assert first.ok, first.errors

    def change(self, relative: str, how: Callable[[str], str] | None) -> None:
        path = self.root / relative
        if how is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            new = how(old)
            assert new != old, f"the change to {relative} changes nothing"
            path.write_text(new, encoding="utf-8")

    def update(self, *relative: str) -> list[str]:
        result = self.site.update([self.root / r for r in relative])
        assert result.ok, [str(e) for e in result.errors]
        self.check()
        return result.written

    def check(self) -> None:
        """The preview's folder holds exactly what a full build writes (with the static files'
        plain names: the preview does not fingerprint them)."""
        full = self.work / "full"
        shutil.rmtree(full, ignore_errors=True)
        build(self.root, DATE, full, fingerprint=False)
        assert snapshot(self.work / "incremental") == snapshot(full)


def replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


@pytest.fixture
def tiny(tmp_path: Path) -> Checker:
    root = tmp_path / "site"
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return Checker(root, tmp_path)


@pytest.fixture
def generated(tmp_path: Path) -> Checker:
    return Checker(make_site(tmp_path / "site", services=60), tmp_path)


def test_a_service_edit_rebuilds_its_page_and_the_pages_listing_it(generated: Checker) -> None:
    relative = service_file(generated.root, 7).relative_to(generated.root).as_posix()
    output = generated.work / "incremental"
    listed_before = {
        p.relative_to(output).as_posix()
        for p in output.rglob("*.html")
        if "service-00007/" in p.read_text(encoding="utf-8")
    }
    generated.change(relative, replace("cost: free", "cost: £3 a session"))
    written = generated.update(relative)
    assert "services/service-00007/index.html" in written
    assert "services/service-00010/index.html" not in written
    pages = [f for f in written if f.endswith(".html")]
    # Only the service's page, the pages that list it (its card says what it costs), the free
    # services' list it leaves (each later page moves up one) and the browse page that counts
    # that list; the open data files and the search's words (the new cost brings new words)
    # follow the model.
    lists_it = {f for f in pages if "service-00007/" in (output / f).read_text(encoding="utf-8")}
    others = set(pages) - lists_it - listed_before
    assert {f for f in others if not f.startswith("services/cost/free/")} == {
        "services/index.html"
    }, sorted(others)
    assert {f.split("/")[0] for f in written if not f.endswith(".html")} <= {
        "data",
        "openreferral",
        "search-terms.json",
    }
    assert len(pages) < len(list(output.rglob("*.html"))) / 4


def test_a_change_to_what_no_listing_shows_renders_only_the_service_page(
    generated: Checker,
) -> None:
    relative = service_file(generated.root, 7).relative_to(generated.root).as_posix()
    generated.change(relative, replace("## About the service", "## What the service does"))
    result = generated.site.update([generated.root / relative])
    assert result.ok and result.rendered == 1
    generated.check()
    assert [f for f in result.written if f.endswith(".html")] == [
        "services/service-00007/index.html"
    ]


def test_a_new_category_moves_the_service_between_listing_pages(generated: Checker) -> None:
    relative = service_file(generated.root, 3).relative_to(generated.root).as_posix()
    text = (generated.root / relative).read_text(encoding="utf-8")
    before = text.split("categories: [", 1)[1].split("]", 1)[0].split(", ")
    after = next(c for c, _ in CATEGORIES if c not in before)
    generated.change(
        relative, replace(f"categories: [{', '.join(before)}]", f"categories: [{after}]")
    )
    written = generated.update(relative)
    output = generated.work / "incremental"
    assert f"services/category/{after}/index.html" in written
    assert f"services/category/{before[0]}/index.html" in written or any(
        f.startswith(f"services/category/{before[0]}/") for f in written
    )
    assert "service-00003/" in (output / f"services/category/{after}/index.html").read_text()
    # The directory's front page counts the services of each type of help.
    assert "services/index.html" in written
    # Listing pages that neither list it nor change are not rendered again.
    others = [
        f
        for f in written
        if f.startswith("services/category/")
        and not f.startswith(
            (f"services/category/{after}/", *(f"services/category/{c}/" for c in before))
        )
    ]
    assert others == []


def test_the_edited_page_comes_first_and_is_put_back_if_the_change_fails(
    tmp_path: Path,
) -> None:
    # Exactly three full pages of all services (the first page has fewer than the others).
    services = FRONT_PAGE_SIZE + 2 * PAGE_SIZE
    generated = Checker(make_site(tmp_path / "site", services=services), tmp_path)
    output = generated.work / "incremental"
    relative = service_file(generated.root, 7).relative_to(generated.root).as_posix()
    generated.change(relative, replace("name: ", "name: First "))
    told: list[list[str]] = []
    result = generated.site.update([generated.root / relative], first=told.append)
    assert result.ok and told == [["services/service-00007/index.html"]]
    assert result.first == told[0] and result.rendered > 1
    generated.check()
    # A service called page-4 is fine while the directory has three pages of open services...
    closed = service_file(generated.root, 11).relative_to(generated.root).as_posix()
    generated.change(closed, replace("---\nname", "---\nstatus: closed\nname"))
    generated.update(closed)
    generated.change(
        "content/services/page-4.md", lambda _: (generated.root / relative).read_text()
    )
    generated.update("content/services/page-4.md")
    before = snapshot(output)
    # ...but not when one more open service needs a fourth: nothing may change, not even the
    # edited service's page that was written first.
    generated.change("content/services/page-4.md", replace("name: ", "name: Moved "))
    generated.change(closed, replace("status: closed\n", ""))
    told.clear()
    result = generated.site.update(
        [generated.root / "content/services/page-4.md", generated.root / closed], first=told.append
    )
    assert not result.ok and "/services/page-4/" in str(result.errors[0])
    assert snapshot(output) == before


def test_every_kind_of_service_change_equals_a_full_build(generated: Checker) -> None:
    relative = service_file(generated.root, 3).relative_to(generated.root).as_posix()
    steps = [
        replace("name: ", "name: Aaa first "),  # moves to the top of every list
        replace("organisation: org-0000", "organisation: org-0002"),  # another organisation
        replace("categories: [", "categories: [transport, "),
        replace("---\nname", "---\nstatus: closed\nname"),
        replace("status: closed\n", ""),
    ]
    for step in steps:
        generated.change(relative, step)
        generated.update(relative)
    generated.change(
        "content/services/brand-new.md", lambda _: generated.root.joinpath(relative).read_text()
    )
    generated.update("content/services/brand-new.md")
    generated.change("content/services/brand-new.md", None)
    generated.update("content/services/brand-new.md")


def test_other_content_changes_equal_a_full_build(tiny: Checker) -> None:
    changes = [
        (
            "content/organisations/testshire-council.yaml",
            replace("name: Testshire Council", "name: Testshire County Council"),
        ),
        (
            "content/news/revisit-outcome.md",
            replace("title: Revisit outcome published", "title: Revisit letter out"),
        ),
        (
            "content/news/second.md",
            lambda _: "---\ntitle: Second\ndate: 2025-01-01\nsummary: More.\n---\nText.\n",
        ),
        ("content/plans/wsoa.md", replace("status: off-track", "status: complete")),
        (
            "content/inspections/2019-revisit.md",
            replace("progress: not-sufficient", "progress: sufficient"),
        ),
        ("content/pages/about.md", replace("title: About the Local Offer", "title: About us")),
        # A page below another: the one above lists it, and it shows the one above in its trail.
        ("content/pages/about/team.md", lambda _: "---\ntitle: Our team\n---\nWho we are.\n"),
        ("content/pages/about/team.md", replace("title: Our team", "title: The team")),
        ("content/pages/about.md", replace("title: About us", "title: About the offer")),
        ("content/feedback/2024-website.yaml", replace("status: done", "status: planned")),
        ("content/taxonomy.yaml", replace("label: Education", "label: Learning")),
        ("content/glossary.yaml", replace("An education, health and care plan.", "A plan.")),
        ("site.yaml", replace("title: Testshire SEND Local Offer", "title: Testshire Local Offer")),
        ("content/assets/leaflet.txt", lambda _: "A leaflet.\n"),
    ]
    for relative, how in changes:
        tiny.change(relative, how)
        tiny.update(relative)
    for relative in ("content/news/second.md", "content/pages/about/team.md"):
        tiny.change(relative, None)
        tiny.update(relative)


def test_template_changes_rebuild_the_pages_that_use_them(tiny: Checker) -> None:
    theme = Path(__file__).parent.parent / "sendsite/theme/templates/news_item.html"
    tiny.change(
        "templates/news_item.html",
        lambda _: theme.read_text().replace("</h1>", "</h1><p>Override</p>", 1),
    )
    # A new templates/ folder changes where every template comes from: everything is checked.
    tiny.update("templates/news_item.html")
    tiny.change("templates/news_item.html", replace("<p>Override</p>", "<p>Changed</p>"))
    written = tiny.update("templates/news_item.html")
    assert written == ["news/revisit-outcome/index.html"]
    tiny.change("templates/static/style.css", lambda _: "body { color: black; }\n")
    assert tiny.update("templates/static/style.css") == ["static/style.css"]


def test_a_mistake_changes_nothing_and_the_fix_applies_every_change(tiny: Checker) -> None:
    before = snapshot(tiny.work / "incremental")
    tiny.change(
        "content/news/revisit-outcome.md",
        replace("title: Revisit outcome published", "title: Revisit news"),
    )
    tiny.change(
        "content/services/portage.md",
        replace("organisation: testshire-council", "organisation: nobody"),
    )
    result = tiny.site.update(
        [tiny.root / "content/news/revisit-outcome.md", tiny.root / "content/services/portage.md"]
    )
    assert [e.path for e in result.errors] == ["content/services/portage.md"]
    assert snapshot(tiny.work / "incremental") == before
    tiny.change(
        "content/services/portage.md",
        replace("organisation: nobody", "organisation: testshire-council"),
    )
    written = tiny.update("content/services/portage.md")  # the news change is applied too
    assert "news/revisit-outcome/index.html" in written


def test_a_temporary_file_that_came_and_went_is_no_change(tiny: Checker) -> None:
    result = tiny.site.update([tiny.root / "content/services/sedX1y2Z3"])
    assert result.ok and result.sources == [] and result.written == []


def test_a_moved_away_folder_is_applied(tiny: Checker) -> None:
    (tiny.root / "content/news").rename(tiny.work / "news-elsewhere")
    tiny.update("content/news")  # equals a full build of the site without the folder
    assert not (tiny.work / "incremental/news/revisit-outcome/index.html").exists()


def test_a_random_run_of_edits_always_equals_a_full_build(generated: Checker) -> None:
    import random

    rng = random.Random(5)
    for step in range(14):
        service = service_file(generated.root, rng.randrange(60))
        kind = rng.choice(["name", "org", "needs", "areas", "ages", "org-name", "news"])
        if kind == "org-name":
            path, key, value = (
                generated.root / f"content/organisations/org-000{rng.randrange(3)}.yaml",
                "name",
                f"Renamed {step}",
            )
        elif kind == "news":
            path, key, value = (
                generated.root / f"content/news/news-{rng.randrange(5)}.md",
                "date",
                f"2025-0{step % 9 + 1}-1{step % 9}",
            )
        else:
            text = service.read_text(encoding="utf-8")
            path, key, value = (
                service,
                kind,
                {
                    "name": f"{rng.choice('ABCXYZ')}{step} service",
                    "org": f"org-000{rng.randrange(3)}",
                    "needs": "[autism]" if "needs: all" in text else "all",
                    "areas": "[coast]" if "areas: all" in text else "all",
                    "ages": f"{{min: 0, max: {step + 5}}}",
                }[kind],
            )
            key = "organisation" if key == "org" else key
        before = path.read_text(encoding="utf-8")
        after = _set(before, key, value)
        if after != before:
            path.write_text(after, encoding="utf-8")
            generated.update(path.relative_to(generated.root).as_posix())


def _set(text: str, key: str, value: str) -> str:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            lines[index] = f"{key}: {value}"
    return "\n".join(lines)
