"""The preview answers only for the site's own files and only to its own address (issue 22):
paths are checked before anything touches the disk, no redirect leaves the preview, Host must be
a loopback name, and the reload socket takes only the preview's own pages as its origin. Then
SIGTERM, 20 times, with and without an edit in flight."""

from __future__ import annotations

import asyncio
import http.client
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tests.test_serve import WAIT, Running, edit, write_site

pytestmark = pytest.mark.slow  # real servers


def request(running: Running, path: str, host: str | None = None) -> tuple[int, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", running.server.port, timeout=WAIT)
    headers = {"Host": host} if host is not None else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    found = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, found


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    server = Running(write_site(tmp_path / "site"))
    yield server
    server.stop()


@pytest.fixture
def at_root(tmp_path: Path) -> Iterator[Running]:
    """A site whose base_url is at '/', where '//name' would be a protocol-relative address."""
    root = write_site(tmp_path / "site")
    config = root / "site.yaml"
    config.write_text(
        config.read_text().replace("https://example.org/testshire/", "https://example.org/")
    )
    server = Running(root)
    yield server
    server.stop()


@pytest.mark.parametrize(
    "path",
    [
        "/testshire//etc",
        "/testshire//etc/passwd",
        "/testshire//tmp",
        "/testshire//no-such-folder-anywhere",
        "/testshire/../../../../etc/passwd",
        "/testshire/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/testshire/services/..%2f..%2f..%2fetc/passwd",
        "/testshire/%2fetc",
        "/testshire/services/./portage/",
        "/testshire/services\\..\\..\\etc",
        "/testshire/services//portage/",
    ],
)
def test_paths_outside_the_site_are_not_found_whether_or_not_they_exist(
    running: Running, path: str
) -> None:
    status, headers = request(running, path)
    assert status == 404
    assert "location" not in headers


def test_a_folder_of_the_site_still_redirects_to_its_page(running: Running) -> None:
    status, headers = request(running, "/testshire/services")
    assert status == 302 and headers["location"] == "/testshire/services/"


@pytest.mark.parametrize("path", ["//tmp", "//example.org", "//example.org/", "/\\example.org"])
def test_no_redirect_leaves_the_preview(at_root: Running, path: str) -> None:
    status, headers = request(at_root, path)
    assert status == 404
    assert "location" not in headers


def test_a_link_out_of_the_output_is_not_followed(running: Running, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the preview")
    (running.server.output / "leak.txt").symlink_to(secret)
    assert request(running, "/testshire/leak.txt")[0] == 404


@pytest.mark.parametrize(
    ("host", "status"),
    [
        (None, 200),
        ("localhost", 200),
        ("[::1]", 200),
        ("127.0.0.2", 200),
        ("attacker.example", 403),
        ("attacker.example:{port}", 403),
        ("192.168.1.10", 403),
        ("localhost.attacker.example", 403),
    ],
)
def test_only_a_loopback_host_is_answered(running: Running, host: str | None, status: int) -> None:
    port = running.server.port
    named = None if host is None else host.format(port=port)
    if named is not None and ":" not in named.strip("[]").split("]")[-1]:
        named = f"{named}:{port}"
    assert request(running, "/testshire/", named)[0] == status


def connect_socket(running: Running, origin: str | None) -> bool:
    port = running.server.port
    headers = {"Origin": origin} if origin is not None else {}

    async def attempt() -> bool:
        try:
            ws = await websocket_connect(
                HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers=headers)
            )
        except HTTPClientError as error:
            assert error.code == 403
            return False
        ws.close()
        return True

    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(asyncio.wait_for(attempt(), WAIT))
    finally:
        loop.close()


def test_the_reload_socket_takes_only_the_previews_own_pages(running: Running) -> None:
    port = running.server.port
    assert connect_socket(running, f"http://127.0.0.1:{port}")
    assert connect_socket(running, None)  # not a browser page: nothing to read drafts into
    assert not connect_socket(running, "http://attacker.example")
    assert not connect_socket(running, f"http://attacker.example:{port}")
    assert not connect_socket(running, "null")


def test_sigterm_stops_the_preview_every_time(tmp_path: Path) -> None:
    """20 tries, every other one with an edit just made (a rebuild in flight)."""
    root = write_site(tmp_path / "site")
    service = root / "content/services/portage.md"
    stopped_late = []
    for attempt in range(20):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = subprocess.Popen(
            [sys.executable, "-m", "sendsite", "serve", str(root), "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("Serving"):
                break
        if attempt % 2:
            edit(service, "every two weeks", f"every two weeks ({attempt})")
        process.send_signal(signal.SIGTERM)
        try:
            rest, _ = process.communicate(timeout=2)  # the limit
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            stopped_late.append(attempt)
            continue
        assert process.returncode == 0, rest
        assert "Traceback" not in rest
    assert stopped_late == []
