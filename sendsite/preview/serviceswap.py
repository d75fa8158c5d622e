"""The live preview's model after an edit of service files only: the edited services swapped in,
and the keys of the model objects that may now read differently."""

from __future__ import annotations

from typing import Any

from sendsite import model
from sendsite.model.derived import derive
from sendsite.preview.readindex import Touched
from sendsite.render.reads import SITE, Key, key_of


def swap_services(
    site: model.Site, replaced: dict[str, model.Service | None]
) -> tuple[model.Site, Touched] | None:
    """`replaced`: each edited file's service (None: the file is gone). None when two files now
    give one id (the full check explains it)."""
    kept = [s for s in site.services if s.origin.path not in replaced]
    added = [s for s in replaced.values() if s is not None]
    ids = [s.id for s in kept + added]
    if len(ids) != len(set(ids)):
        return None
    gone = [s for s in site.services if s.origin.path in replaced]
    # The same order as validate.build_site gives, so the pages equal a full build's.
    site.services = sorted(kept + added, key=lambda s: (s.name.lower(), s.id))
    derive(site)
    # Besides the services themselves and the site, only the lists of services that
    # derive() gives organisations and terms can differ.
    taxonomy = site.taxonomy
    terms = [*taxonomy.categories.values(), *taxonomy.needs.values(), *taxonomy.areas.values()]
    touched: Touched = {SITE: None}
    for obj in [*site.organisations, *terms]:
        touched[_key(obj)] = {"services"}
    for service in [*gone, *added]:
        touched[_key(service)] = None
    return site, touched


def _key(obj: Any) -> Key:
    found = key_of(obj)
    assert found is not None, obj
    return found
