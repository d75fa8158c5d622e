"""A build with the cache kept makes again only the Open Referral UK records of the services
whose files changed, and takes the others' from the last build (publish/parts.py); an edit of
anything else they are made from (an organisation, the taxonomy, site.yaml) makes every one
again. What it writes is byte for byte what a cold build writes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from benchmarks.make_site import make_site, service_file
from sendsite.publish.openreferral.records import Records
from tests.test_build_memory import Oracle, replace

SERVICES = 40


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Oracle:
    return Oracle(make_site(tmp_path / "site", services=SERVICES), tmp_path, monkeypatch)


@pytest.fixture
def made(site: Oracle, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files of the services whose records the kept-cache builds make (not the cold ones:
    they build into another folder), rather than take from the last build."""
    found: list[str] = []
    make = Records._service_record
    output = site.work / "out"

    def counted(self: Records, service: Any) -> Any:
        if self.previous == output:
            found.append(service.origin.path)
        return make(self, service)

    monkeypatch.setattr(Records, "_service_record", counted)
    return found


def relative(oracle: Oracle, number: int) -> str:
    return service_file(oracle.root, number).relative_to(oracle.root).as_posix()


def feed(oracle: Oracle) -> dict[str, bytes]:
    folder = oracle.work / "out" / "openreferral"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")}


def test_a_service_edit_makes_only_its_own_record(site: Oracle, made: list[str]) -> None:
    edited = relative(site, 7)
    site.edit(edited, replace("\n---\n", "\n---\nEdited.\n"))
    assert made == [edited]
    site.edit(edited, replace("name: ", "name: Aaa "))  # and every list it moves in
    assert made == [edited, edited]
    made.clear()
    site.edit("content/services/brand-new.md", lambda _: site.root.joinpath(edited).read_text())
    assert made == ["content/services/brand-new.md"]
    made.clear()
    site.edit(edited, None)  # removed
    assert made == []


def test_a_location_edit_makes_its_service_record_again(site: Oracle, made: list[str]) -> None:
    number = next(
        n for n in range(SERVICES) if "locations:" in service_file(site.root, n).read_text()
    )
    before = feed(site)
    site.edit(relative(site, number), replace(" community centre", " family hub"))
    assert made == [relative(site, number)]
    assert feed(site) != before


@pytest.mark.parametrize(
    ("edited", "how"),
    [
        (
            "content/organisations/org-0000.yaml",
            replace("name: Organisation 0000", "name: Organisation Zero"),
        ),
        ("content/taxonomy.yaml", replace('label: "Education"', 'label: "Learning"')),
        ("site.yaml", replace("title: Benchshire SEND Local Offer", "title: Benchshire Offer")),
    ],
    ids=["organisation", "taxonomy", "site.yaml"],
)
def test_an_edit_of_what_every_record_is_made_from_makes_them_all_again(
    site: Oracle, made: list[str], edited: str, how: Any
) -> None:
    site.edit(relative(site, 3), replace("\n---\n", "\n---\nEdited.\n"))  # parts are kept
    made.clear()
    before = feed(site)
    site.edit(edited, how)  # compared with a cold build
    assert len(made) == SERVICES
    changed = [name for name, data in feed(site).items() if before.get(name) != data]
    assert any(name.startswith("services/") and name != "services.json" for name in changed)


def test_kept_records_are_linked_when_every_page_is_rendered_again(
    site: Oracle, made: list[str]
) -> None:
    """A new static file changes nothing a record says, but every page is rendered again: the
    output is then made in a new folder, into which the kept records are linked."""
    site.change("templates/static/extra.css", lambda _: "p { margin: 0 }\n")
    rendered = site.edit(relative(site, 5), replace("\n---\n", "\n---\nEdited.\n")).rendered
    assert rendered == site.pages  # (not the result's repr: it holds the whole site)
    assert made == [relative(site, 5)]


def test_in_git_a_commit_makes_every_record_again(site: Oracle, made: list[str]) -> None:
    """A record's last_modified is its files' last commit's time, or the build's date while it
    has changes not committed: a kept record is the last build's, so a commit (which changes no
    file's bytes) must make them all again."""

    def git(*args: str) -> None:
        when = "2026-01-05T10:00:00Z"
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
            cwd=site.root, check=True, capture_output=True,
            env={**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        )  # fmt: skip

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "first")
    site.build()
    made.clear()
    edited = relative(site, 9)
    site.edit(edited, replace("\n---\n", "\n---\nEdited.\n"))  # not committed: the build's date
    assert made == [edited]
    assert b"2026-01-05T10:00:00Z" in feed(site)["services.json"]
    made.clear()
    git("commit", "-qam", "edited")
    site.build()
    assert len(made) == SERVICES
