"""`sendsite serve`: a real server on a free port, edited files, the reload message, the error page."""

from __future__ import annotations

import asyncio
import datetime as dt
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from tornado.websocket import websocket_connect

from sendsite.cli import _parser, main
from sendsite.preview.address import is_loopback
from sendsite.preview.reload import Clients
from sendsite.preview.server import PreviewServer
from tests.conftest import TINY_SITE
from tests.soup import found

DATE = dt.date(2026, 11, 23)
WAIT = 30  # seconds: only a guard against hanging, never a measure of speed


def write_site(root: Path) -> Path:
    for name, text in TINY_SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = root / "site.yaml"
    config.write_text(
        config.read_text().replace("https://example.org/", "https://example.org/testshire/"),
        encoding="utf-8",
    )
    return root


class Running:
    """A preview server running in a thread, and a way to watch its rebuilds."""

    def __init__(self, root: Path, port: int = 0, run_checks: bool = False) -> None:
        self.root = root
        self.messages: list[str] = []
        # The checks' panel is tested on its own: its reloads would arrive at any moment.
        self.server = PreviewServer(
            root, DATE, "127.0.0.1", port, say=self.messages.append, run_checks=run_checks
        )
        self.rebuilds: list[Any] = []
        self.rebuilt = threading.Condition()
        self.server.on_rebuild = self._rebuilt
        self.server.open()
        self.thread = threading.Thread(target=self.server.serve, daemon=True)
        self.thread.start()
        assert self.server.ready.wait(WAIT)

    def _rebuilt(self, result: Any, told: int) -> None:
        with self.rebuilt:
            self.rebuilds.append((result, told))
            self.rebuilt.notify_all()

    def wait_for_rebuild(self, count: int) -> Any:
        with self.rebuilt:
            assert self.rebuilt.wait_for(lambda: len(self.rebuilds) >= count, WAIT)
            return self.rebuilds[count - 1][0]

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=WAIT)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        headers = {k.lower(): v for k, v in response.getheaders()}
        connection.close()
        return response.status, body, headers

    def stop(self) -> None:
        self.server.stop()
        self.thread.join(WAIT)
        self.server.close()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    running = Running(write_site(tmp_path / "site"))
    yield running
    running.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def h1(html: str) -> str:
    heading = BeautifulSoup(html, "html.parser").find("h1")
    assert heading is not None
    return " ".join(heading.get_text(" ").split())


class Tab:
    """A browser tab as the reload channel sees it: livereload's handshake, then messages."""

    def __init__(self, running: Running, page: str, loop: asyncio.AbstractEventLoop) -> None:
        self.running = running
        self.page = page
        self.loop = loop
        self.socket: Any = self.loop.run_until_complete(self._connect())

    async def _connect(self) -> Any:
        url = f"ws://127.0.0.1:{self.running.server.port}/livereload"
        ws = await websocket_connect(url)
        await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
        message = await ws.read_message()
        assert message is not None, "the reload socket closed"
        hello = json.loads(message)
        assert hello["command"] == "hello"
        page_url = f"http://127.0.0.1:{self.running.server.port}{self.page}"
        await ws.write_message(json.dumps({"command": "info", "url": page_url, "plugins": {}}))
        return ws

    def registered(self) -> bool:
        return self.page in self.running.server.clients.tabs.values()

    def next_message(self) -> dict[str, Any]:
        raw = self.loop.run_until_complete(self._read())
        assert raw is not None
        message: dict[str, Any] = json.loads(raw)
        return message

    async def _read(self) -> str | bytes | None:
        message: str | bytes | None = await asyncio.wait_for(self.socket.read_message(), WAIT)
        return message

    def close(self) -> None:
        self.socket.close()
        self.loop.run_until_complete(asyncio.sleep(0.01))


def eventually(condition: Callable[[], bool]) -> None:
    """Wait for something the server does in its own threads (a guard, not a speed check)."""
    pause = threading.Event()
    for _ in range(WAIT * 20):
        if condition():
            return
        pause.wait(0.05)
    raise AssertionError("the server never got there")


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    """One event loop for the test's tabs (the websocket client lives on it)."""
    tabs_loop = asyncio.new_event_loop()
    yield tabs_loop
    tabs_loop.close()


def open_tab(running: Running, page: str, loop: asyncio.AbstractEventLoop) -> Tab:
    tab = Tab(running, page, loop)
    eventually(tab.registered)
    return tab


# --- serving ---------------------------------------------------------------------------------------


