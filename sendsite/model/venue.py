"""Venue and delivery facts families filter on: getting into a place, how a service is offered,
on which days, and whether it is free.

Only two of them are written as facts of their own (a location's `access` and a service's
`delivery`, each from a fixed list, so a filter can trust them). The others are read from fields
services already have, so nothing is said twice: the days from structured `opening_hours`, British
Sign Language from `languages`, free from `cost: free`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sendsite.model.objects.directory import Service

# (id, words on a page), in the order pages and filters show them.
ACCESS: tuple[tuple[str, str], ...] = (
    ("step-free", "Step-free access"),
    ("accessible-toilet", "Accessible toilet"),
    ("changing-places", "Changing Places toilet"),
    ("hearing-loop", "Hearing loop"),
    ("quiet-space", "Quiet space"),
)
BSL = ("bsl", "British Sign Language (BSL)")  # from `languages`, not `access`
ACCESS_FILTERS: tuple[tuple[str, str], ...] = (*ACCESS, BSL)
DELIVERY: tuple[tuple[str, str], ...] = (
    ("in-person", "In person"),
    ("online", "Online"),
    ("phone", "By phone"),
)
DAYS: tuple[tuple[str, str], ...] = (
    ("monday", "Monday"),
    ("tuesday", "Tuesday"),
    ("wednesday", "Wednesday"),
    ("thursday", "Thursday"),
    ("friday", "Friday"),
    ("saturday", "Saturday"),
    ("sunday", "Sunday"),
)
COST: tuple[tuple[str, str], ...] = (("free", "Free"),)
# How authors often write a fixed value (as a slug), for the hint where one is refused.
SAID = {
    "level-access": "step-free",
    "step-free-access": "step-free",
    "wheelchair-access": "step-free",
    "ramp": "step-free",
    "accessible-toilets": "accessible-toilet",
    "disabled-toilet": "accessible-toilet",
    "changing-places-toilet": "changing-places",
    "induction-loop": "hearing-loop",
    "loop": "hearing-loop",
    "quiet-room": "quiet-space",
    "quiet-area": "quiet-space",
    "in-person": "in-person",
    "face-to-face": "in-person",
    "by-phone": "phone",
    "telephone": "phone",
    "video": "online",
    "remote": "online",
}
ACCESS_IDS = tuple(i for i, _ in ACCESS)
DELIVERY_IDS = tuple(i for i, _ in DELIVERY)
DAY_IDS = tuple(i for i, _ in DAYS)
_NOT = ("no", "not", "without", "isn", "unavailable", "none", "cannot", "t")
_BSL_NAMES = ("british sign language", "bsl", "british sign language (bsl)")
_JOINING = ("and", "to", "-", "until", "through")


# Phrases in a location's own words that say an access fact: its words on a page, its id and the
# ways authors write it (`SAID`), longest first; "loop" alone is too loose to count.
_ACCESS_PHRASES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            *((label.lower().replace("-", " "), i) for i, label in ACCESS),
            *((i.replace("-", " "), i) for i in ACCESS_IDS),
            *(
                (said.replace("-", " "), i)
                for said, i in SAID.items()
                if i in ACCESS_IDS and said != "loop"
            ),
        },
        key=lambda pair: -len(pair[0]),
    )
)


@dataclass(frozen=True)
class Fact:
    """One fact of one kind: `facet` is its browse pages' and filter's name."""

    facet: str  # access, delivery, day or cost
    id: str
    label: str


FACETS: dict[str, tuple[tuple[str, str], ...]] = {
    "access": ACCESS_FILTERS,
    "delivery": DELIVERY,
    "day": DAYS,
    "cost": COST,
}


_LABELS = {facet: dict(values) for facet, values in FACETS.items()}


def label(facet: str, fact_id: str) -> str:
    return _LABELS[facet][fact_id]


def weekdays(days: str) -> list[int] | None:
    """The days of the week (0 Monday to 6 Sunday) that text such as 'Monday to Friday',
    'Tuesdays and Thursdays' or 'Saturday (term time)' names; None when it says something else
    ('alternate Fridays'), which is then published only as written. A note in brackets is left
    out: it qualifies the days, it does not change which they are."""
    text = days.lower()
    while "(" in text and ")" in text.split("(", 1)[1]:
        before, rest = text.split("(", 1)
        text = before + " " + rest.split(")", 1)[1]
    text = text.replace(",", " ").replace("&", " and ")
    names = [name for name, _ in DAYS]
    words = [w.rstrip("s") if w.rstrip("s") in names else w for w in text.split()]
    if words in (["every", "day"], ["daily"]):
        return list(range(7))
    if not any(w in names for w in words):
        return None
    chosen: list[int] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in names:
            start = names.index(word)
            if (
                index + 2 < len(words)
                and words[index + 1] in _JOINING[1:]
                and words[index + 2] in names
            ):
                end = names.index(words[index + 2])
                chosen.extend(range(start, end + 1) if end >= start else range(start, start + 1))
                index += 3
                continue
            chosen.append(start)
        elif word not in _JOINING:
            return None
        index += 1
    return sorted(set(chosen))


def service_days(service: Service) -> list[str]:
    """The ids of the days a service's structured opening hours name, Monday first."""
    found: set[int] = set()
    for hours in service.opening_hours:
        found.update(_named_days(hours.days))
    return [DAY_IDS[i] for i in sorted(found)]


