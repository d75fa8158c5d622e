"""Checks for area SEND inspections: their kind and outcome, findings and previous inspection."""

from __future__ import annotations

from sendsite import model
from sendsite.model import labels, schema
from sendsite.model.validation.context import NO_DATE, Checks, check_id, date_range, quotes
from sendsite.source.fields import Fields
from sendsite.source.loader import Item
from sendsite.source.wording import did_you_mean
from sendsite.text import slugify

INSPECTION_FIELDS = schema.keys("inspections")


def inspection(checks: Checks, item: Item) -> model.Inspection:
    f = checks.fields(
        item.source,
        INSPECTION_FIELDS,
        schema.required_keys("inspections"),
        "this inspection",
    )
    kind = f.choice("kind", model.INSPECTION_KINDS) or "full"
    outcome = f.choice("outcome", model.OUTCOMES)
    refuse_outcome_fields(f, kind)
    if kind == "full" and "kind" in f.data and not f.has("outcome"):
        f.error(
            "kind",
            "a full inspection needs its 'outcome'",
            "Add 'outcome: typically-positive', 'inconsistent' or 'widespread-failings'.",
        )
    wsoa = f.boolean("wsoa_required")
    if kind == "initial" and wsoa is None and "wsoa_required" not in f.data:
        f.error(
            "kind",
            "an initial inspection needs 'wsoa_required'",
            "Add 'wsoa_required: true' if the inspectors required a written statement of action, "
            "or 'wsoa_required: false'.",
        )
    survey = f.integer("survey_responses")
    if survey is not None and survey < 0:
        f.error("survey_responses", "survey_responses cannot be negative")
    found = model.Inspection(
        id=item.id,
        area=f.text("area") or "",
        kind=kind,
        inspectorates=f.text_list("inspectorates"),
        dates=date_range(f, "dates", required=True, month=True)
        or model.DateRange(NO_DATE, NO_DATE),
        published=f.date("published", past=True, month=True) or NO_DATE,
        outcome=outcome,
        wsoa_required=wsoa,
        outcome_text=f.text("outcome_text"),
        previous=None,
        next_inspection=f.text("next_inspection"),
        report_url=f.url("report_url"),
        survey_responses=survey,
        inspectors=[
            model.Inspector(i.text("name") or "", i.text("role"), i.text("inspectorate"))
            for i in f.group_list(
                "inspectors",
                allowed=("name", "role", "inspectorate"),
                required=("name",),
                what="an inspector",
            )
        ],
        strengths=f.text_list("strengths"),
        to_improve=f.text_list("to_improve"),
        findings=[],
        quotes=quotes(f),
        body=item.source.body,
        origin=f.origin(),
        lines=f.field_lines(),
        next_monitoring=f.text("next_monitoring_inspection"),
        next_full=f.text("next_full_inspection"),
    )
    previous(checks, f, found)
    seen: set[str] = set()
    for entry in f.group_list(
        "findings",
        allowed=(
            "id",
            "type",
            "label",
            "text",
            "responsible",
            "progress",
            "judgement",
            "summary",
        ),
        required=("id", "type", "text"),
        what="a finding",
    ):
        finding_id = entry.text("id")
        if finding_id is None:
            continue
        if not check_id(finding_id, entry.origin("id"), checks.log):
            checks.misspelt_findings.add((item.id, slugify(finding_id)))
            continue
        if finding_id in seen:
            entry.error(
                "id",
                f"two findings in this inspection have the id '{finding_id}'",
                "Give each finding its own id.",
            )
            continue
        seen.add(finding_id)
        finding = model.Finding(
            id=finding_id,
            type=entry.choice("type", model.FINDING_TYPES) or "area-for-improvement",
            text=entry.text("text") or "",
            responsible=entry.text_list("responsible"),
            progress=judgement(entry, kind),
            summary=entry.text("summary"),
            origin=entry.origin("id"),
            lines=entry.field_lines(),
            label=entry.text("label"),
            judgement=entry.text("judgement"),
        )
        finding.inspection = found
        found.findings.append(finding)
    if found.dates.end < found.dates.start:
        f.error(
            "dates",
            "the inspection's end date is before its start date",
            "Check 'start' and 'end' under 'dates'.",
        )
    return found


