"""Discovery files: an Atom feed of news and plan updates, sitemap.xml and robots.txt.

Every address in them is absolute, made from base_url (so it includes the site's sub-path).
They hold no clock time: the feed's `updated` is the date of its newest entry, and entries
are dated by their content, so the same sources always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sendsite import model
from sendsite.model import labels
from sendsite.render.urls import FEED_PATH, absolute_url, output_file, path_for

SITEMAP_PATH = "/sitemap.xml"
ROBOTS_PATH = "/robots.txt"
NOT_FOUND_PATH = "/404.html"
FEED_ENTRIES = 50
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    date: dt.date
    link: str
    summary: str
    category: str


def discovery_files(site: model.Site, page_paths: list[str]) -> dict[str, bytes]:
    """sitemap.xml and robots.txt; `page_paths` are the site-relative paths of every page. The
    Atom feed (atom_feed) is a group of made files of its own (publish/plan.py)."""
    return {
        output_file(SITEMAP_PATH): sitemap(site, page_paths),
        output_file(ROBOTS_PATH): robots(site),
    }


def feed_entries(site: model.Site) -> list[FeedEntry]:
    """News items and plan updates, newest first, at most FEED_ENTRIES of them."""
    entries = [
        FeedEntry(
            id=absolute_url(site.config, path_for(n)),
            title=n.title,
            date=n.date,
            link=absolute_url(site.config, path_for(n)),
            summary=n.summary,
            category="News",
        )
        for n in site.news
    ]
    for plan in site.plans:
        for action in plan.actions:
            for number, update in enumerate(reversed(action.updates), 1):
                status = f" ({labels.label(update.status).lower()})" if update.status else ""
                entries.append(
                    FeedEntry(
                        id=f"{absolute_url(site.config, path_for(action))}-update-{number}",
                        title=f"Plan update: {action.title}{status}",
                        date=update.date,
                        link=absolute_url(site.config, path_for(action)),
                        summary=f"{plan.title}. {update.text.strip()}",
                        category="Improvement plan update",
                    )
                )
    entries.sort(key=lambda e: (e.date, e.id), reverse=True)
    return entries[:FEED_ENTRIES]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom_feed(site: model.Site) -> bytes:
    # Imported here: a build whose news and plans are unchanged takes the feed from its last
    # output (publish/plan.py), and feedgen with lxml was 9 ms of its start.
    from feedgen.feed import FeedGenerator

    entries = feed_entries(site)
    feed = FeedGenerator()
    feed.id(absolute_url(site.config, FEED_PATH))
    feed.title(f"{site.config.title}: news and plan updates")
    feed.subtitle(
        f"News about SEND services in {site.config.area}, and progress updates on the "
        "improvement plans that answer inspections."
    )
    feed.author({"name": site.config.title})
    feed.link(href=absolute_url(site.config, "/"), rel="alternate", type="text/html")
    feed.link(href=absolute_url(site.config, FEED_PATH), rel="self", type="application/atom+xml")
    feed.language(site.config.language)
    # No clock: the feed changed when its newest entry did.
    feed.updated(_midnight(entries[0].date if entries else site.build_date))
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.title(entry.title)
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.updated(_midnight(entry.date))
        item.published(_midnight(entry.date))
        item.summary(entry.summary)
        item.category(term=entry.category)
    result: bytes = feed.atom_str(pretty=True)
    return result


def page_dates(site: model.Site) -> dict[str, dt.date]:
    """When each page's content last changed, where the content says."""
    dates: dict[str, dt.date] = {}
    for service in site.services:
        dates[path_for(service)] = service.last_reviewed
    for news in site.news:
        dates[path_for(news)] = news.date
    for inspection in site.inspections:
        dates[path_for(inspection)] = inspection.published
    for plan in site.plans:
        latest = plan.latest_update
        dates[path_for(plan)] = max(plan.published, latest.date) if latest else plan.published
    return dates


def sitemap(site: model.Site, page_paths: list[str]) -> bytes:
    """Every page but the 404 page, in path order. Written as text, byte for byte what
    ElementTree makes of it indented (tests/test_feed.py compares the two): at 4,000 services
    ElementTree took 0.2 s, about the time a one-edit build spends on every page it renders."""
    dates = page_dates(site)
    lines = ["<?xml version='1.0' encoding='utf-8'?>"]
    paths = sorted(p for p in page_paths if p != NOT_FOUND_PATH)
    if not paths:
        lines.append(f'<urlset xmlns="{_SITEMAP_NS}" />')
    else:
        lines.append(f'<urlset xmlns="{_SITEMAP_NS}">')
        for path in paths:
            lines.append("  <url>")
            lines.append(f"    <loc>{_xml_text(absolute_url(site.config, path))}</loc>")
            if path in dates:
                lines.append(f"    <lastmod>{dates[path].isoformat()}</lastmod>")
            lines.append("  </url>")
        lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def _xml_text(text: str) -> str:
    """Text in an XML element, escaped as ElementTree escapes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def robots(site: model.Site) -> bytes:
    # Crawlers read robots.txt only at the root of a host; under a sub-path this file is a
    # ready-made copy for whoever runs the root, and harmless.
    return (
        f"User-agent: *\nAllow: /\n\nSitemap: {absolute_url(site.config, SITEMAP_PATH)}\n".encode()
    )
