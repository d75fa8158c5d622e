"""The Local Offer directory's listing pages: what each one lists and where it lives.

Families browse without JavaScript through pages per category, need, area and age band, and
through pages for one age band in one area, grouped by need, which answer "what help is there
for my child, at this age, near us?" in three clicks from the home page. Long lists are split
into numbered pages so that no page is enormous on a phone.

This module only decides the pages and their contents; the renderer turns them into routes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sendsite import model
from sendsite.errors import Origin
from sendsite.model import places, venue
from sendsite.render.urls import path_for
from sendsite.text import age_range_label

T = TypeVar("T")

PAGE_SIZE = 20  # services on one listing page: a short scroll on a phone, few pages to click
# Services on the first page of all services, under the search and the browse links: with 20
# it was 19.5 phone screens at 4,000 services (the browse lists grow with the taxonomy).
FRONT_PAGE_SIZE = 10
# Entries on one age-and-area page, shared among its needs. A service is listed under each of
# its needs, so at council scale the page would run to thousands of entries (a megabyte, 900
# phone screens). 20 short entries (as many as a listing page has cards) under nine needs are
# about 12 screens at 320 px, and under the Dorset example's twelve about 15.
AGE_AREA_ENTRIES = 20
MIN_PER_NEED = 1  # with very many needs, still show one under each before "see all"
TERM_FACETS = ("category", "need", "area", "age")
FACETS = (*TERM_FACETS, *venue.FACETS)  # then access, delivery, day and cost (model/venue.py)
# What each venue fact's list holds, said once at its top.
VENUE_DESCRIPTIONS = {
    "access": "Services with {label} at one or more of the places they are offered. "
    "A service's page says which places, when only some have it.",
    "delivery": "Services you can use {label}. Many can be used in more than one way.",
    "day": "Services whose opening times include {label}. Check the times on each service's page.",
    "cost": "Services that are free for every family who can use them.",
}
_BSL_DESCRIPTION = "Services whose languages include British Sign Language."


@dataclass(frozen=True)
class AgeBand:
    """One of the fixed age bands families browse by (model.AGE_BANDS)."""

    min: int
    max: int

    @property
    def id(self) -> str:
        return f"{self.min}-{self.max}"

    @property
    def label(self) -> str:
        return age_range_label(self.min, self.max)

    def includes(self, service: model.Service) -> bool:
        return service.ages.overlaps(self.min, self.max)


AGE_BANDS = tuple(AgeBand(low, high) for low, high in model.AGE_BANDS)


@dataclass
class Listing:
    """A list of services that families can reach without JavaScript: one facet value."""

    facet: str  # one of FACETS
    id: str
    label: str
    description: str | None
    services: list[model.Service]

    @property
    def path(self) -> str:
        return listing_path(self.facet, self.id)


@dataclass
class Pager:
    """Where one page sits in a numbered list of pages."""

    number: int
    count: int
    first_path: str  # the path of page 1; later pages live below it
    total: int  # items in the whole list
    first_size: int = PAGE_SIZE  # items on page 1; every later page has PAGE_SIZE

    def _end(self, number: int) -> int:
        """How many items pages 1 to `number` hold between them."""
        return self.first_size + (number - 1) * PAGE_SIZE if number > 0 else 0

    @property
    def first_item(self) -> int:
        return self._end(self.number - 1) + 1

    @property
    def last_item(self) -> int:
        return min(self._end(self.number), self.total)

    def path_of(self, number: int) -> str:
        return self.first_path if number == 1 else f"{self.first_path}page-{number}/"

    @property
    def path(self) -> str:
        return self.path_of(self.number)

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to link to: the first, the last, this one and its neighbours, with
        None for each gap (shown as an ellipsis), as GOV.UK's pagination does. A list of 200
        pages would otherwise put 200 links on every one of its pages."""
        shown = {1, self.count, self.number - 1, self.number, self.number + 1}
        if self.number <= 3:
            shown.update(range(1, 5))  # near an end, keep a few numbers to choose from
        if self.number >= self.count - 2:
            shown.update(range(self.count - 3, self.count + 1))
        kept = sorted(n for n in shown if 1 <= n <= self.count)
        numbers: list[int | None] = []
        for n in kept:
            if numbers and n - (numbers[-1] or 0) == 2:
                numbers.append(n - 1)  # a gap of one page: show it rather than an ellipsis
            elif numbers and n - (numbers[-1] or 0) > 2:
                numbers.append(None)
            numbers.append(n)
        return numbers


