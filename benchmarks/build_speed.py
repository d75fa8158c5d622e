"""Time `sendsite build` cold, warm (nothing changed) and after one edit, at several sizes, and
optionally beside the peer generators in the same run.

    python benchmarks/build_speed.py [--sizes 1000,4000,8000] [--runs 3] [--work /dev/shm/sendsite-bench]
    python benchmarks/build_speed.py --peers [--pages 4000] [--runs 3]   # + Hugo, Eleventy, ...

Each timing is one whole `python -m sendsite build` process (start-up included), output on the
--work folder (use tmpfs, as the peer benchmark does). Peak memory is the largest resident set of
the build process or a child it waited for (GNU time's %M; Pagefind included).

- cold: the output folder and the cache folder ($SENDSITE_CACHE_DIR, WORK/cache-N) deleted first;
- kept cache: the output deleted, the cache kept (a CI run restoring its cache into a fresh
  checkout: every page is rendered, from the conversions, templates and parsed files kept);
- warm: built again with nothing changed (the build stamp);
- one edit: one service's description changed (a different service each run), then built: the
  search index is made again;
- one edit, unsearched: a news item's text changed: no page in the search index changes.

Every kept-cache, warm and one-edit output is compared, byte for byte (the search index's folder
aside, which Pagefind never writes the same way twice), with a cold build (a fresh cache) of the
same sources.

--peers runs ../shared/peer-bench/peers.py (default /work/shared/peer-bench) on its 4,000-page corpus
with sendsite added by `--extra` twice (cold, and with its cache kept between runs), so the ratios
to Hugo, Eleventy, Jekyll, Pelican and MkDocs come from one run; sendsite's timed command is
`python benchmarks/peer_site.py {src} {out} [--cache DIR]`, which lays the corpus out as
content/pages/ and builds it (see that file). Then ../shared/peer-bench/one_edit.py times one
page's body edited and rebuilt, sendsite (cache kept) against Hugo (PEERS_DIR, default /tmp/peers,
from install_peers.sh), on the same corpus, and prints the ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_site import make_site, service_file  # noqa: E402

DATE = "2026-11-23"  # after every last_reviewed make_site.py writes (a future one is refused)
PEER_BENCH = Path(os.environ.get("PEER_BENCH", str(ROOT.parent / "shared" / "peer-bench")))


def build_command(site: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "sendsite", "build", str(site), "-o", str(out), "--date", DATE]


def environment(cache: Path) -> dict[str, str]:
    """Each build runs as an installed sendsite does, its modules' bytecode kept (pip compiles
    it at install): with PYTHONDONTWRITEBYTECODE set, as on this project's machines, every
    module would be compiled again in every timed process (0.1 to 0.2 s of each)."""
    found = {**os.environ, "SENDSITE_CACHE_DIR": str(cache)}
    found.pop("PYTHONDONTWRITEBYTECODE", None)
    return found


def run_build(site: Path, out: Path, cache: Path) -> None:
    """One untimed `sendsite build` process."""
    done = subprocess.run(
        build_command(site, out),
        cwd=ROOT,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
        env=environment(cache),
    )
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout.decode()}{done.stderr.decode()}")


def peak_of_one(site: Path, out: Path, cache: Path) -> tuple[float, int]:
    """Seconds and peak memory (MB) of one `sendsite build` process (GNU time's %M)."""
    gnu_time = "/usr/bin/time"
    started = time.perf_counter()
    done = subprocess.run(
        [gnu_time, "-f", "%M", *build_command(site, out)],
        cwd=ROOT,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=False,
        env=environment(cache),
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout.decode()}{done.stderr.decode()}")
    return seconds, int(done.stderr.decode().strip().splitlines()[-1]) // 1024


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.relative_to(folder).as_posix().startswith("pagefind/")
    }


def edit(site: Path, number: int, run: int) -> None:
    """A sentence added to one service's description: searchable text changes."""
    file = service_file(site, number)
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("\n---\n", f"\n---\nEdited in run {run}.\n", 1), encoding="utf-8")


def edit_unsearched(site: Path, run: int) -> None:
    """A sentence added to a news item: no page in the search index changes."""
    file = sorted((site / "content" / "news").glob("*.md"))[run % 3]
    file.write_text(file.read_text(encoding="utf-8") + f"\nEdited in run {run}.\n", "utf-8")


KINDS = ("cold", "kept cache", "warm", "one edit", "one edit, unsearched")


