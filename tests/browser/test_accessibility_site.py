"""Whole-site checks on the built example site: every HTML file is valid by the Nu Html Checker,
and every internal link and #anchor, crawled from the home page over HTTP, leads somewhere."""

from __future__ import annotations

import itertools
import json
import subprocess
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

from sendsite.check.addresses import own_path
from tests.browser.a11y_support import (  # noqa: F401  (fixtures)
    REPO,
    VNU_JAR,
    ServedSite,
    a11y_site,
    require_command,
    require_file,
)


def test_every_html_file_is_valid_html(a11y_site: ServedSite) -> None:  # noqa: F811
    java = require_command("java", "install Java 17 (apt-get install -y default-jre-headless)")
    jar = require_file(VNU_JAR, "run `npm ci --ignore-scripts` in the repository root")
    files = a11y_site.html_files()
    assert len(files) > 50
    # One JVM for every file: starting Java per file would take minutes.
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    shown = "\n".join(
        f"{m['url'].removeprefix('file:')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors[:40]
    )
    assert not errors, f"{len(errors)} HTML errors:\n{shown}"
    assert result.returncode == 0, result.stderr[-2000:]


def _fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def test_every_internal_link_and_anchor_leads_somewhere(a11y_site: ServedSite) -> None:  # noqa: F811
    start = a11y_site.url("")
    prefix = a11y_site.origin + "/dorset-send/"
    pages: dict[str, BeautifulSoup] = {}
    links: list[tuple[str, str]] = []  # (page it is on, absolute href)
    queue = [start, a11y_site.url("404.html")]
    broken: list[str] = []
    base_url = yaml.safe_load((REPO / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    own_links = 0
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        status, body, kind = _fetch(url)
        if status != 200:
            broken.append(f"{url} answers {status}")
            pages[url] = BeautifulSoup("", "html.parser")
            continue
        pages[url] = BeautifulSoup(body, "html.parser") if kind == "text/html" else None  # type: ignore[assignment]
        if pages[url] is None:
            continue
        for element in pages[url].find_all(["a", "link", "img", "script", "form"]):
            href = str(element.get("href") or element.get("src") or element.get("action") or "")
            if not href or urlsplit(href).scheme in ("mailto", "tel"):
                continue
            absolute = urljoin(url, href)
            # A full address into the site's own base URL (a canonical link, a service website,
            # a feedback form) must be a page this build makes, as much as a relative link.
            inside = own_path(absolute, base_url)
            if inside is not None:
                own_links += 1
                absolute = a11y_site.url(inside.lstrip("/")) + (
                    f"#{urlsplit(absolute).fragment}" if urlsplit(absolute).fragment else ""
                )
            if urlsplit(absolute).netloc != urlsplit(start).netloc:
                continue
            links.append((url, absolute))
            target, _ = urldefrag(absolute)
            if not target.startswith(prefix):
                broken.append(f"{url} links outside the site's sub-path: {href}")
            elif target not in pages:
                queue.append(target)
    for on_page, absolute in links:
        target, fragment = urldefrag(absolute)
        soup = pages.get(target)
        if fragment and soup is not None and soup.find(id=fragment) is None:
            broken.append(f"{on_page} links to #{fragment}, which is not on {target}")
    anchors = sum(1 for _, link in links if urldefrag(link)[1])
    print(
        f"crawled {len(pages)} addresses, checked {len(links)} internal links ({anchors} to "
        f"#anchors, {own_links} full addresses into {base_url}), {len(set(broken))} broken"
    )
    assert not broken, "\n".join(sorted(set(broken)))
    # Every page the build wrote is reachable by following links.
    html_pages = {
        a11y_site.url(p.relative_to(a11y_site.folder).as_posix().removesuffix("index.html"))
        for p in a11y_site.html_files()
    }
    assert html_pages - pages.keys() == set()


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
