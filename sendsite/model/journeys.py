"""'Where do I start?' journeys: short question routes (content/journeys/*.yaml), checked so that
every answer leads to a step that exists, no route goes round in a circle, every step can be
reached from the first, and every step that ends a route points to services, pages or contacts.

Each step is its own page, so a family follows a journey with links alone (no JavaScript).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from sendsite import model
from sendsite.errors import ErrorLog, Origin
from sendsite.model import venue
from sendsite.source.fields import ID_PATTERN, Fields
from sendsite.source.loader import Item
from sendsite.source.spans import FieldLines
from sendsite.source.wording import did_you_mean
from sendsite.text import in_sentence, slugify

T = TypeVar("T")

JOURNEY_FIELDS = ("title", "summary", "illustrative", "steps")
STEP_FIELDS = (
    "id",
    "question",
    "title",
    "text",
    "answers",
    "services",
    "browse",
    "pages",
    "contacts",
)
ANSWER_FIELDS = ("answer", "next")
# The lists of services families browse by (render/listings.py makes their pages).
BROWSE_FACETS = ("category", "need", "area", "age", *venue.FACETS)
# How a venue fact's list reads as a link: "In person" alone would not say it is a list.
_VENUE_LINKS = {
    "access": "{label}",
    "delivery": "Offered {label}",
    "day": "Open on {label}s",
    "cost": "Free services",
}
JOURNEYS_PATH = "/where-do-i-start/"


@dataclass
class Answer:
    text: str
    next: str  # the id of a step of the same journey
    origin: Origin


@dataclass
class Browse:
    """A list of services to browse: one of the directory's category, need, area or age pages."""

    facet: str
    term: str
    label: str

    @property
    def path(self) -> str:
        return f"/services/{self.facet}/{self.term}/"


@dataclass
class Step:
    id: str
    heading: str  # the question, or the title of a step that ends the route
    text: str | None
    answers: list[Answer]
    services: list[model.Service]
    browse: list[Browse]
    pages: list[model.Page]
    contacts: list[model.Organisation]
    origin: Origin

    @property
    def is_question(self) -> bool:
        return bool(self.answers)


@dataclass
class Journey:
    id: str
    title: str
    summary: str | None
    illustrative: bool
    steps: list[Step]  # the first is where the journey starts
    origin: Origin
    lines: FieldLines = field(default_factory=FieldLines, repr=False, compare=False)

    @property
    def url_path(self) -> str:
        return f"{JOURNEYS_PATH}{self.id}/"

    def step_path(self, step: Step) -> str:
        return self.url_path if step is self.steps[0] else f"{self.url_path}{step.id}/"

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def back(self, step: Step) -> Step | None:
        """The step a family most likely came from: the first one, in the file's order, with an
        answer leading here (a page reached from two questions has one back link)."""
        return next((s for s in self.steps if any(a.next == step.id for a in s.answers)), None)


@dataclass
class Targets:
    """What a journey may point to, by id."""

    services: Mapping[str, model.Service]
    pages: Mapping[str, model.Page]
    organisations: Mapping[str, model.Organisation]
    taxonomy: model.Taxonomy
    unreadable: Mapping[str, Collection[str]]


def validate_journeys(items: list[Item], targets: Targets, log: ErrorLog) -> list[Journey]:
    """Every journey, by file name (authors order them by naming the files)."""
    return sorted((_journey(item, targets, log) for item in items), key=lambda j: j.id)


def _journey(item: Item, targets: Targets, log: ErrorLog) -> Journey:
    f = Fields(
        item.source.data,
        item.source.path,
        log,
        allowed=JOURNEY_FIELDS,
        required=("title", "steps"),
        what="this journey",
    )
    steps = [
        _step(s, targets, log)
        for s in f.group_list("steps", allowed=STEP_FIELDS, required=("id",), what="a step")
    ]
    steps = _unique(steps, log)
    journey = Journey(
        id=item.id,
        title=f.text("title") or item.id,
        summary=f.text("summary"),
        illustrative=bool(f.boolean("illustrative")),
        steps=steps,
        origin=f.origin(),
        lines=f.field_lines(),
    )
    _check_routes(journey, log)
    return journey


def _step(f: Fields, targets: Targets, log: ErrorLog) -> Step:
    step_id = f.text("id") or ""
    if step_id and not ID_PATTERN.match(step_id):
        f.error(
            "id",
            f"the step id '{step_id}' can only use lowercase letters, digits and hyphens",
            f"Use '{slugify(step_id)}' instead.",
        )
    answers = [
        Answer(
            a.text("answer") or "",
            a.text("next") or "",
            a.origin("next" if a.has("next") else None),
        )
        for a in f.group_list(
            "answers", allowed=ANSWER_FIELDS, required=("answer", "next"), what="an answer"
        )
    ]
    question, title = f.text("question"), f.text("title")
    if answers and question is None:
        f.error(
            "answers" if title is None else "title",
            f"the step '{step_id}' has answers but no question",
            "Add a line 'question: ...' to the step: it is what the answers answer.",
        )
    step = Step(
        id=step_id,
        heading=question or title or step_id,
        text=f.text("text"),
        answers=answers,
        services=_refs(f, "services", targets.services, "service", targets),
        browse=_browse(f, targets),
        pages=_refs(f, "pages", targets.pages, "page", targets),
        contacts=_refs(f, "contacts", targets.organisations, "organisation", targets),
        origin=f.origin(),
    )
    if not answers and question is None and title is None:
        f.error(
            "id",
            f"the step '{step_id}' has no question and no title",
            "Add 'question: ...' with its answers, or 'title: ...' for a step that ends the route.",
        )
    elif not f.has("answers") and not any(
        f.has(k) for k in ("services", "browse", "pages", "contacts")
    ):
        # (places that are written but misspelt are each reported where they are written)
        f.error(
            "id",
            f"the step '{step_id}' leads nowhere: it has no answers and no services, "
            "browse, pages or contacts",
            "Add 'answers:' with a next step for each, or the services, pages or contacts "
            "a family should go to.",
        )
    return step


