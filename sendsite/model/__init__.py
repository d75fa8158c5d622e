"""The typed model of a site: what validation produces and what templates read.

Text fields documented as Markdown in the content model hold Markdown source here; the
renderer turns them into HTML. The model never knows about HTML. Fields marked "derived" are
computed once by `sendsite.model.derived` as of the build date.
"""

from __future__ import annotations

from sendsite.model.objects.directory import (
    AGE_BANDS,
    SERVICE_STATUSES,
    AgeRange,
    Contact,
    Location,
    OpeningHours,
    Organisation,
    Referral,
    Service,
)
from sendsite.model.objects.inspections import (
    FINDING_TYPES,
    INSPECTION_KINDS,
    MONITORING_JUDGEMENTS,
    OUTCOMES,
    POSITIVE_JUDGEMENTS,
    PROGRESS_JUDGEMENTS,
    REVISIT_JUDGEMENTS,
    DateRange,
    ExternalInspection,
    Finding,
    Inspection,
    Inspector,
    Quote,
)
from sendsite.model.objects.pages import (
    FEEDBACK_STATUSES,
    Feedback,
    NewsItem,
    Page,
)
from sendsite.model.objects.plans import (
    ACTION_STATUSES,
    NOT_REPORTED,
    PLAN_KINDS,
    Action,
    HistoryEvent,
    Measure,
    MeasureValue,
    Plan,
    Revision,
    Update,
)
from sendsite.model.objects.settings import (
    COMPLIANCE_STATUSES,
    HOSTS,
    ROOT_HOSTS,
    AccessibilityStatement,
    Brand,
    CheckOptions,
    ContactDetails,
    EditorSettings,
    Link,
    SiteConfig,
)
from sendsite.model.objects.site import (
    Site,
)
from sendsite.model.objects.vocabulary import (
    GlossaryEntry,
    Taxonomy,
    Term,
)

__all__ = [
    "ACTION_STATUSES",
    "AGE_BANDS",
    "COMPLIANCE_STATUSES",
    "FEEDBACK_STATUSES",
    "FINDING_TYPES",
    "HOSTS",
    "INSPECTION_KINDS",
    "MONITORING_JUDGEMENTS",
    "NOT_REPORTED",
    "OUTCOMES",
    "PLAN_KINDS",
    "POSITIVE_JUDGEMENTS",
    "PROGRESS_JUDGEMENTS",
    "REVISIT_JUDGEMENTS",
    "ROOT_HOSTS",
    "SERVICE_STATUSES",
    "AccessibilityStatement",
    "Action",
    "AgeRange",
    "Brand",
    "CheckOptions",
    "Contact",
    "ContactDetails",
    "DateRange",
    "EditorSettings",
    "ExternalInspection",
    "Feedback",
    "Finding",
    "GlossaryEntry",
    "HistoryEvent",
    "Inspection",
    "Inspector",
    "Link",
    "Location",
    "Measure",
    "MeasureValue",
    "NewsItem",
    "OpeningHours",
    "Organisation",
    "Page",
    "Plan",
    "Quote",
    "Referral",
    "Revision",
    "Service",
    "Site",
    "SiteConfig",
    "Taxonomy",
    "Term",
    "Update",
]
