"""The site `sendsite new` writes, built with --strict and served under its sub-path: no page
of it has an axe-core WCAG 2.2 A/AA violation, and each works without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendsite.cli import main
from tests.browser.a11y_support import (  # noqa: F401  (fixtures)
    BUILD_DATE,
    a11y_browser,
    axe_source,
    describe_violations,
    run_axe,
    serve,
)

SUB_PATH = "/local-offer/"


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    root = tmp_path_factory.mktemp("starter")
    site = root / "wessex-local-offer"
    base_url = "https://wessex.example.org" + SUB_PATH
    assert main(["new", str(site), "--base-url", base_url, "--date", BUILD_DATE]) == 0
    www = root / "www"
    output = www / SUB_PATH.strip("/")
    assert main(["build", str(site), "--strict", "-o", str(output), "--date", BUILD_DATE]) == 0
    pages = sorted(
        p.relative_to(output).as_posix().removesuffix("index.html") for p in output.rglob("*.html")
    )
    with serve(www) as origin:
        yield origin + SUB_PATH, pages


def test_every_page_of_the_starter_has_no_axe_violations(
    a11y_browser: Any,  # noqa: F811
    axe_source: str,  # noqa: F811
    starter_site: tuple[str, list[str]],
) -> None:
    base, pages = starter_site
    assert len(pages) > 20
    # The starter is for GitHub Pages, so its pages carry the Content-Security-Policy in a
    # <meta> element, which would refuse axe-core's script; the policy is checked on its own
    # in tests/hosting/test_real_servers.py.
    context = a11y_browser.new_context(viewport={"width": 375, "height": 800}, bypass_csp=True)
    try:
        tab = context.new_page()
        found = {}
        for relative in pages:
            response = tab.goto(base + relative)
            assert response is not None and response.status == 200, relative
            violations = run_axe(tab, axe_source)
            if violations:
                found[relative] = describe_violations(violations)
        assert not found, "\n".join(f"{page}:\n{text}" for page, text in found.items())
        tab.goto(base)
        Path(__file__).resolve().parents[2].joinpath("screenshots").mkdir(exist_ok=True)
        tab.screenshot(
            path=str(Path(__file__).resolve().parents[2] / "screenshots/starter-home-375.png"),
            full_page=True,
        )
    finally:
        context.close()


def test_the_starter_works_without_javascript(
    a11y_browser: Any,  # noqa: F811
    starter_site: tuple[str, list[str]],
) -> None:
    base, pages = starter_site
    context = a11y_browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        for relative in pages:
            tab.goto(base + relative)
            assert tab.locator("main h1").count() == 1, relative
    finally:
        context.close()
