"""Where services are, for sorting them by distance: each postcode district's centre, made from
the site's own places.

No open dataset of district centres is installed with sendsite (none is kept up on PyPI or
npm), so a district's centre is the average of the coordinates of the site's places whose
postcodes are in it. A district none of them is in is not known: the search says so, rather
than guess.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from sendsite.model.objects.directory import Service

# The outward code of a UK postcode: area letters, district digits, an optional letter or digit
# (DT1, BH21, SW1A), then an optional inward code (1NF).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)(?:\s*([0-9][A-Z]{2}))?$")
EARTH_KM = 6371.0


def district(postcode: str) -> str | None:
    """The postcode district ('DT1') of a postcode or a district as typed ('dt1 1nf', 'DT1')."""
    text = " ".join(postcode.upper().split())
    match = _POSTCODE.match(text)
    if match is None:
        return None
    # 'DT11' alone is the district DT11, and 'DT11AB' is DT1 1AB: the inward code is 3 long.
    return match.group(1)


def centres(services: Iterable[Service]) -> dict[str, tuple[float, float]]:
    """Each postcode district the site's places are in, and the average of their coordinates,
    rounded to about 100 m (a district's centre is no more exact than that)."""
    found: dict[str, list[tuple[float, float]]] = {}
    for service in services:
        for place in service.locations:
            if place.postcode is None or place.latitude is None or place.longitude is None:
                continue
            code = district(place.postcode)
            if code is not None:
                found.setdefault(code, []).append((place.latitude, place.longitude))
    return {
        code: (
            round(sum(p[0] for p in points) / len(points), 3),
            round(sum(p[1] for p in points) / len(points), 3),
        )
        for code, points in sorted(found.items(), key=lambda item: _district_key(item[0]))
    }


def _district_key(code: str) -> tuple[str, int, str]:
    letters = re.match(r"[A-Z]+", code)
    area = letters.group(0) if letters else code
    rest = code[len(area) :]
    digits = re.match(r"\d+", rest)
    return area, int(digits.group(0)) if digits else 0, rest


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), as the search's script works it out."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))
