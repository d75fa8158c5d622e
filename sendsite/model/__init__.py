"""The typed model of a site: what validation produces and what templates read.

Text fields documented as Markdown in the content model hold Markdown source here; the
renderer turns them into HTML. The model never knows about HTML. Fields marked "derived" are
computed once by `sendsite.linking` as of the build date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sendsite.errors import Origin
from sendsite.source.spans import FieldLines

SERVICE_STATUSES = ("active", "closed")
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
PLAN_KINDS = (
    "written-statement-of-action",
    "priority-action-plan",
    "accelerated-progress-plan",
    "improvement-plan",
    "strategic-plan",
    "strategy",
)
ACTION_STATUSES = ("not-started", "on-track", "at-risk", "off-track", "complete")
FEEDBACK_STATUSES = ("done", "in-progress", "planned")
COMPLIANCE_STATUSES = ("full", "partial", "not")
AGE_BANDS = ((0, 4), (5, 10), (11, 15), (16, 18), (19, 25))
# site.yaml `host`: the web hosts a build writes configuration for (name -> how it is called).
HOSTS = {
    "netlify": "Netlify",
    "cloudflare-pages": "Cloudflare Pages",
    "github-pages": "GitHub Pages",
    "gitlab-pages": "GitLab Pages",
    "apache": "Apache",
    "nginx": "nginx",
    "iis": "IIS",
    "azure-static-web-apps": "Azure Static Web Apps",
    "s3-cloudfront": "Amazon S3 with CloudFront",
}
# Hosts that serve the published folder at the root of their address: no sub-path there.
ROOT_HOSTS = frozenset({"netlify", "cloudflare-pages", "azure-static-web-apps"})


@dataclass
class Link:
    name: str
    url: str | None


@dataclass
class ContactDetails:
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None


@dataclass
class CheckOptions:
    """site.yaml `checks:` settings for `sendsite check`."""

    reading_age: int = 12
    sentence_words: int = 30
    known_acronyms: list[str] = field(default_factory=list)
    strict: list[str] = field(default_factory=lambda: ["must-fix"])  # levels `--strict` fails on
    # required items the site says it has not written yet: reported, and shown as gaps
    not_yet_covered: list[str] = field(default_factory=list)


@dataclass
class SiteConfig:
    title: str
    base_url: str
    area: str
    language: str = "en-GB"
    partnership: list[Link] = field(default_factory=list)
    contact: ContactDetails | None = None
    feedback: ContactDetails | None = None
    review_after_months: int = 12
    output: str = "_site"
    output_line: int | None = None  # where site.yaml sets `output`, for messages about it
    checks: CheckOptions = field(default_factory=lambda: CheckOptions())
    brand: Brand | None = None
    accessibility: AccessibilityStatement | None = None
    hosts: list[str] = field(default_factory=list)  # names from HOSTS
    editor: EditorSettings | None = None  # the browser editor at admin/, when site.yaml asks
    # The UUID every Open Referral UK id is made from (site.yaml `id_namespace`); None: one made
    # from base_url, so ids change with it (identity.py).
    id_namespace: str | None = None
    lines: FieldLines = field(default_factory=FieldLines, repr=False, compare=False)  # of site.yaml

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/' (e.g. '/dorset-send/')."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class EditorSettings:
    backend: str  # a key of BACKENDS
    repo: str  # owner/name (Azure DevOps: organisation/project/repository)
    branch: str = "main"
    folder: str = ""  # the site's folder inside the repository ('' for its top)
    workflow: str = (
        "editorial"  # editorial: each change is a draft to approve; simple: saved at once
    )
    script: str = "cdn"  # where admin/ loads Decap CMS from
    base_url: str | None = None  # GitHub: the OAuth server; GitLab, Gitea: the host
    auth_endpoint: str | None = None  # the OAuth server's path for logging in, such as auth
    app_id: str | None = None  # GitLab, Gitea, Azure DevOps: the OAuth application's id
    api_root: str | None = None  # a self-managed GitLab or Gitea's API
    tenant_id: str | None = None  # Azure DevOps: the Microsoft Entra tenant


@dataclass
class Brand:
    """The council's colours and logo (site.yaml `brand`), checked for contrast when loaded."""

    colour: str | None = None  # '#rrggbb': accents; white text on it is at least 4.5:1
    header_colour: str | None = None  # '#rrggbb': the header's background
    tint: str | None = None  # derived: a pale mix of `colour` for highlighted boxes
    logo: str | None = None  # path under content/assets/
    logo_alt: str | None = None


@dataclass
class AccessibilityStatement:
    """The fields of site.yaml `accessibility` that the generated statement page is made from."""

    compliance: str  # one of COMPLIANCE_STATUSES
    prepared: dt.date
    non_accessible: list[str] = field(default_factory=list)  # Markdown, one problem each
    reviewed: dt.date | None = None
    tested: dt.date | None = None
    tested_by: str | None = None
    organisation: str | None = None  # who runs the site; default: the first partnership member
    email: str | None = None  # where to report a problem; default: the site's contact
    phone: str | None = None
    response_days: int | None = None
    improvements: str | None = None  # Markdown: what is being done about the problems


