"""Property-based tests: arbitrary text in any field, or as a whole body or file, either builds
into pages with nothing active in them, or is refused with proper messages (exit 1, every line
`path:line: message`, no traceback). Never a crash, never a half-written output.

Runs are derandomised so CI is repeatable; HYPOTHESIS_PROFILE=explore searches much further.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from bs4.filter import SoupStrainer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendsite.cli import main
from sendsite.render import environment as render
from sendsite.render.markdown import markdown_to_html
from sendsite.render.urls import Linker
from tests.conftest import BUILD_DATE, TINY_SITE
from tests.untrusted.active_content import active_content

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

# `path:line: Message.` or `path: Message.`; the message may start with a quoted value.
_ERROR_LINE = re.compile(r"^[^\s].*?(?::\d+)?: \S")

# (file, text in the tiny site, the same with {v} where the generated value goes)
FIELDS = [
    ("content/services/portage.md", "name: Portage\n", "name: {v}\n"),
    (
        "content/services/portage.md",
        "summary: Home visits that help young children with SEND learn through play.",
        "summary: {v}",
    ),
    ("content/services/portage.md", "cost: free", "cost: {v}"),
    ("content/services/portage.md", "  how: Phone the team.", "  how: {v}"),
    ("content/services/portage.md", "languages: [English, Polish]", "languages: [{v}]"),
    ("content/services/portage.md", "{name: Portage team,", "{{name: {v},"),
    ("content/services/portage.md", "{days: Monday to Friday,", "{{days: {v},"),
    ("content/services/portage.md", "last_reviewed: 2026-09-01", "last_reviewed: {v}"),
    ("content/services/portage.md", "areas: [north, south]", "areas: [{v}]"),
    ("content/services/portage.md", "ages: {min: 0, max: 5}", "ages: {{min: 0, max: {v}}}"),
    ("content/organisations/testshire-council.yaml", "name: Testshire Council", "name: {v}"),
    ("content/organisations/testshire-council.yaml", "phone: 01632 960001", "phone: {v}"),
    (
        "content/organisations/testshire-council.yaml",
        "url: https://www.example.org/council",
        "url: {v}",
    ),
    ("content/inspections/2017-inspection.md", "area: Testshire", "area: {v}"),
    ("content/inspections/2017-inspection.md", "text: Weak strategic planning.", "text: {v}"),
    ("content/inspections/2019-revisit.md", "survey_responses: 433", "survey_responses: {v}"),
    ("content/plans/wsoa.md", "title: Written statement of action", "title: {v}"),
    ("content/plans/wsoa.md", "lead: Director of children's services", "lead: {v}"),
    ("content/plans/wsoa.md", "text: Still recruiting.}", "text: {v}}}"),
    ("content/news/revisit-outcome.md", "title: Revisit outcome published", "title: {v}"),
    ("content/news/revisit-outcome.md", "{text: We will keep improving.,", "{{text: {v},"),
    ("content/pages/about.md", "title: About the Local Offer", "title: {v}"),
    ("content/pages/about.md", "nav_order: 1", "nav_order: {v}"),
    (
        "content/feedback/2024-website.yaml",
        "you_said: The website was hard to search.",
        "you_said: {v}",
    ),
    ("content/feedback/2024-website.yaml", "status: done", "status: {v}"),
    ("content/glossary.yaml", "meaning: An education, health and care plan.", "meaning: {v}"),
    ("content/taxonomy.yaml", "label: Autism}", "label: {v}}}"),
    ("site.yaml", "title: Testshire SEND Local Offer", "title: {v}"),
    ("site.yaml", "phone: 01632 960000", "phone: {v}"),
]


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that reads back exactly (every character that is
    not plain printable ASCII escaped, so YAML's own line-break folding never applies)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("property") / "site"
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(scope="module", autouse=True)
def one_template_environment() -> Iterator[None]:
    """Every example builds the same site with the same templates: compile them once, so that
    the examples test validation and escaping, not Jinja's compiler, and stay fast."""
    cache: dict[tuple[object, ...], object] = {}
    real = render.make_environment

    def cached(site_dir: Path, linker: Linker, *classes: Any, **options: Any) -> object:
        key = (site_dir, linker.base_path, *classes)
        if key not in cache:
            cache[key] = real(site_dir, linker, *classes, **options)
        return cache[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "make_environment", cached)
        yield


