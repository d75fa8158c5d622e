"""Every page the site has: its address, its template, its title, its variables and the source
it comes from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sendsite import model
from sendsite.errors import Origin
from sendsite.model import labels
from sendsite.model.datafiles import catalogue
from sendsite.model.journeys import JOURNEYS_PATH
from sendsite.model.local_offer_items import local_offer_coverage
from sendsite.model.statement import STATEMENT_PATH, statement_page_written
from sendsite.render import listings as directory
from sendsite.render.urls import path_for
from sendsite.text import uk_date_range

BUILT_IN = Origin("(the built-in pages)")


@dataclass
class Route:
    """One page to render: its URL path, its template, its variables and the source it comes from."""

    path: str
    template: str
    title: str
    origin: Origin
    context: dict[str, Any] = field(default_factory=dict)


LOCAL_OFFER_INCLUDES_PATH = "/local-offer-includes/"
# The shortlist of saved services: one page, drawn in the browser from what it keeps.
SHORTLIST_PATH = "/shortlist/"


def build_routes(site: model.Site, data_page: Mapping[str, Any] | None = None) -> list[Route]:
    """Every page of the site. Two routes with the same path are an error naming both sources.
    `data_page` is what the publish stage tells the data page about its feeds (the pipeline's
    plan_site gives it)."""
    theme = BUILT_IN
    routes = [
        Route("/", "home.html", site.config.title, _origin(site.home_page, theme)),
        Route("/inspections/", "inspections.html", "Inspections over time", theme),
        Route("/plans/", "plans.html", "Improvement plans", theme),
        Route("/news/", "news_list.html", "News", theme),
        Route("/you-said-we-did/", "feedback.html", "You said, we did", theme),
        Route(
            LOCAL_OFFER_INCLUDES_PATH,
            "local_offer_includes.html",
            "What our Local Offer includes",
            theme,
            {"coverage": local_offer_coverage(site)},
        ),
        Route("/glossary/", "glossary.html", "Glossary", theme),
        Route(SHORTLIST_PATH, "shortlist.html", "Your shortlist", theme),
        Route(
            "/data/",
            "data.html",
            "Open data",
            theme,
            {"data_files": catalogue(site), **(data_page or {})},
        ),
        Route("/404.html", "404.html", "Page not found", theme),
    ]
    routes += [
        Route(p.path, p.template, p.title, p.origin or theme, p.context)
        for p in directory.pages(site)
    ]
    routes += [service_route(s) for s in site.services]
    routes += [
        Route(path_for(i), "inspection.html", inspection_title(i), i.origin, {"inspection": i})
        for i in site.inspections
    ]
    routes += [Route(path_for(p), "plan.html", p.title, p.origin, {"plan": p}) for p in site.plans]
    routes += [
        Route(path_for(n), "news_item.html", n.title, n.origin, {"item": n}) for n in site.news
    ]
    routes += [
        Route(path_for(p), "page.html", p.title, p.origin, {"page": p})
        for p in site.pages
        if p.id != "index"
    ]
    routes += journey_routes(site)
    if site.config.accessibility is not None and not statement_page_written(site):
        routes.append(
            Route(
                STATEMENT_PATH,
                "accessibility_statement.html",
                "Accessibility statement",
                Origin("site.yaml"),
                {"statement": site.config.accessibility},
            )
        )
    return routes


def journey_routes(site: model.Site) -> list[Route]:
    """The journeys' list, and one page for each step of each journey (so that a family follows
    one with links alone)."""
    if not site.journeys:
        return []
    routes = [Route(JOURNEYS_PATH, "journeys.html", "Where do I start?", BUILT_IN)]
    for journey in site.journeys:
        for step in journey.steps:
            title = (
                journey.title if step is journey.steps[0] else f"{step.heading}: {journey.title}"
            )
            routes.append(
                Route(
                    journey.step_path(step),
                    "journey.html",
                    title,
                    Origin(step.origin.path, step.origin.line),
                    {"journey": journey, "step": step, "back": journey.back(step)},
                )
            )
    return routes


def service_route(service: model.Service) -> Route:
    return Route(
        path_for(service), "service.html", service.name, service.origin, {"service": service}
    )


def _origin(page: model.Page | None, default: Origin) -> Origin:
    return page.origin if page is not None else default


def inspection_title(inspection: model.Inspection) -> str:
    return f"{labels.label(inspection.kind)}, {uk_date_range(inspection.dates.start, inspection.dates.end)}"
