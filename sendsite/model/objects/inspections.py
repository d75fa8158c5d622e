"""Area SEND inspections: their dates, inspectors, quotes and findings, and earlier inspections outside the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite.errors import Origin
from sendsite.source.spans import FieldLines

if TYPE_CHECKING:
    from sendsite.model.objects.pages import NewsItem
    from sendsite.model.objects.plans import Action, Plan

INSPECTION_KINDS = ("full", "monitoring", "initial", "revisit")
OUTCOMES = ("typically-positive", "inconsistent", "widespread-failings")
FINDING_TYPES = ("priority-action", "area-for-improvement", "significant-weakness")
# A revisit (2016 framework) judges whether progress on each significant weakness is sufficient; a
# monitoring inspection (2023 framework) whether the partnership is taking effective action on
# each area for priority action.
REVISIT_JUDGEMENTS = ("sufficient", "not-sufficient")
MONITORING_JUDGEMENTS = ("effective-action", "not-effective-action")
PROGRESS_JUDGEMENTS = (*REVISIT_JUDGEMENTS, *MONITORING_JUDGEMENTS)
POSITIVE_JUDGEMENTS = frozenset({"sufficient", "effective-action"})


@dataclass
class DateRange:
    start: dt.date
    end: dt.date


@dataclass
class Inspector:
    name: str
    role: str | None
    inspectorate: str | None


@dataclass
class Quote:
    text: str
    by: str | None
    role: str | None


@dataclass
class Finding:
    id: str
    type: str
    text: str
    responsible: list[str]
    progress: str | None
    summary: str | None  # Markdown
    origin: Origin
    label: str | None = None  # a few words naming it, shown first; the full text behind it
    judgement: str | None = None  # the letter's own words judging it, verbatim
    inspection: Inspection = field(repr=False, default=None)  # type: ignore[assignment]
    actions: list[Action] = field(default_factory=list, repr=False)  # derived
    earlier: Finding | None = field(default=None, repr=False)  # derived: same id in `previous`
    later: list[Finding] = field(default_factory=list, repr=False)  # derived: judged on revisits
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def ref(self) -> str:
        return f"{self.inspection.id}#{self.id}"

    @property
    def all_actions(self) -> list[Action]:
        """Actions addressing this finding, or the same finding at an earlier inspection or at a
        later one that judged it (an action written against a revisit's weakness answers the
        first inspection's too)."""
        seen: list[Action] = []
        finding: Finding | None = self
        while finding is not None:
            seen.extend(a for a in finding.actions if a not in seen)
            finding = finding.earlier
        later = list(self.later)
        while later:
            finding = later.pop(0)
            seen.extend(a for a in finding.actions if a not in seen)
            later.extend(finding.later)
        return seen

    @property
    def short_label(self) -> str:
        """The label, or the text's first sentence when it has none."""
        if self.label:
            return self.label
        first = self.text.split(". ")[0].rstrip(".")
        return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"


@dataclass
class ExternalInspection:
    """An earlier inspection that is not in this site: what the report says of it."""

    kind: str  # one of INSPECTION_KINDS
    date: dt.date  # when inspectors visited (may be month-only)
    report_url: str | None
    title: str | None = None


@dataclass
class Inspection:
    id: str
    area: str
    kind: str
    inspectorates: list[str]
    dates: DateRange
    published: dt.date
    outcome: str | None
    wsoa_required: bool | None
    outcome_text: str | None
    previous: Inspection | None
    next_inspection: str | None
    report_url: str | None
    survey_responses: int | None
    inspectors: list[Inspector]
    strengths: list[str]
    to_improve: list[str]
    findings: list[Finding]
    quotes: list[Quote]
    body: str  # Markdown
    origin: Origin
    previous_external: ExternalInspection | None = None  # `previous` given as {kind, date, ...}
    first_inspection: bool = False  # `previous: none`: the area was not previously inspected
    next_monitoring: str | None = None  # when the next monitoring inspection is expected
    next_full: str | None = None  # when the next full inspection is expected
    followed_by: list[Inspection] = field(default_factory=list, repr=False)  # derived
    plans: list[Plan] = field(default_factory=list, repr=False)  # derived: plans responding
    news: list[NewsItem] = field(default_factory=list, repr=False)  # derived
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def judged_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.progress is not None]

    @property
    def judges_action(self) -> bool:
        """Whether its judgements are the 2023 framework's (effective action), not sufficient progress."""
        return any(f.progress in MONITORING_JUDGEMENTS for f in self.findings)

    @property
    def sufficient_count(self) -> int:
        """Findings judged sufficient progress, or effective action at a monitoring inspection."""
        return sum(1 for f in self.findings if f.progress in POSITIVE_JUDGEMENTS)

    def findings_of_type(self, finding_type: str) -> list[Finding]:
        return [f for f in self.findings if f.type == finding_type]

    @property
    def answering_plans(self) -> list[Plan]:
        """The plans responding to this inspection, to one it follows (its `previous`, and
        theirs) or to one that follows it (a monitoring inspection or revisit). Compared by
        identity: the objects refer to each other, so comparing their fields would not end."""
        chain: list[Inspection] = []
        current: Inspection | None = self
        while current is not None and all(current is not c for c in chain):
            chain.append(current)
            current = current.previous
        later = list(self.followed_by)
        while later:
            each = later.pop(0)
            if all(each is not c for c in chain):
                chain.append(each)
                later.extend(each.followed_by)
        plans: list[Plan] = []
        for inspection in chain:
            plans.extend(p for p in inspection.plans if all(p is not q for q in plans))
        return plans
