"""Whole-site checks on the built example site: every HTML file is valid by the Nu Html Checker,
and every internal link and #anchor, crawled from the home page over HTTP, leads somewhere."""

from __future__ import annotations

import itertools

import yaml
from bs4 import BeautifulSoup

from tests.browser.a11y_support import (  # noqa: F401  (fixtures)
    REPO,
    ServedSite,
    a11y_site,
    vnu_errors,
)
from tests.browser.crawl import crawl, unreached


def test_every_html_file_is_valid_html(a11y_site: ServedSite) -> None:  # noqa: F811
    files = a11y_site.html_files()
    assert len(files) > 50
    errors = vnu_errors(files)
    print(f"the Nu Html Checker read {len(files)} files: {len(errors)} errors")
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])


def test_every_internal_link_and_anchor_leads_somewhere(a11y_site: ServedSite) -> None:  # noqa: F811
    base_url = yaml.safe_load((REPO / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    found = crawl(a11y_site.origin, a11y_site.sub_path, base_url, ["", "404.html"])
    print(
        f"crawled {len(found.pages)} addresses, checked {found.links} internal links "
        f"({found.anchors} to #anchors, {found.own_links} full addresses into {base_url}), "
        f"{len(found.broken)} broken"
    )
    assert not found.broken, "\n".join(sorted(found.broken))
    # Every page the build wrote is reachable by following links.
    assert unreached(found, a11y_site.folder, a11y_site.url("")) == set()


GENERIC_LINK_TEXT = {
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this page",
    "find out more",
}


def _pages(served: ServedSite) -> list[tuple[str, BeautifulSoup]]:
    return [
        (
            p.relative_to(served.folder).as_posix(),
            BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser"),
        )
        for p in served.html_files()
    ]


def test_every_page_is_built_accessibly(a11y_site: ServedSite) -> None:  # noqa: F811
    """What axe-core cannot see on its own, checked on every generated page: one h1 and headings
    that never skip a level, landmarks, the skip link first, tables with captions and headers,
    breadcrumbs on pages below the top level, and link text that makes sense on its own."""
    problems: list[str] = []
    for name, soup in _pages(a11y_site):
        html = soup.find("html")
        if html is None or not html.get("lang"):
            problems.append(f"{name}: no lang on <html>")
        for landmark in ("header", "nav", "main", "footer"):
            if soup.find(landmark) is None:
                problems.append(f"{name}: no <{landmark}>")
        main = soup.find("main")
        if main is None or main.get("id") != "main":
            problems.append(f"{name}: the skip link's target <main id=main> is missing")
        first = soup.body.find(["a", "button", "input", "select", "textarea", "summary"])  # type: ignore[union-attr]
        if first is None or first.get("href") != "#main":
            problems.append(f"{name}: the first focusable element is not the skip link")
        headings = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        main_h1 = main.find_all("h1") if main is not None else []
        if len(main_h1) != 1 or headings.count(1) != 1:
            problems.append(f"{name}: {headings.count(1)} h1 headings, not one in <main>")
        main_levels = [
            int(h.name[1])
            for h in (main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]) if main else [])
        ]
        for before, after in itertools.pairwise(main_levels):
            if after > before + 1:
                problems.append(f"{name}: heading level jumps from h{before} to h{after}")
        for table in soup.find_all("table"):
            if table.find("caption") is None:
                problems.append(f"{name}: a table has no caption")
            if table.find("th") is None:
                problems.append(f"{name}: a table has no header cells")
        depth = name.removesuffix("index.html").strip("/").count("/") + 1
        top_level = name in ("index.html", "404.html") or depth < 2
        if not top_level and soup.find("nav", attrs={"aria-label": "Breadcrumb"}) is None:
            problems.append(f"{name}: no breadcrumbs on a page below the top level")
        for tag in soup.select(".tag, .outcome__label, .notice__heading"):
            # Colour is only ever an extra: every status shows its meaning in words.
            if not tag.get_text(strip=True).strip("✓✕!i "):
                problems.append(f"{name}: a status shown by colour or symbol alone: {tag}")
        for link in soup.find_all("a"):
            words = " ".join(link.get_text(" ").split()).lower()
            label = link.get("aria-label") or ""
            if not words and not label and link.find("img", alt=True) is None:
                problems.append(f"{name}: a link has no text ({link.get('href')})")
            elif words in GENERIC_LINK_TEXT and not label:
                problems.append(f"{name}: the link text '{words}' means nothing on its own")
    assert not problems, "\n".join(problems)
