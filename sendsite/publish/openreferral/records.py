"""The records of the Open Referral UK export: each service fully nested, and the optional
lists' organisations, taxonomies, taxonomy terms and services at locations, each as its list
shows it (one-to-one fields) and as `GET /{list}/{id}` answers it."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.model import identity
from sendsite.publish.openreferral.service_parts import ServiceParts, keyed
from sendsite.publish.parts import Parts
from sendsite.render.urls import Linker, absolute_url, path_for

PROFILE_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
# The specification's current openapi.json, whose endpoints are tagged required or optional.
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"
VOCABULARIES = ("categories", "needs")  # published as taxonomies; areas are service areas
_TIMESTAMP = "%Y-%m-%dT%H:%M:%SZ"
# A key, not a text: a quote inside a text is written \", so '"last_modified":"' is never in one.
_PUBLISHED_DATE = re.compile(
    rb'"last_modified":"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)"'
)
_SAFE_ID = re.compile(r"^[0-9A-Za-z-]{1,100}$")
_PLACE_ITEM = ("id", "service_id", "location_id")  # a service at a location, as its list shows it


def encode(data: Any) -> bytes:
    """A record's file as the export writes it. Compact, because Python's JSON encoder is several
    times slower with indent (it then cannot use its C implementation), and these files are for
    programs, not people."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


@dataclass(frozen=True)
class Record:
    id: str
    item: dict[str, Any]  # as its list shows it
    # as GET /{list}/{id} answers; None: its file is the previous output's (a kept part)
    full: dict[str, Any] | None


@dataclass(frozen=True)
class KeptService:
    """What a service's record came to, kept with the build's record (publish/parts.py): its
    list item and its services at locations' items. Its files are the previous output's."""

    id: str
    item: dict[str, Any]
    places: list[dict[str, Any]]


