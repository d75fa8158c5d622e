"""What each page of the last build read, kept with the build cache (`<cache>/pages.pickle`), so
that a build after an edit renders again only the pages whose reads answer differently now and
takes every other page as it is from the previous output.

A page is rendered again when it is new; when its route gives it something else (its template,
title or variables); when it read a source file or a template that changed; when it read
something that cannot be asked again and any file changed; or when any model read it made
(render/reads.py) answers differently on the new model. Every page is rendered when the record
is missing or damaged, when the output folder is not exactly as the last build left it, when
anything besides the site's files changed (sendsite itself, the libraries, the build date, the
git commit: `stamp.settings_digest`), when the static files' published names changed, or when
site.yaml, the taxonomy or the glossary changed (they shape every page). Rendering again and
taking over are both exact, so the output is byte for byte a cold build's: the oracle tests
(tests/test_build_memory.py) check it for every kind of content.

Reads are kept once for the whole site (a read is shared by the many pages that made it) and
each page keeps the numbers of its reads, so a 4,000-service site's million reads cost a few
megabytes. Each read is indexed by the files whose edit may change its answer
(reads.read_inputs), so an edit asks again only the reads of the files it changed and those any
edit may change: a news edit on that site asks a few thousand of its 111,000 reads.
"""

from __future__ import annotations

import json
import os
import pickle
import secrets
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sendsite.publish.parts import Kept
from sendsite.render.reads import Fingerprint, PageReads, Read, plain_print, read_inputs
from sendsite.render.tracking import TrackingEnvironment, route_prints
from sendsite.source.beside import Beside
from sendsite.source.cache import cache_folder, collector_paused, write_atomically
from sendsite.source.digests import site_digests
from sendsite.source.wholefile import write_whole

FILE = "pages.pickle"
NEXT = "pages.next.pickle"  # the record of a build whose output is not in place yet
SEAL = "pages.seal.json"  # which record is in force, and the output folder it describes
_FORMAT = 10
_UNASKED = object()
_FEW_ANSWERS = 4  # changed answers looked for in a record's bytes (dirty_pages)
GLOBAL_SOURCES = frozenset({"site.yaml", "content/taxonomy.yaml", "content/glossary.yaml"})


@dataclass
class PageRecord:
    reads: array[int]  # numbers of the site's reads (Memory.reads)
    files: frozenset[str]
    templates: frozenset[str]
    context: dict[tuple[str, str], Fingerprint]
    always: bool
    route: Fingerprint = None
    indexed: bool = False  # asks to be in the search index
    # reads.plain_print of each plain route object it read (a pager), by its variable: when it
    # is the same now, nothing read of the object need be asked again
    objects: dict[str, Fingerprint] = field(default_factory=dict)


@dataclass
class ReadTable:
    """Every distinct read, numbered, with its answer, and indexed by the site files whose edit
    may change its answer (reads.read_inputs), so that an edit asks again only its own reads."""

    reads: list[Read] = field(default_factory=list)
    answers: list[Fingerprint] = field(default_factory=list)
    numbers: dict[Read, int] = field(default_factory=dict)
    by_input: dict[str, array[int]] = field(default_factory=dict)
    anywhere: array[int] = field(default_factory=lambda: array("I"))  # asked after any edit
    indexing: bool = True  # False for a worker's table, which is only sent
    unused: int = 0  # at most this many reads are made by no page (Memory.compact)

    def number(self, read: Read, answer: Fingerprint) -> int:
        found = self.numbers.get(read)
        if found is None:
            found = self.numbers[read] = len(self.reads)
            self.reads.append(read)
            self.answers.append(answer)
            if self.indexing:
                self._index(found, read, answer)
        return found

    def reanswer(self, number: int, answer: Fingerprint) -> None:
        """The read's answer on this model, which differs from the one kept: indexed again, since
        it may name other objects (an entry left under a file it no longer names only costs
        asking it again)."""
        read = self.reads[number]
        if read_inputs(read, answer) != read_inputs(read, self.answers[number]):
            self._index(number, read, answer)
        self.answers[number] = answer

    def _index(self, number: int, read: Read, answer: Fingerprint) -> None:
        inputs = read_inputs(read, answer)
        if inputs is None:
            self.anywhere.append(number)
            return
        for name in inputs:
            numbers = self.by_input.get(name)
            if numbers is None:
                numbers = self.by_input[name] = array("I")
            numbers.append(number)

    def asked_after(self, changed: set[str]) -> list[int]:
        """The numbers of the reads an edit of these files may change, in order."""
        asked = set(self.anywhere)
        by_input = self.by_input
        for name in changed:
            asked.update(by_input.get(name, ()))
            # and the reads indexed by a folder the file is in (reads.SERVICE_CALLS)
            end = name.rfind("/")
            while end > 0:
                asked.update(by_input.get(name[: end + 1], ()))
                end = name.rfind("/", 0, end)
        return sorted(asked)

    def encode(self, page: PageReads) -> PageRecord:
        number = self.number
        return PageRecord(
            array("I", [number(read, answer) for read, answer in page.reads.items()]),
            frozenset(page.files),
            frozenset(page.templates),
            page.context,
            page.always,
        )


