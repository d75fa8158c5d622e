"""What a page read while it was rendered, as plain values that the next build, or the next run,
can ask again: the keys that name model objects across models, the fingerprints that summarise
what a template could show of a value, and the record of one page's reads. The Jinja
environment that records them is render/tracking.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import jinja2

from sendsite import model
from sendsite.errors import Origin

# Every model class (sendsite.model re-exports them from model/objects/): objects of other types
# (strings, dicts, Markup) are never recorded.
MODEL_TYPES: frozenset[type] = frozenset(
    obj
    for obj in vars(model).values()
    if isinstance(obj, type)
    and dataclasses.is_dataclass(obj)
    and obj.__module__.startswith(model.__name__ + ".objects.")
)

Key = tuple[Hashable, ...]
Fingerprint = Any  # plain values and nested tuples of them, compared with ==
Read = tuple[Key, str]  # (owner's key, attribute name), or (call key, "")
# A call's arguments in its key: (keyword or None, "key" or "value", the key or the value)
CallArguments = tuple[tuple[str | None, str, Hashable], ...]
SITE: Key = ("Site",)
CALL = "(call)"  # first item of a call's key; no model class has this name


def key_of(obj: Any) -> Key | None:
    """A key that names the same thing in the next build's model: its type, origin and id."""
    if isinstance(obj, model.Site):
        return SITE
    origin = getattr(obj, "origin", None)
    if not isinstance(origin, Origin):
        return None
    name = getattr(obj, "id", None) or getattr(obj, "term", None)
    return (type(obj).__name__, origin.path, origin.line, name)  # plain tuples hash fast


@dataclass
class PageReads:
    """Everything one page depended on."""

    files: set[str] = field(default_factory=set)  # read whole
    templates: set[str] = field(default_factory=set)
    reads: dict[Read, Fingerprint] = field(default_factory=dict)  # model reads and calls
    context: dict[tuple[str, str], Fingerprint] = field(default_factory=dict)  # route objects
    always: bool = False  # read something that cannot be asked again: render after any change

    def merge(self, other: PageReads) -> None:
        """Add what another render (a reused service card) read."""
        self.files |= other.files
        self.templates |= other.templates
        self.reads.update(other.reads)
        self.context.update(other.context)
        self.always = self.always or other.always


class Fingerprints:
    """`fingerprint(value)`, remembering each model object's key (or, for a part of one such as
    a service's ages, its fingerprint) for the length of one rebuild: a listing page's hundreds
    of services are looked up, not worked out again."""

    def __init__(self) -> None:
        # id -> (the object, kept alive so that its id is not reused; its key; its fingerprint)
        self.models: dict[int, tuple[Any, Key | None, Fingerprint]] = {}
        # (id of a model object in `models`, attribute) -> the answer's fingerprint: the model
        # does not change while pages are rendered, and a service's list of categories, or an
        # organisation's hundreds of services, is read on many pages (a cold build's every page)
        self.answers: dict[tuple[int, str], Fingerprint] = {}

    def forget(self) -> None:
        """Start afresh: call before each rebuild, whose model may hold new objects."""
        self.models.clear()
        self.answers.clear()

    def model(self, obj: Any) -> tuple[Any, Key | None, Fingerprint]:
        hit = self.models.get(id(obj))
        if hit is None:
            found = key_of(obj)
            printed = found
            if found is None:
                # A part of another object (a service's ages, an inspection's dates): its fields.
                fields = [self(getattr(obj, f.name)) for f in dataclasses.fields(obj)]
                printed = (type(obj).__name__, *fields)
            hit = self.models[id(obj)] = (obj, found, printed)
        return hit

    def key(self, obj: Any) -> Key | None:
        return self.model(obj)[1]

    def __call__(self, value: Any) -> Fingerprint:
        """A summary of a value that differs whenever what a template could show of it differs,
        apart from what is read of the model objects it holds (recorded as reads of their own)."""
        kind = type(value)
        if kind is str or value is None:
            return value
        if kind in MODEL_TYPES:
            return self.model(value)[2]
        if isinstance(value, str):
            return str(value)  # Markup
        if isinstance(value, bool | int | float | dt.date):
            return (kind.__name__, value)  # 1, 1.0 and True are equal but show differently
        if kind is list or kind is tuple:
            models = self.models
            printed = []
            for item in value:
                hit = models.get(id(item))  # most lists hold model objects seen before
                printed.append(hit[2] if hit is not None else self(item))
            return tuple(printed)
        if isinstance(value, list | tuple):
            return tuple([self(item) for item in value])
        if isinstance(value, dict):
            return ("dict", tuple([(self(k), self(v)) for k, v in value.items()]))
        if isinstance(value, range):
            return ("range", value.start, value.stop, value.step)
        if isinstance(value, jinja2.Undefined):
            return ("undefined",)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            # A value made for one page (a listing, a row of the data page): its fields.
            return (
                kind.__name__,
                *(self(getattr(value, f.name)) for f in dataclasses.fields(value)),
            )
        if isinstance(value, types.MethodType):
            return ("method", value.__func__.__qualname__, self(value.__self__))
        return object()  # anything else never compares equal, so its reader is always rendered


def fingerprint(value: Any) -> Fingerprint:
    return Fingerprints()(value)


_ROUTE_TYPES: dict[type, bool] = {}


