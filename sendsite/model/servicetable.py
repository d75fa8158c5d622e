"""The spreadsheet layout of a service: one row a service, one column a field.

`data/services.csv` is written in this layout and `sendsite import services` reads it, so a
council can export its directory, edit it in a spreadsheet and import it again. Lists of ids
are separated by semicolons (commas are accepted too); contacts and locations get numbered
columns (`contact_1_name`, `location_2_postcode`, ...), as many as the longest list needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sendsite import model
from sendsite.model import venue

MAX_AGE = 25

# (column, what it holds), in the order the spreadsheet shows them.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "the service's id: its file name, and the end of its web address"),
    ("name", "the service's name"),
    ("organisation", "the id of the organisation that runs it"),
    ("organisation_name", "the organisation's name (ignored when importing)"),
    ("summary", "one plain-English sentence, at most 200 characters"),
    ("categories", "category ids from the taxonomy, separated by semicolons"),
    ("needs", "need ids separated by semicolons, or all"),
    ("min_age", "the youngest age, in whole years (0 to 25)"),
    ("max_age", "the oldest age, in whole years (0 to 25)"),
    ("areas", "area ids separated by semicolons, or all"),
    ("last_reviewed", "the date the record was last checked with the provider (YYYY-MM-DD)"),
    ("status", "active or closed"),
    ("cost", "free, or what it costs"),
    ("eligibility", "who can use it (Markdown)"),
    ("self_referral", "yes if families can refer themselves, no if not"),
    ("referral_how", "how to be referred (Markdown)"),
    ("website", "the service's own website"),
    ("languages", "languages it is offered in, separated by semicolons"),
    (
        "opening_hours",
        "entries like 'Monday to Friday 09:00-17:00' separated by semicolons, or text",
    ),
    ("delivery", "how it is offered: in-person, online, phone, separated by semicolons"),
    (
        "venue_access",
        "what families can count on at one or more of its places (step-free, accessible-toilet, "
        "changing-places, hearing-loop, quiet-space) and bsl when it is offered in British Sign "
        "Language, separated by semicolons (ignored when importing)",
    ),
    (
        "days",
        "the days it is available, from its opening hours, such as monday; saturday "
        "(ignored when importing)",
    ),
    ("easy_read", "a short easy-read version (Markdown)"),
    ("description", "the full description (Markdown)"),
    ("url", "the service's page on this site (ignored when importing)"),
)
CONTACT_PARTS = ("name", "role", "phone", "email")
LOCATION_PARTS = (
    "name",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "access",
    "accessibility",
)
READ_ONLY = ("organisation_name", "venue_access", "days", "url")
REQUIRED = (
    "name",
    "organisation",
    "summary",
    "categories",
    "needs",
    "min_age",
    "max_age",
    "areas",
    "last_reviewed",
)
_NUMBERED = re.compile(r"^(contact|location)_([1-9]\d*)_([a-z]+)$")
_HOURS_ENTRY = re.compile(
    r"^(?P<days>.*\S)\s+(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})$"
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES = ("yes", "y", "true")
_NO = ("no", "n", "false")


def header(services: Iterable[model.Service]) -> list[str]:
    """The columns for these services: the fixed ones, then numbered contacts and locations."""
    services = list(services)
    contacts = max((len(s.contacts) for s in services), default=0) or 1
    locations = max((len(s.locations) for s in services), default=0) or 1
    names = [name for name, _ in COLUMNS]
    at = names.index("description")
    numbered = [f"contact_{n}_{p}" for n in range(1, contacts + 1) for p in CONTACT_PARTS]
    numbered += [f"location_{n}_{p}" for n in range(1, locations + 1) for p in LOCATION_PARTS]
    return names[:at] + numbered + names[at:]


def service_row(service: model.Service, page_url: str) -> dict[str, str]:
    """A service as spreadsheet cells (every value text; empty for fields it does not have)."""
    row = {
        "id": service.id,
        "name": service.name,
        "organisation": service.organisation.id,
        "organisation_name": service.organisation.name,
        "summary": service.summary,
        "categories": _join(t.id for t in service.categories),
        "needs": "all" if service.needs_all else _join(t.id for t in service.needs),
        "min_age": str(service.ages.min),
        "max_age": str(service.ages.max),
        "areas": "all" if service.areas_all else _join(t.id for t in service.areas),
        "last_reviewed": service.last_reviewed.isoformat(),
        "status": service.status,
        "cost": service.cost or "",
        "eligibility": service.eligibility or "",
        "self_referral": _yes_no(service.referral.self_referral if service.referral else None),
        "referral_how": (service.referral.how if service.referral else None) or "",
        "website": service.website or "",
        "languages": _join(service.languages),
        "opening_hours": _hours_cell(service),
        "delivery": _join(service.delivery),
        "venue_access": _join(venue.service_access(service)),
        "days": _join(venue.service_days(service)),
        "easy_read": service.easy_read or "",
        "description": service.body.strip(),
        "url": page_url,
    }
    for n, contact in enumerate(service.contacts, 1):
        for part in CONTACT_PARTS:
            row[f"contact_{n}_{part}"] = getattr(contact, part) or ""
    for n, location in enumerate(service.locations, 1):
        row[f"location_{n}_name"] = location.name or ""
        row[f"location_{n}_address"] = location.address or ""
        row[f"location_{n}_postcode"] = location.postcode or ""
        row[f"location_{n}_latitude"] = _number(location.latitude)
        row[f"location_{n}_longitude"] = _number(location.longitude)
        row[f"location_{n}_access"] = _join(location.access)
        row[f"location_{n}_accessibility"] = _join(location.accessibility)
    return row


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def _hours_cell(service: model.Service) -> str:
    if service.opening_hours:
        return _join(f"{h.days} {h.opens}-{h.closes}" for h in service.opening_hours)
    return service.opening_hours_text or ""


# --- reading a row back ---------------------------------------------------------------------


def is_known_column(name: str) -> bool:
    if name in {c for c, _ in COLUMNS}:
        return True
    match = _NUMBERED.match(name)
    if not match:
        return False
    parts = CONTACT_PARTS if match.group(1) == "contact" else LOCATION_PARTS
    return match.group(3) in parts


def known_columns() -> list[str]:
    """Column names for 'did you mean' hints."""
    names = [c for c, _ in COLUMNS]
    names += [f"contact_1_{p}" for p in CONTACT_PARTS] + [f"location_1_{p}" for p in LOCATION_PARTS]
    return names


@dataclass
class Problem:
    column: str
    message: str
    hint: str = ""


@dataclass
class ParsedRow:
    id: str | None
    front_matter: dict[str, Any]
    body: str
    problems: list[Problem]
    contact_numbers: list[int]  # the column number of each contact in front_matter
    location_numbers: list[int]


def parse_row(row: dict[str, str]) -> ParsedRow:
    """Turn one row's cells into a service's front matter, in the content model's field order.

    Only the shape of each cell is checked here (numbers, dates, yes/no); what the values mean
    (ids in the taxonomy, the summary's length, ...) is checked by the same validator as a build.
    """
    cell = {k: (v or "").strip() for k, v in row.items()}
    problems = [
        Problem(c, f"the column '{c}' is empty", "Every service needs a value here.")
        for c in REQUIRED
        if not cell.get(c)
    ]
    front: dict[str, Any] = {}
    for key in ("name", "organisation", "summary"):
        if cell.get(key):
            front[key] = cell[key]
    for key in ("categories", "needs"):
        if cell.get(key):
            ids = _split_ids(cell[key])
            front[key] = "all" if ids == ["all"] and key == "needs" else ids
    ages = {}
    for key, column in (("min", "min_age"), ("max", "max_age")):
        if cell.get(column):
            value = _whole_number(cell[column])
            if value is None:
                problems.append(
                    Problem(
                        column,
                        f"'{cell[column]}' is not a whole number of years",
                        f"Use a number from 0 to {MAX_AGE}, such as 5.",
                    )
                )
            else:
                ages[key] = value
    if len(ages) == 2:
        front["ages"] = ages
    if cell.get("areas"):
        ids = _split_ids(cell["areas"])
        front["areas"] = "all" if ids == ["all"] else ids
    if cell.get("last_reviewed"):
        reviewed = _date(cell["last_reviewed"])
        if reviewed is not None:
            front["last_reviewed"] = reviewed
        else:
            problems.append(
                Problem(
                    "last_reviewed",
                    f"'{cell['last_reviewed']}' is not a real date written as YYYY-MM-DD",
                    "Write the date like 2024-03-11 (format the column as text in the spreadsheet).",
                )
            )
    for key in ("cost", "eligibility"):
        if cell.get(key):
            front[key] = cell[key]
    referral: dict[str, Any] = {}
    if cell.get("self_referral"):
        answer = cell["self_referral"].lower()
        if answer in _YES or answer in _NO:
            referral["self_referral"] = answer in _YES
        else:
            problems.append(
                Problem(
                    "self_referral",
                    f"'{cell['self_referral']}' is not yes or no",
                    "Write yes if families can refer themselves, no if not, or leave it empty.",
                )
            )
    if cell.get("referral_how"):
        referral["how"] = cell["referral_how"]
    if referral:
        front["referral"] = referral
    contacts = _numbered_with_index(cell, "contact", CONTACT_PARTS)
    if contacts:
        front["contacts"] = [contact for _, contact in contacts]
    if cell.get("website"):
        front["website"] = cell["website"]
    located = _numbered_with_index(cell, "location", LOCATION_PARTS)
    for number, location in located:
        for key in ("latitude", "longitude"):
            if key in location:
                degrees = _decimal(location[key])
                if degrees is None:
                    problems.append(
                        Problem(
                            f"location_{number}_{key}",
                            f"'{location[key]}' is not a number",
                            "Write it in decimal degrees, such as 50.7155, or leave it empty.",
                        )
                    )
                else:
                    location[key] = degrees
        if "access" in location:
            location["access"] = _split_ids(location["access"])
        if "accessibility" in location:
            location["accessibility"] = _split_text(location["accessibility"])
    if located:
        front["locations"] = [location for _, location in located]
    if cell.get("opening_hours"):
        front["opening_hours"] = _parse_hours(cell["opening_hours"])
    if cell.get("delivery"):
        front["delivery"] = _split_ids(cell["delivery"])
    if cell.get("languages"):
        front["languages"] = _split_text(cell["languages"])
    if cell.get("easy_read"):
        front["easy_read"] = cell["easy_read"]
    if cell.get("status") and cell["status"] != "active":
        front["status"] = cell["status"]
    return ParsedRow(
        cell.get("id") or None,
        front,
        cell.get("description", ""),
        problems,
        [number for number, _ in contacts],
        [number for number, _ in located],
    )


def _date(text: str) -> dt.date | None:
    # Spreadsheets may add a time to a date cell: 2024-03-11 00:00:00.
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _split_ids(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]


def _split_text(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _whole_number(text: str) -> int | None:
    # Spreadsheets often store whole numbers as 5.0.
    match = re.fullmatch(r"(\d+)(?:\.0+)?", text)
    return int(match.group(1)) if match else None


def _decimal(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _numbered_with_index(
    cell: dict[str, str], prefix: str, parts: tuple[str, ...]
) -> list[tuple[int, dict[str, Any]]]:
    numbers = sorted(
        {int(m.group(2)) for c in cell if (m := _NUMBERED.match(c)) and m.group(1) == prefix}
    )
    found = []
    for number in numbers:
        entry = {
            p: cell[f"{prefix}_{number}_{p}"] for p in parts if cell.get(f"{prefix}_{number}_{p}")
        }
        if entry:
            found.append((number, entry))
    return found


def _parse_hours(text: str) -> list[dict[str, str]] | str:
    entries = [part.strip() for part in text.split(";") if part.strip()]
    matches = [_HOURS_ENTRY.match(entry) for entry in entries]
    if entries and all(matches):
        return [
            {"days": m.group("days"), "opens": m.group("opens"), "closes": m.group("closes")}
            for m in matches
            if m is not None
        ]
    return text
