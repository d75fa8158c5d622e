"""Derived facts, computed once in the model as of the build date.

Templates only read these; they never work anything out for themselves, so every page (and
every later export) agrees on what is overdue, what is due for review and what answers what.
"""

from __future__ import annotations

import datetime as dt
import os

from sendsite import model
from sendsite.text import add_months, last_day, months_between, plural, uk_date


def build_date_from_environment(today: dt.date | None = None) -> dt.date:
    """The build date: SOURCE_DATE_EPOCH (for reproducible builds) when set, otherwise today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                f"SOURCE_DATE_EPOCH is '{epoch}', which is not a number of seconds since 1970"
            ) from None
    return today or dt.date.today()


def derive(site: model.Site) -> None:
    """Fill in every derived field of the model. Safe to call again after the model changes (the
    live preview does, after replacing one service), because it starts from empty."""
    _clear(site)
    _link_directory(site)
    _link_inspections(site)
    _link_plans(site)
    _link_pages(site)
    site.history = history(site)


def _link_pages(site: model.Site) -> None:
    """Each page's parents and children by their ids (worked out once here: a template that
    searched every page for every page took minutes on a site of thousands of pages)."""
    by_id = {page.id: page for page in site.pages}
    for page in site.pages:
        page.children = []
    for page in site.pages:
        parts = page.id.split("/")
        ids = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        page.parents = [by_id[i] for i in ids if i in by_id]
        if ids and ids[-1] in by_id:
            by_id[ids[-1]].children.append(page)


def _clear(site: model.Site) -> None:
    # Every field the functions below fill in by appending or counting starts empty here.
    taxonomy = site.taxonomy
    for term in [*taxonomy.categories.values(), *taxonomy.needs.values(), *taxonomy.areas.values()]:
        term.services = []
    for organisation in site.organisations:
        organisation.services = []
    for inspection in site.inspections:
        inspection.followed_by, inspection.plans, inspection.news = [], [], []
        for finding in inspection.findings:
            finding.actions, finding.earlier, finding.later = [], None, []


def _link_directory(site: model.Site) -> None:
    months = site.config.review_after_months
    all_needs = list(site.taxonomy.needs.values())
    all_areas = list(site.taxonomy.areas.values())
    for service in site.services:  # already sorted by name, so every list below is too
        service.review_due = add_months(service.last_reviewed, months)
        service.due_for_review = service.review_due <= site.build_date
        service.organisation.services.append(service)
        if not service.active:
            continue
        needs = all_needs if service.needs_all else service.needs
        areas = all_areas if service.areas_all else service.areas
        for term in [*service.categories, *needs, *areas]:
            term.services.append(service)


def review_warning(service: model.Service, build_date: dt.date) -> tuple[str, str]:
    """What `sendsite build` and `sendsite check` say of a service due for review, and the fix:
    one wording for both."""
    months = months_between(service.review_due, build_date)
    late = "" if months == 0 else f", {plural(months, 'month')} ago"
    return (
        f"'{service.name}' was last reviewed on {uk_date(service.last_reviewed)}, so it was due "
        f"for review on {uk_date(service.review_due)}{late}",
        "Check the record with the provider, then update last_reviewed.",
    )


def _link_inspections(site: model.Site) -> None:
    for inspection in sorted(site.inspections, key=lambda i: i.dates.start):
        previous = inspection.previous
        if previous is None:
            continue
        previous.followed_by.append(inspection)
        earlier = {f.id: f for f in previous.findings}
        for finding in inspection.findings:
            match = earlier.get(finding.id)
            if match is not None:
                finding.earlier = match
                match.later.append(finding)
    for news in sorted(site.news, key=lambda n: n.date, reverse=True):
        if news.inspection is not None:
            news.inspection.news.append(news)


def _link_plans(site: model.Site) -> None:
    for plan in site.plans:
        for inspection in plan.responds_to:
            inspection.plans.append(plan)
        for action in plan.actions:
            for finding in action.addresses:
                finding.actions.append(action)
            # A deadline known only to its month runs to the month's last day.
            due = last_day(action.due) if action.due is not None else None
            action.overdue = (
                due is not None and due < site.build_date and action.status != "complete"
            )
            action.days_overdue = (site.build_date - due).days if action.overdue and due else 0
            action.completed_late = (
                due is not None and action.completed is not None and action.completed > due
            )
        plan.status_counts = {
            status: sum(1 for a in plan.actions if a.status == status)
            for status in model.ACTION_STATUSES
        }
        unreported = sum(1 for a in plan.actions if a.status == model.NOT_REPORTED)
        if unreported:
            plan.status_counts[model.NOT_REPORTED] = unreported
        plan.overdue_actions = [a for a in plan.actions if a.overdue]


def history(site: model.Site) -> list[model.HistoryEvent]:
    """Inspections (at their first day) and plans (when published), newest first.

    On the same day a plan comes after the inspection it answers.
    """
    events = [model.HistoryEvent(i.dates.start, inspection=i) for i in site.inspections]
    events += [model.HistoryEvent(p.published, plan=p) for p in site.plans]

    def order(event: model.HistoryEvent) -> tuple[dt.date, int, str]:
        item_id = event.inspection.id if event.inspection else event.plan.id if event.plan else ""
        return (event.date, 1 if event.plan else 0, item_id)

    return sorted(events, key=order, reverse=True)
