"""How long the live preview takes from saving one service file to the page being rebuilt.

    python benchmarks/serve_edit.py [--services 1000 4000] [--edits 7] [--no-checks]

For each size: generate a site (benchmarks/make_site.py), start the real preview server on a
free loopback port, open the reload channel as a browser tab showing one service's page, then
save that service's file again and again with a new name and a new sentence in its body. For
each save it records:

- page: until the service's rebuilt page is on disk with the new name and the reload message
  has reached the tab (what the issue's target is about);
- listing: until the pages listing the service (its organisation, the directory's listing pages)
  and the open data files are written too;
- checked: until the preview's checks have run again after the save (their panel of warnings is
  then up to date), with how many files' texts they checked again (check/memo.py).

The checks run as they do for an editor (`--no-checks` turns them off, to compare); the first
run after the first build checks every file, and its time is printed too.

Each save is made with the preview idle: the search index the preview remakes in the background
after every rebuild (Pagefind, at a low priority) has finished the previous save's run.

Medians are printed with the ratio to the peers' figures (hugo --watch 0.65 s,
eleventy --watch --incremental 2.2 s) and the growth from the first size to the last.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from tornado.websocket import websocket_connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_site import make_site, service_file, service_id
from sendsite.preview.server import PreviewServer

PEERS = {"hugo --watch": 0.65, "eleventy --watch --incremental": 2.2}
TARGET = 0.15  # issue 23: save to reload sent, with the checks on
SERVICE = 1234


def measure(services: int, edits: int, checks: bool = True) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="sendsite-bench-") as tmp:
        root = make_site(Path(tmp) / "site", services)
        number = SERVICE % services
        server = PreviewServer(
            root, dt.date(2026, 11, 23), "127.0.0.1", 0, say=lambda _: None, run_checks=checks
        )
        done = threading.Event()
        rendered: list[int] = []

        def rebuilt(result: Any, told: int) -> None:
            rendered.append(result.rendered)
            done.set()

        server.on_rebuild = rebuilt
        started = time.perf_counter()
        server.open()
        print(f"{services} services: first build {time.perf_counter() - started:.1f} s")
        if checks:
            with server.checked:
                server.checked.wait_for(lambda: server.check_runs >= 1, 600)
            print(
                f"{services} services: first checks of every file done "
                f"{time.perf_counter() - started:.1f} s after starting"
            )
        thread = threading.Thread(target=server.serve, daemon=True)
        thread.start()
        server.ready.wait(60)
        try:
            times = asyncio.run(_edits(server, root, number, edits, done, checks))
            counted = rendered[-edits:]
            print(f"{services} services: pages rendered per save: {counted}")
            if checks:
                print(f"{services} services: files checked again per save: {rechecked[-edits:]}")
            return times
        finally:
            server.stop()
            thread.join(30)
            server.close()


rechecked: list[int] = []


async def _edits(
    server: PreviewServer,
    root: Path,
    number: int,
    edits: int,
    done: threading.Event,
    checks: bool,
) -> dict[str, list[float]]:
    page_url = f"{server.site.base_path}services/{service_id(number)}/"
    ws: Any = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
    await ws.write_message(json.dumps({"command": "hello", "protocols": []}))
    await ws.read_message()
    await ws.write_message(json.dumps({"command": "info", "url": f"http://x{page_url}"}))
    while page_url not in server.clients.tabs.values():
        await asyncio.sleep(0.01)
    source = service_file(root, number)
    page = server.output / "services" / service_id(number) / "index.html"
    text = source.read_text(encoding="utf-8")
    # A page that lists the service: its organisation's page.
    organisation = text.split("organisation: ", 1)[1].split("\n", 1)[0].strip()
    listing = server.output / "organisations" / organisation / "index.html"
    times: dict[str, list[float]] = {"page": [], "listing": [], "checked": []}
    loop = asyncio.get_running_loop()
    for edit in range(edits + 1):  # the first edit warms caches and is not counted
        name = f"Edited name {edit}"
        done.clear()
        runs = server.check_runs
        saved = time.perf_counter()
        # The name (shown on listing pages) and a sentence of the body (read by the checks).
        source.write_text(
            text.replace("name: ", f"name: {name} ", 1) + f"\nChanged {edit} times.\n",
            encoding="utf-8",
        )
        while True:
            message = json.loads(await asyncio.wait_for(ws.read_message(), 60))
            if message["command"] == "reload" and name.encode() in page.read_bytes():
                break
        reloaded = time.perf_counter() - saved
        # Wait in a thread: polling here would take the interpreter lock from the rebuild.
        await loop.run_in_executor(None, done.wait, 120)
        assert name.encode() in listing.read_bytes()
        listed = time.perf_counter() - saved
        if checks:
            await loop.run_in_executor(None, _wait_for_checks, server, runs)
            rechecked.append(server.checks.memo.checked)
        if edit:
            times["page"].append(reloaded)
            times["listing"].append(listed)
            if checks:
                times["checked"].append(time.perf_counter() - saved)
        await loop.run_in_executor(None, server.search_index.wait_idle, 600)
        await asyncio.sleep(0.3)
    ws.close()
    return times


def _wait_for_checks(server: PreviewServer, runs: int) -> None:
    with server.checked:
        server.checked.wait_for(lambda: server.check_runs > runs, 600)
    server.checks.wait_idle(600)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--services", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--no-checks", action="store_true", help="turn the preview's checks off")
    args = parser.parse_args()
    medians: dict[int, dict[str, float]] = {}
    for count in args.services:
        times = measure(count, args.edits, checks=not args.no_checks)
        medians[count] = {k: statistics.median(v) for k, v in times.items() if v}
        m = medians[count]
        print(
            f"{count} services: save -> page on disk + reload sent: median {m['page']:.3f} s "
            f"(min {min(times['page']):.3f}, max {max(times['page']):.3f}); "
            f"all listing pages written: median {m['listing']:.3f} s"
            + (f"; checks run again: median {m['checked']:.3f} s" if "checked" in m else "")
        )
        for peer, seconds in PEERS.items():
            print(f"    {peer}: {seconds:.2f} s, ratio {m['page'] / seconds:.2f}")
        print(f"    target {TARGET:.2f} s: {'met' if m['page'] < TARGET else 'NOT met'}")
    if len(medians) > 1:
        first, last = args.services[0], args.services[-1]
        for key in medians[first]:
            print(
                f"growth {first} -> {last} services ({key}): "
                f"x{medians[last][key] / medians[first][key]:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
