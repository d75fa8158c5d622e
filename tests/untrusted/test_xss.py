"""Untrusted text never becomes active content: the OWASP filter-evasion examples (and the same
tricks in Markdown syntax) go through every text field and every body, and no built page
carries anything a browser could run."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.filter import SoupStrainer

from sendsite.cli import main
from sendsite.render.markdown import markdown_to_html
from tests.conftest import BUILD_DATE, TINY_SITE
from tests.soup import attr
from tests.untrusted.active_content import active_content
from tests.untrusted.hostile_site import hostile_settings, write_hostile_site
from tests.untrusted.xss_vectors import MARKDOWN_VECTORS, OWASP_VECTORS, VECTORS


def build(root: Path) -> tuple[int, str]:
    err = StringIO()
    with redirect_stderr(err), redirect_stdout(StringIO()):
        code = main(["build", str(root), "--date", BUILD_DATE])
    return code, err.getvalue()


def problems_in(output: Path, static_prefix: str) -> list[str]:
    found = []
    pages = sorted(output.rglob("*.html"))
    assert pages
    for page in pages:
        found += [
            f"{page.relative_to(output)}: {problem}"
            for problem in active_content(page.read_text(encoding="utf-8"), static_prefix)
        ]
    return found


def test_the_corpus_is_the_size_the_issue_asks_for() -> None:
    assert 40 <= len(OWASP_VECTORS) <= 100
    assert len(MARKDOWN_VECTORS) >= 15
    assert len(set(VECTORS)) == len(VECTORS)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<img src=" &#14; javascript:alert(1)">',
        '<iframe src="https://example.org"></iframe>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<base href="https://evil.example/">',
        '<form action="https://evil.example/"><button>Go</button></form>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        "<body><p>x</p><body onload=alert(1)>",
        '<link rel="import" href="https://evil.example/x.html">',
        '<script src="https://evil.example/x.js"></script>',
        '<form class="search__form" action="/services/" method="post"><input name="q"></form>',
        '<form class="search__form" action="/services/" method="get">'
        '<button formaction="https://evil.example/">Go</button></form>',
        '<input type="text" name="q">',
        '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>',
        '<link rel="alternate" href="//evil.example/feed.xml">',
    ],
)
def test_the_checker_sees_active_content(html: str) -> None:
    assert active_content(html)


def test_the_checker_accepts_the_themes_own_page_furniture() -> None:
    page = (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="/static/style.css"><script src="/static/search.js"></script>'
        '</head><body><a href="mailto:a@example.org">a</a><a href="tel:01632960000">t</a>'
        '<a href="/services/">s</a><img src="/assets/x.png" alt="">'
        '<form class="search__form" role="search" action="/services/" method="get">'
        '<input type="search" name="q"><select name="need"><option value="">Any</option></select>'
        '<button type="submit">Find</button></form><button type="button" hidden>More</button>'
        '<script type="application/ld+json">{"@type": "Service", "name": "a \\u003c/script"}</script>'
        "</body></html>"
    )
    assert active_content(page) == []


@pytest.mark.parametrize("vector", VECTORS)
def test_markdown_never_makes_active_content(vector: str) -> None:
    assert active_content(markdown_to_html(vector)) == []


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "site"
    write_hostile_site(root, VECTORS)
    code, err = build(root)
    assert code == 0, err
    return root / "_site"


def test_no_field_or_body_reaches_any_page_as_active_content(hostile_build: Path) -> None:
    assert problems_in(hostile_build, "/send/static/") == []


def test_text_fields_show_the_text_escaped_not_removed(hostile_build: Path) -> None:
    """A service's name is its page's heading, word for word as typed: escaped, not stripped."""
    for index, vector in enumerate(VECTORS):
        page = hostile_build / "services" / f"s{index}" / "index.html"
        soup = BeautifulSoup(
            page.read_text(encoding="utf-8"), "html.parser", parse_only=SoupStrainer("h1")
        )
        assert " ".join(soup.get_text().split()) == " ".join(vector.split())


def write_tiny_site(root: Path) -> None:
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_site_settings_are_escaped_on_every_page(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_tiny_site(root)
    (root / "site.yaml").write_text(hostile_settings(VECTORS), encoding="utf-8")
    code, err = build(root)
    assert code == 0, err
    assert problems_in(root / "_site", "/send/static/") == []


SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://example.org/\njavascript:alert(1)",
    "//example.org/no-scheme",
    "https://exa mple.org/",
]
URL_FIELDS = [
    ("content/services/portage.md", "cost: free", "cost: free\nwebsite: {url}"),
    (
        "content/organisations/testshire-council.yaml",
        "url: https://www.example.org/council",
        "url: {url}",
    ),
    (
        "content/inspections/2019-revisit.md",
        "survey_responses: 433",
        "survey_responses: 433\nreport_url: {url}",
    ),
    ("site.yaml", "base_url: https://example.org/", "base_url: {url}"),
    ("site.yaml", "    url: https://www.example.org/council", "    url: {url}"),
    ("site.yaml", "area: Testshire", "area: Testshire\nfeedback:\n  url: {url}"),
]


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiny") / "site"
    write_tiny_site(root)
    return root


@pytest.mark.parametrize("url", SCRIPT_URLS)
@pytest.mark.parametrize(("file", "old", "new"), URL_FIELDS, ids=lambda v: str(v)[:30])
def test_url_fields_refuse_anything_but_a_web_address(
    tiny_site: Path, tmp_path: Path, file: str, old: str, new: str, url: str
) -> None:
    root = tmp_path / "site"
    shutil.copytree(tiny_site, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new.format(url=json.dumps(url))), encoding="utf-8")
    code, err = build(root)
    assert code == 1
    assert f"{file}:" in err and "is not a web address" in err, err
    assert not (root / "_site").exists()


@pytest.mark.parametrize(
    "email",
    [
        "portage@example.org?subject=hello",
        "portage@example.org&cc=someone@example.org",
        'portage@example.org" onclick="alert(1)',
        "portage@example.org><script>alert(1)</script>",
        "javascript:alert(1)//@example.org",
        "portage@example.org\nBcc: someone@example.org",
        "portage@exa mple.org",
    ],
)
def test_emails_cannot_add_to_a_mailto_link(tiny_site: Path, tmp_path: Path, email: str) -> None:
    root = tmp_path / "site"
    shutil.copytree(tiny_site, root)
    path = root / "content/organisations/testshire-council.yaml"
    path.write_text(path.read_text() + f"email: {json.dumps(email)}\n", encoding="utf-8")
    code, err = build(root)
    assert code == 1
    assert "is not an email address" in err


def test_phone_numbers_with_anything_else_in_them_are_refused(
    tiny_site: Path, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    shutil.copytree(tiny_site, root)
    path = root / "content/organisations/testshire-council.yaml"
    hostile = '01632 960001" onclick="alert(1)"><script>alert(1)</script>javascript:alert(1)'
    text = path.read_text().replace("phone: 01632 960001", f"phone: {json.dumps(hostile)}")
    path.write_text(text, encoding="utf-8")
    code, err = build(root)
    assert code == 1
    assert "content/organisations/testshire-council.yaml:3: The phone number" in err
    assert not (root / "_site/organisations/testshire-council/index.html").exists()


def test_tel_links_are_digits_only(tiny_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(tiny_site, root)
    code, err = build(root)
    assert code == 0, err
    html = (root / "_site/organisations/testshire-council/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    links = [h for a in soup.find_all("a", href=True) if (h := attr(a, "href")).startswith("tel:")]
    assert "tel:01632960001" in links
    assert all(re.fullmatch(r"tel:\+?\d+", link) for link in links)
