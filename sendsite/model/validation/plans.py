"""Checks for improvement plans: their actions, the findings those address, measures and updates."""

from __future__ import annotations

from sendsite import model
from sendsite.errors import Origin
from sendsite.model import schema
from sendsite.model.validation.context import NO_DATE, Checks, check_id, date_range
from sendsite.source.fields import Fields
from sendsite.source.loader import Item
from sendsite.source.wording import did_you_mean
from sendsite.source.yamldoc import YamlList
from sendsite.text import last_day

PLAN_FIELDS = schema.keys("plans")
ACTION_FIELDS = schema.keys("plans", "actions")
_MEASURE_FIELDS = ("name", "unit", "baseline", "target", "values")


def plan(checks: Checks, item: Item, inspections: dict[str, model.Inspection]) -> model.Plan:
    f = checks.fields(
        item.source,
        PLAN_FIELDS,
        schema.required_keys("plans"),
        "this plan",
    )
    responds_to = []
    for ref, origin in f.id_list("responds_to"):
        found = inspections.get(ref)
        if found is None and checks.is_unreadable("inspections", ref):
            continue
        if found is None:
            checks.log.add(
                origin,
                f"there is no inspection with the id '{ref}'",
                did_you_mean(ref, sorted(inspections), "inspection ids"),
            )
        elif found not in responds_to:
            responds_to.append(found)
    period = date_range(f, "period", required=False, month=True)
    # A period ending in a month ("2025-03") runs to that month's last day, so one that
    # starts on 15 March 2025 and ends in March 2025 is fine.
    if period is not None and last_day(period.end) < period.start:
        f.error("period", "the plan's period ends before it starts")
    result = model.Plan(
        id=item.id,
        title=f.text("title") or item.id,
        kind=f.choice("kind", model.PLAN_KINDS) or "improvement-plan",
        responds_to=responds_to,
        owner=f.text("owner") or "",
        published=f.date("published", past=True, month=True) or NO_DATE,
        period=period,
        actions=[],
        body=item.source.body,
        origin=f.origin(),
        lines=f.field_lines(),
        revisions=revisions(f),
    )
    seen: set[str] = set()
    for entry in f.group_list(
        "actions",
        allowed=ACTION_FIELDS,
        required=schema.required_keys("plans", "actions"),
        what="an action",
    ):
        found_action = action(checks, entry, inspections)
        if found_action is None:
            continue
        if found_action.id in seen:
            entry.error(
                "id",
                f"two actions in this plan have the id '{found_action.id}'",
                "Give each action its own id.",
            )
            continue
        seen.add(found_action.id)
        found_action.plan = result
        result.actions.append(found_action)
    return result


def revisions(f: Fields) -> list[model.Revision]:
    found = []
    for r in f.group_list(
        "revisions", allowed=("date", "text"), required=("date", "text"), what="a revision"
    ):
        date = r.date("date", month=True)
        if date is not None:
            found.append(model.Revision(date, r.text("text") or ""))
    return sorted(found, key=lambda r: r.date, reverse=True)


def action(
    checks: Checks, f: Fields, inspections: dict[str, model.Inspection]
) -> model.Action | None:
    action_id = f.text("id")
    if action_id is None or not check_id(action_id, f.origin("id"), checks.log):
        return None
    addresses = []
    for ref, origin in f.id_list("addresses"):
        finding = finding_ref(checks, ref, origin, inspections)
        if finding is not None and finding not in addresses:
            addresses.append(finding)
    start, due = f.date("start", month=True), f.date("due", month=True)
    if start is not None and due is not None and last_day(due) < start:
        f.error("due", "the action is due before it starts", "Check the 'start' and 'due' dates.")
    status = f.choice("status", model.ACTION_STATUSES) or model.NOT_REPORTED
    completed = f.date("completed", month=True)
    if completed is not None and not f.has("status"):
        status = "complete"  # a completion date says so
    if completed is not None and status != "complete":
        f.error(
            "completed",
            f"the action has a 'completed' date but its status is '{status}'",
            "Set 'status: complete', or remove 'completed' if it is not finished.",
        )
    if completed is not None and start is not None and last_day(completed) < start:
        f.error(
            "completed",
            "the action was completed before it started",
            "Check the 'start' and 'completed' dates.",
        )
    measures_text, found_measures = measures(checks, f)
    updates = []
    for u in f.group_list(
        "updates",
        allowed=("date", "status", "text"),
        required=("date", "text"),
        what="an update",
    ):
        date = u.date("date", past=True, month=True)
        if date is not None:
            updates.append(
                model.Update(
                    date,
                    u.choice("status", model.ACTION_STATUSES),
                    u.text("text") or "",
                    u.field_lines(),
                )
            )
    updates.sort(key=lambda u: u.date, reverse=True)
    leads = f.text_list("lead")
    return model.Action(
        id=action_id,
        title=f.text("title") or action_id,
        addresses=addresses,
        lead=_and_list(leads) or None,
        partners=f.text_list("partners"),
        start=start,
        due=due,
        leads=leads,
        accountable=f.text("accountable"),
        completed=completed if status == "complete" else None,
        status=status,
        measures_text=measures_text,
        measures=found_measures,
        updates=updates,
        origin=f.origin("id"),
        lines=f.field_lines(),
    )


