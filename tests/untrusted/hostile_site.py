"""A complete site whose every text field and every body holds hostile text.

Item i of each collection carries `texts[i]` in all of its text fields (plain and Markdown) and
its body; site.yaml's fields carry all of the texts. Values are written as JSON strings, which
YAML reads exactly, so the text reaches sendsite byte for byte as given.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

SUMMARY_LIMIT = 200
# Phone fields must hold a UK number, so hostile text there is refused before any page is made
# (test_phone_numbers_with_anything_else_in_them_are_refused); every other text field gets it.
PHONE = "01632 960000"


def _yaml(data: dict[str, Any]) -> str:
    """A YAML mapping, one field a line, every value written as JSON."""
    return "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in data.items()
    )


def _markdown(data: dict[str, Any], body: str) -> str:
    return f"---\n{_yaml(data)}---\n{body}\n"


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _day(index: int) -> str:
    return (dt.date(2024, 1, 1) + dt.timedelta(days=index)).isoformat()


def hostile_settings(texts: list[str]) -> str:
    """site.yaml with every text in its text fields (every page shows them, so it is kept for
    a small site: see write_hostile_site)."""
    joined = " | ".join(texts)
    return _yaml(
        {
            "title": joined,
            "base_url": "https://example.org/send/",
            "area": joined,
            "partnership": [
                {"name": t, "url": f"https://example.org/p{i}"} for i, t in enumerate(texts)
            ],
            "contact": {"email": "team@example.org", "phone": PHONE, "address": joined},
            "feedback": {"email": "comments@example.org", "url": "https://example.org/f"},
        }
    )


def write_hostile_site(root: Path, texts: list[str]) -> None:
    """Every content item's fields and body hostile; site.yaml plain, so that pages stay small
    (hostile_settings covers site.yaml on a small site)."""
    joined = " | ".join(texts)
    _write(
        root,
        "site.yaml",
        _yaml({"title": "Hostile", "base_url": "https://example.org/send/", "area": "Hostile"}),
    )
    _write(
        root,
        "content/taxonomy.yaml",
        _yaml(
            {
                "categories": [
                    {"id": f"c{i}", "label": t, "description": t} for i, t in enumerate(texts)
                ],
                "needs": [{"id": f"n{i}", "label": t} for i, t in enumerate(texts)],
                "areas": [{"id": f"a{i}", "label": t} for i, t in enumerate(texts)],
            }
        ),
    )
    glossary = [
        {"term": f"{t} {i}", "meaning": t, "also": [f"{t} also {i}"]} for i, t in enumerate(texts)
    ]
    _write(root, "content/glossary.yaml", json.dumps(glossary, ensure_ascii=False) + "\n")
    _write(root, "content/pages/index.md", _markdown({"title": texts[0]}, joined))
    for i, t in enumerate(texts):
        _write_items(root, i, t)


def _write_items(root: Path, i: int, t: str) -> None:
    short = t if len(t) <= SUMMARY_LIMIT else t[:SUMMARY_LIMIT]
    _write(
        root,
        f"content/organisations/o{i}.yaml",
        _yaml(
            {
                "name": t,
                "description": t,
                "url": f"https://example.org/o{i}",
                "email": f"o{i}@example.org",
                "phone": PHONE,
            }
        ),
    )
    hours: Any = (
        [{"days": t, "opens": "09:00", "closes": "17:00"}] if i % 2 == 0 else t
    )  # a list of times, or text
    _write(
        root,
        f"content/services/s{i}.md",
        _markdown(
            {
                "name": t,
                "organisation": f"o{i}",
                "summary": short,
                "categories": [f"c{i}"],
                "needs": [f"n{i}"],
                "ages": {"min": 0, "max": 25},
                "areas": [f"a{i}"],
                "last_reviewed": "2026-09-01",
                "cost": t,
                "eligibility": t,
                "referral": {"self_referral": True, "how": t},
                "contacts": [{"name": t, "role": t, "phone": PHONE, "email": f"s{i}@example.org"}],
                "website": f"https://example.org/s{i}",
                "locations": [
                    {
                        "name": t,
                        "address": t,
                        "postcode": t,
                        "latitude": 50.7,
                        "longitude": -2.4,
                        "accessibility": [t],
                    }
                ],
                "opening_hours": hours,
                "languages": [t],
                "easy_read": t,
                "status": "closed" if i % 5 == 4 else "active",
            },
            t,
        ),
    )
    kind = ("full", "initial", "monitoring", "revisit")[i % 4]
    inspection: dict[str, Any] = {
        "area": t,
        "kind": kind,
        "inspectorates": [t],
        "dates": {"start": _day(i * 3), "end": _day(i * 3 + 2)},
        "published": _day(i * 3 + 20),
        "outcome_text": t,
        "next_inspection": t,
        "report_url": f"https://example.org/r{i}",
        "survey_responses": 10,
        "inspectors": [{"name": t, "role": t, "inspectorate": t}],
        "strengths": [t],
        "to_improve": [t],
        "findings": [
            {
                "id": "f1",
                "type": "priority-action",
                "text": t,
                "responsible": [t],
                "summary": t,
                **({"progress": "sufficient"} if kind in ("monitoring", "revisit") else {}),
            }
        ],
        "quotes": [{"text": t, "by": t, "role": t}],
    }
    if kind == "full":
        inspection["outcome"] = "inconsistent"
    if kind == "initial":
        inspection["wsoa_required"] = True
    if kind == "revisit":
        inspection["previous"] = f"i{i - 3}"
    _write(root, f"content/inspections/i{i}.md", _markdown(inspection, t))
    measure = {
        "name": t,
        "unit": t,
        "baseline": 1,
        "target": 5,
        "values": [{"date": "2024-02-01", "value": 2}],
    }
    _write(
        root,
        f"content/plans/p{i}.md",
        _markdown(
            {
                "title": t,
                "kind": "improvement-plan",
                "responds_to": [f"i{i}"],
                "owner": t,
                "published": "2024-06-01",
                "period": {"start": "2024-06-01", "end": "2026-06-01"},
                "actions": [
                    {
                        "id": "a1",
                        "title": t,
                        "addresses": [f"i{i}#f1"],
                        "lead": t,
                        "partners": [t],
                        "start": "2024-01-01",
                        "due": "2025-01-01",
                        "status": "on-track",
                        "measures": [t, measure],
                        "updates": [{"date": "2024-03-01", "status": "on-track", "text": t}],
                    },
                    {"id": "a2", "title": t, "measures": t, "due": "2024-02-01"},
                ],
            },
            t,
        ),
    )
    _write(
        root,
        f"content/news/n{i}.md",
        _markdown(
            {
                "title": t,
                "date": _day(i),
                "summary": t,
                "inspection": f"i{i}",
                "quotes": [{"text": t, "by": t, "role": t}],
            },
            t,
        ),
    )
    page: dict[str, Any] = {"title": t, "summary": t}
    if i < 3:
        page["nav_order"] = i
    _write(root, f"content/pages/g{i}.md", _markdown(page, t))
    _write(
        root,
        f"content/feedback/f{i}.yaml",
        _yaml({"date": _day(i), "topic": t, "you_said": t, "we_did": t, "status": "done"}),
    )
