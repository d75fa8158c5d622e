"""The live preview's model after an edit of service files only: each edited file read and
checked on its own, the services swapped in, and the keys of the model objects that may now read
differently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.errors import ContentError, ErrorLog, Origin
from sendsite.model.derived import derive
from sendsite.model.validate import validate_service
from sendsite.preview.readindex import Touched
from sendsite.preview.sourcecache import SourceCache
from sendsite.render.reads import SITE, Key, key_of
from sendsite.source.loader import Item
from sendsite.source.sourcefile import SourceFile


def edited_services(
    site: model.Site, files: list[tuple[Path, str]], cache: SourceCache
) -> tuple[model.Site, Touched] | None:
    """The model with these service files (each with its path as the author knows it) read
    again; raises ContentErrors for their mistakes. None when the whole model must be checked."""
    replaced: dict[str, model.Service | None] = {}  # source path -> new service or None
    log = ErrorLog()
    organisations = {o.id: o for o in site.organisations}
    for file, display in files:
        source = _read(cache, file, display, log) if file.exists() else None
        if source is not None:
            replaced[display] = validate_service(
                Item("services", file.stem, source),
                organisations,
                site.taxonomy,
                log,
                site.build_date,
            )
        elif not file.exists():
            replaced[display] = None
    log.raise_if_any()
    return swap_services(site, replaced)


def _read(cache: SourceCache, file: Path, display: str, log: ErrorLog) -> SourceFile | None:
    try:
        return cache.read(file, display)
    except ContentError as exc:
        log.extend([exc])
    except OSError as exc:
        log.add(Origin(display), f"this file cannot be read ({exc.strerror})")
    return None


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
