"""Real-browser tests: the Dorset example site, built once, served on 127.0.0.1 under its
sub-path (/dorset-send/) and driven by Debian's Chromium through Playwright.

A missing Chromium fails these tests with a plain message: a skipped browser test would hide
that search and filters were never checked.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright

from benchmarks.make_site import make_site
from sendsite import model
from sendsite.cli import main
from sendsite.publish.pipeline import load_site
from tests.browser.a11y_support import (
    AXE_TAGS,
    BUILD_DATE,
    CHROMIUM_ARGS,
    REPO,
    SUB_PATH,
    ServedSite,
    serve,
)


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Chromium is not installed, so the browser tests cannot run. "
        "Install it with: apt-get install -y chromium (CI's .ci/run does this).",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser") / "www"
    output = root / SUB_PATH.strip("/")
    assert main(["build", str(REPO), "-o", str(output), "--date", BUILD_DATE]) == 0
    return root


COUNCIL_SERVICES = 4000  # a large county's Local Offer
COUNCIL_SUB_PATH = "/bench-send/"  # the path part of benchmarks/make_site.py's base_url


@pytest.fixture(scope="session")
def council_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 4,000-service site benchmarks/make_site.py writes: the same files every time."""
    return make_site(tmp_path_factory.mktemp("council") / "site", services=COUNCIL_SERVICES)


@pytest.fixture(scope="session")
def council_site(council_source: Path) -> Iterator[ServedSite]:
    """The 4,000-service site built once a test session (about 10,000 pages) and served."""
    root = council_source.parent / "www"
    output = root / COUNCIL_SUB_PATH.strip("/")
    assert main(["build", str(council_source), "-o", str(output), "--date", BUILD_DATE]) == 0
    with serve(root) as origin:
        yield ServedSite(root, origin, COUNCIL_SUB_PATH)


BENCH_SERVICES = 60  # enough for every venue fact and district, small enough to build in seconds


@pytest.fixture(scope="session")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, model.Site]]:
    """A small generated site (benchmarks/make_site.py), built and served: its address
    (http://127.0.0.1:PORT/bench-send/) and its model, which tests take expected answers from."""
    folder = make_site(tmp_path_factory.mktemp("bench") / "site", services=BENCH_SERVICES)
    root = folder.parent / "www"
    out = root / COUNCIL_SUB_PATH.strip("/")
    assert main(["build", str(folder), "-o", str(out), "--date", BUILD_DATE]) == 0
    with serve(root) as origin:
        yield f"{origin}{COUNCIL_SUB_PATH}", load_site(folder, dt.date.fromisoformat(BUILD_DATE))


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/dorset-send/ on a free port, serving the built example site."""
    with serve(built_site) as origin:
        yield f"{origin}{SUB_PATH}"


# Package scope: Playwright's sync API keeps an event loop running in this thread while it is
# open, which would stop later tests (the live preview's) from running their own.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


PHONE: ViewportSize = {"width": 390, "height": 844}
SMALL_PHONE: ViewportSize = {
    "width": 375,
    "height": 812,
}  # the narrowest phone screen we design for


def new_page(
    browser: Browser, *, javascript: bool, viewport: ViewportSize = PHONE, **options: Any
) -> Iterator[Page]:
    """A page in a browser context of its own, closed after the test; `options` are more of
    Playwright's new_context options (a geolocation and its permission, say)."""
    # A phone-sized window by default: families mostly use the directory on phones.
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    yield from new_page(browser, javascript=True)


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    yield from new_page(browser, javascript=False)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    yield from new_page(browser, javascript=True, viewport=SMALL_PHONE)


@pytest.fixture
def phone_without_js(browser: Browser) -> Iterator[Page]:
    yield from new_page(browser, javascript=False, viewport=SMALL_PHONE)


AXE = REPO / "node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(
            "axe-core is not installed, so pages cannot be checked for accessibility. "
            "Install it with: npm ci (CI's .ci/run does this).",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page, axe_source: str) -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now, one line each."""
    # Evaluated rather than added as a <script>, so it also runs where the page's own
    # JavaScript is switched off.
    results = page.evaluate(
        "async () => {\n"
        + axe_source
        + """
        ;return await axe.run(document, {runOnly: {type: "tag",
             values: tags}});
        }""".replace("tags}}", json.dumps(AXE_TAGS) + "}}")
    )
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in results["violations"]
    ]
