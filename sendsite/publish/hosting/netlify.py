"""Netlify and Cloudflare Pages: `_headers` and `_redirects` at the top of the published folder.

Cloudflare Pages's `_redirects` cannot match a query string, so its copy has no `?page=N` rules
(the feed is then published as one page a list: routes.NO_QUERY_ROUTING).

Both serve 404.html for a missing address and answer /services/portage with a redirect to
/services/portage/ by themselves. Both send `Cache-Control: public, max-age=0, must-revalidate`
unless told otherwise, which is the revalidation pages need, so only the static files' long
lifetime is said here: a header set by two rules that match one address is joined up by
Cloudflare and replaced by Netlify, so no header is set twice, with one exception: admin/ (the
browser editor) has its own Content-Security-Policy. Netlify's later rule replaces the pages'
one; Cloudflare's copy first detaches it (`! Content-Security-Policy`, a line Netlify does not
read), since two policies joined would both be enforced and the stricter stops the editor.
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


def cloudflare_files(policy: Policy) -> dict[str, bytes]:
    """Cloudflare Pages reads the same files, but its _redirects cannot match a query string."""
    return {
        HEADERS_FILE: headers_file(policy, detach=True).encode("utf-8"),
        REDIRECTS_FILE: redirects_file(policy, query=False).encode("utf-8"),
    }


def _netlify_address(address: str) -> str:
    return address.replace("{id}", ":id")


def headers_file(policy: Policy, *, detach: bool = False) -> str:
    """With `detach` (Cloudflare), a folder's header that replaces one every address gets is
    detached first, so that the two are not joined into one."""
    lines = [f"# {made_by(policy)}", "", "# Every address.", policy.path("/*")]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    everywhere = {name for name, _ in SECURITY_HEADERS}
    for area in AREAS:
        own = list(area.headers)
        if area.cache == IMMUTABLE:
            own.append(("Cache-Control", area.cache))
        if not own:
            continue
        lines += ["", f"# {area.what}", policy.path(area.prefix) + "*"]
        if detach:
            lines += [f"  ! {name}" for name, _ in own if name in everywhere]
        lines += [f"  {name}: {value}" for name, value in own]
    for rewrite in policy.rewrites:
        address = policy.path(rewrite.prefix + "*" if rewrite.by_id else rewrite.address)
        lines += ["", address, f"  Content-Type: {rewrite.content_type}"]
        if not any(rewrite.address.startswith(a.prefix) and a.headers for a in AREAS):
            lines.append("  Access-Control-Allow-Origin: *")
    return "\n".join(lines) + "\n"


def redirects_file(policy: Policy, *, query: bool = True) -> str:
    lines = [
        f"# {made_by(policy)}",
        "# Addresses answered with a file of another name (status 200: a rewrite, not a redirect).",
        "# A file that exists is served first, so /openreferral/services/page-2.json stays itself.",
    ]
    for rewrite in policy.rewrites:
        address = policy.path(_netlify_address(rewrite.address))
        if rewrite.page_file is not None and query:
            before, after = rewrite.page_parts
            lines.append(f"{address} page=:page {policy.path(before)}:page{after} 200")
        lines.append(f"{address} {policy.path(_netlify_address(rewrite.file))} 200")
    return "\n".join(lines) + "\n"
