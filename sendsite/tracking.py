"""What each page read while it was rendered, so the live preview re-renders only what changed.

Templates reach the model only through Jinja's `getattr`/`getitem` hooks, so a Jinja environment
that overrides them sees every model object a page touches. For each page it records:

- the source files of the model objects it read (`Service.origin.path` and so on): when one of
  them changes, the page is rendered again;
- the templates it used (its own, and every extends/include/import);
- every read that returned other model objects (`organisation.services`, `site.active_services`,
  `service.organisation`), with the keys of the objects it returned. A list's membership can change
  without any file the page read changing (a service moves to another organisation), so after
  every change these reads are evaluated again on the new model, and a page whose answer differs
  is rendered again.

Anything read that has no source file (site.yaml's settings, the taxonomy, the glossary) is
global: a change to those files rebuilds every page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2

from sendsite import model
from sendsite.errors import Origin

# Every model class: objects of other types (strings, dicts, Markup) are never recorded.
MODEL_TYPES: frozenset[type] = frozenset(
    obj
    for obj in vars(model).values()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == model.__name__
)

Key = tuple[Hashable, ...]
Fingerprint = Hashable
Read = tuple[Key, str]  # (owner's key, attribute name)


def key_of(obj: Any) -> Key | None:
    """A key that names the same thing in the next build's model: its type, origin and id."""
    if isinstance(obj, model.Site):
        return ("Site",)
    origin = getattr(obj, "origin", None)
    if not isinstance(origin, Origin):
        return None
    name = getattr(obj, "id", None) or getattr(obj, "term", None)
    return (type(obj).__name__, origin.path, origin.line, name)  # plain tuples hash fast


@dataclass
class PageReads:
    """Everything one page depended on."""

    files: set[str] = field(default_factory=set)
    templates: set[str] = field(default_factory=set)
    reads: dict[Read, Fingerprint] = field(default_factory=dict)


class TrackingEnvironment(jinja2.Environment):
    """A Jinja environment that records, for the page being rendered, what it read."""

    current: PageReads | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)
        if self.current is not None and type(obj) in MODEL_TYPES:
            self._record(obj, attribute, value)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if self.current is not None and type(obj) in MODEL_TYPES and isinstance(argument, str):
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
        reads = self.current
        assert reads is not None
        origin = getattr(owner, "origin", None)
        if isinstance(origin, Origin):
            reads.files.add(origin.path)
        objects = _model_objects(value)
        if objects is None:
            return
        for obj in objects:
            found = getattr(obj, "origin", None)
            if isinstance(found, Origin):
                reads.files.add(found.path)
        owner_key = key_of(owner)
        if owner_key is not None:
            reads.reads[(owner_key, attribute)] = fingerprint(value)


def _model_objects(value: Any) -> list[Any] | None:
    """The model objects a value is or holds (one level deep), or None when it holds none.
    An empty list counts as a list of model objects: it may fill later (a page's first child,
    an organisation's first service), and the pages that showed it empty must then change."""
    if type(value) in MODEL_TYPES:
        return [value]
    if isinstance(value, list | tuple) and (not value or type(value[0]) in MODEL_TYPES):
        return list(value)
    return None


def fingerprint(value: Any) -> Fingerprint:
    """A hashable summary of a value that changes when which objects it holds changes."""
    if type(value) in MODEL_TYPES:
        found = key_of(value)
        return found if found is not None else type(value).__name__
    if isinstance(value, list | tuple):
        return tuple(fingerprint(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, fingerprint(v)) for k, v in value.items())
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A value made for one page (such as a row of the data page): its fields are the answer.
        return tuple(fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value))
    return type(value).__name__


def index_model(site: model.Site) -> dict[Key, Any]:
    """Every keyed object of a model by its key, to evaluate recorded reads again."""
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
        yield from plan.actions
    yield from site.news
    yield from site.pages
    yield from site.feedback


def changed_reads(
    reads: Iterable[tuple[Read, Fingerprint]], index: dict[Key, Any]
) -> list[tuple[Read, Fingerprint]]:
    """The recorded reads (with the answer recorded) that answer differently on the model
    behind `index`."""
    changed = []
    for read, before in reads:
        owner_key, attribute = read
        owner = index.get(owner_key)
        try:
            now = fingerprint(getattr(owner, attribute)) if owner is not None else None
        except AttributeError:
            now = None
        if owner is None or now != before:
            changed.append((read, before))
    return changed
