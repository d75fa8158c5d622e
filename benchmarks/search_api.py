"""Does Pagefind's Python API, given records the build already holds, index faster than the
Pagefind program reading the built pages, as `sendsite build` runs it today?

    pip install pagefind==1.5.2        # the API: not a dependency of sendsite, only of this script
    python benchmarks/search_api.py OUTPUT [--runs 3] [--work /dev/shm/sendsite-search-api]

OUTPUT is a built site (e.g. `sendsite build` of benchmarks/make_site.py at 4,000 services).
On its pages that ask to be searched, three ways, each --runs times, medians printed:

- program: what a build does (publish/search_index.py write_search_index: a folder of hard
  links to those pages, then `pagefind --site`);
- API, HTML: the API's service, each page's HTML sent with add_html_file, then write_files;
- API, records: the API's service, each page as add_custom_record with its text, meta, filters
  and sort (taken from the page beforehand and not timed, as if the build held them), then
  write_files. This index is not the same: Pagefind no longer sees headings (no sub-results
  for a section) and each field's weighting, so it would have to win clearly to be worth it.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import importlib
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sendsite.publish.search_index import asks_to_be_indexed, write_search_index

_BODY = re.compile(r"<([a-z]+)[^>]*\sdata-pagefind-body[^>]*>(.*)</main>", re.DOTALL)
_IGNORED = re.compile(r"<([a-z]+)\b[^>]*data-pagefind-ignore[^>]*>.*?</\1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_META = re.compile(r'data-pagefind-meta="([^":]+):([^"]*)"')
_FILTER = re.compile(r'data-pagefind-filter="([^":]+):([^"]*)"')
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


def pagefind_api() -> Any:
    try:
        return importlib.import_module("pagefind.index")
    except ImportError:
        raise SystemExit("needs Pagefind's Python API: pip install pagefind==1.5.2") from None


def record(name: str, page: str) -> dict[str, Any]:
    """What the build would hand the API for this page."""
    body = _BODY.search(page)
    text = _IGNORED.sub(" ", body.group(2) if body else page)
    content = " ".join(html.unescape(_TAGS.sub(" ", text)).split())
    title = _TITLE.search(page)
    meta = {k: html.unescape(v) for k, v in _META.findall(page)}
    meta["title"] = html.unescape(_TAGS.sub("", title.group(1))).strip() if title else name
    filters: dict[str, list[str]] = {}
    for key, value in _FILTER.findall(page):
        filters.setdefault(key, []).append(html.unescape(value))
    url = "/" + name.removesuffix("index.html")
    return {"url": url, "content": content, "language": "en", "meta": meta, "filters": filters,
            "sort": {"name": meta["title"]}}  # fmt: skip


async def through_api(pages: dict[str, str], records: list[dict[str, Any]], out: Path) -> None:
    api = pagefind_api()
    async with api.PagefindIndex(config={"output_path": str(out)}) as index:
        if records:
            for item in records:
                await index.add_custom_record(**item)
        else:
            for name, page in pages.items():
                await index.add_html_file(content=page, url="/" + name)


def index_size(folder: Path) -> str:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/sendsite-search-api"))
    parser.add_argument("--sample", type=int, default=200, help="pages sent through the API")
    args = parser.parse_args(argv)
    pagefind_api()
    output: Path = args.output.resolve()
    pages = {
        p.relative_to(output).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(output.rglob("*.html"))
        if not p.relative_to(output).as_posix().startswith("pagefind/")
    }
    pages = {name: page for name, page in pages.items() if asks_to_be_indexed(page.encode())}
    sample = dict(list(pages.items())[: args.sample])
    records = [record(name, page) for name, page in sample.items()]
    counts = {"program": len(pages), "API, HTML": len(sample), "API, records": len(records)}
    print(f"{len(pages)} pages to index in {output}; {len(sample)} through the API", flush=True)
    times: dict[str, list[float]] = {"program": [], "API, HTML": [], "API, records": []}
    sizes: dict[str, str] = {}
    for _ in range(args.runs):
        folder = args.work / "site"
        shutil.rmtree(args.work, ignore_errors=True)
        args.work.mkdir(parents=True)
        subprocess.run(["cp", "-al", str(output), str(folder)], check=True)
        shutil.rmtree(folder / "pagefind", ignore_errors=True)
        started = time.perf_counter()
        write_search_index(folder, list(pages))
        times["program"].append(time.perf_counter() - started)
        sizes["program"] = index_size(folder / "pagefind")
        for kind, given in (("API, HTML", []), ("API, records", records)):
            out = args.work / kind.replace(", ", "-").replace(" ", "")
            started = time.perf_counter()
            asyncio.run(through_api(sample, given, out))
            times[kind].append(time.perf_counter() - started)
            sizes[kind] = index_size(out)
        print("  " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
    rate = {k: statistics.median(v) * 1000 / counts[k] for k, v in times.items()}
    print(f"\n| way | pages | median s (n={args.runs}) | s per 1,000 pages | ratio | index |")
    print("|---|---:|---:|---:|---:|---|")
    for kind, found in times.items():
        median = statistics.median(found)
        print(
            f"| {kind} | {counts[kind]:,} | {median:.2f} | {rate[kind]:.2f} | "
            f"{rate[kind] / rate['program']:.1f} | {sizes[kind]} |"
        )
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