def test_serves_the_site_at_its_sub_path_and_redirects_the_root(running: Running) -> None:
    status, body, _ = running.get("/testshire/services/portage/")
    assert status == 200
    assert h1(body) == "Portage"
    soup = BeautifulSoup(body, "html.parser")
    assert found(soup.find("link", rel="stylesheet"))["href"] == "/testshire/static/style.css"
    assert any("livereload.js" in (s.string or "") for s in soup.find_all("script"))
    status, _, headers = running.get("/")
    assert status == 302 and headers["location"] == "/testshire/"
    status, _, headers = running.get("/testshire/static/style.css")
    assert status == 200 and headers["content-type"].startswith("text/css")
    status, body, _ = running.get("/testshire/no-such-page/")
    assert status == 404 and "Page not found" in body
    assert running.server.url == f"http://127.0.0.1:{running.server.port}/testshire/"


def test_binds_to_loopback_by_default(running: Running) -> None:
    assert _parser().parse_args(["serve"]).host == "127.0.0.1"
    assert {s.getsockname()[0] for s in running.server.sockets} == {"127.0.0.1"}
    assert not any("Warning" in m for m in running.messages)


def test_a_busy_port_moves_to_the_next_free_one_and_says_so(tmp_path: Path) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    busy = blocker.getsockname()[1]
    try:
        running = Running(write_site(tmp_path / "site"), port=busy)
        try:
            assert running.server.port != busy
            assert f"Port {busy} is in use, so the preview uses port {running.server.port}." in (
                running.messages
            )
            assert running.get("/testshire/")[0] == 200
        finally:
            running.stop()
    finally:
        blocker.close()


# --- editing -----------------------------------------------------------------------------------------


def test_an_edit_rebuilds_the_page_and_reloads_the_tab_showing_it(
    running: Running, loop: asyncio.AbstractEventLoop
) -> None:
    tab = open_tab(running, "/testshire/services/portage/", loop)
    other = open_tab(running, "/testshire/news/revisit-outcome/", loop)
    try:
        edit(running.root / "content/services/portage.md", "name: Portage", "name: Portage visits")
        message = tab.next_message()
        assert message["command"] == "reload"
        assert message["path"] == "/testshire/services/portage/"
        result = running.wait_for_rebuild(1)
        assert result.sources == ["content/services/portage.md"]
        assert "services/portage/index.html" in result.written
        assert "news/revisit-outcome/index.html" not in result.written
        assert not result.everything
        status, body, _ = running.get("/testshire/services/portage/")
        assert status == 200 and h1(body) == "Portage visits"
        listing = BeautifulSoup(running.get("/testshire/services/")[1], "html.parser")
        assert listing.find("a", string="Portage visits") is not None
        assert other.registered()  # the news tab was not told to reload
        line = running.messages[-1]
        assert line.startswith("content/services/portage.md: rendered ")
        assert " s." in line
    finally:
        tab.close()
        other.close()


def test_a_mistake_shows_the_error_page_everywhere_then_recovers(
    running: Running, loop: asyncio.AbstractEventLoop
) -> None:
    service = running.root / "content/services/portage.md"
    served_page = running.server.output / "services/portage/index.html"
    before = served_page.read_bytes()
    tab = open_tab(running, "/testshire/news/revisit-outcome/", loop)
    try:
        edit(service, "organisation: testshire-council", "organisation: testshire-counci")
        assert tab.next_message()["command"] == "reload"
        result = running.wait_for_rebuild(1)
        assert result.errors
        for page in ("/testshire/services/portage/", "/testshire/news/revisit-outcome/", "/"):
            status, body, _ = running.get(page)
            assert status == 500
            soup = BeautifulSoup(body, "html.parser")
            assert found(soup.find("html"))["lang"] == "en-GB"
            assert found(soup.find("title")).get_text().startswith("The site has a mistake to fix")
            item = found(soup.find("li"))
            assert found(item.find(class_="where")).get_text() == "content/services/portage.md:3"
            assert "no organisation with the id 'testshire-counci'" in item.get_text()
            assert "How to fix it:" in item.get_text()
            assert soup.select_one('[role="alert"]') is not None
            assert any("livereload.js" in (s.string or "") for s in soup.find_all("script"))
        assert served_page.read_bytes() == before  # the last good page is kept
        assert any(
            m.startswith("content/services/portage.md:3: There is no organisation")
            for m in running.messages
        )

        edit(service, "organisation: testshire-counci", "organisation: testshire-council")
        edit(service, "name: Portage", "name: Portage fixed")
        assert tab.next_message()["command"] == "reload"
        eventually(
            lambda: (
                not running.server.errors
                and h1(running.get("/testshire/services/portage/")[1]) == "Portage fixed"
            )
        )
        status, body, _ = running.get("/testshire/services/portage/")
        assert status == 200 and h1(body) == "Portage fixed"
        assert "The mistake is fixed." in running.messages[-1]
    finally:
        tab.close()


