"""Open Referral UK ids: UUIDs that stay the same for as long as the record is the same record.

Every id is a version-5 UUID made from the site's id namespace and the record's own name
('service/portage', 'taxonomy/needs/autism'), so the same sources give the same ids build after
build. The namespace is site.yaml's `id_namespace`, set once and never changed, so ids survive a
move of `base_url` (a trial address to the council's own domain); a site without one gets the
namespace made from `base_url`, as sendsite made every id before `id_namespace` existed. A
service or organisation moving from another directory keeps its old id with `oruk_id`.
"""

from __future__ import annotations

import uuid

from sendsite.errors import ErrorLog, Origin
from sendsite.model import Organisation, Service, SiteConfig


def namespace(config: SiteConfig) -> uuid.UUID:
    if config.id_namespace is not None:
        return uuid.UUID(config.id_namespace)
    return uuid.uuid5(uuid.NAMESPACE_URL, config.base_url)


def record_id(space: uuid.UUID, *parts: object) -> str:
    return str(uuid.uuid5(space, "/".join(str(p) for p in parts)))


def service_id(space: uuid.UUID, service: Service) -> str:
    return service.oruk_id or record_id(space, "service", service.id)


def organisation_id(space: uuid.UUID, organisation: Organisation) -> str:
    return organisation.oruk_id or record_id(space, "organisation", organisation.id)


def parse_uuid(text: str) -> str | None:
    """The UUID in its standard lower-case form, or None when the text is not one."""
    try:
        value = uuid.UUID(text)
    except ValueError:
        return None
    return str(value)


def refuse_duplicate_ids(
    config: SiteConfig,
    organisations: list[Organisation],
    services: list[Service],
    explicit: dict[int, Origin],
    log: ErrorLog,
) -> None:
    """Two records with one id would make consumers merge them: each one after the first is a
    mistake, reported where its `oruk_id` is written (`explicit`: id() of the record -> origin)."""
    space = namespace(config)
    seen: dict[str, tuple[str, Origin]] = {}
    records: list[tuple[str, str, Organisation | Service]] = [
        *(("organisation", organisation_id(space, o), o) for o in organisations),
        *(("service", service_id(space, s), s) for s in services),
    ]
    # Records with an explicit id come last, so the message lands on the line to change.
    records.sort(key=lambda r: (id(r[2]) in explicit, r[2].origin.path))
    for noun, record, item in records:
        where = explicit.get(id(item), item.origin)
        if record in seen:
            other_noun, other = seen[record]
            log.add(
                where,
                f"the Open Referral id {record} of this {noun} is already the id of the "
                f"{other_noun} in {other}",
                "Each service and organisation needs its own oruk_id: remove this one, or copy "
                "the right id from the directory it came from.",
            )
            continue
        seen[record] = (noun, where)
