"""nginx: a snippet of `location` blocks for the server's own configuration.

nginx reads nothing from the site's folder, so the snippet is written into the output at
`.hosting/nginx.conf` (a hidden folder the snippet itself refuses to serve), for the server's
configuration to `include` inside its `server { }` block. The server's `root` is the folder that
holds the site at its sub-path (for /dorset-send/, the folder that holds dorset-send/).
"""

from __future__ import annotations

from sendsite.publish.hosting.policy import (
    AREAS,
    REVALIDATE,
    SECURITY_HEADERS,
    Policy,
    made_by,
    regex_literal,
)

FILE = ".hosting/nginx.conf"


def nginx_files(policy: Policy) -> dict[str, bytes]:
    return {FILE: nginx_conf(policy).encode("utf-8")}


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _headers(cache: str, extra: tuple[tuple[str, str], ...] = ()) -> list[str]:
    # add_header in a location replaces every add_header of the enclosing block, so each
    # location says all of them; `always` puts them on the 404 page's answer too.
    return [
        f"    add_header {name} {_quoted(value)} always;"
        for name, value in (
            *[(n, v) for n, v in SECURITY_HEADERS if n not in dict(extra)],  # an area's own wins
            ("Cache-Control", cache),
            *extra,
        )
    ]


def nginx_conf(policy: Policy) -> str:
    base = policy.path("/")
    lines = [
        f"# {made_by(policy)}",
        "# Include it inside your server { } block, whose root is the folder that holds the site:",
        f"#   include /path/to/site{base}{FILE};",
        "# and run `nginx -s reload` when a build changes it.",
    ]
    if policy.robots_note:
        lines += [
            f"# {policy.robots_note}",
            f"#   location = /robots.txt {{ alias /path/to/site{base}robots.txt; }}",
        ]
    common = [
        "    absolute_redirect off;  # /services/portage -> /services/portage/, on any host name",
        f"    error_page 404 {policy.not_found};",
    ]
    lines += ["", f"location {base} {{", *_headers(REVALIDATE), *common]
    lines += ["    try_files $uri $uri/ =404;", "}"]
    for area in AREAS:
        lines += ["", f"# {area.what}", f"location {policy.path(area.prefix)} {{"]
        lines += [*_headers(area.cache, area.headers), *common]
        if area.prefix == "/openreferral/":
            lines.append("    types { application/json json; }")
            lines.append("    default_type application/json;")
        lines += ["    try_files $uri $uri/ =404;", "}"]
    hidden = "^" + regex_literal(base) + r"(.*/)?\.(?!well-known/)"
    lines += [
        "",
        "# Files and folders whose names start with a dot (this snippet, sendsite's marker).",
        f"location ~ {hidden} {{",
        f"    error_page 404 {policy.not_found};",
        "    return 404;",
        "}",
    ]
    cors = (("Access-Control-Allow-Origin", "*"),)
    for rewrite in policy.rewrites:
        if rewrite.by_id:
            # A regular expression location: it wins over the prefix locations above.
            before, after = rewrite.file_parts
            pattern = "^" + regex_literal(policy.path(rewrite.prefix)) + "([^/.]+)$"
            lines += ["", f"location ~ {_quoted(pattern)} {{"]
            target = f"{policy.path(before)}$1{after}"
        else:
            lines += ["", f"location = {policy.path(rewrite.address)} {{"]
            target = policy.path(rewrite.file)
        lines += [*_headers(REVALIDATE, cors), f"    default_type {_quoted(rewrite.content_type)};"]
        if rewrite.page_file is not None:
            before, after = rewrite.page_parts
            # ?page=N goes to page N's file (a missing page is a 404, never page 1 again).
            lines += [
                '    if ($arg_page ~ "^[1-9][0-9]*$") {',
                f"        rewrite ^ {policy.path(before)}$arg_page{after}? last;",
                "    }",
            ]
        lines += [f"    try_files {target} =404;", "}"]
    return "\n".join(lines) + "\n"
