"""How the directory and its search index scale: build the example site with N extra services.

    python benchmarks/directory_scale.py [N] [RUNS]

Copies the example site to a temporary folder, adds N generated services spread over every
category, need, area and age, builds RUNS times and prints the median build time, the median
time Pagefind takes inside it, the number of pages and the largest page written.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from sendsite.publish import build as build_module
from sendsite.publish import search_index

REPO = Path(__file__).resolve().parent.parent


def add_services(site: Path, count: int) -> None:
    taxonomy = yaml.safe_load((site / "content/taxonomy.yaml").read_text(encoding="utf-8"))
    categories = [t["id"] for t in taxonomy["categories"]]
    needs = [t["id"] for t in taxonomy["needs"]]
    areas = [t["id"] for t in taxonomy["areas"]]
    for n in range(count):
        low = n % 20
        text = f"""---
name: Generated service {n:05d}
organisation: dorset-council
summary: A generated service number {n} for measuring how the directory scales.
categories: [{categories[n % len(categories)]}]
needs: [{needs[n % len(needs)]}, {needs[(n * 7 + 3) % len(needs)]}]
ages: {{min: {low}, max: {min(25, low + 1 + n % 9)}}}
areas: [{areas[n % len(areas)]}]
last_reviewed: 2026-09-01
---
Generated description {n} with some words about play, school, speech and families.
"""
        (site / f"content/services/generated-{n:05d}.md").write_text(text, encoding="utf-8")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        shutil.copytree(REPO / "content", site / "content")
        shutil.copy(REPO / "site.yaml", site / "site.yaml")
        add_services(site, count)
        pagefind_times: list[float] = []
        # Pagefind runs beside the rest of the build (search_index.RunningIndex): its time is
        # from its start to the end of the wait for it.
        real_start, real_wait = search_index.RunningIndex.__init__, search_index.RunningIndex.wait
        started: list[float] = []

        def timed_start(self: search_index.RunningIndex, *args: Any) -> None:
            started.append(time.perf_counter())
            real_start(self, *args)

        def timed_wait(self: search_index.RunningIndex) -> None:
            real_wait(self)
            if started:
                pagefind_times.append(time.perf_counter() - started.pop())

        search_index.RunningIndex.__init__ = timed_start  # type: ignore[method-assign,assignment]
        search_index.RunningIndex.wait = timed_wait  # type: ignore[method-assign]
        totals = []
        result = None
        for _ in range(runs):
            result = build_module.build(site, dt.date(2026, 11, 23), Path(temp) / "out")
            totals.append(result.seconds)
        assert result is not None
        out = Path(temp) / "out"
        pages = sorted(out.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
        total, index = statistics.median(totals), statistics.median(pagefind_times)
        print(f"services: {len(result.site.services)} ({count} generated), runs: {runs}")
        print(f"pages: {result.pages}")
        print(
            f"median build: {total:.2f} s, of which Pagefind: {index:.2f} s ({index / total:.0%})"
        )
        for page in pages[:5]:
            print(f"large page: {page.relative_to(out)} ({page.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
