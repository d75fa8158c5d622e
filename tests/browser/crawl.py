"""Crawl a served site from its home page over HTTP: every link, image, script, stylesheet and
form action must answer 200, every #anchor must be on its page, and a full address into the
site's own base URL (a canonical link, a service website, a feedback form) must be a page the
build makes, as much as a relative link. Used on the example site and the 4,000-service one.

Pages are parsed with lxml and only their ids are kept, so a crawl of 10,000 pages fits in a
few hundred megabytes."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

from sendsite.check.addresses import own_path

LINKED = ("a", "link", "img", "script", "form")


@dataclass
class Crawl:
    pages: dict[str, frozenset[str] | None] = field(default_factory=dict)  # ids, None: not HTML
    links: int = 0  # links to addresses on the site, each time one appears
    anchors: int = 0  # of which to a #fragment
    own_links: int = 0  # of which full addresses into the base URL
    broken: set[str] = field(default_factory=set)


def _fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return exc.code, b"", ""


def crawl(origin: str, sub_path: str, base_url: str, starts: list[str]) -> Crawl:
    """Follow every link from `starts` (paths below `sub_path`) that stays on `origin`, where
    the site is served under `sub_path`; `base_url` is its site.yaml's."""
    prefix = origin + sub_path
    found = Crawl()
    fragments: list[tuple[str, str, str]] = []  # (page it is on, target, fragment)
    queue = [prefix + start for start in starts]
    queued = set(queue)
    resolved: dict[str, tuple[str | None, bool]] = {}  # a root-relative or full href's target
    while queue:
        url = queue.pop()
        status, body, kind = _fetch(url)
        if status != 200:
            found.broken.add(f"{url} answers {status}")
            found.pages[url] = frozenset()
            continue
        if kind != "text/html":
            found.pages[url] = None
            continue
        document = lxml.html.document_fromstring(body)
        found.pages[url] = frozenset(str(i) for i in document.xpath("//@id"))
        for element in document.iter(*LINKED):
            href = str(element.get("href") or element.get("src") or element.get("action") or "")
            if not href or urlsplit(href).scheme in ("mailto", "tel"):
                continue
            # Most links are written from the site's root or in full, and the same few
            # thousand appear on every page: each is worked out once.
            key = href if href.startswith(("/", "http:", "https:")) else None
            where = resolved.get(key) if key else None
            if where is None:
                where = _resolve(urljoin(url, href), base_url, prefix)
                if key:
                    resolved[key] = where
            absolute, own = where
            if absolute is None:
                continue  # a link to another site
            found.own_links += own
            found.links += 1
            target, fragment = urldefrag(absolute)
            if fragment:
                found.anchors += 1
                fragments.append((url, target, fragment))
            if not target.startswith(prefix):
                found.broken.add(f"{url} links outside the site's sub-path: {href}")
            elif target not in queued:
                queued.add(target)
                queue.append(target)
    for on_page, target, fragment in fragments:
        ids = found.pages.get(target)
        if ids is not None and fragment not in ids:
            found.broken.add(f"{on_page} links to #{fragment}, which is not on {target}")
    return found


def _resolve(absolute: str, base_url: str, prefix: str) -> tuple[str | None, bool]:
    """Where on the served site a link leads (None when it leads off the site), and whether it
    was written as a full address into the base URL."""
    inside = own_path(absolute, base_url)
    if inside is not None:
        fragment = urlsplit(absolute).fragment
        return prefix + inside.lstrip("/") + (f"#{fragment}" if fragment else ""), True
    if urlsplit(absolute).netloc != urlsplit(prefix).netloc:
        return None, False
    return absolute, False


def unreached(found: Crawl, folder: Path, prefix: str) -> set[str]:
    """The pages the build wrote into `folder` (served at `prefix`) that no link leads to."""
    built = {
        prefix + p.relative_to(folder).as_posix().removesuffix("index.html")
        for p in folder.rglob("*.html")
    }
    return built - found.pages.keys()
