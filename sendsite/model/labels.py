"""Plain-English words for the content model's fixed values (ids in files, words on pages)."""

from __future__ import annotations

from sendsite.model.venue import ACCESS, DELIVERY

LABELS: dict[str, str] = {
    # inspection kinds
    "full": "Full area SEND inspection",
    "monitoring": "Monitoring inspection",
    "initial": "Local area SEND inspection",
    "revisit": "Revisit",
    # outcomes of the 2023 framework
    "typically-positive": "Typically positive experiences and outcomes",
    "inconsistent": "Inconsistent experiences and outcomes",
    "widespread-failings": "Widespread and/or systemic failings",
    # finding types
    "priority-action": "Area for priority action",
    "area-for-improvement": "Area for improvement",
    "significant-weakness": "Significant weakness",
    # progress judgements
    "sufficient": "Sufficient progress",
    "not-sufficient": "Not sufficient progress",
    "effective-action": "Taking effective action",
    "not-effective-action": "Not taking effective action",
    # plan kinds
    "written-statement-of-action": "Written statement of action",
    "priority-action-plan": "Priority action plan",
    "accelerated-progress-plan": "Accelerated progress plan",
    "improvement-plan": "Improvement plan",
    "strategic-plan": "Strategic plan",
    "strategy": "Strategy",
    # action statuses
    "not-started": "Not started",
    "on-track": "On track",
    "at-risk": "At risk",
    "off-track": "Off track",
    "complete": "Complete",
    "not-reported": "Not reported",
    # feedback statuses
    "done": "Done",
    "in-progress": "In progress",
    "planned": "Planned",
    # service statuses
    "active": "Available",
    "closed": "No longer available",
    # venue access and how a service is offered (model/venue.py)
    **dict(ACCESS),
    **dict(DELIVERY),
}

FINDING_TYPE_PLURALS: dict[str, str] = {
    "priority-action": "Areas for priority action",
    "area-for-improvement": "Areas for improvement",
    "significant-weakness": "Significant weaknesses",
}

# What each outcome of the 2023 framework means and what happens next, in plain English.
# Each sentence rests on the framework's table of outcomes and the inspection activity that
# follows each; docs/inspection-wording.md says which paragraph.
OUTCOME_EXPLANATIONS: dict[str, str] = {
    "typically-positive": (
        "This is the best of the three possible outcomes. The next full inspection will normally "
        "be within about five years, with engagement meetings in between."
    ),
    "inconsistent": (
        "This is the middle of the three possible outcomes. Ofsted and CQC usually ask the local "
        "area partnership to update and publish its strategic plan. The next full inspection "
        "will normally be within about three years, with engagement meetings in between."
    ),
    "widespread-failings": (
        "This is the most serious of the three possible outcomes. The local area partnership "
        "must submit a priority action plan. After this outcome inspectors come back for a "
        "monitoring inspection, normally about 18 months after the final report, and the next "
        "full inspection is normally within about three years."
    ),
}


def label(value: str | None) -> str:
    """The plain-English word for a fixed value; unknown values are shown as written."""
    if value is None:
        return ""
    return LABELS.get(value, value)
