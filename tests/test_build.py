"""End to end: build a tiny complete site in a temporary folder and read the HTML it makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import TinySite, text_of
from tests.soup import found


@pytest.fixture
def built(site: TinySite) -> TinySite:
    run = site.build()
    assert run.code == 0, run.err
    return site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def h1(soup: BeautifulSoup) -> str:
    headings = soup.find_all("h1")
    assert len(headings) == 1
    return " ".join(headings[0].get_text(" ").split())


# --- one test per content type -------------------------------------------------------------------


def test_service_page_shows_every_field(built: TinySite) -> None:
    soup = built.page("/services/portage/")
    text = text_of(soup)
    assert h1(soup) == "Portage"
    assert "Home visits that help young children with SEND learn through play." in text
    assert "0 to 5 years" in text
    assert "Free" in text
    assert "Phone the team." in text
    assert "Polish" in text
    assert "Last reviewed: 1 September 2026" in text
    assert soup.find("a", href="tel:01632960002") is not None
    assert soup.find("a", href="mailto:portage@example.org") is not None
    assert soup.find("strong", string="every two weeks") is not None  # the Markdown body
    hours = soup.find("table")
    assert (
        hours is not None and "Monday to Friday" in hours.get_text() and "09:00" in hours.get_text()
    )
    assert soup.find("a", href="/organisations/testshire-council/") is not None
    assert "due for review" not in text.lower()


def test_service_due_for_review_and_closed_service(site: TinySite) -> None:
    text = (site.root / "content/services/portage.md").read_text()
    site.write(
        "content/services/portage.md",
        text.replace("2026-09-01", "2025-01-10").replace(
            "cost: free", "cost: free\nstatus: closed"
        ),
    )
    assert site.build().code == 0
    page = text_of(site.page("/services/portage/")).lower()
    assert "due for review" in page
    assert "no longer available" in page
    directory = site.page("/services/")
    assert directory.find("a", href="/services/portage/") is None


def test_directory_and_organisation_list_the_service(built: TinySite) -> None:
    directory = built.page("/services/")
    assert h1(directory)
    assert directory.find("a", href="/services/portage/") is not None
    organisation = built.page("/organisations/testshire-council/")
    assert h1(organisation) == "Testshire Council"
    assert organisation.find("a", href="/services/portage/") is not None
    assert built.page("/organisations/").find("a", href="/organisations/testshire-council/")


def test_initial_inspection_page(built: TinySite) -> None:
    soup = built.page("/inspections/2017-inspection/")
    text = text_of(soup)
    assert "23 to 27 January 2017" in text
    assert "16 March 2017" in text
    assert "written statement of action" in text.lower()
    finding = soup.find(id="finding-planning")
    assert finding is not None
    assert "Weak strategic planning." in finding.get_text()
    assert finding.find("a", href="/plans/wsoa/#action-plan-better") is not None


def test_revisit_page_counts_judgements_and_links_back(built: TinySite) -> None:
    soup = built.page("/inspections/2019-revisit/")
    text = text_of(soup)
    assert "1 of 2" in text
    assert "Sufficient progress" in text and "Not sufficient progress" in text
    assert "433" in text
    assert soup.find("a", href="/inspections/2017-inspection/") is not None
    waiting = soup.find(id="finding-waiting")
    assert waiting is not None
    assert waiting.find("a", href="/plans/wsoa/#action-cut-waits") is not None


def test_full_inspection_outcome(site: TinySite) -> None:
    site.write(
        "content/inspections/2024-inspection.md",
        """\
        ---
        area: Testshire
        kind: full
        inspectorates: [Ofsted, CQC]
        dates: {start: 2024-03-11, end: 2024-03-15}
        published: 2024-05-02
        outcome: typically-positive
        outcome_text: Arrangements typically lead to positive experiences.
        previous: 2019-revisit
        next_inspection: within approximately five years
        report_url: https://example.org/report
        strengths: [Leaders are ambitious.]
        to_improve: [Waiting times remain too long.]
        inspectors:
          - {name: Ann Example, role: Lead inspector, inspectorate: Ofsted}
        findings:
          - {id: data, type: area-for-improvement, text: Use data better.}
        quotes:
          - {text: The voice of children is valued., by: Ofsted}
        ---
        Our summary of the **2024** inspection.
        """,
    )
    assert site.build().code == 0
    soup = site.page("/inspections/2024-inspection/")
    text = text_of(soup)
    assert "Typically positive experiences and outcomes" in text
    assert soup.find("blockquote") is not None
    assert "Arrangements typically lead to positive experiences." in text
    assert "Leaders are ambitious." in text and "Waiting times remain too long." in text
    assert "Ann Example" in text and "within approximately five years" in text.lower()
    assert soup.find("a", href="https://example.org/report") is not None
    finding = soup.find(id="finding-data")
    assert finding is not None and "No action" in finding.get_text()
    home = text_of(site.page("/"))
    assert "Typically positive experiences and outcomes" in home
    history = site.page("/inspections/")
    links = [a["href"] for a in history.find_all("a", href=True) if "/inspections/" in a["href"]]
    order = [h for h in links if h.count("/") == 3]
    assert order.index("/inspections/2024-inspection/") < order.index(
        "/inspections/2017-inspection/"
    )


def test_plan_page_shows_actions_status_and_overdue(built: TinySite) -> None:
    soup = built.page("/plans/wsoa/")
    text = text_of(soup)
    assert h1(soup) == "Written statement of action"
    assert "SEND Board" in text
    action = soup.find(id="action-cut-waits")
    assert action is not None
    action_text = text_of(action)
    assert "Off track" in action_text and "Overdue" in action_text
    assert action_text.index("Still recruiting.") < action_text.index("Recruiting.")
    assert action.find("a", href="/inspections/2017-inspection/#finding-waiting") is not None
    assert "Overdue" not in text_of(found(soup.find(id="action-plan-better")))
    assert soup.find("svg") is not None
    tables = [t for t in soup.find_all("table") if t.find("caption")]
    assert tables, "the status counts need a table with a caption as the chart's text equivalent"


def test_news_pages(built: TinySite) -> None:
    item = built.page("/news/revisit-outcome/")
    text = text_of(item)
    assert h1(item) == "Revisit outcome published"
    assert "20 March 2019" in text
    assert "We will keep improving." in text and "A. Leader" in text
    assert item.find("a", href="/inspections/2019-revisit/") is not None
    assert built.page("/news/").find("a", href="/news/revisit-outcome/") is not None
    assert built.page("/").find("a", href="/news/revisit-outcome/") is not None


def test_pages_feedback_glossary_home_and_404(built: TinySite) -> None:
    about = built.page("/about/")
    assert h1(about) == "About the Local Offer"
    nav = built.page("/").find("nav")
    assert nav is not None and nav.find("a", href="/about/") is not None
    assert "The Local Offer tells you about help" in text_of(built.page("/"))
    feedback = text_of(built.page("/you-said-we-did/"))
    assert "The website was hard to search." in feedback and "We rebuilt it." in feedback
    glossary = built.page("/glossary/")
    assert glossary.find(id="ehc-plan") is not None
    assert "EHCP" in text_of(glossary)
    not_found = BeautifulSoup((built.output / "404.html").read_text(), "html.parser")
    assert not_found.find("a", href="/") is not None


# --- links, sub-paths, safety, determinism -------------------------------------------------------


def internal_links(output: Path, base_path: str) -> list[tuple[str, str]]:
    """Every (page, link) pair that points inside the site."""
    found = []
    for file in sorted(output.rglob("*.html")):
        soup = BeautifulSoup(file.read_text(), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            target = str(tag.get("href") or tag.get("src") or "")
            if not target or urlsplit(target).scheme or target.startswith("#"):
                continue
            found.append((file.relative_to(output).as_posix(), target))
    return found


def resolves(output: Path, base_path: str, link: str) -> bool:
    path, fragment = urldefrag(link)
    if not path.startswith(base_path):
        return False
    relative = path[len(base_path) :]
    target = output / relative
    file = target / "index.html" if (relative == "" or relative.endswith("/")) else target
    if not file.is_file():
        return False
    if fragment and file.suffix == ".html":
        return BeautifulSoup(file.read_text(), "html.parser").find(id=fragment) is not None
    return True


@pytest.mark.parametrize(
    "base_url", ["https://example.org/", "https://example.org/send/local-offer/"]
)
def test_every_internal_link_works_under_the_base_path(site: TinySite, base_url: str) -> None:
    text = (site.root / "site.yaml").read_text().replace("https://example.org/\n", base_url + "\n")
    site.write("site.yaml", text)
    assert site.build().code == 0
    base_path = urlsplit(base_url).path
    links = internal_links(site.output, base_path)
    assert len(links) > 50
    broken = [(page, link) for page, link in links if not resolves(site.output, base_path, link)]
    assert broken == []


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "The output folder is the site folder itself."),
        ("..", "The output folder contains the site folder"),
        ("content/out", "The output folder is inside the site's content folder."),
    ],
)
def test_dangerous_output_folders_are_refused(site: TinySite, output: str, message: str) -> None:
    run = site.build("-o", str(site.root / output))
    assert run.code == 1
    assert message in run.err
    assert not (site.root / "content/out").exists()


def test_an_output_folder_in_folders_not_yet_made_is_made(site: TinySite, tmp_path: Path) -> None:
    output = tmp_path / "www" / "area" / "local-offer"
    assert site.build("-o", str(output)).code == 0
    assert (output / "index.html").is_file()
    assert site.build("-o", str(output)).code == 0  # and built again there


def test_folder_not_made_by_sendsite_is_never_replaced(site: TinySite) -> None:
    precious = site.root / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    run = site.build("-o", str(precious))
    assert run.code == 1
    assert "was not made by sendsite" in run.err
    assert (precious / "thesis.txt").read_text() == "years of work"
    assert sorted(p.name for p in precious.iterdir()) == ["thesis.txt"]


def test_failed_build_leaves_previous_output_untouched(built: TinySite) -> None:
    before = snapshot(built.output)
    built.write("content/services/portage.md", "---\nname: [broken\n---\n")
    run = built.build()
    assert run.code == 1
    assert snapshot(built.output) == before
    leftovers = [p.name for p in built.root.iterdir() if p.name.startswith("._site")]
    assert leftovers == []


def test_rebuild_replaces_output_and_removes_stale_pages(built: TinySite) -> None:
    assert (built.output / "about/index.html").exists()
    built.remove("content/pages/about.md")
    assert built.build().code == 0
    assert not (built.output / "about/index.html").exists()


def test_two_sources_for_one_address_is_an_error_naming_both(site: TinySite) -> None:
    site.write("content/pages/news/revisit-outcome.md", "---\ntitle: Clash\n---\n")
    run = site.build()
    assert run.code == 1
    assert run.err.startswith(
        "content/pages/news/revisit-outcome.md: This would be published at /news/revisit-outcome/, "
        "the same address as content/news/revisit-outcome.md."
    )
    site.remove("content/pages/news/revisit-outcome.md")
    site.write("content/pages/services.md", "---\ntitle: Clash\n---\n")
    run = site.build()
    assert run.code == 1
    assert (
        "content/pages/services.md" in run.err and "the built-in page 'Find a service'" in run.err
    )


def test_same_sources_and_date_give_byte_identical_output(site: TinySite) -> None:
    assert site.build("-o", str(site.root / "one")).code == 0
    assert site.build("-o", str(site.root / "two")).code == 0

    # Pagefind writes its filter index in arbitrary order (Pagefind/pagefind#638), so the
    # search index is the one part compared by its file list rather than its bytes.
    def ours(folder: Path) -> dict[str, bytes]:
        return {k: v for k, v in snapshot(folder).items() if not k.startswith("pagefind/")}

    assert ours(site.root / "one") == ours(site.root / "two")
    assert ours(site.root / "one")
    assert (site.root / "one/pagefind/pagefind.js").is_file()


def test_command_line_exit_codes_and_no_traceback(site: TinySite, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sendsite", *args], capture_output=True, text=True, check=False
        )

    ok = run("build", str(site.root), "--date", "2026-11-23")
    assert ok.returncode == 0 and "Built" in ok.stdout
    # The installed command ends a build with os._exit (cli.run): what it printed into a pipe
    # is still all there, and so is the output.
    installed = Path(sys.executable).with_name("sendsite")
    again = subprocess.run(
        [
            str(installed),
            "build",
            str(site.root),
            "--date",
            "2026-11-23",
            "-o",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 0 and again.stdout.startswith("Built ")
    assert again.stdout.endswith("as of 2026-11-23.\n")
    assert (tmp_path / "o" / "index.html").is_file()
    # Under a profiler the build exits as usual, so the profile is written.
    profile = tmp_path / "build.prof"
    built = [str(site.root), "--date", "2026-11-23", "-o", str(tmp_path / "p")]
    profiled = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "sendsite", "build", *built],
        capture_output=True,
        text=True,
        check=False,
    )
    assert profiled.returncode == 0 and profile.stat().st_size > 0
    site.write("content/services/portage.md", "---\nname: x\nnonsense: 1\n---\n")
    bad = run("build", str(site.root))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr and "content/services/portage.md:3:" in bad.stderr
    assert run("build", str(tmp_path / "missing")).returncode == 2
    assert run("build", "--date", "yesterday").returncode == 2
    assert run("frobnicate").returncode == 2


def test_minimal_site_with_only_required_fields_builds(tmp_path: Path) -> None:
    from sendsite.cli import main

    root = tmp_path / "minimal"
    (root / "content").mkdir(parents=True)
    (root / "site.yaml").write_text("title: T\nbase_url: https://example.org/\narea: Nowhere\n")
    (root / "content/taxonomy.yaml").write_text("categories: []\nneeds: []\nareas: []\n")
    assert main(["build", str(root), "--date", "2026-11-23"]) == 0
    home = BeautifulSoup((root / "_site/index.html").read_text(), "html.parser")
    assert h1(home) == "Find help for your child"  # the site's name is in the header
    for page in ("services", "inspections", "plans", "news", "glossary", "you-said-we-did"):
        assert (root / "_site" / page / "index.html").is_file()


def test_nested_pages_show_their_parents_and_children(site: TinySite) -> None:
    site.write("content/pages/guides.md", "---\ntitle: Guides\n---\nAll our guides.\n")
    site.write(
        "content/pages/guides/send.md", "---\ntitle: SEND guide\nsummary: The basics.\n---\nText.\n"
    )
    site.write("content/pages/guides/send/transport.md", "---\ntitle: Transport\n---\nText.\n")
    site.write("content/pages/guides/money.md", "---\ntitle: Money\n---\nText.\n")
    site.write("content/pages/orphan/lost.md", "---\ntitle: Lost\n---\nNo page above.\n")
    assert site.build().code == 0

    def crumbs(path: str) -> list[tuple[str, str]]:
        return [(a.get_text(), str(a["href"])) for a in site.page(path).select(".breadcrumbs a")]

    def children(path: str) -> list[str]:
        return [a.get_text() for a in site.page(path).select("#page-children + ul > li > a")]

    assert crumbs("/guides/send/transport/") == [
        ("Home", "/"),
        ("Guides", "/guides/"),
        ("SEND guide", "/guides/send/"),
    ]
    assert crumbs("/orphan/lost/") == [("Home", "/")]
    assert children("/guides/") == ["Money", "SEND guide"]  # the site's order of pages
    assert children("/guides/send/") == ["Transport"]
    assert children("/guides/send/transport/") == []
    summary = site.page("/guides/").select_one("#page-children + ul .meta")
    assert summary is not None and summary.get_text() == "The basics."
