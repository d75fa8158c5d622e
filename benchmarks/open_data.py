"""How much the open data, Open Referral UK and discovery files add to a build at council scale.

Makes a site of N services (the Dorset example's taxonomy and organisations, services copied
from its own), then times, over several runs, the whole render stage and the part of it that
makes the non-HTML files. Prints medians and the share of the render stage.

    python benchmarks/open_data.py [N] [RUNS]
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sendsite.publish.pipeline import load_site, render_site
from sendsite.publish.plan import generated_files
from sendsite.render.routes import build_routes

REPO = Path(__file__).resolve().parent.parent


def make_site(folder: Path, count: int) -> None:
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copy(REPO / "site.yaml", folder / "site.yaml")
    services = folder / "content" / "services"
    originals = sorted(services.glob("*.md"))
    for n in range(count - len(originals)):
        source = originals[n % len(originals)]
        (services / f"{source.stem}-copy-{n}.md").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "site"
        make_site(folder, count)
        site = load_site(folder, dt.date(2026, 11, 23))
        routes = build_routes(site)
        render, generated = [], []
        for _ in range(runs):
            started = time.perf_counter()
            files = generated_files(site, routes)
            generated.append(time.perf_counter() - started)
            started = time.perf_counter()
            render_site(site, folder)
            render.append(time.perf_counter() - started)
    g, r = statistics.median(generated), statistics.median(render)
    print(f"services: {len(site.services)}, generated files: {len(files)}, runs: {runs}")
    print(f"median render stage (pages + generated files): {r:.3f} s")
    print(f"median generated files alone: {g:.3f} s ({g / r:.0%} of the render stage)")


if __name__ == "__main__":
    main()