class Records:
    def __init__(
        self, site: model.Site, previous: Path | None = None, parts: Parts | None = None
    ) -> None:
        """`previous`: the output folder this build replaces, whose records say when each was
        last published as it is (see last_modified). `parts`: the services' records kept by
        the last build, by their files, and where to keep this build's."""
        self.site = site
        self.previous = previous
        self.parts = parts
        self.committed: set[str] = set()  # services whose last_modified is a git commit's time
        self.encoded: dict[str, bytes] = {}  # service id -> its record's file, once encoded
        self.config = site.config
        self.linker = Linker(site.config.base_path)
        self.namespace = identity.namespace(site.config)
        self.ids: dict[tuple[object, ...], str] = {}
        self.service_parts = ServiceParts(self.id, site.config.area)

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

    # --- documents ---------------------------------------------------------------------------

    def root(self) -> dict[str, Any]:
        return {"version": PROFILE_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}

    def lists(self) -> dict[str, list[Record]]:
        """Every list of the read API with its records, in the order the lists are read."""
        services: list[Record] = []
        places: list[Record] = []
        made: list[tuple[str, Record, list[Record]]] = []  # the records made now, by source
        for service in self.site.services:
            source = service.origin.path
            kept = self.parts.recall(source) if self.parts is not None else None
            if isinstance(kept, KeptService):
                services.append(Record(kept.id, kept.item, None))
                places.extend(Record(place["id"], place, None) for place in kept.places)
                continue
            record = self._service_record(service)
            assert record.full is not None
            located = [
                Record(place["id"], {k: place[k] for k in _PLACE_ITEM}, place)
                for place in record.full["service_at_locations"]
            ]
            services.append(record)
            places.extend(located)
            made.append((source, record, located))
        self._keep_unchanged_dates([record for _, record, _ in made])
        if self.parts is not None:  # kept once their dates are as published
            for source, record, located in made:
                kept = KeptService(record.id, record.item, [place.item for place in located])
                self.parts.keep(source, kept)
        terms = [
            (vocabulary, term)
            for vocabulary in VOCABULARIES
            for term in getattr(self.site.taxonomy, vocabulary).values()
        ]
        return {
            "services": services,
            "taxonomies": [self.taxonomy(v) for v in VOCABULARIES],
            "taxonomy_terms": [
                Record(record["id"], record, record)
                for record in (self.taxonomy_term(v, t) for v, t in terms)
            ],
            "organizations": [self.organisation_record(o) for o in self.site.organisations],
            "service_at_locations": places,
        }

    def last_modified(self, service: model.Service) -> str:
        """When the record's files last changed: the time of the last git commit that changed
        the service's file or its organisation's (they make the record), or the build's date
        when one of them is not committed as it is (or the site is not in git); a record that
        the previous build published exactly as it is now then keeps that build's date
        (_keep_unchanged_dates)."""
        times = self.site.commit_times
        found = [times.get(service.origin.path), times.get(service.organisation.origin.path)]
        if None in found:
            when = dt.datetime.combine(self.site.build_date, dt.time(), dt.UTC)
        else:
            when = max(t for t in found if t is not None)
            self.committed.add(self.service_id(service))
        return when.strftime(_TIMESTAMP)

    def _keep_unchanged_dates(self, services: list[Record]) -> None:
        """Outside git, or with edits not yet committed, the build's date would make every
        record seem changed on every day it is built. So a record whose published content
        (everything but last_modified) is byte for byte what the previous build published for
        its id keeps the last_modified published then: the date changes when the content does,
        and only then. The previous output is the record kept with the build; without it (a
        first build, a fresh folder) the build's date stands, so the same sources and the same
        previous output always give the same dates."""
        if self.previous is None:
            return
        folder = self.previous / "openreferral" / "services"
        for record in services:
            if record.id in self.committed or not _SAFE_ID.match(record.id):
                continue
            try:
                before = (folder / f"{record.id}.json").read_bytes()
            except OSError:
                continue  # new, or not published by the previous build
            published = _PUBLISHED_DATE.search(before)
            if published is None:
                continue
            old = published.group(0)
            assert record.full is not None
            now = f'"last_modified":"{record.full["last_modified"]}"'.encode()
            encoded = self.encoded[record.id] = encode(record.full)  # written as it is, below
            if old == now or encoded.replace(now, old, 1) != before:
                continue
            record.full["last_modified"] = record.item["last_modified"] = published.group(
                1
            ).decode()
            self.encoded[record.id] = before

    def organisation_record(self, organisation: model.Organisation) -> Record:
        item = self.organisation(organisation)
        # Its own services (model/derived.py lists them in the site's order), not a search of
        # every service for each organisation's.
        full = {
            **item,
            "services": [{"id": self.service_id(s), "name": s.name} for s in organisation.services],
        }
        return Record(item["id"], item, full)

    def taxonomy(self, vocabulary: str) -> Record:
        item = {
            "id": self.id("taxonomy", vocabulary),
            "name": f"{self.config.title}: {vocabulary}",
            "description": f"The {vocabulary} that {self.config.title} sorts its services by.",
        }
        terms = getattr(self.site.taxonomy, vocabulary).values()
        full = {**item, "taxonomy_terms": [self.taxonomy_term(vocabulary, t) for t in terms]}
        return Record(item["id"], item, full)

    def service_summary(self, service: model.Service) -> dict[str, Any]:
        """The one-to-one fields of a service, as the paged list shows them."""
        service_id = self.service_id(service)
        record: dict[str, Any] = {
            "id": service_id,
            "organization_id": self.organisation_id(service.organisation),
            "name": service.name,
            "description": self.description(service),
            "url": service.website or absolute_url(self.config, path_for(service)),
            "status": "active" if service.active else "inactive",
            "minimum_age": service.ages.min,
            "maximum_age": service.ages.max,
            "assured_date": service.last_reviewed.isoformat(),
            "last_modified": self.last_modified(service),
            "organization": self.organisation(service.organisation),
        }
        email = next((c.email for c in service.contacts if c.email), None)
        if email:
            record["email"] = email
        if service.cost:
            record["fees"] = service.cost
        return record

    def _service_record(self, service: model.Service) -> Record:
        """A service's list item and full record, its one-to-one fields made once for both
        (they were made twice: 4,000 services' ids, organisations and dates again)."""
        summary = self.service_summary(service)
        return Record(summary["id"], summary, self.service(service, dict(summary)))

    def service(
        self, service: model.Service, summary: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The fully nested service, as `GET /services/{id}` returns it (`summary`: its
        service_summary, if made already)."""
        record = self.service_summary(service) if summary is None else summary
        service_id = record["id"]
        contacts = keyed(service.contacts, lambda c: (c.name, c.role, c.email, c.phone))
        record.update(
            contacts=[self.service_parts.contact(service_id, key, c) for key, c in contacts],
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
                self.service_parts.service_at_location(service_id, key, loc)
                for key, loc in keyed(
                    service.locations, lambda loc: (loc.name, loc.address, loc.postcode)
                )
            ],
            schedules=self.service_parts.schedules(service_id, service),
            cost_options=self.service_parts.cost_options(service_id, service),
            languages=[
                self.service_parts.language(service_id, key, name)
                for key, name in keyed(service.languages, lambda name: (name.lower(),))
            ],
            service_areas=self.service_parts.service_areas(service_id, service),
            attributes=self.attributes(service_id, service),
            funding=[],
        )
        if service.eligibility:
            record["eligibility_description"] = service.eligibility
        if service.referral is not None:
            record["application_process"] = self.service_parts.application_process(service.referral)
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
            "website": organisation.url or absolute_url(self.config, path_for(organisation)),
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
