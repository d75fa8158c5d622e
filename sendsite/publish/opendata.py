"""Open data: the directory, the plan actions and the inspections as spreadsheets and JSON.

    data/services.csv      one row a service (the layout `sendsite import services` reads)
    data/actions.csv       one row a plan action, with its findings, status, due date and overdue flag
    data/inspections.json  every inspection with its findings and the actions answering each

CSV files are UTF-8 with a byte-order mark, so that Excel shows £ signs and accents correctly.
Everything is deterministic: rows in a fixed order, JSON keys sorted, and the only date that
is not from the content is the build date the overdue flags are worked out at.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sendsite import model
from sendsite.model import labels, servicetable
from sendsite.model.datafiles import ACTION_COLUMNS
from sendsite.render.urls import absolute_url, path_for

FOLDER = "data"


def data_files(site: model.Site) -> dict[str, bytes]:
    """Every open data file: output path (relative) -> bytes."""
    return {
        f"{FOLDER}/services.csv": services_csv(site),
        f"{FOLDER}/actions.csv": actions_csv(site),
        f"{FOLDER}/inspections.json": inspections_json(site),
    }


def _csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def services_csv(site: model.Site) -> bytes:
    rows = [
        servicetable.service_row(s, absolute_url(site.config, path_for(s))) for s in site.services
    ]
    return _csv(servicetable.header(site.services), rows)


def actions_csv(site: model.Site) -> bytes:
    rows = []
    for plan in sorted(site.plans, key=lambda p: (p.published, p.id)):
        for action in plan.actions:
            latest = action.latest_update
            rows.append(
                {
                    "plan": plan.id,
                    "plan_title": plan.title,
                    "action": action.id,
                    "title": action.title,
                    "findings": "; ".join(f.ref for f in action.addresses),
                    "finding_text": "; ".join(f.text for f in action.addresses),
                    "lead": action.lead or "",
                    "partners": "; ".join(action.partners),
                    "start": action.start.isoformat() if action.start else "",
                    "due": action.due.isoformat() if action.due else "",
                    "status": action.status,
                    "overdue": "yes" if action.overdue else "no",
                    "days_overdue": str(action.days_overdue),
                    "latest_update_date": latest.date.isoformat() if latest else "",
                    "latest_update": latest.text if latest else "",
                    "url": absolute_url(site.config, path_for(action)),
                }
            )
    return _csv([name for name, _ in ACTION_COLUMNS], rows)


def inspections_json(site: model.Site) -> bytes:
    data = {
        "site": site.config.title,
        "area": site.config.area,
        "as_of": site.build_date.isoformat(),
        "inspections": [_inspection(site, i) for i in site.inspections],
    }
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _inspection(site: model.Site, inspection: model.Inspection) -> dict[str, Any]:
    return {
        "id": inspection.id,
        "url": absolute_url(site.config, path_for(inspection)),
        "area": inspection.area,
        "kind": inspection.kind,
        "kind_label": labels.label(inspection.kind),
        "inspectorates": inspection.inspectorates,
        "dates": {
            "start": inspection.dates.start.isoformat(),
            "end": inspection.dates.end.isoformat(),
        },
        "published": inspection.published.isoformat(),
        "outcome": inspection.outcome,
        "outcome_label": labels.label(inspection.outcome) if inspection.outcome else None,
        "wsoa_required": inspection.wsoa_required,
        "previous": inspection.previous.id if inspection.previous else None,
        "next_inspection": inspection.next_inspection,
        "report_url": inspection.report_url,
        "survey_responses": inspection.survey_responses,
        "strengths": inspection.strengths,
        "to_improve": inspection.to_improve,
        "findings": [
            {
                "id": f.id,
                "ref": f.ref,
                "type": f.type,
                "type_label": labels.label(f.type),
                "text": f.text,
                "responsible": f.responsible,
                "progress": f.progress,
                "summary": f.summary,
                "actions": [
                    {
                        "plan": a.plan.id,
                        "action": a.id,
                        "title": a.title,
                        "status": a.status,
                        "due": a.due.isoformat() if a.due else None,
                        "overdue": a.overdue,
                    }
                    for a in f.all_actions
                ],
            }
            for f in inspection.findings
        ],
        "plans": [p.id for p in inspection.plans],
    }
