"""What each page of the live preview read, indexed both ways: a page's reads, and for each read
the pages that made it and, for each model object, the reads to ask again when it changes. The
incremental rebuild (preview/incremental.py) asks it which pages a change makes different."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sendsite import model
from sendsite.render.reads import (
    Fingerprint,
    Key,
    PageReads,
    Read,
    index_model,
    is_call,
    read_owners,
)
from sendsite.render.routes import Route
from sendsite.render.tracking import TrackingEnvironment

# The model objects that a change may have changed: key -> the attributes (None: any of them).
Touched = dict[Key, set[str] | None]


class ReadIndex:
    def __init__(self) -> None:
        self.reads: dict[str, PageReads] = {}  # output file -> what it read
        self.readers: dict[Read, set[str]] = {}  # a read -> the output files that made it
        self.reads_of: dict[Key, set[Read]] = {}  # a model object's key -> the reads to ask again
        self.route_prints: dict[str, Fingerprint] = {}  # output file -> its route's fingerprint
        self.shared_print: Any = None

    def dirty(
        self,
        env: TrackingEnvironment,
        site: model.Site,
        routes: dict[str, Route],
        prints: dict[str, Fingerprint],
        shared: dict[str, Any],
        changed_files: set[str],
        changed_templates: set[str | None],
        touched: Touched | None,
    ) -> set[str]:
        """The pages to render again: new pages, and pages whose route, files, templates or
        recorded reads give something different now."""
        if env.prints(shared) != self.shared_print:
            return set(routes)
        dirty = {out for out, p in prints.items() if self.route_prints.get(out) != p}
        answers: dict[tuple[int, str], Fingerprint] = {}  # route objects are shared by pages
        for out, reads in self.reads.items():
            if out in dirty or out not in routes:
                continue
            if (
                reads.files & changed_files
                or reads.templates & changed_templates
                or (reads.always and changed_files)
            ):
                dirty.add(out)
                continue
            context = routes[out].context
            for (name, attribute), before in reads.context.items():
                value = context.get(name)
                memo = (id(value), attribute)
                if memo not in answers:
                    answers[memo] = env.route_answer(value, attribute)
                if answers[memo] != before:
                    dirty.add(out)
                    break
        if touched is None:
            asked: Iterable[Read] = self.readers
        else:
            asked = {
                read
                for key, attributes in touched.items()
                for read in self.reads_of.get(key, ())
                if attributes is None or read[1] in attributes or is_call(read)
            }
        index = index_model(site) if asked else {}
        for read in asked:
            pending = [o for o in self.readers.get(read, ()) if o not in dirty and o in routes]
            if pending:
                now = env.answer(read, index)
                dirty.update(o for o in pending if self.reads[o].reads[read] != now)
        return dirty

    def remember(self, reads: dict[str, PageReads], routes: dict[str, Route], full: bool) -> None:
        """Index the reads of the pages just rendered, forgetting those they no longer make."""
        if full:
            self.reads, self.readers, self.reads_of = {}, {}, {}
        for out in [o for o in self.reads if o not in routes]:
            for read in self.reads.pop(out).reads:
                self._forget(read, out)
        for out, page in reads.items():
            old = self.reads.get(out)
            # A page rendered again mostly reads what it read before: index only the difference.
            gone = old.reads.keys() - page.reads.keys() if old is not None else ()
            new = page.reads.keys() - old.reads.keys() if old is not None else page.reads.keys()
            for read in gone:
                self._forget(read, out)
            for read in new:
                readers = self.readers.get(read)
                if readers is None:
                    self.readers[read] = {out}
                    for key in read_owners(read):
                        self.reads_of.setdefault(key, set()).add(read)
                else:
                    readers.add(out)
            self.reads[out] = page

    def _forget(self, read: Read, out: str) -> None:
        readers = self.readers[read]
        readers.discard(out)
        if not readers:
            del self.readers[read]
            for key in read_owners(read):
                asked = self.reads_of[key]
                asked.discard(read)
                if not asked:
                    del self.reads_of[key]