def is_route_object(value: Any) -> bool:
    """A route's variable whose reads are recorded (a listing, a pager), rather than the whole
    value fingerprinted: many pages share one listing of hundreds of services. (Asked of each
    of the 42,000 variables of a 4,000-service site's routes, so answered once for each type.)"""
    kind = type(value)
    found = _ROUTE_TYPES.get(kind)
    if found is None:
        found = _ROUTE_TYPES[kind] = dataclasses.is_dataclass(kind) and kind not in MODEL_TYPES
    return found


# Field values whose equality means they show the same: exactly these types (1 == True == 1.0,
# so a bool or a float field makes its object not plain).
_PLAIN_VALUES = frozenset({str, int, type(None), dt.date})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain_print(value: Any) -> Fingerprint:
    """A route object all of whose fields are plain values (a pager, an age band) as its type
    and fields, or None for any other value. Every attribute and method of such an object is
    worked out from its fields by sendsite's code (a change to which renders every page), so
    equal prints mean that whatever a page read of it answers the same. An object that holds
    model objects is not plain: what it answers may come from them (a need group's label is its
    term's), and is asked attribute by attribute."""
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not is_route_object(value):
            return None
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    fields = [getattr(value, name) for name in names]
    plain = _PLAIN_VALUES
    for item in fields:
        if type(item) not in plain:
            return None
    return (kind.__module__, kind.__qualname__, *fields)


def index_model(site: model.Site) -> dict[Key, Any]:
    """Every keyed object of a model by its key, to ask recorded reads again."""
    index: dict[Key, Any] = {}
    for obj in _walk(site):
        found = key_of(obj)
        if found is not None:
            index.setdefault(found, obj)
    return index


def _walk(site: model.Site) -> Iterator[Any]:
    yield site
    taxonomy = site.taxonomy
    for vocabulary in (taxonomy.categories, taxonomy.needs, taxonomy.areas):
        yield from vocabulary.values()
    yield from site.glossary
    yield from site.organisations
    yield from site.services
    for inspection in site.inspections:
        yield inspection
        yield from inspection.findings
    for plan in site.plans:
        yield plan
        for action in plan.actions:
            yield action
            yield from action.measures
    yield from site.news
    yield from site.pages
    yield from site.feedback


def is_call(read: Read) -> bool:
    return read[0][:1] == (CALL,)


def read_owners(read: Read) -> Iterable[Key]:
    """The keys of the objects whose change may change a read's answer."""
    owner_key, _ = read
    if is_call(read):
        arguments = cast(CallArguments, owner_key[3])
        return [cast(Key, value) for _, how, value in arguments if how == "key"]
    return [owner_key]


# Model types with fields filled in from other files (model/derived.py links organisations and
# terms to services, inspections and findings to plans, news and each other, pages to their
# parents and children) or properties that read them: their reads may answer differently after
# an edit of any file.
LINKED_TYPES = frozenset({"Organisation", "Term", "Inspection", "Finding", "Page"})
# Of those, the fields a page's checks make of its own file alone (model/validation/pages.py;
# derive() fills in only its parents and children): a read of one may answer differently only
# after an edit of that file. Asking every page's title, summary and body again after any edit
# was 20,000 reads of the peer corpus's 4,000 pages.
OWN_FIELDS = {
    "Page": frozenset(
        {"id", "title", "summary", "nav_order", "body", "origin", "covers", "lines", "url_path"}
    )
}
# Template functions whose answer depends only on what the objects given say (and the
# settings, which rebuild every page): any other function given a model object may read
# beyond them (`directory_listings(site)`), so its calls are asked again after any edit.
LOCAL_CALLS = frozenset(
    ("global", name)
    for name in ("url_for", "bands_for", "venue_facts", "venue_places_with", "age_area_path")
)
# Template functions that, given the site alone, work their answer out from its services (each
# service's own file) and from the taxonomy, site.yaml and the settings, whose change renders
# every page: asked again only after an edit under the folder services are read from
# (source/loader.py COLLECTIONS), not after a news or a page edit.
SERVICE_CALLS = frozenset(("global", name) for name in ("directory_listings", "district_centres"))
SERVICES_FOLDER = "content/services/"
_SITE_ALONE: CallArguments = ((None, "key", SITE),)
_KEYED_NAMES = frozenset(kind.__name__ for kind in MODEL_TYPES)


def read_inputs(read: Read, answer: Fingerprint) -> frozenset[str] | None:
    """The site files whose edit may change a read's answer: its owners' files and those of the
    model objects its answer names by key, or a folder (ending in "/") for every file under it
    (SERVICE_CALLS). None: an edit of any file may (LINKED_TYPES, the site itself, a call of a
    function not in LOCAL_CALLS). Naming more files than needed only costs asking the read
    again."""
    owner_key = read[0]
    if is_call(read) and (owner_key[1], owner_key[2]) not in LOCAL_CALLS:
        if (owner_key[1], owner_key[2]) in SERVICE_CALLS and owner_key[3] == _SITE_ALONE:
            return frozenset({SERVICES_FOLDER})
        return None
    files: set[str] = set()
    for key in read_owners(read):
        if key == SITE or len(key) < 2 or type(key[1]) is not str:
            return None
        if key[0] in LINKED_TYPES and (is_call(read) or read[1] not in OWN_FIELDS.get(key[0], ())):
            return None
        files.add(key[1])
    if type(answer) is tuple:
        _named_files(answer, files)
    return frozenset(files)


def _named_files(printed: tuple[Any, ...], files: set[str]) -> None:
    # A key (key_of) is (type name, source path, line, id); anything shaped like one counts.
    if len(printed) == 4 and printed[0] in _KEYED_NAMES and type(printed[1]) is str:
        files.add(printed[1])
    for item in printed:
        if type(item) is tuple:
            _named_files(item, files)