Encoded = tuple[list[Read], list[Fingerprint], dict[str, PageRecord]]


def encode_pages(pages: dict[str, PageReads]) -> Encoded:
    """A worker's pages, with a table of their own, to send to the building process."""
    table = ReadTable(indexing=False)
    records = {name: table.encode(reads) for name, reads in pages.items()}
    return table.reads, table.answers, records


@dataclass
class Memory:
    settings: str  # stamp.settings_digest: everything but the site's files
    inputs: dict[str, str]  # site file -> digest of its bytes
    names: dict[str, str]  # static files' published names
    shared: Fingerprint  # what every page is given
    output: str = ""  # the output folder, resolved (kept in the SEAL)
    output_digest: str = ""  # stamp.output_digest of it as the build left it (in the SEAL)
    token: str = ""  # this record's own name, which its SEAL gives
    table: ReadTable = field(default_factory=ReadTable)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    # Each group of files made from the model (publish/plan.GROUPS): what it was made from
    # (Group.key) and its files.
    generated: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # The parts of those groups kept by the site file each is made from (publish/parts.py).
    parts: dict[str, Kept] = field(default_factory=dict)
    # One object for each distinct value of the records added by this build (not kept: made
    # again by the build that adds to it); see _share.
    values: dict[Any, Any] = field(default_factory=dict)

    def add(
        self,
        encoded: Encoded,
        prints: dict[str, Fingerprint],
        indexed: set[str],
        routes: dict[str, Any],
    ) -> None:
        """Take in pages rendered now (a worker's, numbered by its own table); `prints` are
        route_prints of `routes` (output file -> route)."""
        reads, answers, records = encoded
        table = self.table
        number = table.number
        mapping = [number(read, answer) for read, answer in zip(reads, answers, strict=True)]
        for found, answer in zip(mapping, answers, strict=True):
            if table.answers[found] != answer:  # a read kept from the last build, answered now
                table.reanswer(found, answer)
        for name, record in records.items():
            record.reads = array("I", [mapping[i] for i in record.reads])
            record.route = prints[name]
            record.indexed = name in indexed
            context = routes[name].context
            for variable in {variable for variable, _ in record.context}:
                printed = plain_print(context.get(variable))
                if printed is not None:
                    record.objects[variable] = printed
            _share(record, self.values)
            self.pages[name] = record

    def compact(self) -> None:
        """Drop the reads no page makes any more, when they are most of the table. Whether they
        are is counted (over every read of every page: 2 million at 4,000 services) only when
        the table's bound of them says they may be."""
        if self.table.unused * 2 < len(self.table.reads):
            return
        used = set().union(*(record.reads for record in self.pages.values()))
        self.table.unused = len(self.table.reads) - len(used)
        if len(used) * 2 > len(self.table.reads):
            return
        old = self.table
        self.table = ReadTable()
        mapping = {i: self.table.number(old.reads[i], old.answers[i]) for i in sorted(used)}
        for record in self.pages.values():
            record.reads = array("I", [mapping[i] for i in record.reads])


def _share(record: PageRecord, values: dict[Any, Any]) -> None:
    """Give the record the objects other records hold for equal values (the same templates,
    ("pager", "number"), a route's ("pager", "Pager")): pickle writes an object it has written
    before as a reference, so the record is smaller, and quicker to write and to load, than
    one of a copy of each value for each page."""

    def one(value: Any) -> Any:
        try:
            return values.setdefault(value, value)
        except TypeError:  # a fingerprint that cannot be hashed is kept as it is
            return value

    record.files = one(record.files)
    record.templates = one(record.templates)
    record.context = {one(key): one(answer) for key, answer in record.context.items()}
    record.objects = {name: one(printed) for name, printed in record.objects.items()}
    route = record.route
    if type(route) is tuple and len(route) == 3 and type(route[2]) is tuple:
        template, title, variables = route
        route = (template, title, tuple([one(variable) for variable in variables]))
    record.route = one(route)


