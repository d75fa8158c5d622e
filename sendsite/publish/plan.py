"""What a site publishes, planned before anything is rendered: its pages (routes), the files
copied into it and the files made from the model (open data, feeds), with two sources that would
write one file refused."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.errors import ErrorLog, Origin
from sendsite.model.brand import BRAND_STYLESHEET, brand_stylesheet
from sendsite.publish.feed import atom_feed, discovery_files
from sendsite.publish.opendata import data_files
from sendsite.publish.openreferral import (
    REGISTER_URL,
    VALIDATOR_URL,
    discovery,
    openreferral_files,
)
from sendsite.publish.parts import Parts
from sendsite.publish.search_terms import search_terms_files
from sendsite.render.fingerprint import renamed, static_names
from sendsite.render.routes import BUILT_IN, Route, build_routes
from sendsite.render.theme import asset_files, static_files
from sendsite.render.urls import FEED_PATH, output_file

GENERATED = Origin("(the built-in open data and feed files)")


@dataclass
class Plan:
    """What a site publishes, before anything is rendered: its pages, the files copied into it,
    and the names its static files are published under ('style.css' -> 'style.HASH.css')."""

    routes: list[Route]
    copies: dict[str, Path]  # output file (relative) -> file to copy
    names: dict[str, str]


def plan_site(site: model.Site, site_dir: Path, *, fingerprint: bool = True) -> Plan:
    """Every page and copied file. With `fingerprint=False` static files keep their plain names,
    as in the live preview, which renames nothing so that an edited style sheet does not make
    every page new."""
    static = dict(static_files(site_dir))
    names = static_names(static, _styles(site)) if fingerprint else {}
    routes = build_routes(site, data_page(site))
    copies = {renamed(target, names): source for target, source in static.items()}
    copies.update(asset_files(site_dir, site.assets))
    return Plan(routes, copies, names)


def data_page(site: model.Site) -> dict[str, Any]:
    """What the data page says about the Open Referral UK feed: its address, whether the hosts
    answer its API, and where to check and register it."""
    return {
        "feed": discovery(site.config),
        "validator_url": VALIDATOR_URL,
        "register_url": REGISTER_URL,
    }


@dataclass(frozen=True)
class Group:
    """Files made from the model that a build may take unchanged from the previous output when
    the site files they can be made from are unchanged (publish/recall.py): making them costs
    seconds at 4,000 services. `unread` lists the folders of site files they are never made
    from; every other file counts, so a content folder added later makes them again. A group
    with `parts` (a folder of site files) keeps each file's part of it between builds
    (publish/parts.py), given to `make` when the build remembers."""

    name: str
    make: Callable[[model.Site, Path | None, Parts | None], dict[str, bytes]]
    unread: tuple[str, ...]
    parts: str | None = None

    def key(self, settings: str, inputs: Mapping[str, str]) -> str:
        """What the group's files are made from: `settings` (stamp.settings_digest: sendsite,
        the build date, the git commit) and the digests of the site files it may read."""
        read = sorted(item for item in inputs.items() if not item[0].startswith(self.unread))
        made_from = json.dumps([self.name, settings, read]).encode()
        return hashlib.blake2b(made_from, digest_size=20).hexdigest()

    def others(self, settings: str, inputs: Mapping[str, str]) -> str:
        """The key of what the group's parts are made from but their own files."""
        folder = self.parts or "\0"
        return self.key(settings, {k: v for k, v in inputs.items() if not k.startswith(folder)})


# Pages, news and feedback are never in the data files; templates shape only pages.
_PAGES_ONLY = ("content/news/", "content/pages/", "content/feedback/", "templates/")
# The directory's files: no plan or inspection reaches them.
_DIRECTORY_ONLY = (*_PAGES_ONLY, "content/plans/", "content/inspections/")
# The Atom feed is made from the news, the plans' updates and site.yaml (and, with no entry, the
# build date: in the key's settings). Taken whole, a build need not import feedgen and lxml: 9 ms
# of a one-edit build's start.
_NOT_IN_THE_FEED = (
    "content/pages/",
    "content/feedback/",
    "templates/",
    "content/services/",
    "content/organisations/",
    "content/inspections/",
)

