"""The whole site: everything a build knows, validated and linked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendsite.model.journeys import Journey
    from sendsite.model.objects.directory import Organisation, Service
    from sendsite.model.objects.inspections import Inspection
    from sendsite.model.objects.pages import Feedback, NewsItem, Page
    from sendsite.model.objects.plans import Action, HistoryEvent, Plan
    from sendsite.model.objects.settings import SiteConfig
    from sendsite.model.objects.vocabulary import GlossaryEntry, Taxonomy


@dataclass
class Site:
    """Everything a build knows, validated and linked."""

    config: SiteConfig
    build_date: dt.date
    taxonomy: Taxonomy
    glossary: list[GlossaryEntry]  # A to Z
    organisations: list[Organisation]  # by name
    services: list[Service]  # by name, closed ones included
    inspections: list[Inspection]  # newest first
    plans: list[Plan]  # newest first
    news: list[NewsItem]  # newest first
    pages: list[Page]  # by path; the home page text (pages/index.md) included
    feedback: list[Feedback]  # newest first
    assets: list[str] = field(default_factory=list)  # paths under content/assets/
    history: list[HistoryEvent] = field(default_factory=list)  # derived: newest first
    # path under the site folder -> when git last committed a change to it; empty outside git
    commit_times: dict[str, dt.datetime] = field(default_factory=dict)
    journeys: list[Journey] = field(default_factory=list)  # "Where do I start?", by file name

    @property
    def active_services(self) -> list[Service]:
        return [s for s in self.services if s.active]

    @property
    def home_page(self) -> Page | None:
        return next((p for p in self.pages if p.id == "index"), None)

    @property
    def nav_pages(self) -> list[Page]:
        pages = [p for p in self.pages if p.nav_order is not None and p.id != "index"]
        return sorted(pages, key=lambda p: (p.nav_order or 0, p.title))

    @property
    def latest_inspection(self) -> Inspection | None:
        return self.inspections[0] if self.inspections else None

    @property
    def glossary_examples(self) -> list[str]:
        """Two terms to name as examples of what the glossary explains: the first in
        glossary.yaml's own order (authors put the commonest first), skipping one that starts
        with the same word as a term already chosen ('EHC plan', then not 'EHC needs assessment')."""
        chosen: list[str] = []
        for entry in sorted(self.glossary, key=lambda e: e.origin.line or 0):
            first = entry.term.split()[0].lower() if entry.term.split() else ""
            if all(c.split()[0].lower() != first for c in chosen):
                chosen.append(entry.term)
            if len(chosen) == 2:
                break
        return chosen

    @property
    def standing_inspection(self) -> Inspection | None:
        """The newest full (or 2016 framework initial) inspection: its outcome stands until the
        next one, whatever monitoring inspections or revisits came after it."""
        return next((i for i in self.inspections if i.kind in ("full", "initial")), None)

    @property
    def current_plans(self) -> list[Plan]:
        """The plans answering the standing inspection and anything inspected since, newest first."""
        standing = self.standing_inspection
        upto = self.inspections.index(standing) + 1 if standing is not None else 1
        since = self.inspections[:upto]
        return [p for p in self.plans if any(i in since for i in p.responds_to)]

    @property
    def all_actions(self) -> list[Action]:
        return [a for p in self.plans for a in p.actions]
