"""Services checked by the last build (`<cache>/services.pickle`), so that a build after an edit
checks again only the service files that changed: checking 4,000 service files was most of
the time a one-edit build spent validating.

A service's checks read its own file, the build date, and the organisation and terms it names
by id. So an entry is keyed on a digest of the file's bytes and its path (source/parsed.py),
under a `version` the caller gives (sendsite's code, its libraries and the build date), and
keeps the service as its checks made it, before anything later stages fill in, with the
organisation and terms it names kept as their ids. A kept service is taken only when each of
those ids names an organisation or term of this build, which it is then given: otherwise its
file is checked again, and the checks report what it names that is missing. Entries are made
only by a build that succeeded, so a kept service had no mistakes. The record is a pickle: the
caller never keeps one in a folder the content's authors control.

Pages are kept in the same record: a page's checks read only its own file and the build date, so
a page whose file is as it was is taken as its checks made it (before derive() gives it its
parents and children). Checking the peer corpus's 4,000 pages again, and unpickling their
parsed files to do so, was 80 ms of a one-edit build; taking them is half that.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.errors import Origin
from sendsite.source.cache import load_record, save_record, worth_saving
from sendsite.source.loader import Item
from sendsite.source.phone import Phone, PhoneMistake

FILE = "services.pickle"
_FORMAT = 2  # 2: pages too
# Not a file's path: the phone numbers' answers (source/phone.py), kept under the record's version.
_PHONES = "(phone numbers)"
FACETS = ("categories", "needs", "areas")

Kept = tuple[
    bytes, bytes
]  # the file's digest, the pickled (service, its explicit oruk_id's origin)


class CheckedServices:
    """The last build's checked services, and this build's to keep."""

    def __init__(self, cache: Path, version: str, digest: Callable[[str], bytes | None]) -> None:
        """`digest(path)`: the digest of a content file's bytes as this build read it."""
        self.file = cache / FILE
        self.version = version
        self.digest = digest
        self.before: dict[str, Kept] = load_record(self.file, _FORMAT, self.version)
        self.now: dict[str, Kept] = {}
        self.reused = 0
        self.pages_reused = 0
        self._named: (
            tuple[dict[str, model.Organisation], model.Taxonomy, dict[tuple[str, ...], Any]] | None
        ) = None

    def reuse(
        self,
        item: Item,
        organisations: dict[str, model.Organisation],
        taxonomy: model.Taxonomy,
        explicit_ids: dict[int, Origin],
    ) -> model.Service | None:
        """The service the last build made of this file, given this build's organisation and
        terms; None when the file must be checked (changed, new, or naming what is gone)."""
        hit = self._unchanged(item)
        if hit is None:
            return None
        try:
            found = _unpickler(io.BytesIO(hit[1]), self._references(organisations, taxonomy)).load()
        except Exception:  # names an organisation or term that is gone, or damaged
            return None
        service, explicit = found
        if not isinstance(service, model.Service) or service.id != item.id:
            return None
        if isinstance(explicit, Origin):
            explicit_ids[id(service)] = explicit
        self.now[item.source.path] = hit
        self.reused += 1
        return service

    def _references(
        self, organisations: dict[str, model.Organisation], taxonomy: model.Taxonomy
    ) -> dict[tuple[str, ...], Any]:
        """This build's organisations and terms by the ids services are kept with, made once
        for the build's 4,000 services, not once each."""
        if (
            self._named is None
            or self._named[0] is not organisations
            or self._named[1] is not taxonomy
        ):
            table: dict[tuple[str, ...], Any] = {
                ("organisation", key): o for key, o in organisations.items()
            }
            for facet in FACETS:
                for key, term in getattr(taxonomy, facet).items():
                    table["term", facet, key] = term
            self._named = (organisations, taxonomy, table)
        return self._named[2]

    def keep(
        self,
        service: model.Service,
        organisations: dict[str, model.Organisation],
        taxonomy: model.Taxonomy,
        explicit_ids: dict[int, Origin],
    ) -> None:
        """Keep a service just as its checks made it (before derive() fills anything in)."""
        path = service.origin.path
        digest = self.digest(path)
        if digest is None:
            return
        stream = io.BytesIO()
        try:
            _Pickler(stream, organisations, taxonomy).dump((service, explicit_ids.get(id(service))))
        except _NotKept:
            return  # names an organisation that is not this build's (a mistake's placeholder)
        self.now[path] = (digest, stream.getvalue())

    def _unchanged(self, item: Item) -> Kept | None:
        """What the last build kept of this file, if the file is as it was then."""
        digest = self.digest(item.source.path)
        hit = self.before.get(item.source.path)
        return hit if digest is not None and hit is not None and hit[0] == digest else None

    def reuse_page(self, item: Item) -> model.Page | None:
        """The page the last build made of this file; None when the file must be checked."""
        hit = self._unchanged(item)
        if hit is None:
            return None
        try:
            page = pickle.loads(hit[1])
        except Exception:  # damaged
            return None
        if not isinstance(page, model.Page) or page.id != item.id:
            return None
        self.now[item.source.path] = hit
        self.pages_reused += 1
        return page

    def keep_page(self, page: model.Page) -> None:
        """Keep a page just as its checks made it (before derive() fills anything in)."""
        digest = self.digest(page.origin.path)
        if digest is not None:
            self.now[page.origin.path] = (digest, pickle.dumps(page, protocol=5))

    def phone_answers(self) -> dict[str, Phone | PhoneMistake]:
        """The phone numbers' answers the last build kept (source/phone.py `remember`)."""
        hit = self.before.get(_PHONES)
        try:
            kept = pickle.loads(hit[1]) if hit is not None else {}
        except Exception:  # damaged
            return {}
        if not isinstance(kept, dict):
            return {}
        return {
            text: answer
            for text, answer in kept.items()
            if isinstance(text, str) and isinstance(answer, (Phone, PhoneMistake))
        }

    def keep_phones(self, answers: dict[str, Phone | PhoneMistake]) -> None:
        """Keep the phone numbers' answers for the next build (source/phone.py `answers`)."""
        self.now[_PHONES] = (b"", pickle.dumps(dict(sorted(answers.items())), protocol=5))

    def save(self) -> None:
        """Keep the services and pages this build checked or reused (only after it succeeded),
        unless the record kept lacks only a few of them (cache.worth_saving)."""
        if worth_saving(self.before, self.now):
            save_record(self.file, _FORMAT, self.version, self.now)


