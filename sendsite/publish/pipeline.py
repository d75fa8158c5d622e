"""The one pipeline: load the site, plan its pages and files (and refuse two sources that claim
one file: publish/plan.py), render, write. `sendsite build` runs all of it (publish/build.py),
`sendsite check` all but the writing, and the live preview runs the same stages on the inputs
that changed (preview/incremental.py), so the three never drift apart. A build that replaces an
output folder renders only the pages the last build's record says can have changed
(publish/recall.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from sendsite import model
from sendsite.errors import ContentError, ContentErrors, ErrorLog
from sendsite.model.checked import CheckedServices
from sendsite.model.config import load_config
from sendsite.model.derived import derive
from sendsite.model.validate import build_site
from sendsite.publish.hosting.pages import META_HOSTS
from sendsite.publish.hosting.policy import content_security_policy
from sendsite.publish.memory import Encoded, Memory, encode_pages
from sendsite.publish.plan import claim_files, made_files, plan_site
from sendsite.publish.recall import recall
from sendsite.publish.search_index import asks_to_be_indexed
from sendsite.publish.writer import link_files, write_file, write_files
from sendsite.render import parallel
from sendsite.render.environment import compile_templates, make_environment, reuse_service_cards
from sendsite.render.markdown_cache import site_markdown_cache
from sendsite.render.reads import PageReads
from sendsite.render.site import page_finisher, render_route, shared_context
from sendsite.render.tracking import TrackingEnvironment
from sendsite.render.urls import Linker, output_file
from sendsite.source import phone
from sendsite.source.cache import cache_folder, collector_paused
from sendsite.source.loader import Reader, load_content
from sendsite.source.paths import inside
from sendsite.source.sourcefile import read_source


@dataclass
class RenderedSite:
    pages: Mapping[str, bytes]  # output file (relative) -> bytes
    copies: dict[str, Path]  # output file (relative) -> file to copy
    written: list[str] = field(default_factory=list)  # every file already written (streamed)
    indexed: list[str] = field(default_factory=list)  # the written pages for the search index
    memory: Memory | None = None  # what the pages read, to keep for the next build
    rendered: int = 0  # pages rendered (the others were taken from the previous output)
    taken: list[str] = field(default_factory=list)  # plan.GROUPS taken from the previous output
    # With `in_place`, an incremental build's files kept as they are in the previous output
    # (not written into the staging folder); None when every file was written there.
    left: list[str] | None = None


# --- load ------------------------------------------------------------------------------------


def load_site(
    site_dir: Path,
    build_date: dt.date,
    read: Reader = read_source,
    checked: CheckedServices | None = None,
) -> model.Site:
    """Read, validate and link a site; raises ContentErrors listing every mistake. `read` lets
    the live preview reuse the files it has already read, `checked` a build the services the
    last build checked."""
    log = ErrorLog()
    if checked is not None:
        phone.remember(checked.phone_answers())
    config = load_config(site_dir, log)
    with collector_paused():  # thousands of files' parsed objects, none of them garbage
        content = load_content(site_dir, log, read)
    if config is None:
        log.raise_if_any()
        raise AssertionError("load_config returned None without logging why")
    with collector_paused():  # and their checked ones (4,000 services kept: 1.1 s with it, 0.6 s)
        site = build_site(config, content, build_date, log, checked)
    if checked is not None:
        checked.keep_phones(phone.answers())
    log.raise_if_any()
    derive(site)
    return site


# --- render (and, for a build, write) ----------------------------------------------------------


def render_site(
    site: model.Site,
    site_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    into: Path | None = None,
    *,
    fingerprint: bool = True,
    keep_cache: bool = True,
    previous: Path | None = None,
    previous_digest: str | None = None,
    in_place: bool = False,
    pages_written: Callable[[list[str], list[str] | None], None] | None = None,
) -> RenderedSite:
    """Every page and file of the site; `progress(done, total)` hears how far the pages are.
    With `into` (a build's staging folder), each page is written there as soon as it is made
    and only its name is kept, so a big site's pages never all sit in memory at once.
    With `previous` as well (the output folder the build replaces), what each page reads is
    recorded, and the pages whose reads answer as they did in the last build (publish/memory.py)
    are taken from there instead of rendered. With `keep_cache=False` (`sendsite check`, which
    writes nothing) the cache is read only. `previous_digest`: stamp.output_digest of
    `previous` if the caller has it. With `in_place` (the writer will update `previous` in place
    when the build is incremental), the pages taken from `previous` are left there, not linked
    into `into`: RenderedSite.left names them. `pages_written(indexed, left)` hears, once every
    page is in `into` (or left in `previous`), the pages for the search index, before the site's
    other files are made (a build starts Pagefind there)."""
    linker = Linker(site.config.base_path)
    cache = cache_folder(site_dir)
    untrusted = inside(cache, site_dir)
    converted = site_markdown_cache(site_dir, writable=keep_cache)
    plan = plan_site(site, site_dir, fingerprint=fingerprint)
    # The record is a pickle: never kept in a folder the content's authors control.
    remember = into is not None and previous is not None and keep_cache and not untrusted
    env = make_environment(
        site_dir,
        linker,
        TrackingEnvironment if remember else jinja2.Environment,
        auto_reload=False,
        markdown=converted.convert,
        static_files=plan.names,
    )
    if isinstance(env, TrackingEnvironment):
        env.track_calls()
    compile_templates(env, site_dir, keep_cache)
    reuse_service_cards(env)
    shared = page_context(site)
    finish = page_finisher(site, linker)
    keep = _Keeper(into)
    recalled = None
    if isinstance(env, TrackingEnvironment):
        # The last build's record lives as long as the build (publish/build.py unfreezes it).
        with collector_paused(freeze=True):
            recalled = recall(site, site_dir, env, plan, shared, previous, previous_digest)
    routes = plan.routes
    kept_from = previous if into is not None and previous is not None else None
    reused: list[str] = []
    taken: dict[str, list[str]] = {}  # groups of made files taken from the previous output
    if recalled is not None and recalled.dirty is not None and previous is not None:
        routes = [r for r in routes if output_file(r.path) in recalled.dirty]
        reused = [name for name in recalled.memory_routes if name not in recalled.dirty]
    if recalled is not None and previous is not None:
        taken = recalled.takeable()
    recorded: dict[str, PageReads] = {}

    def render(index: int) -> tuple[str, bytes]:
        route = routes[index]
        name = output_file(route.path)
        if not isinstance(env, TrackingEnvironment):
            return name, render_route(env, shared, route, site_dir, finish)
        recorded[name] = env.start(route.origin.path, route.context)
        try:
            return name, render_route(env, shared, route, site_dir, finish)
        finally:
            env.stop()

    def gather(names: list[str]) -> Encoded:
        return encode_pages({name: recorded.pop(name) for name in names})

    def tell(done: int) -> None:
        if progress is not None:
            progress(done, len(routes))

    def make() -> tuple[dict[str, bytes], dict[str, list[str]]]:
        parts = recalled.parts if recalled is not None else None
        made = made_files(site, plan.routes, plan.names, kept_from, taken, parts)
        # and the files of the parts taken as the previous output has them (publish/parts.py)
        taken_files.extend(recalled.kept_files() if recalled is not None else [])
        return made

    pages: dict[str, bytes] | None = None
    made: tuple[dict[str, bytes], dict[str, list[str]]] | None = None
    gathered: list[Encoded] = []
    taken_files = [name for files in taken.values() for name in files]
    if parallel.can_fork(len(routes)):
        # The workers collect their own garbage (render/parallel.py). What this process makes
        # meanwhile, the made files and the pages' reads sent back, is none and lives as long
        # as the build: the collector scanning it again and again cost 0.5 s of CPU at 4,000
        # services (13 full collections, 7 objects found).
        with collector_paused(freeze=recalled is not None):
            pages, side, gathered = parallel.render_parallel(
                render, len(routes), make, tell, keep, gather if remember else None
            )
        claim_files(plan, [*side[0], *taken_files])
        made = side
    failed: ContentErrors | None = None
    if pages is None:  # one process (a small site, or a mistake to report in order)
        recorded.clear()
        try:
            pages = _render_in_order(render, len(routes), tell, keep)
        except ContentErrors as exc:
            if made is not None:
                raise
            failed, pages = exc, {}  # said after the made files' mistakes, as they come first
        gathered = [encode_pages(recorded)] if remember else []
    incremental = recalled is not None and recalled.dirty is not None
    left = [*reused, *taken_files] if in_place and incremental else None
    indexed = sorted(name for name, kept in pages.items() if kept == _INDEXED)
    if failed is None and into is not None:
        if previous is not None and left is None:
            link_files(previous, into, [*reused, *taken_files], keep.made)
        if pages_written is not None:
            every = indexed if recalled is None else [*indexed, *recalled.indexed_among(reused)]
            pages_written(sorted(every), left)
    if made is None:
        # Made after the pages in one process, so that Pagefind (started by pages_written)
        # indexes them meanwhile; a mistake in them is still said before the pages' own.
        made = make()
        claim_files(plan, [*made[0], *taken_files])
        parted = recalled.kept_files() if recalled is not None else []
        if left is not None:  # as the files taken before
            left = [*left, *parted]
        elif failed is None and previous is not None and into is not None:
            link_files(previous, into, parted, keep.made)
    if failed is not None:
        raise failed
    generated, grouped = made
    pages.update(generated)
    if not reused:
        converted.prune()  # every page is made: conversions no page used are stale
    if into is None:
        return RenderedSite(pages, plan.copies)
    write_files(into, generated, plan.copies)
    # Written: the open data files' bytes (30 MB at 4,000 services) are not held on while the
    # record of what pages read is put together, the main process's highest point.
    pages.update(dict.fromkeys(generated, b""))
    generated.clear()
    kept = None
    if recalled is not None:
        recalled.record_groups(grouped, taken)
        with collector_paused(freeze=True):  # as above: the record is made, none of it garbage
            kept = recalled.remember(gathered, set(indexed), reused)
        indexed = sorted({*indexed, *recalled.indexed_among(reused)})
    return RenderedSite(
        {},
        {},
        written=sorted([*pages, *reused, *taken_files, *plan.copies]),
        indexed=indexed,
        memory=kept,
        rendered=len(routes),
        taken=sorted(taken),
        left=left,
    )


def page_context(site: model.Site, *, preview: bool = False) -> dict[str, Any]:
    """The variables every page gets. A build for a host that sends no headers puts the
    Content-Security-Policy in a <meta> element; the live preview leaves it out, since it would
    block the preview's own reload script."""
    shared = shared_context(site)
    if not preview and META_HOSTS.intersection(site.config.hosts):
        shared["csp_meta"] = content_security_policy(in_meta=True)
    return shared


class _Keeper:
    """Where a rendered page goes: into the pages returned, or straight into the staging folder
    (then only its name is kept)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.made: set[Path] = set()

    def __call__(self, name: str, data: bytes) -> bytes:
        if self.folder is None:
            return data
        write_file(self.folder, name, data, self.made)
        return _INDEXED if asks_to_be_indexed(data) else b""


_INDEXED = b"indexed"  # what a streamed page leaves behind when it asks to be in the search index


def _render_in_order(
    render: Callable[[int], tuple[str, bytes]],
    count: int,
    progress: Callable[[int], None],
    keep: Callable[[str, bytes], bytes],
) -> dict[str, bytes]:
    errors = ErrorLog()
    pages: dict[str, bytes] = {}
    for index in range(count):
        try:
            name, data = render(index)
            if not errors.errors:  # after a mistake the build fails: nothing more to write
                pages[name] = keep(name, data)
        except ContentError as exc:
            errors.extend([exc])
        if index % 100 == 99:
            progress(index + 1)
    # A broken shared template fails every page that uses it; say so once.
    unique = {str(e): e for e in errors.errors}
    if unique:
        raise ContentErrors(unique.values())
    return pages
