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
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.filters import FILTERS as DEFAULT_FILTERS

from sendsite import model
from sendsite.errors import Origin
from sendsite.render.reads import (
    CALL,
    MODEL_TYPES,
    CallArguments,
    Fingerprint,
    Fingerprints,
    Key,
    PageReads,
    Read,
    is_route_object,
)

T = TypeVar("T")
_UNKNOWN = object()  # not yet in Fingerprints.answers


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

    def capture(self, make: Callable[[], T]) -> tuple[T, PageReads | None]:
        """Make something for the page being rendered (a service card, reused on other pages)
        and also return what making it read, to `replay` on the pages that reuse it."""
        page = self.current
        if page is None:
            return make(), None
        own = self.current = PageReads()
        try:
            made = make()
        finally:
            self.current = page
        page.merge(own)
        return made, own

    def replay(self, reads: PageReads) -> None:
        if self.current is not None:
            self.current.merge(reads)

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
        if reads is None:
            return value
        if type(obj) in MODEL_TYPES:
            models = self.prints.models
            hit = models.get(id(obj))
            key = hit[1] if hit is not None else self.prints.model(obj)[1]
            if key is None:
                return value  # a part of a keyed object, whose read recorded all of the part
            if type(value) is str or value is None:
                reads.reads[(key, attribute)] = value
                return value
            if type(value) in MODEL_TYPES:  # a service's organisation, its ages
                hit = models.get(id(value))
                found = hit[2] if hit is not None else self.prints.model(value)[2]
                reads.reads[(key, attribute)] = found
                return value
        elif id(obj) not in self._route_objects:
            return value  # a loop, a string's method, a dict of labels: nothing to record
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
        if kind is str:
            reads.reads[(key, attribute)] = value
        else:
            answers = self.prints.answers
            asked = (id(owner), attribute)  # owner is kept alive in prints.models
            found = answers.get(asked, _UNKNOWN)
            if found is _UNKNOWN:
                found = answers[asked] = self.prints(value)
            reads.reads[(key, attribute)] = found
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
        for value in values:  # most calls are given strings, numbers, dates: none can hold keys
            if type(value) in MODEL_TYPES or isinstance(value, list | tuple):
                break
        else:
            return
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


def route_prints(env: TrackingEnvironment, routes: dict[str, Any]) -> dict[str, Fingerprint]:
    """What each route (output file -> Route) gives its page besides the model reads the page
    records: a route object (a listing, a pager) only by its type, since what is read of it is
    recorded."""
    prints = env.prints
    return {
        out: (
            route.template,
            route.title,
            tuple(
                (name, type(value).__name__ if is_route_object(value) else prints(value))
                for name, value in route.context.items()
            ),
        )
        for out, route in routes.items()
    }