def finding_ref(
    checks: Checks, ref: str, origin: Origin, inspections: dict[str, model.Inspection]
) -> model.Finding | None:
    """An action's `addresses` entry, INSPECTION-ID#FINDING-ID, resolved to its finding."""
    inspection_id, hash_sign, finding_id = ref.partition("#")
    if not hash_sign:
        checks.log.add(
            origin,
            f"'{ref}' does not name a finding",
            "Write findings as INSPECTION-ID#FINDING-ID, e.g. 2024-area-send-inspection#use-of-data.",
        )
        return None
    inspection = inspections.get(inspection_id)
    if inspection is None and checks.is_unreadable("inspections", inspection_id):
        return None
    if inspection is None:
        checks.log.add(
            origin,
            f"there is no inspection with the id '{inspection_id}'",
            did_you_mean(inspection_id, sorted(inspections), "inspection ids"),
        )
        return None
    finding = next((x for x in inspection.findings if x.id == finding_id), None)
    if finding is None and (inspection_id, finding_id) not in checks.misspelt_findings:
        ids = [x.id for x in inspection.findings]
        checks.log.add(
            origin,
            f"the inspection '{inspection_id}' has no finding with the id '{finding_id}'",
            did_you_mean(finding_id, ids, f"finding ids of {inspection_id}")
            or "That inspection lists no findings.",
        )
    return finding


def measures(checks: Checks, f: Fields) -> tuple[list[str], list[model.Measure]]:
    """`measures`: text, a measure with values, or a list mixing the two."""
    value = f.data.get("measures")
    if value is None or isinstance(value, str):
        text = f.text("measures")
        return ([text] if text else []), []
    if isinstance(value, dict):
        group = f.group("measures", allowed=_MEASURE_FIELDS, required=("name",))
        return [], [measure(group)] if group is not None else []
    if not isinstance(value, YamlList):
        text = f.text("measures")  # a number or a date, kept as the author wrote it
        return ([text] if text else []), []
    texts: list[str] = []
    found: list[model.Measure] = []
    for index, item in enumerate(value):
        line = value.line_of(index)
        if isinstance(item, dict):
            found.append(
                measure(
                    Fields(
                        item,
                        f.path,
                        checks.log,
                        allowed=_MEASURE_FIELDS,
                        required=("name",),
                        what="a measure",
                        line=line,
                    )
                )
            )
        elif isinstance(item, str) and item.strip():
            texts.append(item.strip())
        else:
            checks.log.add(
                Origin(f.path, line),
                "each measure should be a sentence or a group of fields (name, unit, baseline, target, values)",
            )
    return texts, found


def measure(g: Fields) -> model.Measure:
    values = []
    for v in g.group_list(
        "values", allowed=("date", "value"), required=("date", "value"), what="a value"
    ):
        date, number = v.date("date", past=True), v.number("value")
        if date is not None and number is not None:
            values.append(model.MeasureValue(date, number))
    values.sort(key=lambda v: v.date)
    return model.Measure(
        name=g.text("name") or "",
        unit=g.text("unit"),
        baseline=g.number("baseline"),
        target=g.number("target"),
        values=values,
    )


def _and_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]
