"""The directory: organisations and the services they run, with their ages, contacts, places and hours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite.errors import Origin
from sendsite.source.spans import FieldLines

if TYPE_CHECKING:
    from sendsite.model.objects.vocabulary import Term

SERVICE_STATUSES = ("active", "closed")
AGE_BANDS = ((0, 4), (5, 10), (11, 15), (16, 18), (19, 25))


@dataclass
class Organisation:
    id: str
    name: str
    description: str | None
    url: str | None
    email: str | None
    phone: str | None
    origin: Origin
    services: list[Service] = field(default_factory=list)  # derived, sorted by name
    oruk_id: str | None = None  # its Open Referral UK id from another directory, kept as it was
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is


@dataclass
class AgeRange:
    min: int
    max: int

    def overlaps(self, low: int, high: int) -> bool:
        return self.min <= high and low <= self.max


@dataclass
class Referral:
    self_referral: bool | None
    how: str | None  # Markdown


@dataclass
class Contact:
    name: str | None
    role: str | None
    phone: str | None
    email: str | None


@dataclass
class Location:
    name: str | None
    address: str | None
    postcode: str | None
    latitude: float | None
    longitude: float | None
    accessibility: list[str]  # in the author's words
    access: list[str] = field(default_factory=list)  # ids from model.venue.ACCESS


@dataclass
class OpeningHours:
    days: str
    opens: str
    closes: str


@dataclass
class Service:
    id: str
    name: str
    organisation: Organisation
    summary: str
    categories: list[Term]
    needs: list[Term]  # empty when needs_all
    needs_all: bool
    ages: AgeRange
    areas: list[Term]  # empty when areas_all
    areas_all: bool
    last_reviewed: dt.date
    cost: str | None
    eligibility: str | None  # Markdown
    referral: Referral | None
    contacts: list[Contact]
    website: str | None
    locations: list[Location]
    opening_hours: list[OpeningHours]
    opening_hours_text: str | None
    languages: list[str]
    easy_read: str | None  # Markdown
    status: str
    body: str  # Markdown
    origin: Origin
    oruk_id: str | None = None  # its Open Referral UK id from another directory, kept as it was
    delivery: list[str] = field(default_factory=list)  # ids from model.venue.DELIVERY
    review_due: dt.date = dt.date.min  # derived: last_reviewed + review_after_months
    due_for_review: bool = False  # derived: review_due is on or before the build date
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def is_free(self) -> bool:
        return (self.cost or "").strip().lower() == "free"

    @property
    def active(self) -> bool:
        return self.status == "active"
