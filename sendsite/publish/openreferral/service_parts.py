"""The nested parts of an Open Referral UK service record (contacts, locations and their
addresses, schedules, costs, languages, service areas, how to apply), each with an id made from
what it says, so a reordered list keeps its ids."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sendsite import model
from sendsite.model import venue
from sendsite.publish.openreferral.days import byday

# ISO 639 codes of languages often offered by UK services; others are published by name only.
LANGUAGE_CODES = {
    "arabic": "ar",
    "bengali": "bn",
    "british sign language": "bfi",
    "bsl": "bfi",
    "chinese": "zh",
    "english": "en",
    "french": "fr",
    "german": "de",
    "gujarati": "gu",
    "italian": "it",
    "lithuanian": "lt",
    "polish": "pl",
    "portuguese": "pt",
    "punjabi": "pa",
    "romanian": "ro",
    "russian": "ru",
    "somali": "so",
    "spanish": "es",
    "turkish": "tr",
    "ukrainian": "uk",
    "urdu": "ur",
    "welsh": "cy",
}
_PRICE = re.compile(r"£\s*(\d+(?:\.\d{1,2})?)")


@dataclass(frozen=True)
class ServiceParts:
    id: Callable[..., str]  # a stable UUID for one record, from the parts of its name
    area: str  # the site's area: the town of an address that names none, and "all areas"

    def contact(self, service_id: str, key: str, contact: model.Contact) -> dict[str, Any]:
        contact_id = self.id(service_id, "contact", key)
        record: dict[str, Any] = {"id": contact_id, "service_id": service_id}
        if contact.name:
            record["name"] = contact.name
        if contact.role:
            record["title"] = contact.role
        if contact.email:
            record["email"] = contact.email
        record["phones"] = (
            [
                {
                    "id": self.id(contact_id, "phone"),
                    "contact_id": contact_id,
                    "number": contact.phone,
                }
            ]
            if contact.phone
            else []
        )
        return record

    def service_at_location(
        self, service_id: str, key: str, location: model.Location
    ) -> dict[str, Any]:
        location_id = self.id(service_id, "location", key)
        place: dict[str, Any] = {"id": location_id, "location_type": "physical"}
        if location.name:
            place["name"] = location.name
        if location.latitude is not None:
            place["latitude"] = location.latitude
        if location.longitude is not None:
            place["longitude"] = location.longitude
        place["addresses"] = (
            [self.address(location_id, location)] if location.address or location.postcode else []
        )
        # The fixed facts first, in the words the site shows, keyed by their ids so the ids of
        # the author's own words stay as they were before the facts existed.
        place["accessibility"] = [
            {
                "id": self.id(location_id, "accessibility", "fact", fact),
                "location_id": location_id,
                "description": venue.label("access", fact),
            }
            for fact in location.access
        ] + [
            {
                "id": self.id(location_id, "accessibility", key),
                "location_id": location_id,
                "description": text,
            }
            for key, text in keyed(location.accessibility, lambda text: (text,))
        ]
        return {
            "id": self.id(service_id, "service-at-location", key),
            "service_id": service_id,
            "location_id": location_id,
            "location": place,
        }

    def address(self, location_id: str, location: model.Location) -> dict[str, Any]:
        """A UK address: the last comma-separated part of the address is taken as the town."""
        parts = [p.strip() for p in (location.address or "").split(",") if p.strip()]
        if len(parts) > 1:
            street, town = ", ".join(parts[:-1]), parts[-1]
        else:
            street, town = (parts[0] if parts else location.name or ""), self.area
        return {
            "id": self.id(location_id, "address"),
            "location_id": location_id,
            "address_1": street,
            "city": town,
            "state_province": self.area,
            "postal_code": location.postcode or "",
            "country": "GB",
            "address_type": "physical",
        }

    def schedules(self, service_id: str, service: model.Service) -> list[dict[str, Any]]:
        """Each opening time, and how to attend (`delivery`) on each: a service with no times
        still gets one schedule to say it."""
        attending = attending_type(service.delivery)
        found: list[dict[str, Any]] = []
        for key, hours in keyed(service.opening_hours, lambda h: (h.days, h.opens, h.closes)):
            record: dict[str, Any] = {
                "id": self.id(service_id, "schedule", key),
                "service_id": service_id,
                "description": f"{hours.days}, {hours.opens} to {hours.closes}",
                "opens_at": hours.opens,
                "closes_at": hours.closes,
            }
            days = byday(hours.days)
            if days:
                record.update(freq="WEEKLY", byday=days)
            found.append(record)
        if service.opening_hours_text:
            found.append(
                {
                    "id": self.id(service_id, "schedule", "text"),
                    "service_id": service_id,
                    "description": service.opening_hours_text,
                }
            )
        if attending and not found:
            found.append(
                {"id": self.id(service_id, "schedule", "attending"), "service_id": service_id}
            )
        if attending:
            for record in found:
                record["attending_type"] = attending
        return found

    def cost_options(self, service_id: str, service: model.Service) -> list[dict[str, Any]]:
        if not service.cost:
            return []
        record: dict[str, Any] = {"id": self.id(service_id, "cost"), "service_id": service_id}
        if service.is_free:
            record.update(option="Free", amount=0)
            return [record]
        record["amount_description"] = service.cost
        prices = _PRICE.findall(service.cost)
        if len(prices) == 1:
            record["amount"] = float(prices[0]) if "." in prices[0] else int(prices[0])
        return [record]

    def language(self, service_id: str, key: str, name: str) -> dict[str, Any]:
        record = {
            "id": self.id(service_id, "language", key),
            "service_id": service_id,
            "name": name,
        }
        code = LANGUAGE_CODES.get(name.strip().lower())
        if code:
            record["code"] = code
        return record

    def service_areas(self, service_id: str, service: model.Service) -> list[dict[str, Any]]:
        names = [self.area] if service.areas_all else [t.label for t in service.areas]
        return [
            {
                "id": self.id(service_id, "area", name),
                "service_id": service_id,
                "name": name,
                "service_area": name,
            }
            for name in names
        ]

    def application_process(self, referral: model.Referral) -> str:
        parts = []
        if referral.self_referral is not None:
            parts.append(
                "You can refer yourself."
                if referral.self_referral
                else "You need someone, such as a professional, to refer you."
            )
        if referral.how:
            parts.append(referral.how.strip())
        return "\n\n".join(parts)


def attending_type(delivery: list[str]) -> str:
    """'In person, online or by phone': how to attend, in the schedule's free text."""
    words = [venue.label("delivery", d) for d in delivery]
    words[1:] = [w[0].lower() + w[1:] for w in words[1:]]
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


Part = TypeVar("Part")


def keyed(
    parts: Iterable[Part], says: Callable[[Part], tuple[str | None, ...]]
) -> list[tuple[str, Part]]:
    """Each part of a list with a key made from what it says, not where it is in the list: a
    reordered list keeps its ids. Two parts that say the same are told apart by a count."""
    seen: dict[str, int] = {}
    found = []
    for part in parts:
        key = "|".join(" ".join((v or "").lower().split()) for v in says(part))
        seen[key] = seen.get(key, 0) + 1
        found.append((key if seen[key] == 1 else f"{key}#{seen[key]}", part))
    return found
