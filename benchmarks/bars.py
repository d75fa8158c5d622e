"""Every build-speed bar of issue 23 in one run, beside the peers, with the ratios: one table.

    python benchmarks/bars.py [--runs 3] [--services 4000] [--memory-services 8000]
        [--pages 4000] [--edits 7] [--work /dev/shm/sendsite-bars]

In one run, on the same machine, one after another:

1. The peer corpus (../shared/peer-bench/peers.py, `--pages` pages of about 770 words): Hugo,
   Eleventy, sendsite cold (no cache) and sendsite with its cache kept between runs (a CI run
   that restores the cache into a fresh checkout), each `--runs` cold builds after a warm-up;
   and Python-Markdown alone converting the corpus in one process (peer-bench/baselines.py),
   the floor of a cold build that converts every text.
2. One edit on that corpus: one page's body changed, then sendsite (cache kept) and Hugo build
   again, `--runs` times, each edit on another page; every sendsite output is compared byte for
   byte with a cold build (a fresh cache) of the same sources.
3. The generated Local Offer site (benchmarks/make_site.py, `--services` services): cold, kept
   cache, nothing changed, one service's description edited (searchable text changes) and one
   news item edited (none does), with peak memory; every output but the cold ones compared
   byte for byte with a cold build (build_speed.measure). Pagefind's own time is measured alone,
   on the same output's indexed pages, for the bar of the searched edit.
4. Peak memory of a cold build at `--memory-services` services, for growth.
5. The live preview at `--services` services, checks on: save to reload sent
   (benchmarks/serve_edit.py), `--edits` saves.

Peers come from install_peers.sh (PEERS_DIR, default /tmp/peers); the peer kit is
../shared/peer-bench (PEER_BENCH). Outputs go on `--work` (use tmpfs). Each figure is a median;
a ratio compares figures of this run only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks import serve_edit  # noqa: E402
from benchmarks.build_speed import PEER_BENCH, measure, peak_of_one, snapshot  # noqa: E402
from benchmarks.make_site import make_site  # noqa: E402
from benchmarks.peer_site import lay_out  # noqa: E402
from sendsite.publish.search_index import asks_to_be_indexed, write_search_index  # noqa: E402

PEERS_DIR = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
EDIT_BAR = 1.5  # seconds: one edit with no searchable text, 4,000 services
COLD_BAR = 10.0  # seconds: cold, 4,000 services
MEMORY_BAR = 400  # MB at 4,000 services
PREVIEW_BAR = 0.15  # seconds: save to reload sent, checks on
EDIT_RATIO_BAR = 5.0  # one edit on the peer corpus, times faster than Hugo's


@dataclass
class Row:
    bar: str
    sendsite: str
    peer: str
    ratio: str
    met: bool

    def line(self) -> str:
        met = "yes" if self.met else "**no**"
        return f"| {self.bar} | {self.sendsite} | {self.peer} | {self.ratio} | {met} |"


def hugo_binary() -> Path:
    found = sorted(PEERS_DIR.glob("venv/lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        raise SystemExit(f"Hugo is not installed under {PEERS_DIR}: run install_peers.sh")
    return found[0]


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode(errors="replace")[-3000:]
        raise SystemExit(f"failed: {' '.join(command)}\n{output}")
    return seconds


def peer_cold(pages: int, runs: int, work: Path) -> dict[str, float]:
    """Median cold wall seconds of Hugo, Eleventy, sendsite cold, sendsite with a kept cache
    and Python-Markdown converting the corpus alone in one process."""
    script = HERE / "peer_site.py"
    kept = work / "peer-kept-cache"
    shutil.rmtree(kept, ignore_errors=True)
    results = work / "peers.json"
    argv = [sys.executable, str(PEER_BENCH / "peers.py"), "--pages", str(pages)]
    argv += ["--runs", str(runs), "--work", str(work / "peers"), "--peers", "hugo,eleventy"]
    argv += ["--json", str(results)]
    argv += ["--extra", f"sendsite={sys.executable} {script} {{src}} {{out}}"]
    argv += ["--extra", f"sendsite-kept={sys.executable} {script} {{src}} {{out}} --cache {kept}"]
    # The floor of a cold build: Python-Markdown (the owner's choice) converting the corpus alone.
    floor = PEER_BENCH / "baselines.py"
    argv += ["--extra", f"markdown-alone={sys.executable} {floor} markdown {{src}} {{out}}"]
    print("$", " ".join(argv), flush=True)
    if subprocess.run(argv, check=False).returncode != 0:
        raise SystemExit("the peer benchmark failed (see above)")
    found = json.loads(results.read_text(encoding="utf-8"))["results"]
    return {str(r["peer"]): float(r["wall_median"]) for r in found}


def peer_one_edit(pages: int, runs: int, work: Path) -> tuple[float, float, int]:
    """Median seconds of sendsite's (cache kept) and Hugo's build after the same one-page edit,
    and how many sendsite outputs equal a cold build's."""
    corpus = work / "peers" / f"corpus-{pages}"
    site, hugo_site = work / "edit-site", work / "edit-hugo"
    out, hugo_out, fresh_out = work / "edit-out", work / "edit-hugo-out", work / "edit-fresh"
    cache, fresh = work / "edit-cache", work / "edit-fresh-cache"
    for folder in (hugo_site, out, hugo_out, cache):
        shutil.rmtree(folder, ignore_errors=True)
    lay_out(corpus / "plain", site)
    shutil.copytree(corpus / "hugo", hugo_site)
    build = [sys.executable, "-m", "sendsite", "build", str(site), "--date", "2026-01-01", "-o"]
    hugo = [str(hugo_binary()), "--quiet", "-s", str(hugo_site), "-d", str(hugo_out)]
    kept_env = {**os.environ, "SENDSITE_CACHE_DIR": str(cache)}
    timed([*build, str(out)], kept_env)
    timed(hugo)
    names = sorted(p.name for p in (site / "content" / "pages" / "services").glob("*.md"))
    ours: list[float] = []
    theirs: list[float] = []
    equal = 0
    for run in range(runs):
        name = names[(run * 997) % len(names)]
        for file in (
            site / "content" / "pages" / "services" / name,
            hugo_site / "content" / "services" / name,
        ):
            file.write_text(file.read_text("utf-8") + f"\nEdited in run {run}.\n", "utf-8")
        ours.append(timed([*build, str(out)], kept_env))
        theirs.append(timed(hugo))
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(fresh_out, ignore_errors=True)
        timed([*build, str(fresh_out)], {**os.environ, "SENDSITE_CACHE_DIR": str(fresh)})
        equal += snapshot(out) == snapshot(fresh_out)
        print(f"  peer one edit {run + 1}: sendsite {ours[-1]:.2f} s, hugo {theirs[-1]:.2f} s")
    return statistics.median(ours), statistics.median(theirs), equal


