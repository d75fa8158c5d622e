"""Full web addresses into the site's own base URL (https://example.org/dorset-send/...), in
Markdown or in fields such as a service's website: each must be a page the build makes.

A must-fix warning of `sendsite check`, which `sendsite build` prints too, not a build error: a
broken relative link in Markdown is already one, and both are the same mistake written two ways.
`--strict` (which the CI files of `sendsite new` use) fails on it, while the preview and an urgent
build still work: a council publishing a closure notice should not be stopped by a wrong address
on another page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sendsite import model
from sendsite.errors import Origin
from sendsite.render.urls import output_file

if TYPE_CHECKING:
    from sendsite.publish.pipeline import RenderedSite


def own_path(href: str, base_url: str) -> str | None:
    """The site path ('/services/portage/') an http(s) address into the site's base URL names,
    or None for an address anywhere else. http and https, and the host's case, do not matter."""
    parts = urlsplit(href)
    base = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") != (base.hostname or ""):
        return None
    if parts.port != base.port:
        return None
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    path = parts.path or "/"
    if path + "/" == base_path:
        path += "/"
    if not path.startswith(base_path):
        return None
    return "/" + path[len(base_path) :]


def built_file(path: str, rendered: RenderedSite) -> str | None:
    """The output file a site path is served from, or None when the build makes no such file."""
    last = path.rsplit("/", 1)[-1]
    target = output_file(path if path.endswith("/") or "." in last else path + "/")
    if target in rendered.pages or target in rendered.copies:
        return target
    return None


def field_addresses(site: model.Site) -> Iterator[tuple[Origin, str, str]]:
    """(where, field, address) of every web address written in a field rather than Markdown."""
    for service in site.services:
        if service.website:
            yield service.lines.origin("website", service.origin), "website", service.website
    for organisation in site.organisations:
        if organisation.url:
            yield organisation.lines.origin("url", organisation.origin), "url", organisation.url
    config = site.config.lines
    site_yaml = Origin("site.yaml")
    feedback = site.config.feedback
    if feedback is not None and feedback.url:
        yield config.origin("feedback.url", site_yaml), "feedback url", feedback.url
    for index, member in enumerate(site.config.partnership):
        if member.url:
            where = config.origin(f"partnership.{index}.url", site_yaml)
            yield where, f"partnership url of {member.name}", member.url


def check_field_addresses(
    site: model.Site, rendered: RenderedSite
) -> Iterator[tuple[Origin, str, str]]:
    """(where, message, hint) for each field address into the site that leads to no page."""
    for where, name, address in field_addresses(site):
        inside = own_path(address, site.config.base_url)
        if inside is None or built_file(inside.split("#", 1)[0], rendered) is not None:
            continue
        yield (
            where,
            f"the {name} '{address}' is an address on this website, but the site has no such page",
            "Use the address of a page this site makes, or of the real page elsewhere, or remove "
            "the line.",
        )
