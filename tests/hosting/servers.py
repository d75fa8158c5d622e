"""Debian's nginx and Apache, started on a free 127.0.0.1 port with a configuration made in a
temporary folder around the configuration a build wrote, and stopped after.

A missing server fails the test with the command that installs it: a skipped server test would
hide that the generated configuration was never served.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NGINX = Path("/usr/sbin/nginx")
APACHE = Path("/usr/sbin/apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")


def require(program: Path, package: str) -> Path:
    if not program.is_file():
        pytest.fail(
            f"{program} is missing, so the generated configuration cannot be served. "
            f"Install it with: apt-get install -y {package} (bash scripts/test does this).",
            pytrace=False,
        )
    return program


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            shown = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"the server stopped at once:\n{shown[-3000:]}", pytrace=False)
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    pytest.fail("the server did not start listening within 30 s", pytrace=False)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def readable_folder() -> Iterator[Path]:
    """A temporary folder that a server's worker (another user, when the tests run as root)
    may read: pytest's own temporary folders are private to the user running the tests."""
    folder = Path(tempfile.mkdtemp(prefix="sendsite-www-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def nginx(root: Path, snippet: Path) -> Iterator[str]:
    """nginx serving `root`, with the build's snippet included in its server block;
    yields http://127.0.0.1:PORT."""
    program = require(NGINX, "nginx")
    with tempfile.TemporaryDirectory(prefix="sendsite-nginx-") as work:
        prefix = Path(work)
        port = free_port()
        user = "user root;" if os.geteuid() == 0 else ""
        temps = "\n".join(
            f"  {kind}_temp_path {prefix / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = prefix / "nginx.conf"
        conf.write_text(
            textwrap.dedent(
                f"""\
                {user}
                daemon off;
                worker_processes 1;
                pid {prefix / "nginx.pid"};
                error_log {prefix / "error.log"} warn;
                events {{ worker_connections 64; }}
                http {{
                  include /etc/nginx/mime.types;
                  default_type application/octet-stream;
                  access_log off;
                """
            )
            + temps
            + textwrap.dedent(
                f"""
                  server {{
                    listen 127.0.0.1:{port};
                    server_name localhost;
                    root {root};
                    include {snippet};
                  }}
                }}
                """
            ),
            encoding="utf-8",
        )
        log = prefix / "error.log"
        checked = subprocess.run(
            [program, "-t", "-p", str(prefix), "-c", str(conf), "-e", str(log)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(
            [program, "-p", str(prefix), "-c", str(conf), "-e", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port, process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(process)


APACHE_MODULE_NAMES = (
    "mpm_event",
    "authz_core",
    "dir",
    "mime",
    "headers",
    "alias",
    "rewrite",
)


@contextlib.contextmanager
def apache(root: Path) -> Iterator[str]:
    """Apache httpd serving `root` with `AllowOverride FileInfo Indexes`, so the build's .htaccess
    applies; yields http://127.0.0.1:PORT."""
    program = require(APACHE, "apache2")
    with tempfile.TemporaryDirectory(prefix="sendsite-apache-") as work:
        prefix = Path(work)
        port = free_port()
        modules = "\n".join(
            f"LoadModule {name}_module {APACHE_MODULES / f'mod_{name}.so'}"
            for name in APACHE_MODULE_NAMES
        )
        user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
        conf = prefix / "httpd.conf"
        conf.write_text(
            f"""{modules}
ServerRoot {prefix}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {prefix / "httpd.pid"}
DefaultRuntimeDir {prefix}
Mutex file:{prefix} default
ErrorLog {prefix / "error.log"}
LogLevel warn
{user}TypesConfig /etc/mime.types
DocumentRoot {root}
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {root}>
    Options FollowSymLinks
    AllowOverride FileInfo Indexes
    Require all granted
</Directory>
""",
            encoding="utf-8",
        )
        log = prefix / "error.log"
        checked = subprocess.run(
            [program, "-t", "-f", str(conf)], capture_output=True, text=True, check=False
        )
        assert checked.returncode == 0, checked.stderr
        process = subprocess.Popen(
            [program, "-f", str(conf), "-DFOREGROUND"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port, process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            _stop(process)
