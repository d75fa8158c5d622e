"""`sendsite build`: the pipeline run to the end, into the output folder, with the files each web
host reads and the search index; and the warnings a build prints (`--strict` fails on them)."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.errors import ContentError, ContentErrors, Origin
from sendsite.model.checked import CheckedServices
from sendsite.model.derived import review_warning
from sendsite.model.statement import accessibility_statement_path
from sendsite.publish import memory, stamp
from sendsite.publish.apply import InPlace
from sendsite.publish.cms.admin import admin_files
from sendsite.publish.hosting.hosts import host_files
from sendsite.publish.memory import Memory
from sendsite.publish.pipeline import RenderedSite, load_site, render_site
from sendsite.publish.search_index import (
    INDEX_FOLDER,
    IndexedPages,
    Left,
    RunningIndex,
    reuse_or_start_search_index,
    save_search_record,
    start_search_index,
)
from sendsite.publish.stamp import listing_digest, output_digest, output_listing
from sendsite.publish.writer import check_output_folder, clear_leftovers, write_files, write_into
from sendsite.source.beside import Beside
from sendsite.source.cache import cache_folder, collector_paused
from sendsite.source.digests import site_digests
from sendsite.source.parsed import ParsedFiles
from sendsite.source.paths import inside
from sendsite.source.sourcefile import read_source

Review = Callable[[model.Site, RenderedSite], list[ContentError]]


class StagedPages(Mapping[str, bytes]):
    """The files a build has written into its staging folder, read only when asked for: a
    review looks into few of them, and a big site's pages never all sit in memory at once.
    Those an incremental build `left` in the output it updates in place are read from there."""

    def __init__(
        self, folder: Path, written: list[str], output: Path, left: Set[str] = frozenset()
    ) -> None:
        self._folder = folder
        self._names = set(written)
        self._output = output
        self._left = left

    def __getitem__(self, name: str) -> bytes:
        if name not in self._names:
            raise KeyError(name)
        return ((self._output if name in self._left else self._folder) / name).read_bytes()

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._names))

    def __len__(self) -> int:
        return len(self._names)


@dataclass
class BuildResult:
    site: model.Site
    output: Path
    pages: int
    files: int
    seconds: float
    warnings: list[ContentError] = field(default_factory=list)
    rendered: int = 0  # pages rendered; the others were taken unchanged from the last build
    output_digest: str = ""  # stamp.output_digest of the output as the build left it
    taken: list[str] = field(default_factory=list)  # plan.GROUPS taken from the last output


def output_folder(site_dir: Path, site: model.Site, output: Path | None) -> tuple[Path, Origin]:
    """The output folder and where it was chosen, for messages about it."""
    if output is not None:
        return output, Origin(str(output))
    return site_dir / site.config.output, Origin("site.yaml", site.config.output_line)


def build(
    site_dir: Path,
    build_date: dt.date,
    output: Path | None = None,
    *,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
    fingerprint: bool = True,
    review: Review | None = None,
) -> BuildResult:
    """Build the site; with `strict`, warnings fail the build before anything is written.
    `progress(done, total)` hears how many pages are rendered. `review` reads the pages as they
    will be published (sendsite check's links and images, passed in by the command, a layer
    above): what it finds is a warning like the others, and with `strict` the previous output
    stays."""
    besides: list[Beside[Any]] = []  # work in children beside the build (source/beside.py)
    try:
        return _build(site_dir, build_date, output, strict, progress, fingerprint, review, besides)
    finally:
        for pending in besides:  # those whose answers the build did not take: it failed
            pending.discard()
        gc.unfreeze()  # see _build: a long-running caller (the tests, a script) gets it back


def _build(
    site_dir: Path,
    build_date: dt.date,
    output: Path | None,
    strict: bool,
    progress: Callable[[int, int], None] | None,
    fingerprint: bool,
    review: Review | None,
    besides: list[Beside[Any]],
) -> BuildResult:
    started = time.perf_counter()
    listed = _list_beside(site_dir, output)
    besides.extend([listed] if listed is not None else [])
    cache = cache_folder(site_dir)
    # Pickles are never kept in a folder the content's authors control.
    parsed = checked = None
    if not inside(cache, site_dir):
        version = _parser_version()
        parsed = ParsedFiles(cache, version, site_digests(site_dir, cache))
        parsed.parse_ahead(site_dir)  # with no record of parsed files: on both cores
        checked = CheckedServices(cache, f"{version} {build_date.isoformat()}", parsed.digest)
    # The model lives as long as the build: frozen, the cyclic garbage collector never scans
    # its objects (at 4,000 services, a one-edit build's collections took 1.1-1.4 s of CPU,
    # 0.6-1.2 s frozen after loading, none frozen as it is loaded). The record of what pages
    # read is frozen too, as it is loaded (publish/pipeline.py).
    with collector_paused(freeze=True):
        site = load_site(
            site_dir, build_date, parsed.read if parsed is not None else read_source, checked
        )
    found = warnings(site)
    if strict and found and review is None:
        raise ContentErrors(found)  # nothing to render: the review would have added its own
    out, shown = output_folder(site_dir, site, output)
    check_output_folder(site_dir, out, shown)
    editor = admin_files(site, site_dir)
    clear_leftovers(out.resolve())  # a build killed while it changed the output is finished first
    # the output as it is now: as its build left it?
    found_there, before = listed.result() if listed is not None else _listed(out)
    searched: list[IndexedPages] = []  # what the search index was made from
    written: list[str] = []
    kept: list[Memory | None] = []  # what the pages read, kept once the output is in place
    saving: list[Beside[bool]] = []  # memory.save of it, under way
    counted: list[int] = []
    taken: list[str] = []

    update: list[InPlace] = []  # an incremental build's files, put into the output in place
    running: list[RunningIndex] = []  # Pagefind, indexing while the rest of the site is made

    def start_index(folder: Path, pages: list[str], left: list[str] | None) -> None:
        # The index is the directory's search of services: with none, there is nothing to
        # search, and the theme shows no search form.
        if not site.active_services or not pages:
            return
        kept = set(left) if left is not None else None
        made, pagefind = reuse_or_start_search_index(folder, pages, out, record, before, kept)
        searched.append(made)
        running.extend([pagefind] if pagefind is not None else [])

    def fill(folder: Path) -> InPlace | None:
        rendered = render_site(
            site,
            site_dir,
            progress,
            into=folder,
            fingerprint=fingerprint,
            previous=out,
            previous_digest=before,
            in_place=found_there is not None,
            pages_written=lambda pages, left: start_index(folder, pages, left),
        )
        if rendered.left is not None and found_there is not None:
            update.append(InPlace(found_there, set(rendered.left), whole=(INDEX_FOLDER,)))
        kept.append(rendered.memory)
        if rendered.memory is not None:  # sealed once the output is in place
            saving.append(memory.save(cache, rendered.memory, beside=not running))
            besides.append(saving[0])
        counted.append(rendered.rendered)
        taken.extend(rendered.taken)
        config = site.config
        hosting = host_files(
            config.hosts, base_path=config.base_path, title=config.title, base_url=config.base_url
        )
        write_files(folder, hosting, {})
        write_files(folder, editor.pages, editor.copies)
        written.extend(rendered.written)
        written.extend(hosting)
        written.extend([*editor.pages, *editor.copies])
        if review is not None:
            left = update[0].kept if update else frozenset()
            staged = RenderedSite(pages=StagedPages(folder, written, out, left), copies={})
            found.extend(review(site, staged))
        if strict and found:
            raise ContentErrors(found)
        return update[0] if update else None

    def index(folder: Path) -> None:
        if not site.active_services:
            return
        left = update[0].kept if update else None
        if searched:  # started once the pages were written (start_index)
            for pending in running:
                pending.wait()
        elif left is not None:  # as below, the pages left in the output with those made
            every = [name for name in written if name.endswith(".html")]
            start_search_index(folder, every, left=Left(out.resolve(), left)).wait()
        else:  # the site's own templates mark no page: Pagefind indexes every page
            start_search_index(folder).wait()
        if update and not (folder / INDEX_FOLDER).is_dir():  # the index in the output stays
            prefix = INDEX_FOLDER + "/"
            update[0].kept.update(n for n in update[0].listing if n.startswith(prefix))

    def abandon() -> None:  # the build failed, maybe before it waited for Pagefind
        for pending in running:
            pending.stop()

    record = cache / "search.json"
    changed = write_into(out, fill, finish=index, abandon=abandon)
    after = listing_digest(changed) if changed is not None else output_digest(out)
    if searched:
        save_search_record(record, searched[0], after)
    if kept and kept[0] is not None:
        memory.seal(cache, kept[0], saving[0], str(out.resolve()), after)
    if parsed is not None:
        parsed.save()
    if checked is not None:
        checked.save()
    return BuildResult(
        site=site,
        output=out,
        pages=sum(1 for name in written if name.endswith(".html")),
        files=len(written),
        seconds=time.perf_counter() - started,
        warnings=found,
        rendered=sum(counted),
        output_digest=after,
        taken=taken,
    )


def _list_beside(site_dir: Path, output: Path | None) -> Beside[Listed] | None:
    """The output folder's listing, made beside the build while the site loads (0.13 s beside
    0.25 s at 4,000 services), when the command names the folder (else site.yaml names it,
    known once the site is loaded)."""
    if output is None:
        return None
    try:
        check_output_folder(site_dir, output, Origin(str(output)))
    except ContentError:
        return None  # said once the site is loaded, in its place among the messages
    clear_leftovers(output.resolve())  # as the build does: before the output is read
    return Beside(lambda: _listed(output))


Listed = tuple[dict[str, stamp.FileFacts] | None, str]


def _listed(output: Path) -> Listed:
    found = output_listing(output)
    return found, listing_digest(found)


def _parser_version() -> str:
    """What shapes a parsed file besides its bytes: sendsite's code and its libraries."""
    return stamp.code_digest()