def dirty_pages(
    before: Memory,
    now: Memory,
    env: TrackingEnvironment,
    routes: dict[str, Any],
    index: dict[Any, Any],
    prints: dict[str, Fingerprint] | None = None,
) -> set[str] | None:
    """The pages (output files) to render again, or None for all of them. `now` holds this
    build's settings, inputs, names and shared fingerprint; `routes` maps output files to routes,
    `prints` their route_prints if the caller has them.
    The answers in `before`'s table become this model's."""
    if (before.settings, before.names, before.shared) != (now.settings, now.names, now.shared):
        return None
    changed = {
        name
        for name in before.inputs.keys() | now.inputs.keys()
        if before.inputs.get(name) != now.inputs.get(name)
    }
    if changed & GLOBAL_SOURCES:
        return None
    templates = {name.removeprefix("templates/") for name in changed}
    if prints is None:
        prints = route_prints(env, routes)
    dirty = {
        out for out in routes if out not in before.pages or before.pages[out].route != prints[out]
    }
    table = before.table
    reads, answers = table.reads, table.answers
    differ = set()
    asked: dict[tuple[int, str], Fingerprint] = {}
    plain: dict[int, Fingerprint] = {}
    for number in table.asked_after(changed):
        read = reads[number]
        answer = env.answer(read, index)
        if answer != answers[number]:
            differ.add(number)
            table.reanswer(number, answer)
    # A few changed answers (a news edit: one) are searched for in the records' bytes; many
    # (each a pass over every record's bytes) by set.isdisjoint, which passes over them once.
    few = len(differ) <= _FEW_ANSWERS
    patterns = [array("I", [number]).tobytes() for number in sorted(differ)] if few else []
    for out, record in before.pages.items():
        if out in dirty or out not in routes:
            continue
        if (
            (record.always and changed)
            or not record.files.isdisjoint(changed)
            or not record.templates.isdisjoint(templates)
            or (reads_any(record.reads, patterns) if few else not differ.isdisjoint(record.reads))
            or (record.context and _context_differs(env, routes[out].context, record, asked, plain))
        ):
            dirty.add(out)
    return dirty


def reads_any(reads: array[int], patterns: list[bytes]) -> bool:
    """Whether `reads` holds any of the numbers whose bytes (array("I", [n]).tobytes()) are
    `patterns`: found in the array's bytes at a whole item's offset. Over a 4,000-service
    site's 2 million reads, set.isdisjoint(array) made an int of each, 34 ms of a one-edit
    build; the bytes are searched in a third of that."""
    if not patterns:
        return False
    raw = reads.tobytes()
    size = reads.itemsize
    for pattern in patterns:
        at = raw.find(pattern)
        while at >= 0:
            if at % size == 0:
                return True
            at = raw.find(pattern, at + 1)  # the bytes of two neighbours, not one number
    return False


def _context_differs(
    env: TrackingEnvironment,
    context: dict[str, Any],
    record: PageRecord,
    asked: dict[tuple[int, str], Fingerprint],
    plain: dict[int, Fingerprint],
) -> bool:
    """Whether what the page read of its route's objects answers differently now. A plain
    route object (a pager: one for each page of a list, seven reads each) whose print is the
    same need not be asked; the others are asked attribute by attribute. `asked` and `plain`:
    the answers and prints so far by object (held by the routes while this runs), since many
    pages share a route object (a listing's pages, an age band)."""
    same: set[str] = set()
    for variable, before in record.objects.items():
        value = context.get(variable)
        found = plain.get(id(value), _UNASKED)
        if found is _UNASKED:
            found = plain[id(value)] = plain_print(value)
        if found == before:
            same.add(variable)
    for (name, attribute), answer in record.context.items():
        if name in same:
            continue
        value = context.get(name)
        key = (id(value), attribute)
        found = asked.get(key, _UNASKED)
        if found is _UNASKED:
            found = asked[key] = env.route_answer(value, attribute)
        if found != answer:
            return True
    if len(same) < len(record.objects):
        # Every read answers as before: keep the objects' prints as they are now, so that the
        # next build need not ask them one by one again.
        for variable in record.objects.keys() - same:
            printed = plain[id(context.get(variable))]
            if printed is None:
                del record.objects[variable]
            else:
                record.objects[variable] = printed
    return False


