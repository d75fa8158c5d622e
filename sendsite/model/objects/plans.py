"""Improvement plans: their actions, measures, updates and revisions, and the area's history of inspections and plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite.errors import Origin
from sendsite.source.spans import FieldLines

if TYPE_CHECKING:
    from sendsite.model.objects.inspections import DateRange, Finding, Inspection

PLAN_KINDS = (
    "written-statement-of-action",
    "priority-action-plan",
    "accelerated-progress-plan",
    "improvement-plan",
    "strategic-plan",
    "strategy",
)
ACTION_STATUSES = ("not-started", "on-track", "at-risk", "off-track", "complete")
# An action whose file gives no status: the site says its progress is not reported rather than
# guess "not started" (a plan known only from a summary has actions nobody has reported on).
NOT_REPORTED = "not-reported"


@dataclass
class MeasureValue:
    date: dt.date
    value: float


@dataclass
class Measure:
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    values: list[MeasureValue]  # oldest first


@dataclass
class Update:
    date: dt.date
    status: str | None
    text: str  # Markdown
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is


@dataclass
class Action:
    id: str
    title: str
    addresses: list[Finding]
    lead: str | None  # the leads in words: "Head of SEND, Testshire Council and Testshire ICB"
    partners: list[str]
    start: dt.date | None
    due: dt.date | None
    status: str  # one of ACTION_STATUSES, or NOT_REPORTED
    measures_text: list[str]  # Markdown: measures written as sentences
    measures: list[Measure]
    updates: list[Update]  # newest first
    origin: Origin
    leads: list[str] = field(default_factory=list)  # one or more, from different bodies
    accountable: str | None = None  # the senior officer answerable for it
    completed: dt.date | None = None  # when it was finished (may be month-only)
    plan: Plan = field(repr=False, default=None)  # type: ignore[assignment]
    overdue: bool = False  # derived: due before the build date and not complete
    days_overdue: int = 0  # derived
    completed_late: bool = False  # derived: completed after the end of its due date
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def latest_update(self) -> Update | None:
        return self.updates[0] if self.updates else None

    @property
    def anchor(self) -> str:
        return f"action-{self.id}"


@dataclass
class Revision:
    """A new version of a plan: when, and what changed."""

    date: dt.date
    text: str  # Markdown


@dataclass
class Plan:
    id: str
    title: str
    kind: str
    responds_to: list[Inspection]
    owner: str
    published: dt.date
    period: DateRange | None
    actions: list[Action]
    body: str  # Markdown
    origin: Origin
    revisions: list[Revision] = field(default_factory=list)  # newest first
    status_counts: dict[str, int] = field(
        default_factory=dict
    )  # derived: every status in order, then NOT_REPORTED where any action has no status
    overdue_actions: list[Action] = field(default_factory=list)  # derived
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def latest_update(self) -> Update | None:
        updates = [u for a in self.actions for u in a.updates]
        return max(updates, key=lambda u: u.date) if updates else None


@dataclass
class HistoryEvent:
    """One step in the area's inspection history: an inspection, or a plan published after one."""

    date: dt.date
    inspection: Inspection | None = None
    plan: Plan | None = None
