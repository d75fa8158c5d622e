"""Incremental rebuilds for the live preview: keep the model and the pages in memory, and after a
change re-read only the changed files and re-render only the pages whose inputs changed.

- A changed service file is read and checked on its own and swapped into the model; any other
  content change re-checks the model from the files already in memory (only changed files are
  read again from disk).
- Pages to render again are found from what each page read last time (render/tracking.py).
- site.yaml, the taxonomy and the glossary feed every page, so a change to them rebuilds all.
- A template change renders again the pages that used that template.
- Only files whose bytes changed are written, each to a temporary file then renamed into place,
  so the served folder never holds a half-written page.
- When anything is wrong, nothing is written and the model stays as it was; the changes are kept
  and applied together with the fix, so the result always equals a full build of the sources.

What a changed file is (preview/changes.py), the model after a service edit
(preview/serviceswap.py), which pages a change makes different (preview/readindex.py) and the
output folder's bytes (preview/output.py) each have their own module; this one runs the
pipeline's stages (publish/pipeline.py) on them in order.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.errors import ContentError, ContentErrors
from sendsite.preview.changes import SitePaths
from sendsite.preview.output import PreviewOutput, Signature, copy_signatures
from sendsite.preview.readindex import ReadIndex, Touched
from sendsite.preview.serviceswap import edited_services
from sendsite.preview.sourcecache import SourceCache
from sendsite.publish.pipeline import load_site, page_context
from sendsite.publish.plan import Plan, claim_files, generated_files, plan_site
from sendsite.render.environment import make_environment
from sendsite.render.reads import (
    Fingerprint,
    PageReads,
)
from sendsite.render.routes import Route, service_route
from sendsite.render.site import Finisher, page_finisher, render_route
from sendsite.render.tracking import TrackingEnvironment, route_prints
from sendsite.render.urls import Linker, output_file


@dataclass
class Rebuild:
    """What one build or rebuild did, for the terminal and the browser."""

    sources: list[str]  # the changed files, as the author knows them
    rendered: int = 0  # pages rendered
    written: list[str] = field(default_factory=list)  # output files whose bytes changed
    removed: list[str] = field(default_factory=list)  # output files deleted
    seconds: float = 0.0
    first: list[str] = field(default_factory=list)  # written (and reloaded) before the rest
    everything: bool = False  # every page was rendered
    errors: list[ContentError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class IncrementalSite:
    """A site built once into `output`, then kept up to date by `update(changed files)`."""

    def __init__(self, site_dir: Path, build_date: dt.date, output: Path) -> None:
        self.site_dir = site_dir.resolve()
        self.paths = SitePaths(self.site_dir)
        self.build_date = build_date
        self.output = PreviewOutput(output)
        self.cache = SourceCache()
        self.site: model.Site | None = None
        self.env: TrackingEnvironment | None = None
        self.routes: dict[str, Route] = {}  # output file -> route
        self.index = ReadIndex()  # what each page read, and which pages made each read
        self.finish: Finisher | None = None
        self.generated: dict[str, bytes] = {}  # open data, feeds, sitemap: made from the model
        self.unapplied: set[Path] = set()  # changes not yet in the output (a mistake was found)
        self._first: Callable[[list[str]], None] | None = None

    # --- entry points ----------------------------------------------------------------------------

    def build(self) -> Rebuild:
        """Build everything (the first build, and after changes that affect every page)."""
        return self._run([], full=True)

    def update(
        self, changed: Iterable[Path], first: Callable[[list[str]], None] | None = None
    ) -> Rebuild:
        """Apply changed, added or removed source files. The pages made from a changed file are
        rendered and written first, and `first` is told their output files, so the page being
        edited can reload before the pages that list it are done."""
        self._first = first
        try:
            return self._run([Path(p) for p in changed], full=False)
        finally:
            self._first = None

    @property
    def base_path(self) -> str:
        return self.site.config.base_path if self.site is not None else "/"

    # --- the work ----------------------------------------------------------------------------------

    def _run(self, changed: list[Path], *, full: bool) -> Rebuild:
        started = time.perf_counter()
        # The model and the recorded reads are millions of long-lived objects: keep the cyclic
        # garbage collector from walking them all in the middle of a rebuild; it runs afterwards.
        collecting = gc.isenabled()
        gc.disable()
        if self.env is not None:
            self.env.prints.forget()
        try:
            return self._run_changes(changed, full, started)
        finally:
            if collecting:
                gc.enable()

    def _run_changes(self, changed: list[Path], full: bool, started: float) -> Rebuild:
        # An editor's or sed's temporary file that came and went between two looks is no change.
        changed = [p for p in changed if self.paths.absolute(p).exists() or self._was_known(p)]
        for file in changed:
            self.cache.forget(file.resolve() if file.is_absolute() else self.site_dir / file)
        pending = self.unapplied | {self.paths.absolute(p) for p in changed}
        shown = sorted(self.paths.display(p) for p in pending)
        result = Rebuild(sources=shown)
        try:
            if full or self.site is None or self._needs_everything(pending):
                self._rebuild_everything(result)
            else:
                self._rebuild_changed(pending, result)
        except ContentErrors as exc:
            result.errors = list(exc.errors)
        except ContentError as exc:
            result.errors = [exc]
        self.unapplied = pending if result.errors else set()
        result.seconds = time.perf_counter() - started
        return result

    def _was_known(self, file: Path) -> bool:
        shown = self.paths.display(file)
        if not shown.startswith("content/") or shown.startswith("content/assets/"):
            return True  # templates and assets are not kept in the cache; a removed one is a change
        return self.cache.knows(self.paths.absolute(file))

    def _needs_everything(self, changed: set[Path]) -> bool:
        had_templates = self.env is not None and getattr(self.env, "site_templates", False)
        return self.paths.changes_everything(changed, had_templates)

    def _rebuild_everything(self, result: Rebuild) -> None:
        site = self._load_model()
        env = self._environment(site)
        plan = plan_site(site, self.site_dir, fingerprint=False)
        routes = {output_file(r.path): r for r in plan.routes}
        generated = generated_files(site, plan.routes)
        copies = self._copies(plan, generated)
        shared = page_context(site, preview=True)
        finish = page_finisher(site, Linker(site.config.base_path))
        pages, reads = self._render(env, shared, finish, routes.values())
        result.rendered = len(pages)
        self.finish = finish
        self._commit(site, env, routes, pages, reads, copies, shared, result, generated, full=True)
        result.everything = True

    def _rebuild_changed(self, changed: set[Path], result: Rebuild) -> None:
        assert self.site is not None and self.env is not None and self.finish is not None
        env, finish = self.env, self.finish
        content = [p for p in changed if self.paths.display(p).startswith("content/")]
        templates: set[str | None] = {
            name for name in map(self.paths.template_name, changed) if name is not None
        }
        site = self.site
        touched: Touched | None = {}  # what may have changed in the model; None: anything
        if content:
            site, touched = self._updated_model(content)
        if templates and env.cache is not None:
            env.cache.clear()  # Jinja's own check compares whole seconds of mtime
        shared = page_context(site, preview=True)
        own = {self.paths.display(p) for p in content}
        # The pages of the changed services first, before the rest of the site is worked out.
        early, early_reads, overwritten = self._render_early(site, shared, own, result)
        try:
            plan = plan_site(site, self.site_dir, fingerprint=False)
            routes = {output_file(r.path): r for r in plan.routes}
            # The open data files and feeds are made from the whole model: again after any
            # content change (once the edited page is on disk), never for a template change.
            generated = generated_files(site, plan.routes) if content else self.generated
            copies = self._copies(plan, generated)
            prints = route_prints(env, routes)
            dirty = self.index.dirty(env, site, routes, prints, shared, own, templates, touched)
            later = sorted(dirty - set(early))
            pages, reads = self._render(env, shared, finish, [routes[o] for o in later])
            pages.update(early)
            reads.update(early_reads)
            result.rendered = len(pages)
            pages = {**{o: b for o, b in self.output.pages.items() if o in routes}, **pages}
            self._commit(
                site, env, routes, pages, reads, copies, shared, result, generated, prints=prints
            )
        except BaseException:
            # Nothing may stay written when the change has a mistake: put the early pages back.
            self.output.put_back(result.first, overwritten)
            result.written = [o for o in result.written if o not in result.first]
            result.first = []
            raise

    def _render_early(
        self, site: model.Site, shared: dict[str, Any], own: set[str], result: Rebuild
    ) -> tuple[dict[str, bytes], dict[str, PageReads], dict[str, bytes]]:
        """When the preview asked for it (`first`), render the pages of the changed services
        that were pages before, write them and say so. Returns the pages, what they read, and
        the bytes they replaced on disk."""
        if not own or self._first is None:
            return {}, {}, {}
        assert self.env is not None and self.finish is not None
        routes = []
        for service in site.services:
            if service.origin.path in own:
                route = service_route(service)
                before = self.routes.get(output_file(route.path))
                if before is not None and before.origin.path == service.origin.path:
                    routes.append(route)
        pages, reads = self._render(self.env, shared, self.finish, routes)
        written, overwritten = self.output.write_early(pages)
        result.first = written
        result.written.extend(written)
        if written:
            self._first(written)
        return pages, reads, overwritten

    def _updated_model(self, changed: list[Path]) -> tuple[model.Site, Touched | None]:
        """The model with the changes applied: one service at a time when only services changed.
        Also the keys of the objects that may have changed (None: any may have)."""
        assert self.site is not None
        if all(self.paths.is_service_file(p) for p in changed):
            files = [(p, self.paths.display(p)) for p in changed]
            swapped = edited_services(self.site, files, self.cache)
            if swapped is not None:
                return swapped
        return self._load_model(), None

    def _load_model(self) -> model.Site:
        """Check the whole model, reading again only files that changed on disk."""
        return load_site(self.site_dir, self.build_date, self.cache.read)

    def _environment(self, site: model.Site) -> TrackingEnvironment:
        env = make_environment(
            self.site_dir, Linker(site.config.base_path), environment_class=TrackingEnvironment
        )
        assert isinstance(env, TrackingEnvironment)
        env.site_templates = (self.site_dir / "templates").is_dir()  # type: ignore[attr-defined]
        env.track_calls()
        return env

    def _copies(self, plan: Plan, generated: dict[str, bytes]) -> dict[str, tuple[Path, Signature]]:
        claim_files(plan, generated)  # two routes to one file are a mistake
        return copy_signatures(plan)

    def _render(
        self,
        env: TrackingEnvironment,
        shared: dict[str, Any],
        finish: Finisher,
        routes: Iterable[Route],
    ) -> tuple[dict[str, bytes], dict[str, PageReads]]:
        pages: dict[str, bytes] = {}
        reads: dict[str, PageReads] = {}
        errors: dict[str, ContentError] = {}
        for route in routes:
            out = output_file(route.path)
            reads[out] = env.start(route.origin.path, route.context)
            try:
                pages[out] = render_route(env, shared, route, self.site_dir, finish)
            except ContentError as exc:
                errors.setdefault(str(exc), exc)  # a broken shared template: say it once
            finally:
                env.stop()
        if errors:
            raise ContentErrors(errors.values())
        return pages, reads

    def _commit(
        self,
        site: model.Site,
        env: TrackingEnvironment,
        routes: dict[str, Route],
        pages: dict[str, bytes],
        reads: dict[str, PageReads],
        copies: dict[str, tuple[Path, Signature]],
        shared: dict[str, Any],
        result: Rebuild,
        generated: dict[str, bytes],
        *,
        full: bool = False,
        prints: dict[str, Fingerprint] | None = None,
    ) -> None:
        """Write what changed, then remember the new state (only after the writes succeeded)."""
        written, removed = self.output.write({**pages, **generated}, copies)
        result.written.extend(written)
        result.removed.extend(removed)
        self.site, self.env, self.routes = site, env, routes
        self.generated = generated
        self.index.shared_print = env.prints(shared)
        self.index.route_prints = prints if prints is not None else route_prints(env, routes)
        self.index.remember(reads, routes, full)
