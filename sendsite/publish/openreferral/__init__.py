"""Open Referral UK 3.0 export: the service directory as the static files of the standard's read API.

Open Referral UK 3.0 is the UK profile of the Human Services Data Specification (HSDS) 3.0. Its
read API answers `GET /` (what the feed is), and for each of its lists (`services`, required;
`organizations`, `taxonomies`, `taxonomy_terms` and `service_at_locations`, optional)
`GET /{list}` and `GET /{list}?page=N` (a paged list of one-to-one fields) and `GET /{list}/{id}`
(one record with everything about it). This package writes the same answers as files under
`openreferral/`, and every host's configuration (publish/hosting/routes.py) routes the API's
addresses to them:

    openreferral/index.json               GET /
    openreferral/{list}.json              GET /{list} (page 1)
    openreferral/{list}/page-N.json       GET /{list}?page=N
    openreferral/{list}/{id}.json         GET /{list}/{id}

Ids are UUIDs, as the standard asks (model/identity.py): a service's and an organisation's from
the site's id namespace and the file's name, or its `oruk_id`; each part of a service (a
contact, a location, a schedule...) from the service's id and what the part says, so reordering
a list keeps every id. The mapping of every content-model field is documented in
docs/open-referral.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sendsite import model
from sendsite.publish.openreferral.days import byday
from sendsite.publish.openreferral.records import (
    OPENAPI_URL,
    PROFILE_URL,
    PROFILE_VERSION,
    Record,
    Records,
    encode,
)
from sendsite.publish.parts import Parts
from sendsite.render.urls import absolute_url

__all__ = [
    "FOLDER",
    "LISTS",
    "NO_ID_ROUTING",
    "NO_QUERY_ROUTING",
    "OPENAPI_URL",
    "PROFILE_URL",
    "PROFILE_VERSION",
    "api_file",
    "byday",
]

PER_PAGE = 50
FOLDER = "openreferral"
# The read API's lists, in the order of the specification's openapi.json.
LISTS = ("services", "taxonomies", "taxonomy_terms", "organizations", "service_at_locations")
# Hosts whose configuration cannot look at the query string (publish/hosting): ?page=N cannot
# reach page N there, so every list is published as one page, which a harvester reads whole.
NO_QUERY_ROUTING = frozenset(
    {"cloudflare-pages", "azure-static-web-apps", "github-pages", "gitlab-pages"}
)
# Hosts that cannot rewrite with a part of the address ('/services/{id}'), or not at all: the
# API's addresses do not all answer there; the files do (docs/open-referral.md).
NO_ID_ROUTING = frozenset({"azure-static-web-apps", "github-pages", "gitlab-pages"})
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


@dataclass(frozen=True)
class Discovery:
    """What the data page tells a directory about the feed."""

    base: str  # the feed's base address, to give the validator and to register
    routed: bool  # every API address answers on the site's hosts
    one_page: bool  # every list is on one page (a host cannot route ?page=N)


VALIDATOR_URL = "https://openreferraluk.org/developers/validator"
REGISTER_URL = "https://openreferraluk.org/developers/register"


def discovery(config: model.SiteConfig) -> Discovery:
    hosts = set(config.hosts)
    return Discovery(
        base=absolute_url(config, FOLDER),
        routed=bool(hosts) and not NO_ID_ROUTING.intersection(hosts),
        one_page=bool(NO_QUERY_ROUTING.intersection(hosts)),
    )


def openreferral_files(
    site: model.Site,
    per_page: int | None = None,
    previous: Path | None = None,
    parts: Parts | None = None,
) -> dict[str, bytes]:
    """Every file of the export: output path (relative) -> bytes. Lists have PER_PAGE records a
    page, or all on one when a host of site.yaml cannot route ?page=N. `previous` is the output
    folder the build replaces: a record published there as it is now keeps its last_modified.
    `parts`: each service's record as the last build made it, if made from the same inputs
    (publish/parts.py); the files of those taken are not returned but listed in parts.files,
    since `previous` has them as they are."""
    records = Records(site, previous, parts)
    files = {f"{FOLDER}/index.json": encode(records.root())}
    one_page = bool(NO_QUERY_ROUTING.intersection(site.config.hosts))
    kept: list[str] = []
    for name, found in records.lists().items():
        size = per_page or (max(1, len(found)) if one_page else PER_PAGE)
        encoded = records.encoded if name == "services" else {}
        files.update(_list_files(name, found, size, encoded, kept))
    if parts is not None:
        parts.files.extend(kept)
    return files


def _list_files(
    name: str, records: list[Record], per_page: int, encoded: dict[str, bytes], kept: list[str]
) -> dict[str, bytes]:
    """A list's pages and its records' files (`encoded`: those already encoded, by id); the
    files of the records kept as the previous output has them are added to `kept`."""
    files: dict[str, bytes] = {}
    pages = max(1, -(-len(records) // per_page))
    for number in range(1, pages + 1):
        chunk = records[(number - 1) * per_page : number * per_page]
        page = {
            "total_items": len(records),
            "total_pages": pages,
            "page_number": number,
            "size": len(chunk),
            "first_page": number == 1,
            "last_page": number == pages,
            "empty": not chunk,
            "contents": [r.item for r in chunk],
        }
        files[f"{FOLDER}/{name}/page-{number}.json"] = encode(page)
    files[f"{FOLDER}/{name}.json"] = files[f"{FOLDER}/{name}/page-1.json"]
    for record in records:
        file = f"{FOLDER}/{name}/{record.id}.json"
        if record.full is None:
            kept.append(file)
            continue
        found = encoded.get(record.id)
        files[file] = found if found is not None else encode(record.full)
    return files
