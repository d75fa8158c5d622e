"""Time `sendsite build` after one edit with the cache kept, on the 4,000-service site: a news
item's text (no searchable text changes) and a service's description, in turn.

    python benchmarks/edit_speed.py [--services 4000] [--runs 3] [--work /dev/shm/sendsite-edits]
        [--profile]

One cold build first (untimed), then RUNS pairs of edits, each built in its own
`python -m sendsite build` process (start-up included); prints each time and the medians.
--profile then builds once more after each kind of edit under cProfile (WORK/news.prof,
WORK/service.prof). The output is not compared with a cold build's here: build_speed.py does
that, and tests/test_build_memory.py after every kind of edit.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.build_speed import build_command, edit, edit_unsearched, environment  # noqa: E402
from benchmarks.make_site import make_site  # noqa: E402


def timed_build(site: Path, out: Path, cache: Path, profile: Path | None = None) -> float:
    command = build_command(site, out)
    if profile is not None:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, env=environment(cache))
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout.decode()}{done.stderr.decode()}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--services", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/sendsite-edits"))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    site, out, cache = args.work / "site", args.work / "out", args.work / "cache"
    if not site.exists():
        make_site(site, services=args.services)
    print(f"first build {timed_build(site, out, cache):.2f} s", flush=True)
    # Each run edits other files than the last one's (edit_unsearched takes run % 3).
    first = int(time.time()) % 997
    news: list[float] = []
    service: list[float] = []
    for run in range(first, first + args.runs):
        edit_unsearched(site, run)
        news.append(timed_build(site, out, cache))
        edit(site, 7 + 11 * run % args.services, run)
        service.append(timed_build(site, out, cache))
        print(f"news edit {news[-1]:.2f} s, service edit {service[-1]:.2f} s", flush=True)
    print(f"news edit: median {statistics.median(news):.2f} s (n={args.runs})")
    print(f"service edit: median {statistics.median(service):.2f} s (n={args.runs})")
    if args.profile:
        edit_unsearched(site, first + args.runs)
        timed_build(site, out, cache, args.work / "news.prof")
        edit(site, 123, first + args.runs)
        timed_build(site, out, cache, args.work / "service.prof")
    return 0


if __name__ == "__main__":
    sys.exit(main())
