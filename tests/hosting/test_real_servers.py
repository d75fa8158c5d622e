"""The built example site, and a site made by `sendsite new`, served by Debian's real nginx and
Apache with the configuration the build wrote: every page answers 200 with the headers, an
address without its trailing slash is redirected, a missing page is the 404 page with status
404, static files are kept for a year, open data is JSON any origin may read, and headless
Chromium loads the home page, a service, a search with results and a plan with the
Content-Security-Policy enforced and no violation of it."""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

from sendsite.check.feedcheck import check_feed
from sendsite.cli import main
from sendsite.commands.feed_check import http_reader
from sendsite.publish.hosting.policy import admin_content_security_policy
from tests.browser.a11y_support import BUILD_DATE, CHROMIUM, CHROMIUM_ARGS, REPO
from tests.hosting import servers

pytestmark = pytest.mark.slow

SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


@dataclass
class Served:
    origin: str  # http://127.0.0.1:PORT
    base_path: str  # '/dorset-send/'
    output: Path
    pages: dict[str, str]  # what -> site-relative address, for the browser

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """One request, redirects not followed; header names in lower case."""
        parts = urlsplit(self.origin)
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers, response.read()
        finally:
            connection.close()


def _build(site: Path, www: Path, base_path: str) -> Path:
    output = www / base_path.strip("/")
    assert main(["build", str(site), "-o", str(output), "--date", BUILD_DATE]) == 0
    return output


def _starter(tmp: Path) -> Path:
    site = tmp / "wessex-local-offer"
    assert (
        main(
            [
                "new",
                str(site),
                "--area",
                "Wessex",
                "--base-url",
                "https://wessex.example.org/local-offer/",
                "--date",
                BUILD_DATE,
            ]
        )
        == 0
    )
    yaml = site / "site.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "\nhost: github-pages" in text
    yaml.write_text(text.replace("\nhost: github-pages", "\nhost: [nginx, apache]"), "utf-8")
    return site


SITES: dict[str, tuple[str, dict[str, str]]] = {
    "example": (
        "/dorset-send/",
        {
            "home": "",
            "service": "services/portage/",
            "search": "services/?q=swimming",
            "plan": "plans/send-improvement-plan-2024/",
        },
    ),
    "starter": (
        "/local-offer/",
        {
            "home": "",
            "service": "services/example-portage/",
            "search": "services/?q=play",
            "plan": "plans/example-improvement-plan/",
        },
    ),
}


@pytest.fixture(scope="module", params=["example", "starter"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str, dict[str, str]]]:
    base_path, pages = SITES[request.param]
    site = REPO if request.param == "example" else _starter(tmp_path_factory.mktemp("new"))
    with servers.readable_folder() as www:
        yield _build(site, www, base_path), base_path, pages


@pytest.fixture(scope="module", params=["nginx", "apache"])
def served(
    request: pytest.FixtureRequest, built: tuple[Path, str, dict[str, str]]
) -> Iterator[Served]:
    output, base_path, pages = built
    www = output.parent  # the server's root holds the site at its one-folder sub-path
    if request.param == "nginx":
        running = servers.nginx(www, output / ".hosting" / "nginx.conf")
    else:
        running = servers.apache(www)
    with running as origin:
        yield Served(origin, base_path, output, pages)


def _address(served: Served, page: Path) -> str:
    relative = page.relative_to(served.output).as_posix()
    return served.base_path + relative.removesuffix("index.html")