@dataclass
class NeedGroup:
    """Services for one need (or, with no need, for any need) on an age-and-area page."""

    need: model.Term | None  # None: the services that help with any need
    services: list[model.Service]
    path: str  # the group's own list, which has every one of its services
    shown: int = 0  # how many the age-and-area page shows; the rest are on the group's list

    @property
    def anchor(self) -> str:
        return "need-any" if self.need is None else f"need-{self.need.id}"

    @property
    def label(self) -> str:
        return "Any need" if self.need is None else self.need.label

    @property
    def on_page(self) -> list[model.Service]:
        """The ones the age-and-area page has room for: those for this area rather than every
        area, and for this need rather than many, first (a club for autistic children in one
        town before a county-wide service for all needs), otherwise in the list's order."""
        ranked = sorted(self.services, key=lambda s: (s.areas_all, len(s.needs)))
        return ranked[: self.shown]

    @property
    def capped(self) -> bool:
        return self.shown < len(self.services)


@dataclass
class DirectoryPage:
    """One page to render; the renderer makes a route of it."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = None  # the source file it comes from, when there is one


def listing_path(facet: str, term_id: str) -> str:
    return f"/services/{facet}/{term_id}/"


def age_area_path(band: AgeBand, area: model.Term) -> str:
    return f"/services/age/{band.id}/{area.id}/"


def age_area_need_path(band: AgeBand, area: model.Term, need: model.Term | None) -> str:
    """Where one need's full list for an age band and area lives: below the age-and-area page,
    under need/ so that no need's id can clash with "any-need" or a page number."""
    base = age_area_path(band, area)
    return f"{base}any-need/" if need is None else f"{base}need/{need.id}/"


def bands_for(service: model.Service) -> list[AgeBand]:
    """The age bands a service's ages overlap, so it is listed under each."""
    return [band for band in AGE_BANDS if band.includes(service)]


def listings(site: model.Site) -> dict[str, list[Listing]]:
    """Every browsable list, by facet, in the taxonomy's order (ages youngest first)."""
    active = site.active_services
    found: dict[str, list[Listing]] = {}
    for facet, vocabulary in (
        ("category", site.taxonomy.categories),
        ("need", site.taxonomy.needs),
        ("area", site.taxonomy.areas),
    ):
        found[facet] = [
            Listing(facet, t.id, t.label, t.description, list(t.services))
            for t in vocabulary.values()
        ]
    found["age"] = [
        Listing("age", band.id, band.label, None, [s for s in active if band.includes(s)])
        for band in AGE_BANDS
    ]
    facts = [{(f.facet, f.id) for f in venue.facts(s)} for s in active]
    for facet, values in venue.FACETS.items():
        # A fact no open service has gets no list: nothing would link to an empty page (a
        # taxonomy term no service uses is kept, with a build warning, since a site chose it).
        found[facet] = [
            listing for listing in _venue_listings(facet, values, active, facts) if listing.services
        ]
    return found


def _venue_listings(
    facet: str,
    values: Sequence[tuple[str, str]],
    active: Sequence[model.Service],
    facts: Sequence[set[tuple[str, str]]],
) -> Iterator[Listing]:
    return (
        Listing(
            facet,
            fact_id,
            label,
            _BSL_DESCRIPTION
            if (facet, fact_id) == ("access", venue.BSL[0])
            else VENUE_DESCRIPTIONS[facet].format(
                label=label + "s" if facet == "day" else in_sentence(label)
            ),
            [s for s, has in zip(active, facts, strict=True) if (facet, fact_id) in has],
        )
        for fact_id, label in values
    )