def measure(size: int, runs: int, work: Path) -> dict[str, list[tuple[float, int]]]:
    """cold: no cache, no output; kept cache: the output deleted, the cache kept (a CI run that
    restores the cache into a fresh checkout); warm: nothing changed; one edit: a service's
    description; one edit, unsearched: a news item's text."""
    site, out, check = work / f"site-{size}", work / f"out-{size}", work / f"check-{size}"
    cache = work / f"cache-{size}"
    shutil.rmtree(site, ignore_errors=True)
    make_site(site, services=size)
    times: dict[str, list[tuple[float, int]]] = {kind: [] for kind in KINDS}
    peak_of_one(site, out, cache)  # warm-up: the OS file cache and __pycache__
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(peak_of_one(site, out, cache))
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        times["kept cache"].append(peak_of_one(site, out, cache))
    _same_as_cold(site, out, check, work)
    for _ in range(runs):
        times["warm"].append(peak_of_one(site, out, cache))
    _same_as_cold(site, out, check, work)
    for run in range(runs):
        edit(site, 7 + 11 * run, run)
        times["one edit"].append(peak_of_one(site, out, cache))
        _same_as_cold(site, out, check, work)
    for run in range(runs):
        edit_unsearched(site, run)
        times["one edit, unsearched"].append(peak_of_one(site, out, cache))
        _same_as_cold(site, out, check, work)
    return times


def _same_as_cold(site: Path, out: Path, check: Path, work: Path) -> None:
    """The output equals, byte for byte, a cold build's (a fresh cache) of the same sources."""
    shutil.rmtree(check, ignore_errors=True)
    fresh = work / "check-cache"
    shutil.rmtree(fresh, ignore_errors=True)
    run_build(site, check, fresh)
    shutil.rmtree(fresh, ignore_errors=True)
    if snapshot(out) != snapshot(check):
        raise SystemExit(f"{out} differs from a cold build of the same sources ({check})")
    print(f"  {out}: byte for byte a cold build's", file=sys.stderr, flush=True)
    shutil.rmtree(check)


def table(results: dict[int, dict[str, list[tuple[float, int]]]]) -> str:
    lines = [
        "| services | " + " | ".join(f"{k} s" for k in KINDS) + " | peak MB cold / edit |",
        "|---:|" + "---:|" * len(KINDS) + "---|",
    ]
    for size, times in results.items():
        medians = [statistics.median(s for s, _ in times[k]) for k in KINDS]
        peaks = [max(m for _, m in times[k]) for k in ("cold", "one edit")]
        lines.append(
            f"| {size:,} | "
            + " | ".join(f"{m:.2f}" for m in medians)
            + " | "
            + " / ".join(str(p) for p in peaks)
            + " |"
        )
    return "\n".join(lines)


def peers(pages: int, runs: int, work: Path, names: str) -> int:
    """The peer table (sendsite cold, and with its cache kept, beside the peers), then the
    one-edit comparison with Hugo, in the same run."""
    script = HERE / "peer_site.py"
    kept = work / "peer-kept-cache"
    shutil.rmtree(kept, ignore_errors=True)
    argv = [sys.executable, str(PEER_BENCH / "peers.py"), "--pages", str(pages)]
    argv += ["--runs", str(runs), "--work", str(work / "peers")]
    argv += ["--extra", f"sendsite={sys.executable} {script} {{src}} {{out}}"]
    argv += [
        "--extra",
        f"sendsite-kept-cache={sys.executable} {script} {{src}} {{out}} --cache {kept}",
    ]
    if names:
        argv += ["--peers", names]
    print("$", " ".join(argv), flush=True)
    code = subprocess.run(argv, check=False).returncode
    peers_dir = Path(os.environ.get("PEERS_DIR", "/tmp/peers"))
    hugo = sorted(peers_dir.glob("venv/lib/python*/site-packages/hugo/binaries/hugo"))
    if code or not hugo:
        return code or 1
    one = [sys.executable, str(PEER_BENCH / "one_edit.py"), "--corpus"]
    one += [str(work / "peers" / f"corpus-{pages}"), "--sendsite", sys.executable]
    one += ["--hugo", str(hugo[0]), "--runs", str(runs), "--work", str(work / "one-edit")]
    print("$", " ".join(one), flush=True)
    cache = work / "one-edit-cache"
    shutil.rmtree(cache, ignore_errors=True)
    return subprocess.run(one, check=False, env=environment(cache)).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="1000,4000,8000", help="numbers of services")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each kind")
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/sendsite-bench"))
    parser.add_argument("--peers", action="store_true", help="run the peer benchmark instead")
    parser.add_argument("--pages", type=int, default=4000, help="peer corpus size")
    parser.add_argument(
        "--peer-names",
        default="hugo,eleventy,jekyll,pelican,mkdocs-shortnav,py-markdown",
        help="peers.py --peers",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.peers:
        return peers(args.pages, args.runs, args.work, args.peer_names)
    results = {}
    for size in (int(s) for s in args.sizes.split(",")):
        results[size] = measure(size, args.runs, args.work)
        print(f"{size} services done", file=sys.stderr, flush=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