def input_digests(site_dir: Path) -> dict[str, str]:
    """A digest of each of the site's files (site.yaml, content/, templates/) by its path (the
    build stamp has just taken most of them: source/digests.py keeps them)."""
    found: dict[str, str] = {}
    root = os.path.realpath(site_dir)
    digests = site_digests(site_dir, cache_folder(site_dir))
    for top in ("site.yaml", "content", "templates"):
        path = os.path.join(root, top)
        if os.path.isfile(path):
            found[top] = digests.digest(path)
            continue
        for folder, _, files in os.walk(path):
            relative = os.path.relpath(folder, root).replace(os.sep, "/")
            for name in files:
                found[f"{relative}/{name}"] = digests.digest(os.path.join(folder, name))
    digests.save()
    return found


def load(cache: Path) -> Memory | None:
    try:
        with open(cache / FILE, "rb") as file, collector_paused():
            kept = pickle.load(file)
            if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == _FORMAT):
                return None
            table, pages = pickle.load(file), pickle.load(file)
    except Exception:  # missing, damaged or from another version: every page is rendered
        return None
    memory = kept[1]
    if not (isinstance(memory, Memory) and isinstance(table, ReadTable)):
        return None
    if not isinstance(pages, dict):
        return None
    try:
        seal = json.loads((cache / SEAL).read_bytes())
        if seal["token"] != memory.token or not memory.token:
            return None  # the seal is another record's: which output this one describes is unknown
        memory.output, memory.output_digest = str(seal["output"]), str(seal["output_digest"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    memory.table, memory.pages = table, pages
    table.numbers = {read: i for i, read in enumerate(table.reads)}
    return memory


def save(cache: Path, memory: Memory, *, beside: bool) -> Beside[bool]:
    """Write the record as NEXT, not yet in force; `seal` puts it in force once the output is in
    place, and a build that fails in between leaves the last record, and its seal, as they were.
    With `beside`, it is written in a child beside the build (source/beside.py): pickling it took
    0.19 s of a one-edit build at 4,000 services, in series with putting the output in place. The
    child costs about 0.2 s of CPU more (the pages it and the build copy as they touch them), so
    while Pagefind keeps both cores busy the record is written here."""
    memory.token = secrets.token_hex(16)
    if beside:
        return Beside(lambda: _write(cache, memory))
    written = _write(cache, memory)
    return Beside(lambda: written, fork=False)


def _write(cache: Path, memory: Memory) -> bool:
    """Whether the record was written (a record that cannot be kept only costs the next build
    time)."""
    table, pages, values = memory.table, memory.pages, memory.values
    numbers, table.numbers = table.numbers, {}  # made again on loading
    memory.table, memory.pages, memory.values = ReadTable(), {}, {}
    try:
        # The rest, the table of reads and the pages, each pickled alone: pickle remembers
        # every object it writes, and one memo of the two million of a 4,000-service site made
        # writing them 0.20 s, against 0.13 s in parts. Each is pickled into the file as it is
        # made: its bytes (23 MB at 4,000 services), held whole and then joined, were the
        # largest rise of a cold build's peak memory (477 -> 514 MB).
        def write(stream: BinaryIO) -> None:
            for part in ((_FORMAT, memory), table, pages):
                pickle.dump(part, stream, protocol=5)

        with collector_paused():
            write_whole(cache / NEXT, write)
        return True
    except OSError:
        return False
    finally:
        table.numbers = numbers
        memory.table, memory.pages, memory.values = table, pages, values


def seal(
    cache: Path, memory: Memory, written: Beside[bool], output: str, output_digest: str
) -> None:
    """Put the record `save` wrote in force, for the output folder as the build left it."""
    memory.output, memory.output_digest = output, output_digest
    if not written.result():
        return
    try:
        os.replace(cache / NEXT, cache / FILE)
        stamp = {"token": memory.token, "output": output, "output_digest": output_digest}
        write_atomically(cache / SEAL, json.dumps(stamp).encode())
    except OSError:
        pass  # the seal left names the last record, no longer in force: the next build renders all