def serves_area(service: model.Service, area: model.Term) -> bool:
    # By id: a term is its taxonomy's one object of that id, and comparing whole terms
    # (with their lists of services) cost a second at 4,000 services.
    return service.areas_all or any(a.id == area.id for a in service.areas)


def need_groups(
    site: model.Site, band: AgeBand, area: model.Term, services: Sequence[model.Service]
) -> tuple[list[NeedGroup], NeedGroup | None]:
    """Services for each named need, and those for any need (shown once, apart, or None when
    there are none), each with how many the age-and-area page has room for."""
    # Each service put under its needs in one pass (a term is its taxonomy's one object of
    # that id), in the order of `services`, once under each need however often it names it.
    tagged: dict[str, list[model.Service]] = {need: [] for need in site.taxonomy.needs}
    for service in services:
        if service.needs_all:
            continue
        for need_id in dict.fromkeys(term.id for term in service.needs):
            if need_id in tagged:
                tagged[need_id].append(service)
    named = [
        NeedGroup(need, tagged[key], age_area_need_path(band, area, need))
        for key, need in site.taxonomy.needs.items()
    ]
    groups = [g for g in named if g.services]
    every = [s for s in services if s.needs_all]
    any_need = NeedGroup(None, every, age_area_need_path(band, area, None)) if every else None
    share_out([*groups, *([any_need] if any_need else [])], AGE_AREA_ENTRIES)
    return groups, any_need


