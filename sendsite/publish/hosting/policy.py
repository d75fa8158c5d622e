"""What every host is told, whatever its format: one policy, written out by each host's module.

Addresses here are site-relative ('/static/'); `Policy.path` puts the site's sub-path in front.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendsite.publish.cms.script import CDN_ORIGIN
from sendsite.publish.hosting.routes import REWRITES, Rewrite
from sendsite.render.urls import REFERRER_POLICY

# Only the site's own scripts and styles run: no inline script or style, no other origin.
# 'wasm-unsafe-eval' lets the search's Pagefind library start its WebAssembly; it allows no
# JavaScript eval. Images may come from other https sites, as authors link them in Markdown.
# frame-ancestors 'none': no other site may show these pages inside a frame.
CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' https:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# A policy in a <meta> element cannot say frame-ancestors (browsers ignore it there and say so).
_HEADER_ONLY = frozenset({"frame-ancestors"})


def content_security_policy(*, in_meta: bool = False) -> str:
    return "; ".join(
        f"{name} {value}"
        for name, value in CSP_DIRECTIVES
        if not (in_meta and name in _HEADER_ONLY)
    )


# The browser editor at admin/ (Decap CMS, only where site.yaml has `editor`) needs more than the
# pages, and only there: its script from the pinned CDN copy, the styles it makes as it runs
# ('unsafe-inline' for style only: emotion writes <style> elements), its parts that compile
# templates ('unsafe-eval'), images it previews (data:, blob:), and the git host's API
# (any https: origin, as each council's host is its own). No author HTML is shown there as HTML.
ADMIN_CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", f"'self' 'unsafe-eval' 'wasm-unsafe-eval' {CDN_ORIGIN}"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob: https:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self' https:"),
    ("frame-src", "'self' blob:"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)


def admin_content_security_policy() -> str:
    return "; ".join(f"{name} {value}" for name, value in ADMIN_CSP_DIRECTIVES)


SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", content_security_policy()),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", REFERRER_POLICY),
    ("X-Frame-Options", "DENY"),  # frame-ancestors, for browsers too old to know it
)

IMMUTABLE = "public, max-age=31536000, immutable"  # a year: the name changes when the file does
REVALIDATE = "no-cache"  # keep a copy, but ask the server whether it changed before using it


@dataclass(frozen=True)
class Area:
    """A folder of the site that is served differently from the pages."""

    prefix: str  # site-relative, ending in '/'
    what: str  # said in a comment beside its rules
    cache: str
    headers: tuple[tuple[str, str], ...] = ()


AREAS: tuple[Area, ...] = (
    Area("/static/", "the theme's fingerprinted styles and scripts", IMMUTABLE),
    Area(
        "/openreferral/",
        "the directory in the Open Referral UK standard, for any website or app to read",
        REVALIDATE,
        (("Access-Control-Allow-Origin", "*"),),
    ),
    Area(
        "/data/",
        "open data downloads, for any website or app to read",
        REVALIDATE,
        (("Access-Control-Allow-Origin", "*"),),
    ),
    Area(
        "/admin/",
        "the browser editor (only with site.yaml editor): its own, wider Content-Security-Policy",
        REVALIDATE,
        (("Content-Security-Policy", admin_content_security_policy()),),
    ),
)

# Extensions a host may not know, which it must still serve (IIS refuses unknown ones).
MIME_TYPES: tuple[tuple[str, str], ...] = (
    (".json", "application/json; charset=utf-8"),
    (".csv", "text/csv; charset=utf-8"),
    (".xml", "application/xml; charset=utf-8"),
    (".svg", "image/svg+xml"),
    (".webp", "image/webp"),
    (".avif", "image/avif"),
    (".woff2", "font/woff2"),
    (".pagefind", "application/octet-stream"),  # the search's WebAssembly and index files
    (".pf_meta", "application/octet-stream"),
    (".pf_index", "application/octet-stream"),
    (".pf_fragment", "application/octet-stream"),
    (".pf_filter", "application/octet-stream"),
)


@dataclass(frozen=True)
class Policy:
    """The policy for one site: its sub-path and the addresses that answer with other files."""

    base_path: str  # '/dorset-send/' or '/'
    title: str
    base_url: str
    rewrites: tuple[Rewrite, ...] = REWRITES

    def path(self, relative: str) -> str:
        """A site-relative address as the host sees it: '/static/' -> '/dorset-send/static/'."""
        return self.base_path + relative.lstrip("/")

    @property
    def not_found(self) -> str:
        return self.path("/404.html")

    @property
    def robots_note(self) -> str | None:
        """Under a sub-path, robots.txt is not where crawlers look for it."""
        if self.base_path == "/":
            return None
        return (
            f"robots.txt is only read at the root of a host (/robots.txt), not at "
            f"{self.path('/robots.txt')}: copy this site's robots.txt there, or add its Sitemap "
            "line to the robots.txt that is there."
        )


def made_by(policy: Policy) -> str:
    return f"Made by sendsite for {policy.title} ({policy.base_url}); the next build replaces it."


_REGEX_SPECIAL = frozenset("\\.^$*+?()[]{}|")


def regex_literal(text: str) -> str:
    """`text` matched literally in a PCRE pattern, escaping only what PCRE needs (unlike
    re.escape, which also escapes '-', and a web server's quoting would then double it)."""
    return "".join("\\" + c if c in _REGEX_SPECIAL else c for c in text)
