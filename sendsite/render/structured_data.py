"""schema.org structured data (JSON-LD) for service pages, so search engines can show a
service and who runs it. Built from the model as plain dicts; the template embeds the JSON."""

from __future__ import annotations

import json
from typing import Any

from sendsite import model
from sendsite.render.urls import absolute_url, path_for


def organisation(org: model.Organisation, config: model.SiteConfig) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Organization",
        "name": org.name,
        "url": org.url or absolute_url(config, path_for(org)),
    }
    if org.email is not None:
        data["email"] = org.email
    if org.phone is not None:
        data["telephone"] = org.phone
    return data


def service(s: model.Service, config: model.SiteConfig) -> dict[str, Any]:
    """A schema.org Service with its provider, audience, area, contacts and places."""
    areas = [config.area] if s.areas_all else [f"{a.label}, {config.area}" for a in s.areas]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": absolute_url(config, path_for(s)),
        "url": absolute_url(config, path_for(s)),
        "name": s.name,
        "description": s.summary,
        "provider": organisation(s.organisation, config),
        "serviceType": [c.label for c in s.categories],
        "areaServed": [{"@type": "AdministrativeArea", "name": name} for name in areas],
        "audience": {
            "@type": "PeopleAudience",
            "suggestedMinAge": s.ages.min,
            "suggestedMaxAge": s.ages.max,
            "audienceType": "Children and young people with special educational needs and "
            + "disabilities, and their families"
            + ("" if s.needs_all else ": " + ", ".join(n.label for n in s.needs)),
        },
    }
    if s.website is not None:
        data["sameAs"] = s.website
    if s.is_free:
        data["isAccessibleForFree"] = True
    elif s.cost is not None:
        data["offers"] = {"@type": "Offer", "description": s.cost}
    if s.languages:
        data["availableLanguage"] = list(s.languages)
    channels = [_channel(c) for c in s.contacts if c.phone is not None or c.email is not None]
    channels += [_place(loc) for loc in s.locations]
    if channels:
        data["availableChannel"] = channels
    return data


def _channel(contact: model.Contact) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "ServiceChannel"}
    point: dict[str, Any] = {"@type": "ContactPoint"}
    if contact.name is not None:
        data["name"] = contact.name
    if contact.role is not None:
        point["contactType"] = contact.role
    if contact.phone is not None:
        point["telephone"] = contact.phone
    if contact.email is not None:
        point["email"] = contact.email
    if contact.phone is not None:
        data["servicePhone"] = point
    elif contact.email is not None:
        data["serviceUrl"] = f"mailto:{contact.email}"
    return data


def _place(location: model.Location) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place"}
    if location.name is not None:
        place["name"] = location.name
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": "GB"}
    if location.address is not None:
        address["streetAddress"] = location.address
    if location.postcode is not None:
        address["postalCode"] = location.postcode
    place["address"] = address
    if location.latitude is not None and location.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    return {"@type": "ServiceChannel", "serviceLocation": place}


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element or start a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