def _refs(f: Fields, key: str, known: Mapping[str, T], noun: str, targets: Targets) -> list[T]:
    found: list[T] = []
    for ref, origin in f.id_list(key):
        target = known.get(ref)
        if target is not None:
            found.append(target)
        elif ref not in targets.unreadable.get(noun + "s", ()):
            f.log.add(
                origin,
                f"there is no {noun} with the id '{ref}'",
                did_you_mean(ref, sorted(known), f"{noun} ids")
                or f"The id is the file name without its extension, in content/{noun}s/.",
            )
    return found


def _browse(f: Fields, targets: Targets) -> list[Browse]:
    taxonomy = targets.taxonomy
    ages = {f"{low}-{high}": f"{low} to {high}" for low, high in model.AGE_BANDS}
    vocabularies: dict[str, dict[str, str]] = {
        "category": {t.id: t.label for t in taxonomy.categories.values()},
        "need": {t.id: t.label for t in taxonomy.needs.values()},
        "area": {t.id: t.label for t in taxonomy.areas.values()},
        "age": {band: f"Aged {label}" for band, label in ages.items()},
    }
    for facet, values in venue.FACETS.items():
        form = _VENUE_LINKS[facet]
        vocabularies[facet] = {
            i: form.format(
                label=label if facet == "day" or form.startswith("{label}") else in_sentence(label)
            )
            for i, label in values
        }
    found = []
    for ref, origin in f.id_list("browse"):
        facet, _, term = ref.partition("/")
        if facet not in vocabularies:
            f.log.add(
                origin,
                f"'{ref}' is not a list of services to browse",
                "Write the kind of list, a slash and its id, such as need/autism or "
                "category/short-breaks-and-leisure (kinds: " + ", ".join(BROWSE_FACETS) + ").",
            )
            continue
        label = vocabularies[facet].get(term)
        if label is None:
            f.log.add(
                origin,
                f"there is no {facet} with the id '{term}'",
                did_you_mean(term, sorted(vocabularies[facet]), f"{facet} ids")
                or f"The {facet} ids are: " + ", ".join(vocabularies[facet]) + ".",
            )
            continue
        if (
            facet in venue.FACETS
            and not targets.unreadable.get("services")
            and not any(venue.has(s, facet, term) for s in targets.services.values())
        ):
            # The site makes no list for a fact no open service has (render/listings.py), so
            # the link would lead nowhere.
            f.log.add(
                origin,
                f"no open service has '{ref}', so the site has no list of them to browse",
                f"Say it on the services that have it ({_WHERE_SAID[facet]}), "
                "or leave it out of the journey.",
            )
            continue
        found.append(Browse(facet, term, label))
    return found


_WHERE_SAID = {
    "access": "a location's 'access:', or 'languages:' for BSL",
    "delivery": "'delivery:'",
    "day": "'opening_hours:'",
    "cost": "'cost: free'",
}


def _unique(steps: list[Step], log: ErrorLog) -> list[Step]:
    seen: dict[str, Step] = {}
    for step in steps:
        if step.id in seen:
            log.add(
                step.origin,
                f"two steps have the id '{step.id}' (the other is on line {seen[step.id].origin.line})",
                "Give each step its own id.",
            )
        elif step.id:
            seen[step.id] = step
    return list(seen.values())


def _check_routes(journey: Journey, log: ErrorLog) -> None:
    """Every answer leads to a step; no route comes back to a step it passed; every step is on
    some route from the first."""
    by_id = {s.id: s for s in journey.steps}
    broken = False
    for step in journey.steps:
        for answer in step.answers:
            if answer.next and answer.next not in by_id:
                broken = True
                log.add(
                    answer.origin,
                    f"the answer '{answer.text}' leads to the step '{answer.next}', "
                    "which this journey does not have",
                    did_you_mean(answer.next, sorted(by_id), "step ids")
                    or "Use the id of one of this journey's steps: " + ", ".join(by_id) + ".",
                )
    if not journey.steps:
        return
    reached: set[str] = set()

    def visit(step: Step, route: list[str]) -> None:
        reached.add(step.id)
        for answer in step.answers:
            target = by_id.get(answer.next)
            if target is None:
                continue
            if target.id in route:
                log.add(
                    answer.origin,
                    f"the answer '{answer.text}' goes back to the step '{target.id}' "
                    f"(line {target.origin.line}), so a family would go round in a circle",
                    "Point it to a step further on, or to a step that ends the route.",
                )
            elif target.id not in reached:
                visit(target, [*route, target.id])

    visit(journey.steps[0], [journey.steps[0].id])
    if broken:
        return  # a misspelt `next` is the one mistake: its step is not also "unreachable"
    for step in journey.steps:
        if step.id not in reached:
            log.add(
                step.origin,
                f"no answer leads to the step '{step.id}', so families can never reach it",
                f"Add an answer with 'next: {step.id}' to an earlier step, or remove the step.",
            )
