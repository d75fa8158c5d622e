"""Fixtures and helpers for the accessibility suite: the example site built and served on
127.0.0.1 under its sub-path, headless Chromium, axe-core and the Nu Html Checker.

The tools these tests need (chromium, node's packages, java) are installed by .ci/run. When one
is missing the tests fail with a message saying how to install it: a skipped accessibility test
would look like a pass.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD_DATE = "2026-11-23"
SUB_PATH = "/dorset-send/"  # the path part of the example site's base_url
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA, as axe-core tags them, and axe's best
# practices (one h1, headings in order, all content inside landmarks).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

# One page of every page type of the example site (every inspection, since each kind of
# inspection lays its page out differently).
PAGE_TYPES: dict[str, str] = {
    "home": "",
    "service list": "services/",
    "service": "services/portage/",
    "organisation list": "organisations/",
    "organisation": "organisations/dorset-council/",
    "inspection list": "inspections/",
    "inspection (2023 framework)": "inspections/2024-area-send-inspection/",
    "inspection (2016 framework)": "inspections/2017-initial-inspection/",
    "revisit": "inspections/2019-revisit/",
    "plan list": "plans/",
    "plan": "plans/send-improvement-plan-2024/",
    "news list": "news/",
    "news item": "news/2024-05-typically-positive-inspection/",
    "you said, we did": "you-said-we-did/",
    "glossary": "glossary/",
    "page": "about/",
    "accessibility statement": "accessibility/",
    "page not found": "404.html",
    "journey list": "where-do-i-start/",
    "journey (first question)": "where-do-i-start/i-think-my-child-may-have-send/",
    "journey (end step)": "where-do-i-start/i-think-my-child-may-have-send/early-years-setting/",
    "shortlist (empty)": "shortlist/",
    "venue or delivery list": "services/day/saturday/",
}


def require_file(path: Path, how: str) -> Path:
    if not path.is_file():
        pytest.fail(f"{path} is missing: {how}", pytrace=False)
    return path


def require_command(name: str, how: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"the command '{name}' is not installed: {how}", pytrace=False)
    return found


NPM_HINT = "run `npm ci --ignore-scripts` in the repository root (bash .ci/run does this)"


@dataclass
class ServedSite:
    """A site built into `root/SUB/` and served from `root` on 127.0.0.1 (the example site's
    SUB is dorset-send)."""

    root: Path
    origin: str  # http://127.0.0.1:PORT
    sub_path: str = SUB_PATH

    @property
    def folder(self) -> Path:
        return self.root / self.sub_path.strip("/")

    def url(self, relative: str) -> str:
        return f"{self.origin}{self.sub_path}{relative}"

    def html_files(self) -> list[Path]:
        return sorted(self.folder.rglob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yields http://127.0.0.1:PORT."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def a11y_site(built_site: Path, base_url: str) -> ServedSite:
    """The example site that tests/browser/conftest.py builds once and serves."""
    return ServedSite(built_site, base_url.removesuffix(SUB_PATH))


@pytest.fixture(scope="package")
def a11y_browser(browser: Any) -> Any:
    """The one Chromium of the browser tests: Playwright's sync API allows one per process."""
    return browser


@pytest.fixture(scope="session")
def axe_source() -> str:
    return require_file(AXE_SCRIPT, NPM_HINT).read_text(encoding="utf-8")


def run_axe(page: Any, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.x A and AA violations on the page as it is now."""
    page.add_script_tag(content=axe_source)
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def vnu_errors(files: list[Path], batch: int = 2000) -> list[str]:
    """The Nu Html Checker's errors in the files, one line each (path:line: message).

    One JVM a batch: a JVM a file would take minutes, and one for 10,000 files holds every
    file's results at once. The schema's recursion needs a thread stack larger than the 512 KB
    some JVMs give; 1 GB of heap is ample for a batch."""
    java = require_command("java", "install Java 17 (apt-get install -y default-jre-headless)")
    jar = require_file(VNU_JAR, NPM_HINT)
    errors: list[str] = []
    for start in range(0, len(files), batch):
        chunk = files[start : start + batch]
        result = subprocess.run(
            [java, "-Xss8m", "-Xmx1g", "-jar", str(jar), "--errors-only", "--format", "json"]
            + [str(f) for f in chunk],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        try:
            messages = json.loads(result.stderr)["messages"]
        except (ValueError, KeyError):
            pytest.fail(f"the Nu Html Checker did not answer: {result.stderr[-2000:]}")
        errors += [
            f"{m.get('url', '').removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages
            if m["type"] in ("error", "non-document-error")
        ]
        if not errors and result.returncode != 0:
            pytest.fail(f"the Nu Html Checker failed: {result.stderr[-2000:]}")
    return errors


def pdf_page_count(pdf: bytes) -> int:
    """Pages in a PDF made by Chromium: each page is a /Type /Page object (the tree is /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']}")
    return "\n".join(lines)
