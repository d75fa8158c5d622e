"""A tiny, complete site written into a temporary folder, and helpers to build and read it."""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from sendsite.cli import main

BUILD_DATE = "2026-11-23"

# Builds keep their cache outside the site folder, in the user's cache folder: the tests' builds
# keep theirs in a temporary one (each site folder has its own subfolder in it).
os.environ["SENDSITE_CACHE_DIR"] = tempfile.mkdtemp(prefix="sendsite-test-cache-")

# Whole files of slow tests: browsers, servers, runs of many builds, long property searches. A test
# elsewhere that is slow says so with @pytest.mark.slow. `pytest -m "not slow"` runs the rest.
SLOW_FILES = (
    "browser/",
    "untrusted/",
    "test_incremental.py",
    "test_serve.py",
    "test_interrupted_build.py",
    "test_properties.py",
    "test_build_cache.py",
    "test_streamed_build.py",
    "test_example_site.py",
)
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.relative_to(TESTS).as_posix().startswith(SLOW_FILES):
            item.add_marker(pytest.mark.slow)


TINY_SITE: dict[str, str] = {
    "site.yaml": """\
        title: Testshire SEND Local Offer
        base_url: https://example.org/
        area: Testshire
        contact:
          email: localoffer@example.org
          phone: 01632 960000
        partnership:
          - name: Testshire Council
            url: https://www.example.org/council
        """,
    "content/taxonomy.yaml": """\
        categories:
          - {id: health, label: Health, description: "Health services"}
          - {id: education, label: Education}
        needs:
          - {id: autism, label: Autism}
          - {id: hearing, label: Hearing impairment}
        areas:
          - {id: north, label: North Testshire}
          - {id: south, label: South Testshire}
        """,
    "content/glossary.yaml": """\
        - term: EHC plan
          meaning: An education, health and care plan.
          also: [EHCP]
        - term: SENCo
          meaning: The teacher who leads on special educational needs in a school.
        """,
    "content/organisations/testshire-council.yaml": """\
        name: Testshire Council
        url: https://www.example.org/council
        phone: 01632 960001
        """,
    "content/services/portage.md": """\
        ---
        name: Portage
        organisation: testshire-council
        summary: Home visits that help young children with SEND learn through play.
        categories: [education]
        needs: all
        ages: {min: 0, max: 5}
        areas: [north, south]
        last_reviewed: 2026-09-01
        cost: free
        referral:
          self_referral: true
          how: Phone the team.
        contacts:
          - {name: Portage team, phone: 01632 960002, email: portage@example.org}
        opening_hours:
          - {days: Monday to Friday, opens: "09:00", closes: "17:00"}
        languages: [English, Polish]
        ---
        Portage home visitors come to your home **every two weeks**.
        """,
    "content/inspections/2017-inspection.md": """\
        ---
        area: Testshire
        kind: initial
        inspectorates: [Ofsted, CQC]
        dates: {start: 2017-01-23, end: 2017-01-27}
        published: 2017-03-16
        wsoa_required: true
        findings:
          - id: planning
            type: significant-weakness
            text: Weak strategic planning.
          - id: waiting
            type: significant-weakness
            text: Long waits for assessment.
        ---
        The first inspection.
        """,
    "content/inspections/2019-revisit.md": """\
        ---
        area: Testshire
        kind: revisit
        inspectorates: [Ofsted, CQC]
        dates: {start: 2019-02-11, end: 2019-02-13}
        published: 2019-03-20
        previous: 2017-inspection
        survey_responses: 433
        findings:
          - id: planning
            type: significant-weakness
            text: Weak strategic planning.
            progress: sufficient
          - id: waiting
            type: significant-weakness
            text: Long waits for assessment.
            progress: not-sufficient
        ---
        The revisit.
        """,
    "content/plans/wsoa.md": """\
        ---
        title: Written statement of action
        kind: written-statement-of-action
        responds_to: [2017-inspection]
        owner: SEND Board
        published: 2017-08-03
        actions:
          - id: plan-better
            title: Plan together
            addresses: [2017-inspection#planning]
            lead: Director of children's services
            due: 2018-03-31
            status: complete
          - id: cut-waits
            title: Cut waiting times
            addresses: [2017-inspection#waiting]
            due: 2020-03-31
            status: off-track
            updates:
              - {date: 2019-01-10, status: at-risk, text: Recruiting.}
              - {date: 2020-01-10, status: off-track, text: Still recruiting.}
        ---
        Our plan.
        """,
    "content/news/revisit-outcome.md": """\
        ---
        title: Revisit outcome published
        date: 2019-03-20
        summary: Inspectors found sufficient progress in one of two areas.
        inspection: 2019-revisit
        quotes:
          - {text: We will keep improving., by: A. Leader, role: Director}
        ---
        The letter is published.
        """,
    "content/pages/index.md": """\
        ---
        title: Welcome
        ---
        The Local Offer tells you about help for children with SEND.
        """,
    "content/pages/about.md": """\
        ---
        title: About the Local Offer
        nav_order: 1
        ---
        About us.
        """,
    "content/feedback/2024-website.yaml": """\
        date: 2024-05-01
        topic: Website
        you_said: The website was hard to search.
        we_did: We rebuilt it.
        status: done
        """,
}


SLEEP_CLINIC = """\
    name: Sleep clinic
    organisation: testshire-council
    oruk_id: {oruk_id}
    summary: Help with sleep.
    categories: [health]
    needs: all
    ages: {{min: 0, max: 18}}
    areas: all
    last_reviewed: 2026-10-01
    """
"""A second service for TINY_SITE (content/services/sleep-clinic.yaml) claiming a given
oruk_id: two records with one id are refused."""


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line and not line.endswith("changed.")]


def write_tiny_site(root: Path) -> Path:
    """TINY_SITE's files written into `root`."""
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


class TinySite:
    """A complete small site in a temporary folder; tests change one file to plant a mistake."""

    def __init__(self, root: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.root = root
        self.capsys = capsys
        for name, text in TINY_SITE.items():
            self.write(name, text)

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def remove(self, name: str) -> None:
        (self.root / name).unlink()

    @property
    def output(self) -> Path:
        return self.root / "_site"

    def build(self, *args: str) -> Run:
        self.capsys.readouterr()
        code = main(["build", str(self.root), "--date", BUILD_DATE, *args])
        captured = self.capsys.readouterr()
        return Run(code, captured.out, captured.err)

    def page(self, url_path: str) -> BeautifulSoup:
        relative = url_path.strip("/")
        file = self.output / relative / "index.html" if relative else self.output / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> TinySite:
    return TinySite(tmp_path / "site", capsys)


def text_of(soup: BeautifulSoup | Tag) -> str:
    """The visible text of a page with whitespace collapsed, for asserting on wording.

    Elements are joined with spaces; the spaces that this puts inside punctuation around inline
    elements (a link in brackets: "( SEND )") are taken out again.
    """
    text = " ".join(soup.get_text(" ").split())
    text = re.sub(r"\s+([,.;:!?)’”])", r"\1", text)
    return re.sub(r"([(‘“])\s+", r"\1", text)