def _has_security_headers(headers: dict[str, str]) -> None:
    for name in SECURITY_HEADERS:
        assert name in headers, f"no {name} header"
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_every_page_answers_200_with_the_headers_and_is_revalidated(served: Served) -> None:
    pages = [p for p in sorted(served.output.rglob("*.html")) if p.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        address = _address(served, page)
        status, headers, body = served.get(address)
        assert status == 200, address
        assert body == page.read_bytes(), address
        assert headers["content-type"].startswith("text/html"), address
        assert headers["cache-control"] == "no-cache", address
        _has_security_headers(headers)


def test_an_address_without_its_trailing_slash_is_redirected_to_it(served: Served) -> None:
    status, headers, _ = served.get(served.base_path + "services")
    assert status == 301
    assert headers["location"].endswith(served.base_path + "services/")


def test_a_missing_page_is_the_404_page_with_status_404(served: Served) -> None:
    not_found = (served.output / "404.html").read_bytes()
    for address in ("no-such-page/", "services/no-such-service/", "no-such-file.pdf", ".hosting/"):
        status, headers, body = served.get(served.base_path + address)
        assert status == 404, address
        assert body == not_found, address
        _has_security_headers(headers)


def test_static_files_are_fingerprinted_and_kept_for_a_year(served: Served) -> None:
    files = sorted((served.output / "static").iterdir())
    assert files
    for file in files:
        assert len(file.name.split(".")) == 3, f"{file.name} has no fingerprint"
        status, headers, body = served.get(served.base_path + "static/" + file.name)
        assert status == 200
        assert body == file.read_bytes()
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        _has_security_headers(headers)


def test_open_referral_files_are_json_that_any_website_may_read(served: Served) -> None:
    for name in ("openreferral/index.json", "openreferral/services.json"):
        status, headers, _ = served.get(served.base_path + name)
        assert status == 200, name
        assert headers["content-type"].startswith("application/json")
        assert headers["access-control-allow-origin"] == "*"
        assert headers["cache-control"] == "no-cache"


def test_the_open_referral_api_answers_as_the_validator_asks(
    served: Served, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sendsite feed-check` against the hosted feed: every required and optional endpoint, every
    record read, with JSON, CORS and valid content."""
    base = served.origin + served.base_path + "openreferral"
    capsys.readouterr()
    code = main(["feed-check", base, "--all"])
    out = capsys.readouterr().out
    assert code == 0, out
    table = [line for line in out.splitlines() if "GET /" in line]
    assert len(table) == 11, out
    # An empty list (the starter has no locations) leaves no record to ask for.
    assert all(line.startswith(("passed ", "not asked ")) for line in table), out
    assert "Every endpoint answers with valid JSON" in out
    report = check_feed(http_reader(base), every_record=True)
    assert report.findings == []
    listed = read_services(served.output)
    assert report.listed["/services"] == len(listed) > 0


def read_services(output: Path) -> list[str]:
    import json

    first = json.loads((output / "openreferral/services.json").read_text(encoding="utf-8"))
    return [c["id"] for c in first["contents"]]


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A site of 121 services (three pages of each list of services), hosted at /tiny/."""
    import textwrap

    from tests.conftest import TINY_SITE

    site = tmp_path_factory.mktemp("paged") / "site"
    files = dict(TINY_SITE)
    yaml = textwrap.dedent(files["site.yaml"])
    files["site.yaml"] = yaml.replace("https://example.org/\n", "https://example.org/tiny/\n", 1)
    files["site.yaml"] += "host: [nginx, apache]\n"
    for n in range(120):
        files[f"content/services/club-{n:03d}.yaml"] = f"""\
            name: Club {n:03d}
            organisation: testshire-council
            summary: A club.
            categories: [health]
            needs: all
            ages: {{min: 5, max: 10}}
            areas: all
            last_reviewed: 2026-10-01
            locations: [{{name: Hall {n}, postcode: TE1 1ST}}]
            """
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(textwrap.dedent(text), encoding="utf-8")
    with servers.readable_folder() as www:
        yield _build(site, www, "/tiny/")


@pytest.mark.parametrize("server", ["nginx", "apache"])
def test_every_page_of_a_list_answers_at_its_page_number(paged: Path, server: str) -> None:
    www = paged.parent
    running = (
        servers.nginx(www, paged / ".hosting" / "nginx.conf")
        if server == "nginx"
        else servers.apache(www)
    )
    with running as origin:
        base = origin + "/tiny/openreferral"
        report = check_feed(http_reader(base), every_record=True)
        assert [str(f) for f in report.findings] == []
        assert report.listed["/services"] == report.totals["/services"] == 121
        assert report.listed["/service_at_locations"] == 120
        assert "/services?page=2" in report.requests and "/services?page=3" in report.requests
        answer = http_reader(base)("/services?page=4")
        assert answer.status == 404  # past the last page: not page 1 again


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as running:
        browser = running.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def test_chromium_loads_pages_with_the_policy_enforced_and_no_violation(
    served: Served, chromium: Browser
) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    failed: list[str] = []
    # The browser asks the host's root for /favicon.ico by itself; the theme names no icon.
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    try:
        for what, relative in served.pages.items():
            response = page.goto(served.origin + served.base_path + relative)
            assert response is not None and response.status == 200, what
            assert "script-src 'self'" in response.headers["content-security-policy"]
            page.wait_for_load_state("networkidle")
            if what == "search":
                results = page.locator("#search-results .card")
                results.first.wait_for()
                assert results.count() > 0
            # The styles and scripts came from the site's own files and were applied.
            assert page.evaluate("getComputedStyle(document.body).margin") != "8px", what
            violations: list[Any] = page.evaluate("window.__violations")
            assert violations == [], f"{what}: {violations}"
        assert failed == []
        problems = [
            line
            for line in console
            if line.startswith(("error", "pageerror")) and "favicon.ico" not in line
        ]
        assert len(problems) <= len(served.pages), problems  # one favicon.ico 404 a page at most
        assert not [line for line in problems if "Failed to load resource" not in line], problems
        # The policy is really enforced: a style written into the page is refused.
        page.evaluate(
            "() => { const s = document.createElement('style'); s.textContent = 'body{color:red}';"
            " document.head.append(s); }"
        )
        page.wait_for_function("window.__violations.length > 0")
        assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    finally:
        context.close()


# --- the browser editor at admin/: its own, narrower policy on every server ---------------------


@pytest.fixture(scope="module", params=["nginx", "apache"])
def editor_served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    site = tmp_path_factory.mktemp("editor") / "dorset"
    site.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, site / name)
    (site / "site.yaml").write_text(
        (REPO / "site.yaml").read_text(encoding="utf-8")
        + "editor:\n  backend: github\n  repo: dorset-council/local-offer\n"
        "  script: self-hosted\n",
        encoding="utf-8",
    )
    with servers.readable_folder() as www:
        output = _build(site, www, "/dorset-send/")
        running = (
            servers.nginx(www, output / ".hosting" / "nginx.conf")
            if request.param == "nginx"
            else servers.apache(www)
        )
        with running as origin:
            yield Served(origin, "/dorset-send/", output, {})


def _policies(served: Served, path: str) -> list[str]:
    parts = urlsplit(served.origin)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, path
        return [v for n, v in response.getheaders() if n.lower() == "content-security-policy"]
    finally:
        connection.close()


def test_the_editor_has_its_own_policy_and_the_pages_keep_theirs(editor_served: Served) -> None:
    assert _policies(editor_served, "/dorset-send/admin/") == [admin_content_security_policy()]
    assert _policies(editor_served, "/dorset-send/admin/config.yml") == [
        admin_content_security_policy()
    ]
    for page in ("/dorset-send/", "/dorset-send/services/portage/"):
        (policy,) = _policies(editor_served, page)
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "unpkg.com" not in policy


def test_the_editor_starts_in_chromium_with_its_policy_enforced(
    editor_served: Served, chromium: Browser
) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    try:
        response = page.goto(editor_served.origin + "/dorset-send/admin/")
        assert response is not None and response.status == 200
        page.get_by_role("button", name="Login with GitHub").wait_for(timeout=30_000)
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()
