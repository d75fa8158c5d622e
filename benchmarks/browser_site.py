"""A generated site, built, served on a free loopback port and opened in Debian's Chromium:
what the benchmarks that time the directory in a real browser share.

    with generated_site_in_chromium(4000, "sendsite-search-") as (address, browser):
        page = browser.new_page(...)
        page.goto(f"{address}services/")
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from benchmarks.make_site import make_site
from sendsite.cli import main as sendsite
from tests.browser.a11y_support import CHROMIUM_ARGS, serve

SUB_PATH = "bench-send"  # the path part of make_site's base_url


@contextmanager
def generated_site_in_chromium(services: int, prefix: str) -> Iterator[tuple[str, Browser]]:
    """Yields the site's address (http://127.0.0.1:PORT/bench-send/) and a headless Chromium;
    the site's files, the server and the browser are gone afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        root = make_site(Path(tmp) / "site", services)
        www = Path(tmp) / "www"
        code = sendsite(
            ["build", str(root), "-o", str(www / SUB_PATH), "--date", dt.date.today().isoformat()]
        )
        if code != 0:
            raise SystemExit("the generated site did not build")
        with serve(www) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            try:
                yield f"{origin}/{SUB_PATH}/", browser
            finally:
                browser.close()
