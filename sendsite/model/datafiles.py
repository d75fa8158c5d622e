"""The open data files a site publishes, as its data page describes them: name, format, what
each holds and its columns (publish/opendata.py writes them)."""

from __future__ import annotations

from dataclasses import dataclass

from sendsite import model
from sendsite.model import servicetable


@dataclass(frozen=True)
class DataFile:
    """One downloadable file, as the data page describes it."""

    name: str
    title: str
    format: str
    description: str
    columns: tuple[tuple[str, str], ...]


ACTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("plan", "the plan's id"),
    ("plan_title", "the plan's title"),
    ("action", "the action's id within its plan"),
    ("title", "what the action will do"),
    ("findings", "the findings it addresses, as INSPECTION-ID#FINDING-ID, separated by semicolons"),
    ("finding_text", "what the inspectors found, for each of those findings"),
    ("lead", "who leads it (a role)"),
    ("partners", "who else is involved, separated by semicolons"),
    ("start", "when it started (YYYY-MM-DD)"),
    ("due", "when it is due (YYYY-MM-DD)"),
    ("status", "not-started, on-track, at-risk, off-track or complete"),
    ("overdue", "yes when it is past its due date and not complete, as of the build date"),
    ("days_overdue", "how many days past its due date"),
    ("latest_update_date", "the date of the latest progress update"),
    ("latest_update", "the latest progress update (Markdown)"),
    ("url", "the action on this site"),
)

INSPECTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "the inspection's id"),
    ("url", "its page on this site"),
    ("kind, kind_label", "full, monitoring, initial or revisit, and in words"),
    ("inspectorates", "who inspected, such as Ofsted and CQC"),
    ("dates", "the first and last day of the visit"),
    ("published", "when the report or letter was published"),
    ("outcome, outcome_label", "the outcome (inspections from 2023)"),
    ("wsoa_required", "whether a written statement of action was required (2016 framework)"),
    ("previous", "the id of the inspection before it"),
    ("report_url", "the full report"),
    ("findings", "each finding: id, type, text, progress judged, and the actions addressing it"),
    ("plans", "the ids of the plans that respond to it"),
)


def catalogue(site: model.Site) -> list[DataFile]:
    """What the data page lists."""
    return [
        DataFile(
            "services.csv",
            "Services in the Local Offer",
            "CSV",
            f"Every service in the directory, one row each ({len(site.services)} rows). "
            "The same layout can be imported back with sendsite import services.",
            (
                *servicetable.COLUMNS[:-2],
                (
                    "contact_1_name, contact_1_role, ...",
                    "each contact's name, role, phone and email",
                ),
                (
                    "location_1_name, location_1_address, ...",
                    "each location's name, address, postcode, latitude, longitude, access "
                    "(step-free, accessible-toilet, changing-places, hearing-loop, quiet-space) "
                    "and accessibility in the author's words (each separated by semicolons)",
                ),
                *servicetable.COLUMNS[-2:],
            ),
        ),
        DataFile(
            "actions.csv",
            "Improvement plan actions",
            "CSV",
            f"Every action in every improvement plan, one row each ({len(site.all_actions)} rows), "
            f"with whether it is overdue as of {site.build_date.isoformat()}.",
            ACTION_COLUMNS,
        ),
        DataFile(
            "inspections.json",
            "Inspections and their findings",
            "JSON",
            f"Every inspection ({len(site.inspections)}), newest first, with its findings "
            "and the plan actions that address each finding.",
            INSPECTION_FIELDS,
        ),
    ]