def refuse_outcome_fields(f: Fields, kind: str) -> None:
    """`outcome` belongs to a full inspection and `wsoa_required` to an initial one; on any
    other kind they would be published as a result the inspectors never gave."""
    kind_words = labels.label(kind).lower()
    if f.has("outcome") and kind != "full":
        f.error(
            "outcome",
            f"a {kind_words} has no 'outcome': only a full inspection gives one",
            (
                "Remove 'outcome'. A monitoring inspection judges each area for priority "
                "action: write that in each finding's 'progress' (effective-action or "
                "not-effective-action)."
                if kind == "monitoring"
                else "Remove 'outcome', or set 'kind: full' if this was a full inspection."
            ),
        )
    if f.has("wsoa_required") and kind != "initial":
        f.error(
            "wsoa_required",
            f"a {kind_words} has no 'wsoa_required': only an initial inspection (2016 "
            "framework) decided whether a written statement of action was required",
            "Remove 'wsoa_required'.",
        )


def judgement(entry: Fields, kind: str) -> str | None:
    """A finding's `progress`, in the words of the framework its inspection was under."""
    progress = entry.choice("progress", model.PROGRESS_JUDGEMENTS)
    if progress in model.MONITORING_JUDGEMENTS and kind == "revisit":
        entry.error(
            "progress",
            f"a revisit judges whether progress is sufficient, not '{progress}'",
            "Use 'progress: sufficient' or 'progress: not-sufficient'.",
        )
        return None
    return progress


def previous(checks: Checks, f: Fields, inspection: model.Inspection) -> None:
    """`previous`: an inspection in this site (its id), or `none` when the area had not been
    inspected before; `previous_elsewhere`: one that is not in the site."""
    group = f.group(
        "previous_elsewhere",
        allowed=("kind", "date", "report_url", "title"),
        required=("kind", "date"),
    )
    if group is not None:
        kind, date = (
            group.choice("kind", model.INSPECTION_KINDS),
            group.date("date", month=True),
        )
        if kind is not None and date is not None:
            inspection.previous_external = model.ExternalInspection(
                kind, date, group.url("report_url"), group.text("title")
            )
        if f.has("previous"):
            f.error(
                "previous_elsewhere",
                "an inspection has one previous inspection, but this names one in 'previous' "
                "and another in 'previous_elsewhere'",
                "Keep 'previous' for an inspection in this site, or 'previous_elsewhere' for "
                "one that is not.",
            )
    ref = f.text("previous")
    if ref is not None and ref.lower() == "none":
        inspection.first_inspection = True
        ref = None
    checks.previous_refs[inspection.id] = (ref, f.origin("previous"))


def link_previous(checks: Checks, inspections: dict[str, model.Inspection]) -> None:
    """Resolve each inspection's `previous`, refusing references that go round in a circle."""
    for inspection_id, (ref, origin) in checks.previous_refs.items():
        if ref is None:
            continue
        found = inspections.get(ref)
        if found is None and checks.is_unreadable("inspections", ref):
            continue
        if found is None:
            hint = did_you_mean(ref, sorted(inspections), "inspection ids")
            checks.log.add(
                origin,
                f"there is no inspection with the id '{ref}'",
                hint or "The id is the file name without its extension, in content/inspections/.",
            )
            continue
        inspections[inspection_id].previous = found
    for each in inspections.values():
        seen = [each]
        current = each.previous
        while current is not None:
            if current is each:
                chain = " -> ".join(i.id for i in [*seen, current])
                checks.log.add(
                    checks.previous_refs[each.id][1],
                    f"the 'previous' inspections go round in a circle ({chain})",
                    "Each inspection's 'previous' must be an earlier inspection.",
                )
                each.previous = None
                break
            if current in seen:
                break
            seen.append(current)
            current = current.previous
