"""Checks for the directory: organisations and the services they run."""

from __future__ import annotations

from typing import TypeVar

from sendsite import model
from sendsite.errors import Origin
from sendsite.model import identity, schema, venue
from sendsite.model.validation.context import NO_DATE, Checks, reference
from sendsite.source.fields import Fields
from sendsite.source.loader import Item
from sendsite.source.wording import did_you_mean

R = TypeVar("R", model.Service, model.Organisation)

SERVICE_FIELDS = schema.keys("services")
SERVICE_REQUIRED = schema.required_keys("services")
ORGANISATION_FIELDS = schema.keys("organisations")
SUMMARY_LIMIT = 200
MAX_AGE = 25


def organisation(checks: Checks, item: Item) -> model.Organisation:
    f = checks.fields(
        item.source,
        ORGANISATION_FIELDS,
        schema.required_keys("organisations"),
        "this organisation",
    )
    found = model.Organisation(
        id=item.id,
        name=f.text("name") or item.id,
        description=f.text("description"),
        url=f.url("url"),
        email=f.email("email"),
        phone=f.phone("phone"),
        origin=f.origin(),
        lines=f.field_lines(),
    )
    return oruk_id(checks, f, found)


def service(
    checks: Checks,
    item: Item,
    organisations: dict[str, model.Organisation],
    taxonomy: model.Taxonomy,
) -> model.Service:
    f = checks.fields(item.source, SERVICE_FIELDS, SERVICE_REQUIRED, "this service")
    runner = reference(checks, f, "organisation", organisations, "organisation")
    summary = f.text("summary") or ""
    if len(summary) > SUMMARY_LIMIT:
        f.error(
            "summary",
            f"the summary is {len(summary)} characters long, more than {SUMMARY_LIMIT}",
            "Keep it to one plain sentence; put the detail in the text below the front matter.",
        )
    categories = terms(checks, f, "categories", taxonomy.categories, allow_all=False)[0]
    needs, needs_all = terms(checks, f, "needs", taxonomy.needs, allow_all=True)
    areas, areas_all = terms(checks, f, "areas", taxonomy.areas, allow_all=True)
    referral_group = f.group("referral", allowed=schema.keys("services", "referral"))
    referral = (
        model.Referral(referral_group.boolean("self_referral"), referral_group.text("how"))
        if referral_group is not None
        else None
    )
    hours, hours_text = opening_hours(f)
    found = model.Service(
        id=item.id,
        name=f.text("name") or item.id,
        organisation=runner or _placeholder_organisation(),
        summary=summary,
        categories=categories,
        needs=needs,
        needs_all=needs_all,
        ages=ages(f),
        areas=areas,
        areas_all=areas_all,
        last_reviewed=f.date("last_reviewed", past=True) or NO_DATE,
        cost=f.text("cost"),
        eligibility=f.text("eligibility"),
        referral=referral,
        contacts=[
            model.Contact(c.text("name"), c.text("role"), c.phone("phone"), c.email("email"))
            for c in f.group_list(
                "contacts", allowed=schema.keys("services", "contacts"), what="a contact"
            )
        ],
        website=f.url("website"),
        locations=[
            location(loc)
            for loc in f.group_list(
                "locations",
                allowed=schema.keys("services", "locations"),
                what="a location",
            )
        ],
        opening_hours=hours,
        opening_hours_text=hours_text,
        languages=f.text_list("languages"),
        delivery=choices(f, "delivery", venue.DELIVERY_IDS, "ways a service is offered"),
        easy_read=f.text("easy_read"),
        status=f.choice("status", model.SERVICE_STATUSES, default="active") or "active",
        body=item.source.body,
        origin=f.origin(),
        lines=f.field_lines(),
    )
    return oruk_id(checks, f, found)


def oruk_id(checks: Checks, f: Fields, record: R) -> R:
    """`oruk_id`: the record's id in the directory it came from, which consumers hold."""
    text = f.text("oruk_id")
    if text is None:
        return record
    found = identity.parse_uuid(text)
    if found is None:
        f.error(
            "oruk_id",
            f"'{text}' is not a UUID, which Open Referral UK ids must be",
            "Copy the id exactly from the directory this came from "
            "(32 hexadecimal digits in the groups 8-4-4-4-12), or remove the line.",
        )
        return record
    record.oruk_id = found
    checks.explicit_ids[id(record)] = f.origin("oruk_id")
    return record


