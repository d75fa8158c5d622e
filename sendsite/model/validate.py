"""Validate stage: raw content files become typed, cross-referenced model objects.

Every field of every item is checked, and every mistake is logged (with its file, line and a
fix) before anything is reported, so an author sees all of their mistakes in one build. The
checks for each content type live in `sendsite.model.validation`; this module runs them in the
order their cross-references need (organisations before services, inspections before plans).
"""

from __future__ import annotations

import datetime as dt

from sendsite import model
from sendsite.errors import ErrorLog
from sendsite.model import identity
from sendsite.model.checked import CheckedServices
from sendsite.model.journeys import Targets, validate_journeys
from sendsite.model.validation import directory, inspections, pages, plans, vocabulary
from sendsite.model.validation.context import Checks
from sendsite.source.loader import Item, LoadedContent


def build_site(
    config: model.SiteConfig,
    content: LoadedContent,
    build_date: dt.date,
    log: ErrorLog,
    checked: CheckedServices | None = None,
) -> model.Site:
    """Turn loaded content into the model. Mistakes are logged; the result is complete only
    when the log stays empty. `checked`: the last build's checked services, taken for the files
    that are as they were (a build's; model/checked.py)."""
    checks = Checks(log, content.unreadable, build_date)
    taxonomy = vocabulary.taxonomy(checks, content.singles.get("taxonomy"))
    glossary = vocabulary.glossary(checks, content.singles.get("glossary"))
    organisations = {
        i.id: directory.organisation(checks, i) for i in content.items["organisations"]
    }
    services = [
        _service(checks, i, organisations, taxonomy, checked) for i in content.items["services"]
    ]
    found = {i.id: inspections.inspection(checks, i) for i in content.items["inspections"]}
    inspections.link_previous(checks, found)
    plan_list = [plans.plan(checks, i, found) for i in content.items["plans"]]
    news = [pages.news(checks, i, found) for i in content.items["news"]]
    page_list = [_page(checks, i, checked) for i in content.items["pages"]]
    feedback = [pages.feedback(checks, i) for i in content.items["feedback"]]
    targets = Targets(
        {s.id: s for s in services if s.active},
        {p.id: p for p in page_list},
        organisations,
        taxonomy,
        content.unreadable,
    )
    journeys = validate_journeys(content.items.get("journeys", []), targets, log)
    identity.refuse_duplicate_ids(
        config, list(organisations.values()), services, checks.explicit_ids, log
    )
    return model.Site(
        config=config,
        build_date=build_date,
        taxonomy=taxonomy,
        glossary=sorted(glossary, key=lambda g: g.term.lower()),
        organisations=sorted(organisations.values(), key=lambda o: (o.name.lower(), o.id)),
        services=sorted(services, key=lambda s: (s.name.lower(), s.id)),
        inspections=sorted(found.values(), key=lambda i: (i.dates.start, i.id), reverse=True),
        plans=sorted(plan_list, key=lambda p: (p.published, p.id), reverse=True),
        news=sorted(news, key=lambda n: (n.date, n.id), reverse=True),
        pages=sorted(page_list, key=lambda p: p.id),
        feedback=sorted(feedback, key=lambda f: (f.date, f.id), reverse=True),
        assets=content.assets,
        commit_times=content.commit_times,
        journeys=journeys,
    )


def _service(
    checks: Checks,
    item: Item,
    organisations: dict[str, model.Organisation],
    taxonomy: model.Taxonomy,
    checked: CheckedServices | None,
) -> model.Service:
    if checked is None:
        return directory.service(checks, item, organisations, taxonomy)
    found = checked.reuse(item, organisations, taxonomy, checks.explicit_ids)
    if found is None:
        found = directory.service(checks, item, organisations, taxonomy)
        checked.keep(found, organisations, taxonomy, checks.explicit_ids)
    return found


def _page(checks: Checks, item: Item, checked: CheckedServices | None) -> model.Page:
    if checked is None:
        return pages.page(checks, item)
    found = checked.reuse_page(item)
    if found is None:
        found = pages.page(checks, item)
        checked.keep_page(found)
    return found


def validate_service(
    item: Item,
    organisations: dict[str, model.Organisation],
    taxonomy: model.Taxonomy,
    log: ErrorLog,
    today: dt.date | None = None,
) -> model.Service:
    """Check one service file exactly as a build does: imported rows are checked with it, and the
    live preview re-checks only the file that changed."""
    return directory.service(Checks(log, {}, today), item, organisations, taxonomy)