def _named_as_partner(organisation: model.Organisation, site: model.Site) -> bool:
    """Whether the site names the organisation as a partner, a body a finding is addressed to, a
    plan's owner or an action's lead, accountable officer or partner: an ICB or a parent carer
    forum runs no services in the directory but belongs in it."""
    named = [link.name for link in site.config.partnership]
    for inspection in site.inspections:
        named += [body for f in inspection.findings for body in f.responsible]
    for plan in site.plans:
        named.append(plan.owner)
        for action in plan.actions:
            named += [*action.leads, *action.partners]
            if action.accountable is not None:
                named.append(action.accountable)
    name = organisation.name.casefold()
    return any(name in text.casefold() for text in named)


def warnings(site: model.Site) -> list[ContentError]:
    """Things that are not wrong but are probably not meant; `--strict` turns them into errors."""
    found = [
        # A build's warnings are of many kinds, so this one says what it is about.
        ContentError(
            s.lines.origin("last_reviewed", s.origin.at(None)), f"the service {message}", hint
        )
        for s in site.active_services
        if s.due_for_review
        for message, hint in [review_warning(s, site.build_date)]
    ]
    found += [
        ContentError(
            o.lines.origin("name", o.origin.at(None)),
            f"the organisation '{o.name}' runs no services",
            "Add services for it, or remove the file if it is no longer needed.",
        )
        for o in site.organisations
        if not o.services and not _named_as_partner(o, site)
    ]
    for key, vocabulary in (
        ("categories", site.taxonomy.categories),
        ("needs", site.taxonomy.needs),
        ("areas", site.taxonomy.areas),
    ):
        found += [
            ContentError(
                Origin("content/taxonomy.yaml", t.origin.line),
                f"no active service uses '{t.id}' from {key}",
                "Tag a service with it, or remove it from the taxonomy.",
            )
            for t in vocabulary.values()
            if not t.services
        ]
    if accessibility_statement_path(site) is None:
        found.append(
            ContentError(
                Origin("site.yaml"),
                "the site has no accessibility statement, which a public sector website must publish",
                "Add an accessibility: section to site.yaml (see the content model), "
                "or write content/pages/accessibility.md.",
            )
        )
    return sorted(found, key=ContentError.sort_key)
