"""Write a generated, valid sendsite site with N services, for benchmarks and scale tests.

    python benchmarks/make_site.py OUT --services 4000 [--seed 1]

The site follows the content model (docs: content-model.md): site.yaml, a taxonomy, a glossary,
one organisation for every 20 services, N services with a Markdown body, and a few inspections,
plans, news items, pages and feedback items so that every page type is built. The same
arguments always give the same files, so timings from different runs are comparable.
Other code can call `make_site(folder, services=N)` directly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

CATEGORIES = [
    ("education", "Education"),
    ("early-years", "Early years"),
    ("health", "Health"),
    ("emotional-health", "Emotional health and wellbeing"),
    ("social-care", "Social care"),
    ("family-support", "Family support"),
    ("short-breaks", "Short breaks and leisure"),
    ("advice", "Information and advice"),
    ("adulthood", "Preparing for adulthood"),
    ("transport", "Travel and transport"),
]
NEEDS = [
    ("autism", "Autism"),
    ("adhd", "ADHD"),
    ("speech-language", "Speech, language and communication"),
    ("mental-health", "Social, emotional and mental health"),
    ("learning-disability", "Learning disability"),
    ("physical-disability", "Physical disability"),
    ("hearing", "Hearing impairment"),
    ("vision", "Visual impairment"),
]
AREAS = [
    ("north", "North Benchshire"),
    ("south", "South Benchshire"),
    ("east", "East Benchshire"),
    ("west", "West Benchshire"),
    ("coast", "Benchshire Coast"),
]
WORDS = [
    "support",
    "help",
    "family",
    "child",
    "young",
    "people",
    "school",
    "play",
    "group",
    "team",
    "visit",
    "clinic",
    "advice",
    "therapy",
    "club",
    "holiday",
    "travel",
    "college",
    "work",
    "home",
    "care",
    "learning",
    "speech",
    "sensory",
    "health",
]
SERVICES_PER_ORGANISATION = 20
# Postcode districts of the made-up county and their centres, for the services' places. The
# facts below are invented for this generated site only (no real service is described).
DISTRICTS = [(f"BX{n}", 50.70 + 0.04 * (n % 4), -2.60 + 0.09 * (n // 4)) for n in range(1, 13)]
ACCESS = ["step-free", "accessible-toilet", "changing-places", "hearing-loop", "quiet-space"]
DELIVERY = ["in-person", "online", "phone"]
DAYS = ["Monday to Friday", "Saturday", "Tuesdays and Thursdays", "Wednesday", "Sunday"]


def make_site(folder: Path, services: int, seed: int = 1) -> Path:
    """Write the site into `folder` (created if needed) and return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    content = folder / "content"
    for sub in ("organisations", "services", "inspections", "plans", "news", "pages", "feedback"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    _write(
        folder / "site.yaml",
        "title: Benchshire SEND Local Offer\n"
        "base_url: https://example.org/bench-send/\n"
        "area: Benchshire\n"
        "contact: {email: localoffer@example.org, phone: 01632 960000}\n",
    )
    _write(content / "taxonomy.yaml", _taxonomy())
    _write(
        content / "glossary.yaml",
        "- term: EHC plan\n  meaning: An education, health and care plan.\n  also: [EHCP]\n"
        "- term: SENCo\n  meaning: The teacher who leads on special educational needs.\n",
    )
    organisations = max(1, services // SERVICES_PER_ORGANISATION)
    for number in range(organisations):
        _write(
            content / "organisations" / f"org-{number:04d}.yaml",
            f"name: Organisation {number:04d}\n"
            f"description: Runs services for families in Benchshire.\n"
            f"url: https://example.org/org-{number:04d}\n",
        )
    for number in range(services):
        _write(
            content / "services" / f"{service_id(number)}.md", _service(number, organisations, rng)
        )
    _write(content / "inspections" / "2024-inspection.md", _INSPECTION)
    _write(content / "plans" / "2024-plan.md", _PLAN)
    for number in range(5):
        _write(
            content / "news" / f"news-{number}.md",
            f"---\ntitle: News item {number}\ndate: 2025-0{number + 1}-10\n"
            f"summary: Something happened in month {number + 1}.\n---\nThe news in full.\n",
        )
    _write(content / "pages" / "index.md", "---\ntitle: Welcome\n---\nHelp for families.\n")
    _write(
        content / "pages" / "about.md",
        "---\ntitle: About the Local Offer\nnav_order: 1\n---\nAbout us.\n",
    )
    _write(
        content / "feedback" / "2025-search.yaml",
        "date: 2025-05-01\ntopic: Website\nyou_said: Hard to search.\nwe_did: We added search.\n"
        "status: done\n",
    )
    return folder


def service_id(number: int) -> str:
    return f"service-{number:05d}"


def service_file(folder: Path, number: int) -> Path:
    return folder / "content" / "services" / f"{service_id(number)}.md"


def _service(number: int, organisations: int, rng: random.Random) -> str:
    name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} {number:05d}"
    categories = sorted(rng.sample([c for c, _ in CATEGORIES], rng.randint(1, 3)))
    needs = "all" if rng.random() < 0.3 else f"[{', '.join(rng.sample([n for n, _ in NEEDS], 2))}]"
    areas = "all" if rng.random() < 0.5 else f"[{', '.join(rng.sample([a for a, _ in AREAS], 2))}]"
    low = rng.randint(0, 16)
    reviewed = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    organisation = min(number // SERVICES_PER_ORGANISATION, organisations - 1)
    body = " ".join(rng.choice(WORDS) for _ in range(60))
    # Its own generator: the venue facts came later, and every other field stays as it was.
    facts = _facts(random.Random(number * 7919 + 1))
    return (
        "---\n"
        f"name: {name}\n"
        f"organisation: org-{organisation:04d}\n"
        f"summary: A {rng.choice(WORDS)} service for children and young people with SEND.\n"
        f"categories: [{', '.join(categories)}]\n"
        f"needs: {needs}\n"
        f"ages: {{min: {low}, max: {rng.randint(low, 25)}}}\n"
        f"areas: {areas}\n"
        f"last_reviewed: {reviewed.isoformat()}\n"
        "cost: free\n"
        "referral:\n  self_referral: true\n  how: Phone the team.\n"
        f"contacts:\n  - {{name: Team {number}, phone: 01632 960{number % 1000:03d}, "
        f"email: team{number}@example.org}}\n"
        f"{facts}"
        "---\n"
        f"## About the service\n\n{body}.\n\nAsk your SENCo about an EHC plan.\n"
    )


def _facts(rng: random.Random) -> str:
    """Places (most with step-free access), how it is offered and opening days, for about
    two services in three."""
    if rng.random() < 0.35:
        return ""
    district, lat, lon = rng.choice(DISTRICTS)
    access = [a for a in ACCESS if rng.random() < (0.7 if a == "step-free" else 0.3)]
    delivery = [d for d in DELIVERY if rng.random() < 0.5] or ["in-person"]
    return (
        "locations:\n"
        f"  - name: {district} community centre\n"
        f"    postcode: {district} {rng.randint(1, 9)}AB\n"
        f"    latitude: {lat + rng.uniform(-0.02, 0.02):.4f}\n"
        f"    longitude: {lon + rng.uniform(-0.03, 0.03):.4f}\n"
        f"    access: [{', '.join(access)}]\n"
        f"delivery: [{', '.join(delivery)}]\n"
        "opening_hours:\n"
        f'  - {{days: {rng.choice(DAYS)}, opens: "09:00", closes: "16:00"}}\n'
    )


def _taxonomy() -> str:
    lines = []
    for key, entries in (("categories", CATEGORIES), ("needs", NEEDS), ("areas", AREAS)):
        lines.append(f"{key}:")
        lines += [f'  - {{id: {term}, label: "{label}"}}' for term, label in entries]
    return "\n".join(lines) + "\n"


_INSPECTION = """\
---
area: Benchshire
kind: full
inspectorates: [Ofsted, CQC]
dates: {start: 2024-03-04, end: 2024-03-08}
published: 2024-05-01
outcome: inconsistent
findings:
  - {id: waiting, type: area-for-improvement, text: Waiting times are too long.}
---
The inspection summary.
"""
_PLAN = """\
---
title: Improvement plan
kind: improvement-plan
responds_to: [2024-inspection]
owner: SEND Board
published: 2024-06-01
actions:
  - {id: cut-waits, title: Cut waiting times, addresses: ["2024-inspection#waiting"], due: 2026-03-31, status: on-track}
---
Our plan.
"""


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("folder", type=Path, help="where to write the site")
    parser.add_argument("--services", type=int, default=1000, help="number of services")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same site)")
    args = parser.parse_args(argv)
    make_site(args.folder, args.services, args.seed)
    print(f"Wrote a site with {args.services} services to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
