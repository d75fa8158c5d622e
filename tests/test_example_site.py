"""The repository's own example site (Dorset) builds cleanly and keeps the source documents' facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sendsite.cli import main
from sendsite.publish.pipeline import load_site
from sendsite.render.age_area import AGE_BANDS
from tests.conftest import text_of
from tests.soup import attr

REPO = Path(__file__).resolve().parent.parent
BASE = "/dorset-send/"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dorset") / "site"
    assert main(["build", str(REPO), "-o", str(out), "--date", "2026-11-23"]) == 0
    return out


def page(output: Path, path: str) -> BeautifulSoup:
    file = output / path.strip("/") / "index.html" if path.strip("/") else output / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def test_every_content_file_has_its_page(output: Path) -> None:
    for folder in ("services", "organisations", "inspections", "plans", "news"):
        for file in (REPO / "content" / folder).iterdir():
            assert (output / folder / file.stem / "index.html").is_file(), file
    for file in (REPO / "content/pages").rglob("*.md"):
        relative = file.relative_to(REPO / "content/pages").with_suffix("").as_posix()
        target = output / "index.html" if relative == "index" else output / relative / "index.html"
        assert target.is_file(), file


def test_example_site_is_large_enough_to_be_real(output: Path) -> None:
    assert len(list((REPO / "content/services").iterdir())) >= 25


def test_2019_revisit_judged_two_of_four_weaknesses_sufficient(output: Path) -> None:
    soup = page(output, "/inspections/2019-revisit/")
    text = text_of(soup)
    assert "11 to 13 February 2019" in text
    assert "20 March 2019" in text
    assert "2 of 4" in text
    assert "433" in text
    assert text.count("Not sufficient progress") >= 2
    assert soup.find("a", href=f"{BASE}inspections/2017-initial-inspection/") is not None


def test_2024_inspection_outcome_and_findings(output: Path) -> None:
    soup = page(output, "/inspections/2024-area-send-inspection/")
    text = text_of(soup)
    assert "11 to 15 March 2024" in text
    assert "Typically positive experiences and outcomes" in text
    assert (
        "The local area partnership’s special educational needs and/or disabilities (SEND) "
        "arrangements typically lead to positive experiences and outcomes for children and young "
        "people with SEND."
    ) in text
    for name in (
        "Leanne Thirlby",
        "Sarah Canto",
        "Karina Kulawik",
        "Daniel Carrick",
        "Lea Pickerill",
    ):
        assert name in text
    assert soup.find(id="finding-use-of-information") is not None
    assert soup.find(id="finding-quality-assurance-pfa") is not None


def test_2017_inspection_required_a_written_statement_of_action(output: Path) -> None:
    text = text_of(page(output, "/inspections/2017-initial-inspection/"))
    assert "23 to 27 January 2017" in text
    assert "written statement of action" in text.lower()


def test_news_item_quotes_leaders_exactly(output: Path) -> None:
    text = text_of(page(output, "/news/"))
    assert "Typically positive experiences and outcomes for SEND children in Dorset" in text
    items = [
        p for p in (output / "news").iterdir() if p.is_dir() and "typically-positive" in p.name
    ]
    assert items
    item = text_of(page(output, f"/news/{items[0].name}/"))
    assert (
        "I am pleased to see the results of the joint area inspection which took place earlier "
        "this year"
    ) in item
    for person in ("Clare Sutton", "Theresa Leavy", "Patricia Miller", "Lesley Mellor"):
        assert person in item


def test_improvement_plan_answers_both_2024_findings(output: Path) -> None:
    soup = page(output, "/inspections/2024-area-send-inspection/")
    for finding_id in ("use-of-information", "quality-assurance-pfa"):
        finding = soup.find(id=f"finding-{finding_id}")
        assert finding is not None
        assert finding.find("a", href=lambda h: bool(h) and "/plans/" in h) is not None


def test_links_all_carry_the_sub_path(output: Path) -> None:
    soup = page(output, "/")
    hrefs = [attr(a, "href") for a in soup.find_all("a", href=True)]
    internal = [h for h in hrefs if not h.startswith(("http", "mailto:", "tel:", "#"))]
    assert internal and all(h.startswith(BASE) for h in internal)


def test_example_directory_covers_every_category_need_area_and_age_band(output: Path) -> None:
    site = load_site(REPO, dt.date(2026, 11, 23))
    for vocabulary in (site.taxonomy.categories, site.taxonomy.needs, site.taxonomy.areas):
        for term in vocabulary.values():
            assert term.services, term.id
    for band in AGE_BANDS:
        assert any(band.includes(s) for s in site.active_services), band.id
    # Every need and area is covered by a service written for it, not only by "all".
    for need in site.taxonomy.needs.values():
        assert any(need in s.needs for s in site.active_services), need.id
    for area in site.taxonomy.areas.values():
        assert any(area in s.areas for s in site.active_services), area.id
