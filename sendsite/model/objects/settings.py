"""site.yaml's settings: the site's name and address, partners, checks, brand, hosts, editor and accessibility statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendsite.source.spans import FieldLines

if TYPE_CHECKING:
    pass

COMPLIANCE_STATUSES = ("full", "partial", "not")
# site.yaml `host`: the web hosts a build writes configuration for (name -> how it is called).
HOSTS = {
    "netlify": "Netlify",
    "cloudflare-pages": "Cloudflare Pages",
    "github-pages": "GitHub Pages",
    "gitlab-pages": "GitLab Pages",
    "apache": "Apache",
    "nginx": "nginx",
    "iis": "IIS",
    "azure-static-web-apps": "Azure Static Web Apps",
    "s3-cloudfront": "Amazon S3 with CloudFront",
}
# Hosts that serve the published folder at the root of their address: no sub-path there.
ROOT_HOSTS = frozenset({"netlify", "cloudflare-pages", "azure-static-web-apps"})


@dataclass
class Link:
    name: str
    url: str | None


@dataclass
class ContactDetails:
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    url: str | None = None


@dataclass
class CheckOptions:
    """site.yaml `checks:` settings for `sendsite check`."""

    reading_age: int = 12
    sentence_words: int = 30
    known_acronyms: list[str] = field(default_factory=list)
    strict: list[str] = field(default_factory=lambda: ["must-fix"])  # levels `--strict` fails on
    # required items the site says it has not written yet: reported, and shown as gaps
    not_yet_covered: list[str] = field(default_factory=list)


@dataclass
class SiteConfig:
    title: str
    base_url: str
    area: str
    language: str = "en-GB"
    partnership: list[Link] = field(default_factory=list)
    contact: ContactDetails | None = None
    feedback: ContactDetails | None = None
    review_after_months: int = 12
    output: str = "_site"
    output_line: int | None = None  # where site.yaml sets `output`, for messages about it
    checks: CheckOptions = field(default_factory=lambda: CheckOptions())
    brand: Brand | None = None
    accessibility: AccessibilityStatement | None = None
    hosts: list[str] = field(default_factory=list)  # names from HOSTS
    editor: EditorSettings | None = None  # the browser editor at admin/, when site.yaml asks
    # The UUID every Open Referral UK id is made from (site.yaml `id_namespace`); None: one made
    # from base_url, so ids change with it (identity.py).
    id_namespace: str | None = None
    lines: FieldLines = field(default_factory=FieldLines, repr=False, compare=False)  # of site.yaml

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/' (e.g. '/dorset-send/')."""
        from urllib.parse import urlsplit

        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class EditorSettings:
    backend: str  # a key of BACKENDS
    repo: str  # owner/name (Azure DevOps: organisation/project/repository)
    branch: str = "main"
    folder: str = ""  # the site's folder inside the repository ('' for its top)
    workflow: str = (
        "editorial"  # editorial: each change is a draft to approve; simple: saved at once
    )
    script: str = "cdn"  # where admin/ loads Decap CMS from
    base_url: str | None = None  # GitHub: the OAuth server; GitLab, Gitea: the host
    auth_endpoint: str | None = None  # the OAuth server's path for logging in, such as auth
    app_id: str | None = None  # GitLab, Gitea, Azure DevOps: the OAuth application's id
    api_root: str | None = None  # a self-managed GitLab or Gitea's API
    tenant_id: str | None = None  # Azure DevOps: the Microsoft Entra tenant


@dataclass
class Brand:
    """The council's colours and logo (site.yaml `brand`), checked for contrast when loaded."""

    colour: str | None = None  # '#rrggbb': accents; white text on it is at least 4.5:1
    header_colour: str | None = None  # '#rrggbb': the header's background
    tint: str | None = None  # derived: a pale mix of `colour` for highlighted boxes
    logo: str | None = None  # path under content/assets/
    logo_alt: str | None = None


@dataclass
class AccessibilityStatement:
    """The fields of site.yaml `accessibility` that the generated statement page is made from."""

    compliance: str  # one of COMPLIANCE_STATUSES
    prepared: dt.date
    non_accessible: list[str] = field(default_factory=list)  # Markdown, one problem each
    reviewed: dt.date | None = None
    tested: dt.date | None = None
    tested_by: str | None = None
    organisation: str | None = None  # who runs the site; default: the first partnership member
    email: str | None = None  # where to report a problem; default: the site's contact
    phone: str | None = None
    response_days: int | None = None
    improvements: str | None = None  # Markdown: what is being done about the problems
