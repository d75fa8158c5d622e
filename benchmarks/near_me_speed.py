"""How long "near me" takes to sort the directory's results by distance, in headless Chromium.

    python benchmarks/near_me_speed.py [--services 1000] [--rounds 50]

Generates a site (benchmarks/make_site.py: about two services in three have a place with
coordinates), builds it, serves it on a free loopback port and opens /services/ at 375 x 812.
Two figures, medians over the rounds:

- sort: the theme's own byDistance (static/near-me.js) over every service of the site as
  Pagefind returns them, with the places file already loaded: the sort itself;
- district: a postcode district typed and "Sort by distance" pressed, to the status saying
  the results are nearest first and the first card drawn (the search, the sort and the drawing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Page

from benchmarks.browser_site import generated_site_in_chromium
from benchmarks.make_site import DISTRICTS

# Every service as Pagefind returns them, then byDistance over them `rounds` times.
_SORT = """
async (rounds) => {
  const root = document.querySelector('[data-search]');
  const pagefind = await import(root.dataset.pagefindUrl);
  await pagefind.options({ baseUrl: root.dataset.baseUrl });
  await pagefind.init();
  const near = await import(root.dataset.nearUrl);
  const places = await (await fetch(root.dataset.placesUrl)).json();
  const every = await pagefind.search(null, { filters: { age: { any: ['0-4', '5-10', '11-15', '16-18', '19-25'] } } });
  const results = every.results;
  const times = [];
  for (let n = 0; n < rounds; n++) {
    const point = [50.70 + (n % 7) * 0.02, -2.6 + (n % 5) * 0.05];
    const start = performance.now();
    near.byDistance(results, places, point);
    times.push(performance.now() - start);
  }
  return { count: results.length, placed: Object.keys(places).length, times };
}
"""

_WAIT = """
(before) => ({ done: new Promise((resolve) => {
  const start = performance.now();
  const status = document.querySelector('#search-status');
  const done = () => status.textContent !== before && status.textContent.includes('Nearest first') &&
    document.querySelector('#search-results .card__distance');
  const observer = new MutationObserver(() => {
    if (done()) { observer.disconnect(); resolve(performance.now() - start); }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
}) })
"""


def district_round(page: Page, code: str) -> float:
    before = page.locator("#search-status").text_content() or ""
    page.locator("#near-postcode").fill(code)
    waiting = page.evaluate_handle(_WAIT, before)
    page.get_by_role("button", name="Sort by distance").click()
    took: float = page.evaluate("(waiting) => waiting.done", waiting)
    return took


def measure(services: int, rounds: int) -> tuple[int, int, list[float], list[float]]:
    with generated_site_in_chromium(services, "sendsite-near-") as (address, browser):
        page = browser.new_page(viewport={"width": 375, "height": 812})
        page.goto(f"{address}services/")
        page.locator("#near-postcode").wait_for()
        sorted_ = page.evaluate(_SORT, rounds)
        district: list[float] = []
        for n in range(max(3, rounds // 5)):
            district.append(district_round(page, DISTRICTS[n % len(DISTRICTS)][0]))
    return sorted_["count"], sorted_["placed"], list(sorted_["times"]), district


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv)
    count, placed, sort_times, district = measure(args.services, args.rounds)
    print(
        f"Near me on a generated site of {args.services} services ({placed} with a place), "
        "headless Chromium, 375 x 812"
    )
    for label, values in (
        (f"sort {count} results by distance", sort_times),
        ("district typed, to sorted results", district),
    ):
        print(
            f"  {label:36} median {statistics.median(values):7.2f} ms  (n={len(values)}, "
            f"min {min(values):.2f}, max {max(values):.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