def share_out(groups: Sequence[NeedGroup], budget: int) -> None:
    """Set how many of each group's services to show so that together they fit the budget:
    all of every group when they fit; otherwise an equal share each, never fewer than
    MIN_PER_NEED, and what a short group leaves over goes to the longer ones."""
    left = max(budget, MIN_PER_NEED * len(groups))
    waiting = sorted(groups, key=lambda g: len(g.services))
    while waiting:
        share = max(MIN_PER_NEED, left // len(waiting))
        group = waiting.pop(0)
        group.shown = min(len(group.services), share)
        left -= group.shown


def paginate(
    items: Sequence[T], first_path: str, first_size: int = PAGE_SIZE
) -> Iterator[tuple[Pager, list[T]]]:
    """Split a list into pages of PAGE_SIZE, the first of `first_size`; an empty list still
    gets its one page."""
    count = 1 + max(0, -(-(len(items) - first_size) // PAGE_SIZE))
    for number in range(1, count + 1):
        pager = Pager(number, count, first_path, len(items), first_size)
        yield pager, list(items[pager.first_item - 1 : pager.last_item])


def pages(site: model.Site) -> list[DirectoryPage]:
    """Every page of the directory apart from the services themselves."""
    found: list[DirectoryPage] = []
    active = site.active_services
    for pager, chunk in paginate(active, "/services/", FRONT_PAGE_SIZE):
        title = "Find a service"
        if pager.number > 1:  # page 1 is the directory's front page: search and browse
            title += f" (page {pager.number} of {pager.count})"
        found.append(
            DirectoryPage(
                pager.path, "services.html", title, {"pager": pager, "page_services": chunk}
            )
        )
    for pager, organisations in paginate(site.organisations, "/organisations/"):
        title = "Organisations"
        if pager.count > 1:
            title += f" (page {pager.number} of {pager.count})"
        found.append(
            DirectoryPage(
                pager.path,
                "organisations.html",
                title,
                {"pager": pager, "page_organisations": organisations},
            )
        )
    for org in site.organisations:
        open_services = [s for s in org.services if s.active]
        for pager, chunk in paginate(open_services, path_for(org)):
            title = (
                org.name
                if pager.count == 1
                else f"{org.name} (page {pager.number} of {pager.count})"
            )
            found.append(
                DirectoryPage(
                    pager.path,
                    "organisation.html",
                    title,
                    {"organisation": org, "pager": pager, "page_services": chunk},
                    org.origin,
                )
            )
    by_facet = listings(site)
    for facet in FACETS:
        for listing in by_facet[facet]:
            for pager, chunk in paginate(listing.services, listing.path):
                title = listing_title(listing)
                if pager.count > 1:
                    title += f" (page {pager.number} of {pager.count})"
                found.append(
                    DirectoryPage(
                        pager.path,
                        "listing.html",
                        title,
                        {"listing": listing, "pager": pager, "page_services": chunk},
                    )
                )
    for band in AGE_BANDS:
        in_band = [s for s in active if band.includes(s)]
        for area in site.taxonomy.areas.values():
            found += age_area_pages(site, band, area, in_band)
    return found


def age_area_pages(
    site: model.Site, band: AgeBand, area: model.Term, in_band: Sequence[model.Service]
) -> list[DirectoryPage]:
    """One age band in one area, grouped by need, and the full list of each need that the
    page has no room for, split into numbered pages like every other list. `in_band`: the
    active services for the band's ages."""
    services = [s for s in in_band if serves_area(s, area)]
    groups, any_need = need_groups(site, band, area, services)
    where = f"ages {band.label} in {area.label}"
    found = [
        DirectoryPage(
            age_area_path(band, area),
            "age_area.html",
            f"Services for {where}",
            {
                "band": band,
                "area": area,
                "area_services": services,
                "any_need": any_need,
                "need_groups": groups,
            },
        )
    ]
    for group in [*groups, *([any_need] if any_need else [])]:
        if not group.capped:
            continue  # the age-and-area page lists all of them
        for pager, chunk in paginate(group.services, group.path):
            title = f"Services for {in_sentence(group.label)}, {where}"
            if pager.count > 1:
                title += f" (page {pager.number} of {pager.count})"
            found.append(
                DirectoryPage(
                    pager.path,
                    "age_area_need.html",
                    title,
                    {
                        "band": band,
                        "area": area,
                        "group": group,
                        "pager": pager,
                        "page_services": chunk,
                    },
                )
            )
    return found


def listing_title(listing: Listing) -> str:
    match listing.facet:
        case "category":
            return f"{listing.label} services"
        case "need":
            return f"Services for {in_sentence(listing.label)}"
        case "area":
            return f"Services in {listing.label}"
        case "age":
            return f"Services for ages {listing.label}"
        case "access":
            if listing.id == venue.BSL[0]:
                return "Services offered in British Sign Language (BSL)"
            return f"Services with {in_sentence(listing.label)}"
        case "delivery":
            return f"Services offered {in_sentence(listing.label)}"
        case "day":
            return f"Services on {listing.label}s"
        case _:
            return "Free services"


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: 'Autism' -> 'autism', but 'ADHD' stays 'ADHD' and
    'Changing Places toilet' keeps its name."""
    if label.startswith(("Changing Places", "British Sign Language")):
        return label
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _district_centres(site: model.Site) -> dict[str, tuple[float, float]]:
    # Given the site, not its services: a page's read record keeps each call's arguments, and a
    # list of every service, kept for every page that shows the search, took gigabytes.
    return places.centres(site.active_services)


def template_globals() -> dict[str, Any]:
    """Names the directory's templates use."""
    return {
        "AGE_BAND_LIST": AGE_BANDS,
        "directory_listings": listings,
        "listing_path": listing_path,
        "age_area_path": age_area_path,
        "bands_for": bands_for,
        "in_sentence": in_sentence,
        "venue_facts": venue.facts,
        "venue_places_with": venue.places_with,
        "VENUE_FACETS": venue.FACETS,
        "district_centres": _district_centres,
    }