GROUPS = (
    Group("open data", lambda site, _, __: data_files(site), _PAGES_ONLY),
    Group("search words", lambda site, _, __: search_terms_files(site), _DIRECTORY_ONLY),
    # An unchanged record keeps the last_modified the previous output gives it, so with the
    # same inputs and that output the files come out as they are there. Each service's record
    # is made from its own file and the group's other inputs: it is kept as a part.
    Group(
        "Open Referral UK",
        lambda site, previous, parts: openreferral_files(site, previous=previous, parts=parts),
        _DIRECTORY_ONLY,
        parts="content/services/",
    ),
    Group(
        "Atom feed",
        lambda site, _, __: {output_file(FEED_PATH): atom_feed(site)},
        _NOT_IN_THE_FEED,
    ),
)


def generated_files(
    site: model.Site,
    routes: list[Route],
    names: Mapping[str, str] | None = None,
    previous: Path | None = None,
) -> dict[str, bytes]:
    """The files that are not pages: open data, the search's words, the Open Referral UK feed,
    the Atom feed, sitemap.xml, robots.txt and the council's colours (static/brand.css,
    fingerprinted with `names`). `previous`: the output folder a build replaces, from which an
    unchanged Open Referral UK record keeps its last_modified."""
    return made_files(site, routes, names, previous)[0]


def made_files(
    site: model.Site,
    routes: list[Route],
    names: Mapping[str, str] | None = None,
    previous: Path | None = None,
    taken: Collection[str] = (),
    parts: Mapping[str, Parts] | None = None,
) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """generated_files, but for the GROUPS named in `taken` (whose files the build takes from
    `previous`), and each group's files by its name. `parts`: each group's Parts when the build
    remembers; the files of its parts taken from `previous` (Parts.files) are among the
    group's, not the files returned."""
    files = {renamed(target, names or {}): data for target, data in _styles(site).items()}
    grouped: dict[str, list[str]] = {}
    for group in GROUPS:
        if group.name not in taken:
            kept = parts.get(group.name) if parts is not None else None
            made = group.make(site, previous, kept)
            grouped[group.name] = sorted([*made, *(kept.files if kept is not None else ())])
            files.update(made)
    files.update(discovery_files(site, [r.path for r in routes]))
    return files, grouped


def claim_files(plan: Plan, generated: Collection[str]) -> None:
    """Refuse two sources that would write the same file."""
    claimed = {target: Origin(str(source)) for target, source in plan.copies.items()}
    claimed.update({target: GENERATED for target in generated})
    check_unique_paths(plan.routes, claimed)


def check_unique_paths(routes: list[Route], extra: dict[str, Origin]) -> None:
    """Refuse two sources that would write the same file (case-insensitively, for Windows and macOS)."""
    errors = ErrorLog()
    owners: dict[str, tuple[Origin, str]] = {}
    claims = [(output_file(r.path), r.path, r.origin, r.title) for r in routes]
    claims += [(target, "/" + target, origin, target) for target, origin in extra.items()]
    # The built-in pages claim their addresses first, so an author's file is the one to rename.
    claims.sort(key=lambda claim: claim[2] is not BUILT_IN)
    for target, address, origin, title in claims:
        first, first_title = owners.setdefault(target.lower(), (origin, title))
        if first is origin:
            continue
        if first is BUILT_IN:
            errors.add(
                origin.at(None),
                f"this would be published at {address}, the address of the built-in page "
                f"'{first_title}'",
                "Rename the file: every site has that page.",
            )
        else:
            errors.add(
                origin.at(None),
                f"this would be published at {address}, the same address as {first.path}",
                "Rename one of the two files so that each has its own address.",
            )
    errors.raise_if_any()


def _styles(site: model.Site) -> dict[str, bytes]:
    stylesheet = brand_stylesheet(site.config.brand)
    return {} if stylesheet is None else {BRAND_STYLESHEET: stylesheet}