def build_with(tiny_site: Path, file: str, text: str) -> tuple[int, str, Path]:
    """Copy the tiny site into a fresh folder (always the same path, so the cached templates
    apply), put `text` into `file`, and build it."""
    root = Path(tempfile.gettempdir()) / f"sendsite-property-{os.getpid()}" / "site"
    shutil.rmtree(root.parent, ignore_errors=True)
    shutil.copytree(tiny_site, root)
    (root / file).write_text(text, encoding="utf-8")
    err = StringIO()
    with redirect_stderr(err), redirect_stdout(StringIO()):
        code = main(["build", str(root), "--date", BUILD_DATE])
    return code, err.getvalue(), root


def assert_built_safely_or_refused_properly(code: int, err: str, root: Path) -> None:
    assert "Traceback" not in err
    output = root / "_site"
    if code == 0:
        for page in output.rglob("*.html"):
            assert active_content(page.read_text(encoding="utf-8")) == [], page
        return
    assert code == 1, err
    lines = err.splitlines()
    assert lines[-1].endswith("The previous output has not been changed."), err
    for line in lines[:-1]:
        assert _ERROR_LINE.match(line), f"not a proper message: {line!r}"
    assert not output.exists()


FIELD = st.sampled_from(FIELDS)


@settings(settings.get_profile(PROFILE))
@given(field=FIELD, value=st.text(max_size=300))
def test_any_text_in_any_field_quoted(
    tiny_site: Path, field: tuple[str, str, str], value: str
) -> None:
    file, old, new = field
    original = textwrap.dedent(TINY_SITE[file])
    text = original.replace(old, new.format(v=yaml_quoted(value)), 1)
    code, err, root = build_with(tiny_site, file, text)
    assert_built_safely_or_refused_properly(code, err, root)
    if code == 0 and old == "name: Portage\n" and value.strip():
        heading = BeautifulSoup(
            (root / "_site/services/portage/index.html").read_text(encoding="utf-8"),
            "html.parser",
            parse_only=SoupStrainer("h1"),
        ).get_text()
        assert " ".join(heading.split()) == " ".join(value.split())  # escaped, not removed


@settings(settings.get_profile(PROFILE))
@given(field=FIELD, value=st.text(max_size=200))
def test_any_text_in_any_field_as_typed(
    tiny_site: Path, field: tuple[str, str, str], value: str
) -> None:
    """The value typed straight into the YAML, unquoted: it may break the YAML, or change what the
    field is; either way the build must answer properly."""
    file, old, new = field
    original = textwrap.dedent(TINY_SITE[file])
    code, err, root = build_with(tiny_site, file, original.replace(old, new.format(v=value), 1))
    assert_built_safely_or_refused_properly(code, err, root)


@settings(settings.get_profile(PROFILE))
@given(body=st.text(max_size=500))
def test_any_markdown_body(tiny_site: Path, body: str) -> None:
    page = "---\ntitle: About the Local Offer\nnav_order: 1\n---\n" + body
    code, err, root = build_with(tiny_site, "content/pages/about.md", page)
    assert_built_safely_or_refused_properly(code, err, root)


@settings(settings.get_profile(PROFILE))
@given(data=st.binary(max_size=400))
def test_any_bytes_as_a_whole_file(tiny_site: Path, data: bytes) -> None:
    root = Path(tempfile.gettempdir()) / f"sendsite-property-{os.getpid()}" / "site"
    shutil.rmtree(root.parent, ignore_errors=True)
    shutil.copytree(tiny_site, root)
    (root / "content/services/portage.md").write_bytes(data)
    err = StringIO()
    with redirect_stderr(err), redirect_stdout(StringIO()):
        code = main(["build", str(root), "--date", BUILD_DATE])
    assert_built_safely_or_refused_properly(code, err.getvalue(), root)


TOKENS = [
    *"<>\"'=/&#:;()[]!*_`\\ \n\t-|{}",
    "javascript", "script", "onerror", "href", "src", "img", "a ", "svg", "iframe", "style",
    "&#x09;", "&#58;", "data:", "java\tscript:", "](", ")",
]  # fmt: skip
HTML_ISH = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


@settings(settings.get_profile(PROFILE), max_examples=300 if PROFILE == "ci" else 5000)
@given(text=st.one_of(HTML_ISH, st.text(max_size=200)))
def test_markdown_never_makes_active_content(text: str) -> None:
    assert active_content(markdown_to_html(text)) == []
