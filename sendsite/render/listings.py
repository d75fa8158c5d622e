"""The Local Offer directory's facets and list pages: what each list holds and where it lives.

Families browse without JavaScript through pages per category, need, area and age band, per
venue fact (access, delivery, day, cost), and through pages for one age band in one area
(render/age_area.py). Long lists are split into numbered pages (render/pagination.py) so that
no page is enormous on a phone.

This module only decides the pages and their contents; the renderer turns them into routes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sendsite import model
from sendsite.model import places, venue
from sendsite.render.age_area import AGE_BANDS, age_area_path, bands_for, every_age_area_page
from sendsite.render.pagination import DirectoryPage, numbered_page, paginate
from sendsite.render.urls import path_for
from sendsite.text import in_sentence

# Services on the first page of all services, under the search and the browse links: with 20
# it was 19.5 phone screens at 4,000 services (the browse lists grow with the taxonomy).
FRONT_PAGE_SIZE = 10
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


def listing_path(facet: str, term_id: str) -> str:
    return f"/services/{facet}/{term_id}/"


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
    facts = [set(venue.fact_ids(s)) for s in active]
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
        found.append(
            numbered_page(
                pager,
                "organisations.html",
                "Organisations",
                {"pager": pager, "page_organisations": organisations},
            )
        )
    for org in site.organisations:
        open_services = [s for s in org.services if s.active]
        for pager, chunk in paginate(open_services, path_for(org)):
            found.append(
                numbered_page(
                    pager,
                    "organisation.html",
                    org.name,
                    {"organisation": org, "pager": pager, "page_services": chunk},
                    org.origin,
                )
            )
    by_facet = listings(site)
    for facet in FACETS:
        for listing in by_facet[facet]:
            for pager, chunk in paginate(listing.services, listing.path):
                found.append(
                    numbered_page(
                        pager,
                        "listing.html",
                        listing_title(listing),
                        {"listing": listing, "pager": pager, "page_services": chunk},
                    )
                )
    found += every_age_area_page(site)
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
