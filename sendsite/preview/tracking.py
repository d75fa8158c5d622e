"""What each page read while it was rendered, so the live preview re-renders only what changed.

Templates reach the model only through Jinja's `getattr`/`getitem` hooks and through sendsite's
own template functions, so a Jinja environment that overrides the hooks and wraps the functions
sees everything a page depends on. For each page it records:

- every attribute read of a model object, by the object's key (its type, source file and id)
  and the attribute, with a fingerprint of the answer: a plain value as it is, a model object by
  its key (what the page then reads of it is recorded in turn), a list item by item. After a
  change the reads of the objects that may have changed are asked again, and a page is rendered
  again only when one of its answers differs: editing a service's description renders its own
  page, editing its name also the pages whose cards show it;
- every call of a template function given a model object, with the answer's fingerprint, asked
  again in the same way (`directory_listings(site)` after every change);
- what it read of the objects its route was given that are not model objects (a listing's
  label, a pager's numbers), asked again of the new route's objects;
- the templates it used (its own, and every extends/include/import);
- whole source files, where what was read of them cannot be checked again: the page's own
  source, and the object behind a method the template called.

Anything read that has no source file of its own (site.yaml's settings, the taxonomy, the
glossary) is global: a change to those files rebuilds every page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS as DEFAULT_FILTERS

from sendsite import model
from sendsite.errors import Origin

# Every model class: objects of other types (strings, dicts, Markup) are never recorded.
MODEL_TYPES: frozenset[type] = frozenset(
    obj
    for obj in vars(model).values()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
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


class Fingerprints:
    """`fingerprint(value)`, remembering each model object's key (or, for a part of one such as
    a service's ages, its fingerprint) for the length of one rebuild: a listing page's hundreds
    of services are looked up, not worked out again."""

    def __init__(self) -> None:
        # id -> (the object, kept alive so that its id is not reused; its key; its fingerprint)
        self.models: dict[int, tuple[Any, Key | None, Fingerprint]] = {}

    def forget(self) -> None:
        """Start afresh: call before each rebuild, whose model may hold new objects."""
        self.models.clear()

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


def is_route_object(value: Any) -> bool:
    """A route's variable whose reads are recorded (a listing, a pager), rather than the whole
    value fingerprinted: many pages share one listing of hundreds of services."""
    return (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and type(value) not in MODEL_TYPES
    )


class TrackingEnvironment(jinja2.Environment):
    """A Jinja environment that records, for the page being rendered, what it read."""

    current: PageReads | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prints = Fingerprints()
        self.functions: dict[tuple[str, str], Callable[..., Any]] = {}  # the unwrapped ones
        self._route_objects: dict[int, str] = {}  # id -> the route variable it is

    # --- recording -------------------------------------------------------------------------------

    def start(self, origin: str, context: dict[str, Any]) -> PageReads:
        """Record what the page of a route (from `origin`, with `context`) reads from now on."""
        self.current = PageReads(files={origin})
        self._route_objects = {id(v): name for name, v in context.items() if is_route_object(v)}
        return self.current

    def stop(self) -> None:
        self.current = None
        self._route_objects = {}

    def track_calls(self) -> None:
        """Wrap sendsite's own template functions and filters (not Jinja's) so that their calls
        with model objects are recorded."""
        for kind, table, defaults in (
            ("global", self.globals, DEFAULT_NAMESPACE),
            ("filter", self.filters, DEFAULT_FILTERS),
        ):
            for name, function in list(table.items()):
                ours = defaults.get(name) is not function and not isinstance(function, type)
                if callable(function) and ours:
                    table[name] = self._tracked(kind, name, function)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # Called for every attribute a page reads (millions in a full build), so the usual
        # case, a model object's attribute, is recorded here without further calls.
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            value = super().getattr(obj, attribute)
        reads = self.current
        if reads is not None:
            if type(obj) in MODEL_TYPES:
                models = self.prints.models
                hit = models.get(id(obj))
                key = hit[1] if hit is not None else self.prints.model(obj)[1]
                if key is not None:
                    if type(value) is str or value is None:
                        reads.reads[(key, attribute)] = value
                        return value
                    if type(value) in MODEL_TYPES:  # a service's organisation, its ages
                        hit = models.get(id(value))
                        found = hit[2] if hit is not None else self.prints.model(value)[2]
                        reads.reads[(key, attribute)] = found
                        return value
            self._record(obj, attribute, value)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if self.current is not None and isinstance(argument, str):
            self._record(obj, argument, value)
        return value

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: Any = None,
    ) -> jinja2.Template:
        if self.current is not None and isinstance(name, str):
            self.current.templates.add(name)
        return super().get_template(name, parent, globals)

    def _record(self, owner: Any, attribute: str, value: Any) -> None:
        # Called for every attribute a page reads (hundreds of thousands in a full build).
        reads = self.current
        assert reads is not None
        if type(owner) not in MODEL_TYPES:
            name = self._route_objects.get(id(owner)) if self._route_objects else None
            if name is not None:
                reads.context[(name, attribute)] = self.prints(value)
            return
        key = self.prints.key(owner)
        if key is None:
            return  # a part of a keyed object, whose read recorded all of the part
        kind = type(value)
        reads.reads[(key, attribute)] = value if kind is str else self.prints(value)
        if kind is types.MethodType:
            # A method reads what it likes of its object: depend on the object's whole file.
            origin = getattr(owner, "origin", None)
            if isinstance(origin, Origin):
                reads.files.add(origin.path)
            else:
                reads.always = True

    def _tracked(self, kind: str, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        self.functions[(kind, name)] = function

        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> Any:
            result = function(*args, **kwargs)
            if self.current is not None:
                self._record_call(kind, name, args, kwargs, result)
            return result

        return call

    def _record_call(
        self, kind: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], result: Any
    ) -> None:
        reads = self.current
        assert reads is not None
        if len(args) == 1 and not kwargs and type(args[0]) in MODEL_TYPES:
            # The usual call, `url_for(service)` on every card of a listing: made quickly.
            found = self.prints.key(args[0])
            if found is not None:
                reads.reads[((CALL, kind, name, ((None, "key", found),)), "")] = self.prints(result)
            return  # else a part of a keyed object (a service's ages), recorded with it
        values = [*args, *kwargs.values()]
        if not any(self._holds_keyed(v) for v in values):
            return  # plain values in, so the answer is the same for the same values
        found = self._call_key(kind, name, args, kwargs)
        if found is not None:
            reads.reads[(found, "")] = self.prints(result)
            return
        # A call that cannot be made again (`service_json_ld(service, config)`): depend on the
        # whole files of the objects given and of the objects they name.
        for value in values:
            for item in value if isinstance(value, list | tuple) else (value,):
                if type(item) in MODEL_TYPES:
                    if type(item) is model.Site:
                        reads.always = True
                    reads.files.update(self._files_near(item))

    def _holds_keyed(self, value: Any) -> bool:
        """Whether a value is or holds (one level deep) a model object with a key. Parts of such
        objects (a service's ages) do not count: the read that reached them recorded all of them."""
        items = value if isinstance(value, list | tuple) else (value,)
        return any(type(v) in MODEL_TYPES and self.prints.key(v) is not None for v in items)

    def _files_near(self, obj: Any) -> list[str]:
        """The source files of a model object and of the model objects its fields hold."""
        files = []
        for value in (obj, *(getattr(obj, f.name) for f in dataclasses.fields(obj))):
            origin = getattr(value, "origin", None) if type(value) in MODEL_TYPES else None
            if isinstance(origin, Origin):
                files.append(origin.path)
        return files

    def _call_key(
        self, kind: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Key | None:
        """A key from which the call can be made again on the next model, or None."""
        arguments: list[Hashable] = []
        for keyword, value in [*((None, a) for a in args), *sorted(kwargs.items())]:
            if type(value) in MODEL_TYPES:
                found = self.prints.key(value)
                if found is None:
                    return None
                arguments.append((keyword, "key", found))
            elif _is_plain(value):
                arguments.append((keyword, "value", value))
            else:
                return None
        return (CALL, kind, name, tuple(arguments))

    # --- asking again ----------------------------------------------------------------------------

    def answer(self, read: Read, index: dict[Key, Any]) -> Fingerprint:
        """What a recorded read answers on the model behind `index` (`object()` when it cannot
        be asked: the owner is gone, or the call fails)."""
        owner_key, attribute = read
        if owner_key[:1] == (CALL,):
            _, kind, name, arguments = cast(tuple[str, str, str, CallArguments], owner_key)
            args: list[Any] = []
            kwargs: dict[str, Any] = {}
            for keyword, how, value in arguments:
                if how == "key":
                    value = index.get(cast(Key, value))
                    if value is None:
                        return object()
                if keyword is None:
                    args.append(value)
                else:
                    kwargs[keyword] = value
            try:
                return self.prints(self.functions[(kind, name)](*args, **kwargs))
            except Exception:  # the page is rendered again and reports it properly
                return object()
        owner = index.get(owner_key)
        if owner is None:
            return object()
        return self.prints(jinja2.Environment.getattr(self, owner, attribute))

    def route_answer(self, value: Any, attribute: str) -> Fingerprint:
        return self.prints(jinja2.Environment.getattr(self, value, attribute))


def _is_plain(value: Any) -> bool:
    """A value that can be kept as part of a key and passed again as it is."""
    if value is None or isinstance(value, str | int | float | dt.date):
        return True
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and params.frozen and type(value) not in MODEL_TYPES


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
