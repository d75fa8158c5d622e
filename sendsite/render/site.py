"""Render stage: one page's bytes from its route, the variables every template shares, and what
happens to a page's HTML after its template (the build and the live preview both make pages
here)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

from sendsite import model
from sendsite.errors import ContentError
from sendsite.model.brand import brand_stylesheet
from sendsite.model.statement import accessibility_statement_path
from sendsite.render.glossary import link_terms, make_matcher
from sendsite.render.routes import Route
from sendsite.render.template_errors import site_template_failure, template_error
from sendsite.render.urls import Linker

# The glossary explains itself, and the 404 page should be nothing but a way back.
_NO_GLOSSARY_LINKS = frozenset({"/glossary/", "/404.html"})
LATEST_NEWS_ON_HOME = 3


def shared_context(site: model.Site) -> dict[str, Any]:
    """Variables every template can use."""
    feedback_by_topic = [
        (topic, list(items))
        for topic, items in groupby(
            sorted(site.feedback, key=lambda f: (f.topic.lower(), -f.date.toordinal(), f.id)),
            key=lambda f: f.topic,
        )
    ]
    feedback_by_topic.sort(key=lambda pair: -max(f.date for f in pair[1]).toordinal())
    return {
        "site": site,
        "config": site.config,
        "build_date": site.build_date,
        "nav": navigation(site),
        "latest_news": site.news[:LATEST_NEWS_ON_HOME],
        "feedback_by_topic": feedback_by_topic,
        "glossary_letters": _glossary_letters(site.glossary),
        "accessibility_statement_path": accessibility_statement_path(site),
        "brand_stylesheet": brand_stylesheet(site.config.brand) is not None,
        "csp_meta": None,  # a build for a host that cannot send headers sets it
    }


def navigation(site: model.Site) -> list[tuple[str, str]]:
    """Main navigation: (label, site-relative path)."""
    items = [
        ("Home", "/"),
        ("Find a service", "/services/"),
        ("Inspections", "/inspections/"),
        ("Improvement plans", "/plans/"),
        ("News", "/news/"),
    ]
    items += [(p.title, p.url_path) for p in site.nav_pages]
    return items


def _glossary_letters(
    entries: list[model.GlossaryEntry],
) -> list[tuple[str, list[model.GlossaryEntry]]]:
    def letter(entry: model.GlossaryEntry) -> str:
        first = entry.term[:1].upper()
        return first if first.isalpha() else "#"

    return [(key, list(group)) for key, group in groupby(entries, key=letter)]


Finisher = Callable[[Route, str], str]


def page_finisher(site: model.Site, linker: Linker) -> Finisher:
    """What happens to a page's HTML after its template: glossary terms linked on first use."""
    glossary = make_matcher(site.glossary)

    def finish(route: Route, html: str) -> str:
        if route.path in _NO_GLOSSARY_LINKS:
            return html
        return link_terms(html, glossary, linker.url_for)

    return finish


def render_route(
    env: jinja2.Environment,
    shared: dict[str, Any],
    route: Route,
    site_dir: Path,
    finish: Finisher,
) -> bytes:
    """One page's bytes (the build and the live preview both make pages here); a template
    mistake becomes a ContentError naming the template's line."""
    context = {**shared, **route.context, "page_path": route.path, "title": route.title}
    try:
        html = env.get_template(route.template).render(context)
    except jinja2.TemplateError as exc:
        raise template_error(exc, site_dir, route, [*context, *env.globals]) from None
    except ContentError:
        raise
    except Exception as exc:
        # A calculation in a site's own template that fails (dividing text by a number, say)
        # is the author's mistake; one in the theme is sendsite's bug and must stay loud.
        error = site_template_failure(exc, site_dir, route)
        if error is None:
            raise
        raise error from None
    return finish(route, html).encode("utf-8")
