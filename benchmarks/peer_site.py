"""Build the shared peer-bench corpus with sendsite, "as pages/": the command timed beside the peers.

    python benchmarks/peer_site.py SRC OUT [--cache DIR]

SRC is the corpus's plain folder (services/*.md with YAML front matter: title, date, categories,
tags, age_range, summary); OUT is an empty output folder. The corpus is laid out as a sendsite site
in a folder beside OUT (site.yaml, a minimal taxonomy, and content/pages/services/SLUG.md for each
page), then `sendsite build` runs on it in this process, so the timed command includes the copy.

A page in content/pages/ takes only `title` and `summary` (docs/content-model.md), so `date`,
`categories`, `tags` and `age_range` are dropped; the Markdown body is copied as it is. The site
folder is made fresh every time, and so is its cache folder ($SENDSITE_CACHE_DIR, a new temporary
folder), so every run is a cold build. With `--cache DIR` the cache is kept in DIR between runs
instead: a CI run that restores the cache into a fresh checkout (the output is new each time, so
every page is rendered, from conversions and parsed files kept).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

SITE_YAML = (
    "title: Peer corpus Local Offer\n"
    "base_url: https://example.org/peer/\n"
    "area: Benchshire\n"
    "contact: {email: localoffer@example.org, phone: 01632 960000}\n"
    "accessibility: {compliance: full, prepared: 2025-01-01}\n"
)
TAXONOMY_YAML = (
    "categories:\n  - {id: advice, label: Information and advice}\n"
    "needs:\n  - {id: autism, label: Autism}\n"
    "areas:\n  - {id: everywhere, label: Everywhere}\n"
)
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
KEPT = re.compile(r"^(title|summary):.*$", re.MULTILINE)


def lay_out(corpus: Path, site: Path) -> int:
    """Write the corpus as a sendsite site in `site`; returns the number of pages."""
    if site.exists():
        shutil.rmtree(site)
    pages = site / "content" / "pages" / "services"
    pages.mkdir(parents=True)
    (site / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (site / "content" / "taxonomy.yaml").write_text(TAXONOMY_YAML, encoding="utf-8")
    (site / "content" / "pages" / "index.md").write_text(
        "---\ntitle: Peer corpus\n---\nThe benchmark corpus.\n", encoding="utf-8"
    )
    count = 0
    for source in sorted((corpus / "services").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        match = FRONT.match(text)
        if match is None:
            raise SystemExit(f"{source}: no front matter")
        kept = "\n".join(m.group(0) for m in KEPT.finditer(match.group(1)))
        (pages / source.name).write_text(f"---\n{kept}\n---\n{text[match.end() :]}", "utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    kept = None
    if len(args) == 4 and args[2] == "--cache":
        kept, args = Path(args[3]).resolve(), args[:2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    corpus, out = Path(args[0]).resolve(), Path(args[1]).resolve()
    site = out.parent / f"{out.name}.sendsite-src"
    lay_out(corpus, site)
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()  # sendsite refuses a non-empty folder it did not make; an empty one is fine
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's sendsite
    from sendsite.cli import main as sendsite_main

    fresh = None if kept is not None else tempfile.mkdtemp(prefix="peer-site-cache-")
    os.environ["SENDSITE_CACHE_DIR"] = str(kept) if kept is not None else str(fresh)
    try:
        return sendsite_main(["build", str(site), "-o", str(out), "--date", "2026-01-01"])
    finally:
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