class _NotKept(Exception):
    pass


class _Pickler(pickle.Pickler):
    """Pickles a service with the organisation and terms it names as their ids."""

    def __init__(
        self,
        stream: io.BytesIO,
        organisations: dict[str, model.Organisation],
        taxonomy: model.Taxonomy,
    ) -> None:
        super().__init__(stream, protocol=5)
        self.named: dict[int, tuple[str, ...]] = {
            id(o): ("organisation", key) for key, o in organisations.items()
        }
        for facet in FACETS:
            for key, term in getattr(taxonomy, facet).items():
                self.named[id(term)] = ("term", facet, key)

    def persistent_id(self, obj: Any) -> tuple[str, ...] | None:
        kind = type(obj)
        if kind is model.Organisation or kind is model.Term:
            found = self.named.get(id(obj))
            if found is None:
                raise _NotKept
            return found
        return None


def _unpickler(stream: io.BytesIO, references: dict[tuple[str, ...], Any]) -> pickle.Unpickler:
    """Gives the service this build's organisation and terms, by the ids it was kept with; an
    id this build has not (or anything else) raises KeyError or TypeError. A dict's own lookup,
    not a method of ours: it is asked five times for each of 4,000 services."""
    unpickler = pickle.Unpickler(stream)
    unpickler.persistent_load = references.__getitem__  # type: ignore[method-assign]
    return unpickler
