"""Services checked by the last build are taken again only for files as they were, with this
build's organisation and terms; what they name that is gone, or an id another file now claims,
is reported as a fresh check reports it (model/checked.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
import uuid
from pathlib import Path

import pytest

from sendsite import model
from sendsite.errors import ContentErrors
from sendsite.model.checked import CheckedServices
from sendsite.publish.build import _parser_version, build
from sendsite.publish.pipeline import load_site
from sendsite.source.cache import cache_folder
from sendsite.source.parsed import ParsedFiles
from tests.conftest import SLEEP_CLINIC, write_tiny_site

DATE = dt.date(2026, 11, 23)
NAMED = ("organisation", "categories", "needs", "areas", "lines")


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / "cache"))
    return write_tiny_site(tmp_path / "site")


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(textwrap.dedent(text), encoding="utf-8")


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reloaded(root: Path) -> tuple[model.Site, CheckedServices]:
    """The site loaded as a build loads it, with the last build's record."""
    cache = cache_folder(root)
    parsed = ParsedFiles(cache, _parser_version())
    checked = CheckedServices(cache, f"{_parser_version()} {DATE.isoformat()}", parsed.digest)
    return load_site(root, DATE, parsed.read, checked), checked


def own_fields(service: model.Service) -> list[object]:
    """What a service's checks made of its own file (FieldLines compare by identity)."""
    lines = service.lines
    return [
        (lines.path, dict(lines.spans), dict(lines.keys)),
        *(getattr(service, f.name) for f in dataclasses.fields(service) if f.name not in NAMED),
    ]


def test_an_unchanged_service_is_taken_with_this_builds_organisation_and_terms(
    root: Path,
) -> None:
    build(root, DATE, root.parent / "out")
    edit(root, "content/organisations/testshire-council.yaml", "Testshire Council", "TC")
    site, checked = reloaded(root)
    fresh = load_site(root, DATE)
    assert checked.reused == len(site.services) > 0
    for kept, made in zip(site.services, fresh.services, strict=True):
        assert own_fields(kept) == own_fields(made)
        assert kept.organisation in site.organisations  # this build's own, renamed
        assert kept.organisation.name == "TC"
        for facet in ("categories", "needs", "areas"):
            vocabulary = getattr(site.taxonomy, facet)
            assert [t.id for t in getattr(kept, facet)] == [t.id for t in getattr(made, facet)]
            assert all(vocabulary[t.id] is t for t in getattr(kept, facet))
    edit(root, "content/services/portage.md", "name: Portage", "name: Portage at home")
    site, checked = reloaded(root)
    assert checked.reused == len(site.services) - 1


def test_another_date_checks_every_service_again(root: Path) -> None:
    build(root, DATE, root.parent / "out")
    cache = cache_folder(root)
    parsed = ParsedFiles(cache, _parser_version())
    later = f"{_parser_version()} {(DATE + dt.timedelta(days=1)).isoformat()}"
    checked = CheckedServices(cache, later, parsed.digest)
    load_site(root, DATE, parsed.read, checked)
    assert checked.reused == 0


def test_an_organisation_gone_is_reported_at_the_unchanged_service(root: Path) -> None:
    build(root, DATE, root.parent / "out")
    (root / "content/organisations/testshire-council.yaml").rename(
        root / "content/organisations/council.yaml"
    )
    with pytest.raises(ContentErrors) as raised:
        build(root, DATE, root.parent / "out")
    assert any(
        e.origin.path == "content/services/portage.md"
        and "no organisation with the id 'testshire-council'" in e.message
        for e in raised.value
    )


def test_a_term_gone_is_reported_at_the_unchanged_service(root: Path) -> None:
    build(root, DATE, root.parent / "out")
    edit(root, "content/taxonomy.yaml", "{id: north, label: North Testshire}", "{id: n, label: N}")
    with pytest.raises(ContentErrors) as raised:
        build(root, DATE, root.parent / "out")
    assert any(
        e.origin.path == "content/services/portage.md" and "'north'" in e.message
        for e in raised.value
    )


def test_an_id_an_unchanged_service_holds_is_refused_to_a_new_one(root: Path) -> None:
    shared = str(uuid.uuid4())
    edit(
        root,
        "content/services/portage.md",
        "name: Portage\n",
        f"name: Portage\noruk_id: {shared}\n",
    )
    build(root, DATE, root.parent / "out")
    write(
        root,
        "content/services/sleep-clinic.yaml",
        SLEEP_CLINIC.format(oruk_id=shared),
    )
    with pytest.raises(ContentErrors) as raised:
        build(root, DATE, root.parent / "out")
    assert any("is already the id of the" in e.message for e in raised.value)


def test_an_unchanged_page_is_taken_as_its_checks_made_it_and_a_changed_one_checked(
    root: Path,
) -> None:
    build(root, DATE, root.parent / "out")
    site, checked = reloaded(root)
    fresh = load_site(root, DATE)
    assert checked.pages_reused == len(site.pages) > 1
    for kept, made in zip(site.pages, fresh.pages, strict=True):
        assert kept == made
        assert (kept.lines.path, kept.lines.spans, kept.lines.keys) == (
            made.lines.path,
            made.lines.spans,
            made.lines.keys,
        )
        assert [p.id for p in kept.parents] == [p.id for p in made.parents]  # derived anew
        assert [p.id for p in kept.children] == [p.id for p in made.children]
    edit(root, "content/pages/about.md", "title: About the Local Offer", "title: About us")
    site, checked = reloaded(root)
    assert checked.pages_reused == len(site.pages) - 1
    assert [p.title for p in site.pages if p.id == "about"] == ["About us"]
