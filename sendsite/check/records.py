"""Checks of the records themselves: services due for review or with no way to get in touch,
findings no action answers, and overdue actions with no update."""

from __future__ import annotations

from collections.abc import Iterator

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.errors import Origin
from sendsite.model import identity
from sendsite.model.derived import review_warning
from sendsite.text import uk_date


def check_reviews(site: model.Site) -> Iterator[Advice]:
    for s in site.active_services:
        if s.due_for_review:
            yield Advice(
                s.lines.origin("last_reviewed", s.origin),
                "review",
                *review_warning(s, site.build_date),
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


def check_id_namespace(site: model.Site) -> Iterator[Advice]:
    """Without `id_namespace`, every Open Referral UK id is made from base_url: moving the site
    (a trial address to the council's own domain) would give every record a new id, and the
    directories that harvest the feed would take them for new services."""
    config = site.config
    if config.id_namespace is not None or not site.services:
        return
    current = identity.namespace(config)
    yield Advice(
        config.lines.origin("base_url", Origin("site.yaml")),
        "id-namespace",
        "site.yaml has no id_namespace, so every Open Referral UK id is made from base_url and "
        "would change if the site moved to another address",
        f"Add the line 'id_namespace: {current}' to site.yaml (it keeps today's ids) and never "
        "change it.",
    )
