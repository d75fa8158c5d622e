"""Checks of the records themselves: services due for review or with no way to get in touch,
findings no action answers, and overdue actions with no update."""

from __future__ import annotations

from collections.abc import Iterator

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.text import months_between, plural, uk_date


def check_reviews(site: model.Site) -> Iterator[Advice]:
    for s in site.active_services:
        if s.due_for_review:
            months = months_between(s.review_due, site.build_date)
            late = "" if months == 0 else f", {plural(months, 'month')} ago"
            yield Advice(
                s.lines.origin("last_reviewed", s.origin),
                "review",
                f"'{s.name}' was last reviewed on {uk_date(s.last_reviewed)}, so it was due for "
                f"review on {uk_date(s.review_due)}{late}",
                "Check the record with the provider, then update last_reviewed.",
            )


def check_contact_routes(site: model.Site) -> Iterator[Advice]:
    for s in site.active_services:
        routes = [c for c in s.contacts if c.phone or c.email]
        if not routes and not s.website:
            yield Advice(
                s.lines.origin("contacts", s.lines.origin("name", s.origin)),
                "contact",
                f"'{s.name}' has no phone number, email address or website",
                "Add a contact with a phone or email, or a website, so families can get in touch.",
            )


def check_unanswered_findings(site: model.Site) -> Iterator[Advice]:
    for inspection in site.inspections:
        for finding in inspection.findings:
            if finding.progress in model.POSITIVE_JUDGEMENTS or finding.all_actions:
                continue
            yield Advice(
                finding.origin,
                "unanswered-finding",
                f"no plan action addresses the finding '{finding.id}' of {inspection.id}",
                f"Add '{finding.ref}' to the addresses of an action in a plan.",
            )


def check_stale_actions(site: model.Site) -> Iterator[Advice]:
    for plan in site.plans:
        for action in plan.overdue_actions:
            assert action.due is not None
            latest = action.latest_update
            if latest is not None and latest.date > action.due:
                continue
            yield Advice(
                action.origin,
                "stale-action",
                f"the action '{action.id}' was due on {uk_date(action.due)}, is not complete and has "
                "had no update since",
                "Add an update saying where it stands and when it will be done.",
            )