@functools.lru_cache(maxsize=4096)
def _named_days(days: str) -> tuple[int, ...]:
    """weekdays(days), none when it names none, kept by the text: thousands of services'
    opening hours write their days in a few ways, and each build asks for every service's."""
    return tuple(weekdays(days) or ())


def offers_bsl(service: Service) -> bool:
    return any(name.strip().lower() in _BSL_NAMES for name in service.languages)


def service_access(service: Service) -> list[str]:
    """The access facts a family can count on at one or more of the service's places, and BSL."""
    found = {fact for location in service.locations for fact in location.access}
    ids = [i for i in ACCESS_IDS if i in found]
    return [*ids, BSL[0]] if offers_bsl(service) else ids


def facts(service: Service) -> list[Fact]:
    """Every fact of the service, in the order its page and the filters show them."""
    return [Fact(facet, i, label(facet, i)) for facet, i in fact_ids(service)]


def fact_ids(service: Service) -> list[tuple[str, str]]:
    """The facet and id of each of `facts(service)`, in its order, without their labels (the
    directory's lists ask this of every service)."""
    found = [("access", i) for i in service_access(service)]
    found += [("delivery", i) for i in service.delivery]
    found += [("day", i) for i in service_days(service)]
    if service.is_free:
        found.append(("cost", "free"))
    return found


def has(service: Service, facet: str, fact_id: str) -> bool:
    match facet:
        case "access":
            return fact_id in service_access(service)
        case "delivery":
            return fact_id in service.delivery
        case "day":
            return fact_id in service_days(service)
        case _:
            return fact_id == "free" and service.is_free


def access_noted(note: str) -> str | None:
    """The access id a location's note in the author's words says ('Level access from the car
    park' says step-free), or None. A note that says something is missing ('no hearing loop',
    'not step-free') says nothing a filter may count on."""
    words = re.findall(r"[a-z]+", note.lower().replace("step-free", "step free"))
    if any(w in _NOT for w in words):
        return None
    text = " " + " ".join(words) + " "
    for phrase, fact_id in _ACCESS_PHRASES:
        if f" {phrase} " in text:
            return fact_id
    return None


def places_with(service: Service, fact_id: str) -> list[str] | None:
    """Where a service with several places has an access fact at only some of them: their names
    (or 'address N'); None when every place has it, or there is only one place."""
    if len(service.locations) < 2:
        return None
    named = [
        (loc.name or f"address {n}", fact_id in loc.access)
        for n, loc in enumerate(service.locations, 1)
    ]
    if all(has_it for _, has_it in named):
        return None
    return [name for name, has_it in named if has_it]