def pagefind_alone(output: Path, runs: int, work: Path) -> float:
    """Median seconds Pagefind takes to index the output's indexed pages, as a build runs it."""
    pages = [
        p.relative_to(output).as_posix()
        for p in sorted(output.rglob("*.html"))
        if asks_to_be_indexed(p.read_bytes())
    ]
    times = []
    for _ in range(runs):
        folder = work / "pagefind-alone"
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(["cp", "-al", str(output), str(folder)], check=True)
        shutil.rmtree(folder / "pagefind", ignore_errors=True)
        started = time.perf_counter()
        write_search_index(folder, pages)
        times.append(time.perf_counter() - started)
        shutil.rmtree(folder)
    return statistics.median(times)


def site_memory(services: int, work: Path) -> int:
    """Peak MB of one cold build at this size (after an untimed warm-up build)."""
    site, out, cache = work / f"site-{services}", work / f"out-{services}", work / "mem-cache"
    shutil.rmtree(site, ignore_errors=True)
    make_site(site, services=services)
    peak = 0
    for _ in range(2):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        peak = peak_of_one(site, out, cache)[1]
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--services", type=int, default=4000)
    parser.add_argument("--memory-services", type=int, default=8000)
    parser.add_argument("--pages", type=int, default=4000, help="peer corpus size")
    parser.add_argument("--edits", type=int, default=7, help="preview saves")
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/sendsite-bars"))
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as build_speed.environment says
    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    size = args.services

    cold = peer_cold(args.pages, args.runs, work)
    ours, hugo_edit, peer_equal = peer_one_edit(args.pages, args.runs, work)
    times = measure(size, args.runs, work)  # raises when an output differs from a cold build's
    median = {kind: statistics.median(s for s, _ in found) for kind, found in times.items()}
    peak = max(m for found in times.values() for _, m in found)
    pagefind = pagefind_alone(work / f"out-{size}", args.runs, work)
    big = site_memory(args.memory_services, work)
    preview = serve_edit.measure(size, args.edits, checks=True)
    save = statistics.median(preview["page"])

    hugo, eleventy = cold["hugo"], cold["eleventy"]
    n = args.runs
    rows = [
        Row(
            f"peer corpus ({args.pages:,} pages), one edit, cache kept: 5x faster than Hugo",
            f"{ours:.2f} s",
            f"Hugo {hugo_edit:.2f} s",
            f"{hugo_edit / ours:.1f} (Hugo / sendsite)",
            hugo_edit / ours >= EDIT_RATIO_BAR,
        ),
        Row(
            "peer corpus, cold, no cache: as fast as Eleventy",
            f"{cold['sendsite']:.2f} s",
            f"Eleventy {eleventy:.2f} s; Python-Markdown alone, one core, "
            f"{cold['markdown-alone']:.2f} s ({cold['markdown-alone'] / 2:.2f} s split over 2)",
            f"{cold['sendsite'] / eleventy:.2f} of Eleventy's time",
            cold["sendsite"] <= eleventy,
        ),
        Row(
            "peer corpus, cold output with a kept cache: faster than Hugo cold",
            f"{cold['sendsite-kept']:.2f} s",
            f"Hugo {hugo:.2f} s",
            f"{cold['sendsite-kept'] / hugo:.2f} of Hugo's time",
            cold["sendsite-kept"] < hugo,
        ),
        Row(
            f"{size:,} services, one edit, no searchable text: under {EDIT_BAR} s",
            f"{median['one edit, unsearched']:.2f} s",
            "",
            f"{median['one edit, unsearched'] / EDIT_BAR:.2f} of the bar",
            median["one edit, unsearched"] < EDIT_BAR,
        ),
        Row(
            f"{size:,} services, one edit, searchable text: under Pagefind + {EDIT_BAR} s",
            f"{median['one edit']:.2f} s",
            f"Pagefind alone {pagefind:.2f} s",
            f"{median['one edit'] - pagefind:.2f} s beyond Pagefind",
            median["one edit"] < pagefind + EDIT_BAR,
        ),
        Row(
            f"{size:,} services, cold, no cache: under {COLD_BAR:g} s",
            f"{median['cold']:.2f} s",
            "",
            f"{median['cold'] / COLD_BAR:.2f} of the bar",
            median["cold"] < COLD_BAR,
        ),
        Row(
            f"{size:,} services, peak memory (any kind of build): under {MEMORY_BAR} MB",
            f"{peak} MB",
            "",
            f"{peak / MEMORY_BAR:.2f} of the bar",
            peak < MEMORY_BAR,
        ),
        Row(
            f"peak memory, cold, linear to {args.memory_services:,} services",
            f"{big} MB",
            f"{size:,} services: {max(m for _, m in times['cold'])} MB",
            f"x{big / max(m for _, m in times['cold']):.2f} for "
            f"x{args.memory_services / size:g} services",
            big <= max(m for _, m in times["cold"]) * args.memory_services / size,
        ),
        Row(
            f"{size:,} services, live preview, checks on: save to reload sent under "
            f"{PREVIEW_BAR} s",
            f"{save:.3f} s",
            "",
            f"{save / PREVIEW_BAR:.2f} of the bar",
            save < PREVIEW_BAR,
        ),
    ]
    print(f"\nMedians of {n} runs ({args.edits} preview saves), one run, {os.cpu_count()} CPUs.")
    print(
        f"Kept cache, nothing changed ({median['warm']:.2f} s), one-edit and kept-cache outputs "
        f"at {size:,} services: byte for byte a cold build's (all {2 * n + 2} compared); peer "
        f"corpus one-edit outputs: {peer_equal} of {n} byte for byte a cold build's."
    )
    print("\n| bar | sendsite | peer, same run | ratio | met |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        print(row.line())
    return 0 if peer_equal == n else 1


if __name__ == "__main__":
    sys.exit(main())
