"""The editorial content: news items, pages and "you said, we did" feedback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite.errors import Origin
from sendsite.source.spans import FieldLines

if TYPE_CHECKING:
    from sendsite.model.objects.inspections import Inspection, Quote

FEEDBACK_STATUSES = ("done", "in-progress", "planned")


@dataclass
class NewsItem:
    id: str
    title: str
    date: dt.date
    summary: str
    inspection: Inspection | None
    quotes: list[Quote]
    body: str  # Markdown
    origin: Origin
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is


@dataclass
class Page:
    id: str  # the path under pages/ without extension, e.g. "guides/ehc-needs-assessment"
    title: str
    summary: str | None
    nav_order: float | None
    body: str  # Markdown
    origin: Origin
    # the required items of a Local Offer (sendsite/model/local_offer_items.py) this page explains
    covers: list[str] = field(default_factory=list)
    # derived: the pages above it (for guides/send/transport: guides, then guides/send)
    parents: list[Page] = field(default_factory=list, repr=False)
    # derived: the pages directly below it, in the site's order of pages
    children: list[Page] = field(default_factory=list, repr=False)
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def url_path(self) -> str:
        return "/" if self.id == "index" else f"/{self.id}/"


@dataclass
class Feedback:
    id: str
    date: dt.date
    topic: str
    you_said: str  # Markdown
    we_did: str  # Markdown
    status: str | None
    origin: Origin
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is
