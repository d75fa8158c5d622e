"""Netlify and Cloudflare Pages: `_headers` and `_redirects` at the top of the published folder.

Both serve 404.html for a missing address and answer /services/portage with a redirect to
/services/portage/ by themselves. Both send `Cache-Control: public, max-age=0, must-revalidate`
unless told otherwise, which is the revalidation pages need, so only the static files' long
lifetime is said here: a header set by two rules that match one address is joined up by
Cloudflare and replaced by Netlify, so no header is set twice.
"""

from __future__ import annotations

from sendsite.publish.hosting.policy import AREAS, IMMUTABLE, SECURITY_HEADERS, Policy, made_by

HEADERS_FILE = "_headers"
REDIRECTS_FILE = "_redirects"


def netlify_files(policy: Policy) -> dict[str, bytes]:
    return {
        HEADERS_FILE: headers_file(policy).encode("utf-8"),
        REDIRECTS_FILE: redirects_file(policy).encode("utf-8"),
    }


def headers_file(policy: Policy) -> str:
    lines = [f"# {made_by(policy)}", "", "# Every address.", policy.path("/*")]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for area in AREAS:
        own = list(area.headers)
        if area.cache == IMMUTABLE:
            own.append(("Cache-Control", area.cache))
        if not own:
            continue
        lines += ["", f"# {area.what}", policy.path(area.prefix) + "*"]
        lines += [f"  {name}: {value}" for name, value in own]
    for rewrite in policy.rewrites:
        lines += ["", policy.path(rewrite.address), f"  Content-Type: {rewrite.content_type}"]
        if not any(rewrite.address.startswith(a.prefix) and a.headers for a in AREAS):
            lines.append("  Access-Control-Allow-Origin: *")
    return "\n".join(lines) + "\n"


def redirects_file(policy: Policy) -> str:
    lines = [
        f"# {made_by(policy)}",
        "# Addresses answered with a file of another name (status 200: a rewrite, not a redirect).",
    ]
    lines += [
        f"{policy.path(rewrite.address)} {policy.path(rewrite.file)} 200"
        for rewrite in policy.rewrites
    ]
    return "\n".join(lines) + "\n"