def test_a_burst_of_changes_is_one_rebuild(running: Running) -> None:
    files = [
        running.root / "content/services/portage.md",
        running.root / "content/news/revisit-outcome.md",
    ]
    edit(files[0], "name: Portage", "name: Portage one")
    edit(files[1], "title: Revisit outcome published", "title: Revisit letter")
    result = running.server.rebuild(files)
    assert result.sources == ["content/news/revisit-outcome.md", "content/services/portage.md"]
    assert {"services/portage/index.html", "news/revisit-outcome/index.html"} <= set(result.written)


# --- in a real browser -------------------------------------------------------------------------------

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_a_browser_tab_reloads_to_the_edit_to_the_error_page_and_back(running: Running) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    service = running.root / "content/services/portage.md"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{running.server.port}/testshire/services/portage/")
            eventually(
                lambda: "/testshire/services/portage/" in running.server.clients.tabs.values()
            )

            edit(service, "name: Portage", "name: Portage visits")
            page.wait_for_function(
                "document.querySelector('h1').textContent.includes('Portage visits')",
                timeout=WAIT * 1000,
            )

            edit(service, "organisation: testshire-council", "organisation: nobody")
            page.wait_for_function(
                "document.querySelector('h1').textContent.includes('mistake to fix')",
                timeout=WAIT * 1000,
            )
            assert "content/services/portage.md:3" in page.inner_text(".where")
            if AXE.exists():
                page.add_script_tag(path=str(AXE))
                violations = page.evaluate(
                    "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', "
                    "'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})).violations"
                    ".map(v => v.id)"
                )
                assert violations == []

            eventually(
                lambda: "/testshire/services/portage/" in running.server.clients.tabs.values()
            )
            edit(service, "organisation: nobody", "organisation: testshire-council")
            page.wait_for_function(
                "document.querySelector('h1').textContent.includes('Portage visits')",
                timeout=WAIT * 1000,
            )
        finally:
            browser.close()


def test_a_site_that_starts_broken_is_served_as_the_error_page_until_fixed(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    edit(root / "site.yaml", "area: Testshire", "area:")
    running = Running(root)
    try:
        status, body, _ = running.get("/testshire/")
        assert status == 500
        assert (
            found(BeautifulSoup(body, "html.parser").find(class_="where")).get_text()
            == "site.yaml:3"
        )
        edit(root / "site.yaml", "area:", "area: Testshire")
        eventually(lambda: running.get("/testshire/")[0] == 200)
        assert h1(running.get("/testshire/services/portage/")[1]) == "Portage"
    finally:
        running.stop()


def test_a_broken_template_is_shown_then_the_fix_applies(running: Running) -> None:
    template = running.root / "templates/service.html"
    theme = Path(__file__).resolve().parent.parent / "sendsite/theme/templates/service.html"
    template.parent.mkdir()
    template.write_text(
        theme.read_text().replace("{% block content %}", "{% block content %}{{ oops }", 1)
    )
    eventually(lambda: running.get("/testshire/services/portage/")[0] == 500)
    where = found(BeautifulSoup(running.get("/testshire/")[1], "html.parser").find(class_="where"))
    assert where.get_text().startswith("templates/service.html:")
    template.write_text(
        theme.read_text().replace("{% block content %}", "{% block content %}<p>Local</p>", 1)
    )
    eventually(lambda: running.get("/testshire/services/portage/")[0] == 200)
    page = BeautifulSoup(running.get("/testshire/services/portage/")[1], "html.parser")
    assert page.find("p", string="Local") is not None


def test_only_loopback_addresses_count_as_private() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.10")


def test_misuse_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "missing")]) == 2
    assert "there is no folder" in capsys.readouterr().err
    assert main(["serve", str(tmp_path), "--port", "70000"]) == 2
    assert "is not a port number" in capsys.readouterr().err


def test_the_search_index_follows_the_pages(running: Running) -> None:
    """Pagefind runs in the background after the first build and after each rebuild."""

    def indexed_pages() -> int | None:
        status, body, _ = running.get("/testshire/pagefind/pagefind-entry.json")
        if status != 200:
            return None
        languages = json.loads(body)["languages"]
        return int(sum(language["page_count"] for language in languages.values()))

    eventually(lambda: indexed_pages() == 1)  # the tiny site has one service
    portage = running.root / "content/services/portage.md"
    second = portage.with_name("swimming.md")
    second.write_text(portage.read_text().replace("name: Portage", "name: Swimming"))
    running.wait_for_rebuild(1)
    eventually(lambda: indexed_pages() == 2)


