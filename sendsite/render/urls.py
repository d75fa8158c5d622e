"""Where each thing lives on the published site.

URL paths here are site-relative ('/services/portage/'); `Linker` prefixes the base_url's
path so that every link works when the site is hosted under a sub-path.
"""

from __future__ import annotations

from sendsite import model

FEED_PATH = "/feed.xml"
# What a browser tells another site about the page whose link it follows: the pages say it in a
# <meta> element, and the hosts (publish/hosting/policy.py) in a header.
REFERRER_POLICY = "strict-origin-when-cross-origin"


def path_for(item: object) -> str:
    """The site-relative URL path of a model object's page, or of its place on a page."""
    match item:
        case model.Service():
            return f"/services/{item.id}/"
        case model.Organisation():
            return f"/organisations/{item.id}/"
        case model.Inspection():
            return f"/inspections/{item.id}/"
        case model.Finding():
            return f"{path_for(item.inspection)}#finding-{item.id}"
        case model.Plan():
            return f"/plans/{item.id}/"
        case model.Action():
            return f"{path_for(item.plan)}#{item.anchor}"
        case model.NewsItem():
            return f"/news/{item.id}/"
        case model.Page():
            return item.url_path
        case model.GlossaryEntry():
            return f"/glossary/#{item.anchor}"
    raise TypeError(f"no page for {type(item).__name__}")


def absolute_url(config: model.SiteConfig, path: str) -> str:
    """The full address of a site-relative path, from base_url (its sub-path included): feeds,
    sitemaps, open data and structured data are read away from the site, where only a full
    address works."""
    return config.base_url.rstrip("/") + "/" + path.lstrip("/")


def output_file(url_path: str) -> str:
    """The file a URL path is written to: '/services/x/' -> 'services/x/index.html'."""
    relative = url_path.lstrip("/")
    if relative == "" or relative.endswith("/"):
        return relative + "index.html"
    return relative


class Linker:
    """Turns site-relative paths into links that include the site's sub-path."""

    def __init__(self, base_path: str) -> None:
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"

    def url(self, path: str) -> str:
        return self.base_path + path.lstrip("/")

    def url_for(self, item: object) -> str:
        return self.url(path_for(item))
