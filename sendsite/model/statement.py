"""site.yaml `accessibility`: the facts the generated accessibility statement is made from.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
require a statement with the compliance status, the content that is not accessible, how to report
a problem, the enforcement procedure and the date it was prepared. The enforcement procedure is
the same for every English council, so the theme writes it; the rest comes from here. A page
at content/pages/accessibility.md replaces the generated statement.
"""

from __future__ import annotations

from sendsite import model
from sendsite.model import COMPLIANCE_STATUSES, AccessibilityStatement
from sendsite.source.fields import Fields

STATEMENT_PAGE_ID = "accessibility"  # content/pages/accessibility.md overrides the generated page
STATEMENT_PATH = f"/{STATEMENT_PAGE_ID}/"
FIELDS = (
    "compliance",
    "non_accessible",
    "improvements",
    "prepared",
    "reviewed",
    "tested",
    "tested_by",
    "organisation",
    "email",
    "phone",
    "response_days",
)


def load_statement(group: Fields | None) -> AccessibilityStatement | None:
    """Read `accessibility`; every mistake is logged on the group's log with its line."""
    if group is None:
        return None
    errors_before = len(group.log.errors)
    compliance = group.choice("compliance", COMPLIANCE_STATUSES)
    prepared = group.date("prepared")
    non_accessible = group.text_list("non_accessible")
    if compliance in ("partial", "not") and not non_accessible:
        group.error(
            "compliance",
            f"compliance is '{compliance}' but 'non_accessible' lists nothing",
            "List the content that is not accessible under non_accessible:, one item a line "
            "starting with '- ', or set compliance: full.",
        )
    if compliance == "full" and non_accessible:
        group.error(
            "non_accessible",
            "compliance is 'full' but 'non_accessible' lists content that is not accessible",
            "Set compliance: partial, or remove the non_accessible list.",
        )
    days = group.integer("response_days")
    if days is not None and not 1 <= days <= 60:
        group.error(
            "response_days",
            f"response_days is {days}",
            "Give the number of working days you take to reply, from 1 to 60.",
        )
    reviewed, tested = group.date("reviewed"), group.date("tested")
    tested_by, organisation = group.text("tested_by"), group.text("organisation")
    email, phone = group.email("email"), group.phone("phone")
    improvements = group.text("improvements")
    if len(group.log.errors) > errors_before or compliance is None or prepared is None:
        return None
    return AccessibilityStatement(
        compliance=compliance,
        prepared=prepared,
        non_accessible=non_accessible,
        reviewed=reviewed,
        tested=tested,
        tested_by=tested_by,
        organisation=organisation,
        email=email,
        phone=phone,
        response_days=days,
        improvements=improvements,
    )


def statement_page_written(site: model.Site) -> bool:
    """Whether content/pages/accessibility.md replaces the statement made from site.yaml."""
    return any(p.id == STATEMENT_PAGE_ID for p in site.pages)


def accessibility_statement_path(site: model.Site) -> str | None:
    """Where the site's accessibility statement is, if it has one."""
    if site.config.accessibility is not None or statement_page_written(site):
        return STATEMENT_PATH
    return None
