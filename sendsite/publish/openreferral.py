"""Open Referral UK 3.0 export: the service directory as the static files of the standard's read API.

Open Referral UK 3.0 is the UK profile of the Human Services Data Specification (HSDS) 3.0. Its
read API answers `GET /` (what the feed is), `GET /services` (a paged list) and
`GET /services/{id}` (one service with everything about it). This module writes the same
answers as files under `openreferral/`, so any static host serves a read-only feed:

    openreferral/index.json              GET /
    openreferral/services.json           GET /services (page 1)
    openreferral/services/page-N.json    GET /services?page=N
    openreferral/services/{id}.json      GET /services/{id}

Ids are UUIDs, as the standard asks: version-5 UUIDs made from the site's base_url and the
content id, so they stay the same from build to build. The mapping of every content-model
field is documented in docs/open-referral.md.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

from sendsite import model
from sendsite.render.urls import Linker, path_for

PROFILE_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://docs.openreferraluk.org/en/latest/openapi30.json"
PER_PAGE = 50
FOLDER = "openreferral"

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
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PRICE = re.compile(r"£\s*(\d+(?:\.\d{1,2})?)")


def openreferral_files(site: model.Site) -> dict[str, bytes]:
    """Every file of the export: output path (relative) -> bytes."""
    export = _Exporter(site)
    files = {f"{FOLDER}/index.json": _json(export.root())}
    services = site.services
    pages = max(1, -(-len(services) // PER_PAGE))
    for number in range(1, pages + 1):
        chunk = services[(number - 1) * PER_PAGE : number * PER_PAGE]
        files[f"{FOLDER}/services/page-{number}.json"] = _json(export.page(chunk, number, pages))
    files[f"{FOLDER}/services.json"] = files[f"{FOLDER}/services/page-1.json"]
    for service in services:
        files[f"{FOLDER}/services/{export.id('service', service.id)}.json"] = _json(
            export.service(service)
        )
    return files


def _json(data: Any) -> bytes:
    # Compact, because Python's JSON encoder is several times slower with indent (it then
    # cannot use its C implementation), and these files are for programs, not people.
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


class _Exporter:
    def __init__(self, site: model.Site) -> None:
        self.site = site
        self.config = site.config
        self.linker = Linker(site.config.base_path)
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, site.config.base_url)
        self.ids: dict[str, str] = {}

    def id(self, *parts: object) -> str:
        """A stable UUID for one record, from the site's base_url and the record's place in it."""
        name = "/".join(str(p) for p in parts)
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = str(uuid.uuid5(self.namespace, name))
        return found

    def absolute(self, path: str) -> str:
        return self.config.base_url.rstrip("/") + path

    # --- documents ---------------------------------------------------------------------------

    def root(self) -> dict[str, Any]:
        return {"version": PROFILE_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}

    def page(self, services: list[model.Service], number: int, pages: int) -> dict[str, Any]:
        return {
            "total_items": len(self.site.services),
            "total_pages": pages,
            "page_number": number,
            "size": len(services),
            "first_page": number == 1,
            "last_page": number == pages,
            "empty": not services,
            "contents": [self.service_summary(s) for s in services],
        }

    def service_summary(self, service: model.Service) -> dict[str, Any]:
        """The one-to-one fields of a service, as the paged list shows them."""
        service_id = self.id("service", service.id)
        record: dict[str, Any] = {
            "id": service_id,
            "organization_id": self.id("organisation", service.organisation.id),
            "name": service.name,
            "description": self.description(service),
            "url": service.website or self.absolute(path_for(service)),
            "status": "active" if service.active else "inactive",
            "minimum_age": service.ages.min,
            "maximum_age": service.ages.max,
            "assured_date": service.last_reviewed.isoformat(),
            "last_modified": f"{service.last_reviewed.isoformat()}T00:00:00Z",
            "organization": self.organisation(service.organisation),
        }
        email = next((c.email for c in service.contacts if c.email), None)
        if email:
            record["email"] = email
        if service.cost:
            record["fees"] = service.cost
        return record

    def service(self, service: model.Service) -> dict[str, Any]:
        """The fully nested service, as `GET /services/{id}` returns it."""
        record = self.service_summary(service)
        service_id = record["id"]
        record.update(
            contacts=[self.contact(service, i, c) for i, c in enumerate(service.contacts, 1)],
            phones=[
                {
                    "id": self.id("service", service.id, "phone", i),
                    "service_id": service_id,
                    "number": c.phone,
                    "description": ", ".join(p for p in (c.name, c.role) if p),
                }
                for i, c in enumerate(service.contacts, 1)
                if c.phone
            ],
            service_at_locations=[
                self.service_at_location(service, i, loc)
                for i, loc in enumerate(service.locations, 1)
            ],
            schedules=self.schedules(service),
            cost_options=self.cost_options(service),
            languages=[
                self.language(service, i, name) for i, name in enumerate(service.languages, 1)
            ],
            service_areas=self.service_areas(service),
            attributes=self.attributes(service),
            funding=[],
        )
        if service.eligibility:
            record["eligibility_description"] = service.eligibility
        if service.referral is not None:
            record["application_process"] = self.application_process(service.referral)
        return record

    # --- parts of a service ------------------------------------------------------------------

    def description(self, service: model.Service) -> str:
        body = service.body.strip()
        return f"{service.summary}\n\n{body}" if body else service.summary

    def organisation(self, organisation: model.Organisation) -> dict[str, Any]:
        org_id = self.id("organisation", organisation.id)
        record: dict[str, Any] = {
            "id": org_id,
            "name": organisation.name,
            # The standard requires a description; the name is the honest fallback.
            "description": organisation.description or organisation.name,
            "website": organisation.url or self.absolute(path_for(organisation)),
        }
        if organisation.email:
            record["email"] = organisation.email
        if organisation.phone:
            record["phones"] = [
                {
                    "id": self.id("organisation", organisation.id, "phone"),
                    "organization_id": org_id,
                    "number": organisation.phone,
                }
            ]
        return record

    def contact(self, service: model.Service, index: int, contact: model.Contact) -> dict[str, Any]:
        contact_id = self.id("service", service.id, "contact", index)
        record: dict[str, Any] = {
            "id": contact_id,
            "service_id": self.id("service", service.id),
        }
        if contact.name:
            record["name"] = contact.name
        if contact.role:
            record["title"] = contact.role
        if contact.email:
            record["email"] = contact.email
        record["phones"] = (
            [
                {
                    "id": self.id("service", service.id, "contact", index, "phone"),
                    "contact_id": contact_id,
                    "number": contact.phone,
                }
            ]
            if contact.phone
            else []
        )
        return record

    def service_at_location(
        self, service: model.Service, index: int, location: model.Location
    ) -> dict[str, Any]:
        location_id = self.id("service", service.id, "location", index)
        place: dict[str, Any] = {"id": location_id, "location_type": "physical"}
        if location.name:
            place["name"] = location.name
        if location.latitude is not None:
            place["latitude"] = location.latitude
        if location.longitude is not None:
            place["longitude"] = location.longitude
        place["addresses"] = (
            [self.address(service, index, location_id, location)]
            if location.address or location.postcode
            else []
        )
        place["accessibility"] = [
            {
                "id": self.id("service", service.id, "location", index, "accessibility", n),
                "location_id": location_id,
                "description": text,
            }
            for n, text in enumerate(location.accessibility, 1)
        ]
        return {
            "id": self.id("service", service.id, "service-at-location", index),
            "service_id": self.id("service", service.id),
            "location_id": location_id,
            "location": place,
        }

    def address(
        self, service: model.Service, index: int, location_id: str, location: model.Location
    ) -> dict[str, Any]:
        """A UK address: the last comma-separated part of the address is taken as the town."""
        parts = [p.strip() for p in (location.address or "").split(",") if p.strip()]
        if len(parts) > 1:
            street, town = ", ".join(parts[:-1]), parts[-1]
        else:
            street, town = (parts[0] if parts else location.name or ""), self.config.area
        return {
            "id": self.id("service", service.id, "location", index, "address"),
            "location_id": location_id,
            "address_1": street,
            "city": town,
            "state_province": self.config.area,
            "postal_code": location.postcode or "",
            "country": "GB",
            "address_type": "physical",
        }

    def schedules(self, service: model.Service) -> list[dict[str, Any]]:
        service_id = self.id("service", service.id)
        found: list[dict[str, Any]] = []
        for index, hours in enumerate(service.opening_hours, 1):
            record: dict[str, Any] = {
                "id": self.id("service", service.id, "schedule", index),
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
                    "id": self.id("service", service.id, "schedule", "text"),
                    "service_id": service_id,
                    "description": service.opening_hours_text,
                }
            )
        return found

    def cost_options(self, service: model.Service) -> list[dict[str, Any]]:
        if not service.cost:
            return []
        record: dict[str, Any] = {
            "id": self.id("service", service.id, "cost"),
            "service_id": self.id("service", service.id),
        }
        if service.is_free:
            record.update(option="Free", amount=0)
            return [record]
        record["amount_description"] = service.cost
        prices = _PRICE.findall(service.cost)
        if len(prices) == 1:
            record["amount"] = float(prices[0]) if "." in prices[0] else int(prices[0])
        return [record]

    def language(self, service: model.Service, index: int, name: str) -> dict[str, Any]:
        record = {
            "id": self.id("service", service.id, "language", index),
            "service_id": self.id("service", service.id),
            "name": name,
        }
        code = LANGUAGE_CODES.get(name.strip().lower())
        if code:
            record["code"] = code
        return record

    def service_areas(self, service: model.Service) -> list[dict[str, Any]]:
        names = [self.config.area] if service.areas_all else [t.label for t in service.areas]
        return [
            {
                "id": self.id("service", service.id, "area", name),
                "service_id": self.id("service", service.id),
                "name": name,
                "service_area": name,
            }
            for name in names
        ]

    def attributes(self, service: model.Service) -> list[dict[str, Any]]:
        """Categories and needs, as taxonomy terms linked to the service."""
        service_id = self.id("service", service.id)
        linked = [("categories", "category", t) for t in service.categories]
        linked += [("needs", "need", t) for t in service.needs]
        return [
            {
                "id": self.id("service", service.id, "attribute", vocabulary, term.id),
                "link_id": service_id,
                "link_entity": "service",
                "link_type": link_type,
                "taxonomy_term_id": self.id("taxonomy", vocabulary, term.id),
                "taxonomy_term": self.taxonomy_term(vocabulary, term),
            }
            for vocabulary, link_type, term in linked
        ]

    def taxonomy_term(self, vocabulary: str, term: model.Term) -> dict[str, Any]:
        return {
            "id": self.id("taxonomy", vocabulary, term.id),
            "code": term.id,
            "name": term.label,
            "term": term.label,
            "description": term.description or term.label,
            "taxonomy": f"{self.config.title}: {vocabulary}",
            "taxonomy_id": self.id("taxonomy", vocabulary),
        }

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


def byday(days: str) -> str | None:
    """iCalendar BYDAY for text such as 'Monday to Friday', 'Tuesdays and Thursdays' or 'Saturday'."""
    text = days.lower().replace(",", " ").replace("&", " and ")
    words = [w.rstrip("s") if w.rstrip("s") in _DAY_NAMES else w for w in text.split()]
    if words in (["every", "day"], ["daily"]):
        return ",".join(_DAYS)
    if not any(w in _DAY_NAMES for w in words):
        return None
    chosen: list[int] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _DAY_NAMES:
            start = _DAY_NAMES.index(word)
            if (
                index + 2 < len(words)
                and words[index + 1] in ("to", "-", "until", "through")
                and words[index + 2] in _DAY_NAMES
            ):
                end = _DAY_NAMES.index(words[index + 2])
                span = range(start, end + 1) if end >= start else range(start, start + 1)
                chosen.extend(span)
                index += 3
                continue
            chosen.append(start)
        elif word not in ("and", "to", "-", "until", "through"):
            return None  # words we do not understand: publish the description only
        index += 1
    return ",".join(_DAYS[i] for i in sorted(set(chosen)))
