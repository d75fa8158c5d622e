"""pagefind/places.json: where each indexed service is, by its search result's id, so the
search's script can sort results by distance without loading each result.

Pagefind names a result by its page's fragment (en_1a2b3c4), which exists only once Pagefind
has run; each fragment holds the page's metadata, where the service page put its places
(`places` meta: "LAT LON|LAT LON"). Made right after Pagefind, inside its folder, so it is reused
and replaced with the index it belongs to.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

PLACES_FILE = "places.json"
_SIGNATURE = b"pagefind_dcd"


def write_places(index: Path) -> int:
    """Write `index`/places.json from the fragments in `index`; returns how many services it
    places."""
    found: dict[str, list[list[float]]] = {}
    for fragment in sorted((index / "fragment").glob("*.pf_fragment")):
        try:
            raw = gzip.decompress(fragment.read_bytes())
        except (OSError, EOFError):
            continue  # not a fragment this Pagefind wrote: nothing to place
        data = json.loads(raw.removeprefix(_SIGNATURE))
        places = parse((data.get("meta") or {}).get("places", ""))
        if places:
            found[fragment.name.removesuffix(".pf_fragment")] = places
    text = json.dumps(found, separators=(",", ":"), sort_keys=True)
    (index / PLACES_FILE).write_text(text, encoding="utf-8")
    return len(found)


def parse(text: str) -> list[list[float]]:
    places = []
    for pair in text.split("|"):
        parts = pair.split()
        if len(parts) == 2:
            try:
                places.append([float(parts[0]), float(parts[1])])
            except ValueError:
                continue
    return places
