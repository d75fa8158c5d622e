"""Azure Static Web Apps: `staticwebapp.config.json` at the top of the published folder (JSON
has no comments, and Azure's schema allows no property of ours, so it says nothing of sendsite).

A route's headers replace the global headers of the same name, so the static files' long
lifetime and the open data's CORS header are said per route. `trailingSlash: auto` answers
/services/portage with a redirect to /services/portage/.
"""

from __future__ import annotations

import json
from typing import Any

from sendsite.publish.hosting.policy import (
    AREAS,
    MIME_TYPES,
    REVALIDATE,
    SECURITY_HEADERS,
    Policy,
)

FILE = "staticwebapp.config.json"
MAX_BYTES = 20 * 1024  # Azure's documented limit for this file


def azure_files(policy: Policy) -> dict[str, bytes]:
    return {FILE: (json.dumps(static_web_app_config(policy), indent=2) + "\n").encode("utf-8")}


def static_web_app_config(policy: Policy) -> dict[str, Any]:
    routes: list[dict[str, Any]] = [
        {
            "route": policy.path(rewrite.address),
            "rewrite": policy.path(rewrite.file),
            "headers": {"Access-Control-Allow-Origin": "*", "Content-Type": rewrite.content_type},
        }
        for rewrite in policy.rewrites
        # Azure's routes cannot carry a part of the address into the file's name, nor match a
        # query string: only fixed addresses are rewritten (routes.NO_ID_ROUTING).
        if not rewrite.by_id
    ]
    routes += [
        {
            "route": policy.path(area.prefix) + "*",
            "headers": {"Cache-Control": area.cache, **dict(area.headers)},
        }
        for area in AREAS
    ]
    return {
        "trailingSlash": "auto",
        "routes": routes,
        "responseOverrides": {"404": {"rewrite": policy.not_found}},
        "globalHeaders": {**dict(SECURITY_HEADERS), "Cache-Control": REVALIDATE},
        "mimeTypes": dict(MIME_TYPES),
    }