@dataclass
class Term:
    """One entry of a controlled vocabulary (a category, need or area)."""

    id: str
    label: str
    description: str | None
    origin: Origin
    services: list[Service] = field(default_factory=list)  # derived: active services tagged with it
    # Other words families search with for it ('respite' for short breaks, 'ASD' for autism):
    # the search finds the term's services when one of them is typed.
    also: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    categories: dict[str, Term]
    needs: dict[str, Term]
    areas: dict[str, Term]


@dataclass
class GlossaryEntry:
    term: str
    meaning: str
    also: list[str]
    origin: Origin

    @property
    def anchor(self) -> str:
        from sendsite.text import slugify

        return slugify(self.term)


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
    accessibility: list[str]


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
    status: str
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
    status_counts: dict[str, int] = field(default_factory=dict)  # derived, every status in order
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


@dataclass
class NewsItem:
    id: str
    title: str
    date: dt.date
    summary: str
    inspection: Inspection | None
    quotes: list[Quote]
    body: str  # Markdown
    origin: Origin
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is


@dataclass
class Page:
    id: str  # the path under pages/ without extension, e.g. "guides/ehc-needs-assessment"
    title: str
    summary: str | None
    nav_order: float | None
    body: str  # Markdown
    origin: Origin
    # the required items of a Local Offer (sendsite/model/local_offer_items.py) this page explains
    covers: list[str] = field(default_factory=list)
    # derived: the pages above it (for guides/send/transport: guides, then guides/send)
    parents: list[Page] = field(default_factory=list, repr=False)
    # derived: the pages directly below it, in the site's order of pages
    children: list[Page] = field(default_factory=list, repr=False)
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is

    @property
    def url_path(self) -> str:
        return "/" if self.id == "index" else f"/{self.id}/"


@dataclass
class Feedback:
    id: str
    date: dt.date
    topic: str
    you_said: str  # Markdown
    we_did: str  # Markdown
    status: str | None
    origin: Origin
    lines: FieldLines = field(
        default_factory=FieldLines, repr=False, compare=False
    )  # where each field is


@dataclass
class Site:
    """Everything a build knows, validated and linked."""

    config: SiteConfig
    build_date: dt.date
    taxonomy: Taxonomy
    glossary: list[GlossaryEntry]  # A to Z
    organisations: list[Organisation]  # by name
    services: list[Service]  # by name, closed ones included
    inspections: list[Inspection]  # newest first
    plans: list[Plan]  # newest first
    news: list[NewsItem]  # newest first
    pages: list[Page]  # by path; the home page text (pages/index.md) included
    feedback: list[Feedback]  # newest first
    assets: list[str] = field(default_factory=list)  # paths under content/assets/
    history: list[HistoryEvent] = field(default_factory=list)  # derived: newest first
    # path under the site folder -> when git last committed a change to it; empty outside git
    commit_times: dict[str, dt.datetime] = field(default_factory=dict)

    @property
    def active_services(self) -> list[Service]:
        return [s for s in self.services if s.active]

    @property
    def home_page(self) -> Page | None:
        return next((p for p in self.pages if p.id == "index"), None)

    @property
    def nav_pages(self) -> list[Page]:
        pages = [p for p in self.pages if p.nav_order is not None and p.id != "index"]
        return sorted(pages, key=lambda p: (p.nav_order or 0, p.title))

    @property
    def latest_inspection(self) -> Inspection | None:
        return self.inspections[0] if self.inspections else None

    @property
    def glossary_examples(self) -> list[str]:
        """Two terms to name as examples of what the glossary explains: the first in
        glossary.yaml's own order (authors put the commonest first), skipping one that starts
        with the same word as a term already chosen ('EHC plan', then not 'EHC needs assessment')."""
        chosen: list[str] = []
        for entry in sorted(self.glossary, key=lambda e: e.origin.line or 0):
            first = entry.term.split()[0].lower() if entry.term.split() else ""
            if all(c.split()[0].lower() != first for c in chosen):
                chosen.append(entry.term)
            if len(chosen) == 2:
                break
        return chosen

    @property
    def standing_inspection(self) -> Inspection | None:
        """The newest full (or 2016 framework initial) inspection: its outcome stands until the
        next one, whatever monitoring inspections or revisits came after it."""
        return next((i for i in self.inspections if i.kind in ("full", "initial")), None)

    @property
    def current_plans(self) -> list[Plan]:
        """The plans answering the standing inspection and anything inspected since, newest first."""
        standing = self.standing_inspection
        upto = self.inspections.index(standing) + 1 if standing is not None else 1
        since = self.inspections[:upto]
        return [p for p in self.plans if any(i in since for i in p.responds_to)]

    @property
    def all_actions(self) -> list[Action]:
        return [a for p in self.plans for a in p.actions]
