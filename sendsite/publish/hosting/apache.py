"""Apache httpd: `.htaccess` at the top of the site's folder.

It needs `AllowOverride FileInfo Indexes` for the site's folder (Indexes for `DirectorySlash`,
turned off under the Open Referral UK folder), mod_headers and mod_rewrite
(`a2enmod headers rewrite`). Apache already answers /services/portage
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
        "# Needs AllowOverride FileInfo Indexes for this folder, mod_headers and mod_rewrite",
        "# (a2enmod headers rewrite).",
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
        folders = sorted({r.address.strip("/").split("/")[0] for r in policy.rewrites})
        if folders:
            # /openreferral/services is also a folder: mod_dir would redirect it to
            # /openreferral/services/ (dropping ?page=N) before any rule ran. Under these
            # folders it must not (DirectorySlash needs AllowOverride Indexes), and the rules
            # must see such addresses (AllowNoSlash).
            under = "|".join(regex_literal(f) for f in folders)
            lines += [
                f'<If "%{{REQUEST_URI}} =~ m#^{regex_literal(policy.path("/"))}({under})(/|$)#">',
                "    DirectorySlash Off",
                "</If>",
                "RewriteOptions AllowNoSlash",
            ]
        for rewrite in policy.rewrites:
            kind = rewrite.content_type.split(";")[0]
            if rewrite.by_id:
                before, after = rewrite.file_parts
                pattern = regex_literal(rewrite.prefix.lstrip("/")) + "([^/.]+)"
                target = before.lstrip("/") + "$1" + after
            else:
                pattern = regex_literal(rewrite.address.lstrip("/"))
                target = rewrite.file.lstrip("/")
            if rewrite.page_file is not None:
                before, after = rewrite.page_parts
                lines += [
                    "RewriteCond %{QUERY_STRING} (?:^|&)page=([1-9][0-9]*)(?:&|$)",
                    f"RewriteRule ^{pattern}$ {before.lstrip('/')}%1{after} [L,QSD,T={kind}]",
                ]
            lines.append(f"RewriteRule ^{pattern}$ {target} [L,T={kind}]")
    return "\n".join(lines) + "\n"
