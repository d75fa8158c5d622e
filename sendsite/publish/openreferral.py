"""Open Referral UK 3.0 export: the service directory as the static files of the standard's read API.

Open Referral UK 3.0 is the UK profile of the Human Services Data Specification (HSDS) 3.0. Its
read API answers `GET /` (what the feed is), `GET /services` (a paged list) and
`GET /services/{id}` (one service with everything about it). This module writes the same
answers as files under `openreferral/`, so any static host serves a read-only feed:

    openreferral/index.json              GET /
    openreferral/services.json           GET /services (page 1)
    openreferral/services/page-N.json    GET /services?page=N
    openreferral/services/{id}.json      GET /services/{id}

Ids are UUIDs, as the standard asks (model/identity.py): a service's and an organisation's from
the site's id namespace and the file's name, or its `oruk_id`; each part of a service (a
contact, a location, a schedule...) from the service's id and what the part says, so reordering
a list keeps every id. The mapping of every content-model field is documented in
docs/open-referral.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sendsite import model
from sendsite.model import identity
from sendsite.render.urls import Linker, path_for

PROFILE_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"  # the current one, with the required/optional tags
PER_PAGE = 50
FOLDER = "openreferral"
# The read API's lists: GET /{list}, /{list}?page=N and /{list}/{id}.
LISTS = ("services",)

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


_PAGE_QUERY = re.compile(r"^page=([1-9][0-9]{0,8})$")


def api_file(address: str) -> str | None:
    """The file (under FOLDER) that answers a GET of the read API's `address`, relative to the
    feed's base and with its query string ('/services?page=2' -> 'services/page-2.json'); None
    for an address the feed does not answer. Every host's configuration routes the same way."""
    path, _, query = address.partition("?")
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "index.json" if not query else None
    if parts[0] not in LISTS or len(parts) > 2 or any(p.startswith(".") for p in parts):
        return None
    if len(parts) == 2:
        return None if query else f"{parts[0]}/{parts[1]}.json"
    if not query:
        return f"{parts[0]}.json"
    page = _PAGE_QUERY.match(query)
    return f"{parts[0]}/page-{page.group(1)}.json" if page else None


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
        files[f"{FOLDER}/services/{export.service_id(service)}.json"] = _json(
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
        self.namespace = identity.namespace(site.config)
        self.ids: dict[tuple[object, ...], str] = {}

    def id(self, *parts: object) -> str:
        """A stable UUID for one record, from the site's id namespace and the record's name."""
        found = self.ids.get(parts)
        if found is None:
            found = self.ids[parts] = identity.record_id(self.namespace, *parts)
        return found

    def service_id(self, service: model.Service) -> str:
        return service.oruk_id or self.id("service", service.id)

    def organisation_id(self, organisation: model.Organisation) -> str:
        return organisation.oruk_id or self.id("organisation", organisation.id)

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
        service_id = self.service_id(service)
        record: dict[str, Any] = {
            "id": service_id,
            "organization_id": self.organisation_id(service.organisation),
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
        contacts = keyed(service.contacts, lambda c: (c.name, c.role, c.email, c.phone))
        record.update(
            contacts=[self.contact(service_id, key, c) for key, c in contacts],
            phones=[
                {
                    "id": self.id(service_id, "phone", key),
                    "service_id": service_id,
                    "number": c.phone,
                    "description": ", ".join(p for p in (c.name, c.role) if p),
                }
                for key, c in contacts
                if c.phone
            ],
            service_at_locations=[
                self.service_at_location(service_id, key, loc)
                for key, loc in keyed(
                    service.locations, lambda loc: (loc.name, loc.address, loc.postcode)
                )
            ],
            schedules=self.schedules(service_id, service),
            cost_options=self.cost_options(service_id, service),
            languages=[
                self.language(service_id, key, name)
                for key, name in keyed(service.languages, lambda name: (name.lower(),))
            ],
            service_areas=self.service_areas(service_id, service),
            attributes=self.attributes(service_id, service),
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
        org_id = self.organisation_id(organisation)
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
                    "id": self.id(org_id, "phone"),
                    "organization_id": org_id,
                    "number": organisation.phone,
                }
            ]
        return record

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
        place["accessibility"] = [
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
            street, town = (parts[0] if parts else location.name or ""), self.config.area
        return {
            "id": self.id(location_id, "address"),
            "location_id": location_id,
            "address_1": street,
            "city": town,
            "state_province": self.config.area,
            "postal_code": location.postcode or "",
            "country": "GB",
            "address_type": "physical",
        }

    def schedules(self, service_id: str, service: model.Service) -> list[dict[str, Any]]:
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
        names = [self.config.area] if service.areas_all else [t.label for t in service.areas]
        return [
            {
                "id": self.id(service_id, "area", name),
                "service_id": service_id,
                "name": name,
                "service_area": name,
            }
            for name in names
        ]

    def attributes(self, service_id: str, service: model.Service) -> list[dict[str, Any]]:
        """Categories and needs, as taxonomy terms linked to the service."""
        linked = [("categories", "category", t) for t in service.categories]
        linked += [("needs", "need", t) for t in service.needs]
        return [
            {
                "id": self.id(service_id, "attribute", vocabulary, term.id),
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
