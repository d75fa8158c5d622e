"""How long the directory's search takes from typing to results, in headless Chromium.

    python benchmarks/search_speed.py [--services 4000] [--rounds 5]

Generates a site (benchmarks/make_site.py), builds it with its Pagefind index, serves it on a
free loopback port and opens /services/ in Debian's Chromium at 375 x 812. Then, for each query
(typos, a family's own words, a need, an area and an age in one line, a word no service uses),
it measures three times, each from the moment the words are in the box to the moment the count
is in the status and the first result card is drawn:

- first: the first search of the page, which also loads Pagefind and search-terms.json;
- submit: Enter pressed (the search starts at once): the search's own work;
- typing: the words typed key by key, counted from the last key, so it includes the 250 ms the
  script waits for typing to stop before it searches.

Medians over every query and round are printed, with the target (under 300 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page, sync_playwright

from benchmarks.make_site import make_site
from sendsite.cli import main as sendsite
from tests.browser.a11y_support import CHROMIUM_ARGS, serve

TARGET_MS = 300
QUERIES = [
    "autsim",  # a typo
    "respite",  # a family's word for short breaks (not in the generated taxonomy: left out)
    "ehcp",  # a glossary spelling
    "autism north benchshire 7",  # a need, an area and an age in one line
    "speech therapy",
    "holidy club",  # a typo in one of two words
    "xqzvw",  # a word no service uses
    "sensory",
]

# An object holding a promise (a bare promise would be waited for at once) that resolves with
# the milliseconds from now until the status says something new and a result card (or
# "No services found") is drawn.
_WAIT = """
(before) => ({ done: new Promise((resolve) => {
  const start = performance.now();
  const status = document.querySelector('#search-status');
  const done = () => status.textContent && status.textContent !== before &&
    (document.querySelector('#search-results .card') || status.textContent.startsWith('No '));
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now() - start); }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}) })
"""


def timed(page: Page, action: str, query: str) -> float:
    before = page.locator("#search-status").text_content() or ""
    box = page.locator("#search-q")
    box.fill("")
    if action == "typing":
        box.press_sequentially(query[:-1])
        waiting = page.evaluate_handle(_WAIT, before)
        box.press(query[-1])
    else:
        box.evaluate("(input, q) => { input.value = q; }", query)
        waiting = page.evaluate_handle(_WAIT, before)
        box.press("Enter")
    result: float = page.evaluate("(waiting) => waiting.done", waiting)
    return result


def measure(
    services: int, rounds: int, per_query: dict[str, list[float]]
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"first": [], "submit": [], "typing": []}
    with tempfile.TemporaryDirectory(prefix="sendsite-search-") as tmp:
        root = make_site(Path(tmp) / "site", services)
        www = Path(tmp) / "www"
        out = www / "bench-send"
        code = sendsite(["build", str(root), "-o", str(out), "--date", dt.date.today().isoformat()])
        if code != 0:
            raise SystemExit("the generated site did not build")
        with serve(www) as origin, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            try:
                for _ in range(rounds):
                    page = browser.new_page(viewport={"width": 375, "height": 812})
                    page.goto(f"{origin}/bench-send/services/")
                    page.locator("#search-q").wait_for()
                    times["first"].append(timed(page, "submit", QUERIES[0]))
                    for query in QUERIES[1:]:
                        took = timed(page, "submit", query)
                        times["submit"].append(took)
                        per_query.setdefault(query, []).append(took)
                    for query in QUERIES:
                        times["typing"].append(timed(page, "typing", query))
                    page.close()
            finally:
                browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--services", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    per_query: dict[str, list[float]] = {}
    times = measure(args.services, args.rounds, per_query)
    print(f"Search on a generated site of {args.services} services, headless Chromium, 375 x 812")
    for name, label in (
        ("first", "first search (loads the index)"),
        ("submit", "Enter pressed, to results"),
        ("typing", "last key typed, to results"),
    ):
        values = times[name]
        median = statistics.median(values)
        verdict = "within" if median < TARGET_MS else "over"
        print(
            f"  {label:34} median {median:6.0f} ms  (n={len(values)}, "
            f"min {min(values):.0f}, max {max(values):.0f}; {verdict} the {TARGET_MS} ms target)"
        )
    print("  Enter pressed, by query (median ms):")
    for query, values in per_query.items():
        print(f"    {query!r:32} {statistics.median(values):6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
