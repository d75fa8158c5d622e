"""The age bands families browse by, and the pages for one age band in one area.

An age-and-area page groups its services by need and answers "what help is there for my child,
at this age, near us?" in three clicks from the home page. It has room for only so many
entries, shared among its needs; each need with more has its own full list below it, split
into numbered pages like every other list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sendsite import model
from sendsite.render.pagination import DirectoryPage, numbered_page, paginate
from sendsite.text import age_range_label, in_sentence

# Entries on one age-and-area page, shared among its needs. A service is listed under each of
# its needs, so at council scale the page would run to thousands of entries (a megabyte, 900
# phone screens). 20 short entries (as many as a listing page has cards) under nine needs are
# about 12 screens at 320 px, and under the Dorset example's twelve about 15.
AGE_AREA_ENTRIES = 20
MIN_PER_NEED = 1  # with very many needs, still show one under each before "see all"


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


def every_age_area_page(site: model.Site) -> list[DirectoryPage]:
    """The pages of every age band in every area, bands youngest first, areas in the
    taxonomy's order."""
    found: list[DirectoryPage] = []
    active = site.active_services
    areas = site.taxonomy.areas.values()
    for band in AGE_BANDS:
        # Each service put under the areas it serves in one pass, in the directory's order,
        # rather than every service asked of every area. By id: a term is its taxonomy's one
        # object of that id, and comparing whole terms (with their lists of services) cost a
        # second at 4,000 services.
        serving: dict[str, list[model.Service]] = {area.id: [] for area in areas}
        for service in active:
            if not band.includes(service):
                continue
            if service.areas_all:
                for listed in serving.values():
                    listed.append(service)
                continue
            for area_id in dict.fromkeys(a.id for a in service.areas):
                if area_id in serving:
                    serving[area_id].append(service)
        for area in areas:
            found += age_area_pages(site, band, area, serving[area.id])
    return found


def age_area_pages(
    site: model.Site, band: AgeBand, area: model.Term, services: Sequence[model.Service]
) -> list[DirectoryPage]:
    """One age band in one area, grouped by need, and the full list of each need that the
    page has no room for, split into numbered pages like every other list. `services`: the
    active services for the band's ages that serve the area (all areas, or this one)."""
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
            found.append(
                numbered_page(
                    pager,
                    "age_area_need.html",
                    f"Services for {in_sentence(group.label)}, {where}",
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