def test_each_page_shows_the_checks_for_its_own_file(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site")
    edit(
        root / "content/services/portage.md",
        "last_reviewed: 2026-09-01",
        "last_reviewed: 2024-01-10",
    )
    running = Running(root, run_checks=True)
    try:

        def panel(path: str) -> Any:
            page = BeautifulSoup(running.get(path)[1], "html.parser")
            return page.find("aside", class_="sendsite-checks")

        def runs() -> int:
            return running.server.check_runs

        eventually(lambda: runs() >= 1)
        found = panel("/testshire/services/portage/")
        assert found is not None
        text = " ".join(found.get_text(" ").split())
        assert "content/services/portage.md" in text
        assert "due for review" in text
        assert found.find_previous_sibling() is None  # first in <body>, before the skip link
        assert panel("/testshire/news/revisit-outcome/") is None or (
            "content/services/portage.md"
            not in panel("/testshire/news/revisit-outcome/").get_text()
        )
        assert any(m.startswith("Checks: ") for m in running.messages)
        edit(
            root / "content/services/portage.md",
            "last_reviewed: 2024-01-10",
            "last_reviewed: 2026-09-01",
        )
        eventually(
            lambda: (
                runs() >= 2 and "due for review" not in str(panel("/testshire/services/portage/"))
            )
        )
    finally:
        running.stop()


class FakeTab:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def send_message(self, message: dict[str, Any]) -> None:
        self.messages.append(message)


def test_a_tab_that_connects_just_after_its_page_changed_is_told_to_reload() -> None:
    clients = Clients()
    clients.page_sent("/site/services/portage/")
    clients.reload({"/site/services/portage/"})  # before the tab's socket was open
    late, current = FakeTab(), FakeTab()
    clients.connect(late, "/site/services/portage/")  # type: ignore[arg-type]
    assert [m["command"] for m in late.messages] == ["reload"]
    clients.page_sent("/site/services/portage/index.html")  # the reloaded page
    clients.connect(current, "/site/services/portage/")  # type: ignore[arg-type]
    assert current.messages == []
    clients.page_sent("/site/")
    clients.reload(None)  # a change to every page
    clients.connect(FakeTab(), "/site/")  # type: ignore[arg-type]
    assert [m["command"] for m in next(iter(reversed(clients.tabs))).messages] == ["reload"]


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_an_idle_preview_and_removes_its_folder(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    # A signal can be delivered to any of the preview's threads; once the checks have run nothing
    # else wakes the web server's loop, so the loop itself must be woken by the signal.
    root = write_site(tmp_path / "site")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, "-m", "sendsite", "serve", str(root), "--port", str(port)]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
        start_new_session=True,  # so that a failed test can stop the preview's workers too
    )
    lines: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        if line.startswith("Checks:"):
            break
    else:
        pytest.fail(f"the preview stopped before its checks ran: {lines}")
    assert list(temporary.glob("sendsite-preview-*"))
    time.sleep(2)  # let the background work finish, so that nothing but the signal can wake it
    process.send_signal(stop_signal)
    try:
        rest, _ = process.communicate(timeout=WAIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{stop_signal.name} did not stop the idle preview")
    assert process.returncode == 0
    assert "Stopped." in rest
    assert "Traceback" not in "".join(lines) + rest
    assert not list(temporary.glob("sendsite-preview-*"))


def test_the_checks_panel_is_folded_must_fix_first_and_has_no_inline_styles() -> None:
    from sendsite.check.review import Advice
    from sendsite.errors import Origin
    from sendsite.preview.checks import PANEL_STYLESHEET_PATH, panel

    advice = [
        Advice(Origin("content/services/portage.md", 30), "long-sentence", "a long sentence"),
        Advice(Origin("content/services/portage.md", 9), "review", "it is due for review"),
        Advice(Origin("content/services/portage.md", 20), "acronym", "'CAMHS' is not explained"),
    ]
    html = BeautifulSoup(panel(advice, elsewhere=2).decode(), "html.parser")
    details = html.select_one("aside.sendsite-checks details")
    assert details is not None and not details.has_attr("open")  # one line until opened
    summary = " ".join(found(details.summary).get_text(" ").split())
    assert summary == (
        "Preview only: 3 things to check on this page (1 must fix, 1 should fix, 1 style)"
    )
    levels = [s.get_text() for s in details.select("li .sendsite-checks__level")]
    assert levels == ["must fix:", "should fix:", "style:"]
    assert not html.select("[style]") and not html.select("style, script")
    assert found(html.select_one("link[rel=stylesheet]"))["href"] == PANEL_STYLESHEET_PATH