def terms(
    checks: Checks, f: Fields, key: str, vocabulary: dict[str, model.Term], *, allow_all: bool
) -> tuple[list[model.Term], bool]:
    found: list[model.Term] = []
    for term_id, origin in f.id_list(key):
        if term_id == "all" and allow_all:
            return [], True
        term = vocabulary.get(term_id)
        if term is None:
            valid = sorted(vocabulary)
            hint = did_you_mean(term_id, valid, f"{key} in content/taxonomy.yaml")
            checks.log.add(
                origin,
                f"'{term_id}' is not one of the {key} in content/taxonomy.yaml",
                hint or f"Add it to content/taxonomy.yaml under {key}, or use an existing id.",
            )
        elif term not in found:
            found.append(term)
    return found, False


def ages(f: Fields) -> model.AgeRange:
    group = f.group(
        "ages",
        allowed=schema.keys("services", "ages"),
        required=schema.required_keys("services", "ages"),
    )
    if group is None:
        return model.AgeRange(0, MAX_AGE)
    low, high = group.integer("min"), group.integer("max")
    for key, value in (("min", low), ("max", high)):
        if value is not None and not 0 <= value <= MAX_AGE:
            group.error(
                key,
                f"the age {value} in 'ages' is outside 0 to {MAX_AGE}",
                f"The Local Offer covers ages 0 to {MAX_AGE}: use a whole number in that range.",
            )
    if low is not None and high is not None and low > high:
        group.error(
            "max",
            f"the youngest age ({low}) is older than the oldest age ({high})",
            "Swap min and max, so that min is the youngest age.",
        )
    return model.AgeRange(low if low is not None else 0, high if high is not None else MAX_AGE)


def location(loc: Fields) -> model.Location:
    latitude, longitude = loc.number("latitude"), loc.number("longitude")
    if latitude is not None and not -90 <= latitude <= 90:
        loc.error("latitude", f"the latitude {latitude} is not between -90 and 90")
    if longitude is not None and not -180 <= longitude <= 180:
        loc.error("longitude", f"the longitude {longitude} is not between -180 and 180")
    return model.Location(
        name=loc.text("name"),
        address=loc.text("address"),
        postcode=loc.text("postcode"),
        latitude=latitude,
        longitude=longitude,
        accessibility=loc.text_list("accessibility"),
        access=choices(loc, "access", venue.ACCESS_IDS, "access facts"),
    )


def choices(f: Fields, key: str, options: tuple[str, ...], noun: str) -> list[str]:
    """Values from a fixed list, each once, in the list's order; a value not in it is refused
    at its own line with the nearest one, since a filter would silently miss the service."""
    found: set[str] = set()
    for value, origin in f.id_list(key):
        if value in options:
            found.add(value)
            continue
        written = "-".join(value.strip().lower().replace("_", " ").split())
        meant = written if written in options else venue.SAID.get(written)
        if written in ("bsl", "british-sign-language"):
            hint = "British Sign Language is read from the service's languages: add it there."
        elif meant in options:
            hint = f"Write it as '{meant}'."
        else:
            hint = did_you_mean(value, options, noun)
        f.log.add(origin, f"'{value}' is not one of the {noun} '{key}' can hold", hint)
    return [o for o in options if o in found]


def opening_hours(f: Fields) -> tuple[list[model.OpeningHours], str | None]:
    value = f.data.get("opening_hours")
    if value is None or isinstance(value, str):
        return [], f.text("opening_hours")
    hours = []
    for entry in f.group_list(
        "opening_hours",
        allowed=schema.keys("services", "opening_hours"),
        required=schema.required_keys("services", "opening_hours"),
        what="an opening hours entry",
    ):
        days, opens, closes = entry.text("days"), entry.time("opens"), entry.time("closes")
        if days and opens and closes:
            if closes <= opens:
                entry.error(
                    "closes", f"the closing time {closes} is not after the opening time {opens}"
                )
            hours.append(model.OpeningHours(days, opens, closes))
    return hours, None


def _placeholder_organisation() -> model.Organisation:
    # Only used while errors are being collected: a build with a missing organisation never renders.
    return model.Organisation("", "", None, None, None, None, Origin(""))
