"""Apache httpd: `.htaccess` at the top of the site's folder.

It needs `AllowOverride FileInfo` for the site's folder and mod_headers (`a2enmod headers`);
rewrites, when there are any, need mod_rewrite too. Apache already answers /services/portage
with a redirect to /services/portage/ (DirectorySlash) and /services/portage/ with its
index.html.
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

FILE = ".htaccess"


def apache_files(policy: Policy) -> dict[str, bytes]:
    return {FILE: htaccess(policy).encode("utf-8")}


def _quoted(value: str) -> str:
    # Apache keeps a backslash as it is unless a quote follows it.
    return '"' + value.replace('"', '\\"') + '"'


def _under(policy: Policy, prefix: str) -> str:
    return f"%{{REQUEST_URI}} =~ m#^{regex_literal(policy.path(prefix))}#"


def htaccess(policy: Policy) -> str:
    lines = [
        f"# {made_by(policy)}",
        "# Needs AllowOverride FileInfo for this folder, and mod_headers (a2enmod headers).",
    ]
    if policy.robots_note:
        lines.append(f"# {policy.robots_note}")
    lines += [
        "",
        f"ErrorDocument 404 {policy.not_found}",
        "# Files and folders whose names start with a dot are not part of the site.",
        f"RedirectMatch 404 {_quoted('^' + regex_literal(policy.path('/')) + r'(.*/)?[.](?!well-known/)')}",
        "AddType application/json .json",
        "AddCharset utf-8 .html .css .js .json .csv .xml .txt",
        "",
        "# Every answer, the 404 page's included ('always').",
    ]
    lines += [f"Header always set {name} {_quoted(value)}" for name, value in SECURITY_HEADERS]
    keyword = "If"
    for area in AREAS:
        lines += ["", f"# {area.what}", f"<{keyword} {_quoted(_under(policy, area.prefix))}>"]
        lines.append(f"    Header always set Cache-Control {_quoted(area.cache)}")
        lines += [f"    Header always set {n} {_quoted(v)}" for n, v in area.headers]
        lines.append(f"</{keyword}>")
        keyword = "ElseIf"
    lines += ["<Else>", f"    Header always set Cache-Control {_quoted(REVALIDATE)}", "</Else>"]
    if policy.rewrites:
        lines += [
            "",
            "# Addresses answered with a file of another name (needs mod_rewrite).",
            "RewriteEngine On",
            f"RewriteBase {policy.path('/')}",
        ]
        for rewrite in policy.rewrites:
            address = rewrite.address.lstrip("/")
            lines.append(
                f"RewriteRule ^{regex_literal(address)}$ {rewrite.file.lstrip('/')} "
                f"[L,T={rewrite.content_type.split(';')[0]}]"
            )
    return "\n".join(lines) + "\n"
