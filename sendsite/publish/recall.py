"""The last build's record of what each page read (publish/memory.py), beside this build's: which
pages must be rendered again, and the record to keep for the next build."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.publish import memory, stamp
from sendsite.publish.memory import Encoded, Memory
from sendsite.publish.parts import Parts
from sendsite.publish.plan import GROUPS, Plan
from sendsite.render.reads import Fingerprint, index_model
from sendsite.render.routes import Route
from sendsite.render.tracking import TrackingEnvironment, route_prints
from sendsite.render.urls import output_file
from sendsite.source.cache import cache_folder


@dataclass
class Recalled:
    """The last build's record (if it can be used) beside this build's."""

    now: Memory
    before: Memory | None
    dirty: set[str] | None  # the pages to render again; None: all
    env: TrackingEnvironment
    routes: dict[str, Route]
    kept: bool = False  # the previous output is as the last build (`before`) left it
    prints: dict[str, Fingerprint] | None = None  # route_prints of `routes`, once taken
    # The parts of the groups that keep them (plan.Group.parts), for made_files to use and fill
    parts: dict[str, Parts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        before = self.before.parts if self.kept and self.before is not None else {}
        for group in GROUPS:
            if group.parts is not None:
                others = group.others(self.now.settings, self.now.inputs)
                kept = before.get(group.name, {})
                self.parts[group.name] = Parts(others, self.now.inputs, kept)

    def kept_files(self) -> list[str]:
        """The made files of the parts taken as the previous output has them."""
        return [name for parts in self.parts.values() for name in parts.files]

    def takeable(self) -> dict[str, list[str]]:
        """The groups of made files (plan.GROUPS) the build may take from the previous output,
        with their files: those made from the same inputs as the last build's."""
        if not self.kept or self.before is None:
            return {}
        taken = {}
        for group in GROUPS:
            key = group.key(self.now.settings, self.now.inputs)
            before = self.before.generated.get(group.name)
            if before is not None and before[0] == key:
                taken[group.name] = before[1]
        return taken

    def record_groups(self, made: dict[str, list[str]], taken: dict[str, list[str]]) -> None:
        """Keep what each group was made from and its files, for the next build."""
        for group in GROUPS:
            files = made.get(group.name, taken.get(group.name))
            if files is not None:
                key = group.key(self.now.settings, self.now.inputs)
                self.now.generated[group.name] = (key, files)
            parts = self.parts.get(group.name)
            if parts is not None:
                # A group taken whole is made from what it was: its parts are the last build's.
                if group.name in taken and self.before is not None:
                    self.now.parts[group.name] = self.before.parts.get(group.name, {})
                else:
                    self.now.parts[group.name] = parts.now

    @property
    def memory_routes(self) -> list[str]:
        return list(self.routes)

    def indexed_among(self, reused: list[str]) -> list[str]:
        """Those of the pages taken from the last build that are in the search index."""
        before = self.before
        return [] if before is None else [name for name in reused if before.pages[name].indexed]

    def remember(self, gathered: list[Encoded], indexed: set[str], reused: list[str]) -> Memory:
        prints = self.prints if self.prints is not None else route_prints(self.env, self.routes)
        memory = self.now
        if self.before is not None and self.dirty is not None:
            memory.table = self.before.table
            memory.pages = {name: self.before.pages[name] for name in reused}
            # Only the reads of the records not taken over may now be made by no page.
            memory.table.unused += sum(
                len(record.reads)
                for name, record in self.before.pages.items()
                if name not in memory.pages
            )
        for encoded in gathered:
            memory.add(encoded, prints, indexed, self.routes)
        memory.compact()
        return memory


def recall(
    site: model.Site,
    site_dir: Path,
    env: TrackingEnvironment,
    plan: Plan,
    shared: dict[str, Any],
    previous: Path | None,
    previous_digest: str | None,
) -> Recalled:
    """This build's record so far, the last build's, and which pages must be rendered again."""
    cache = cache_folder(site_dir)
    now = memory.Memory(
        settings=stamp.settings_digest(site_dir, site.build_date.isoformat()),
        inputs=memory.input_digests(site_dir),
        names=dict(plan.names),
        shared=env.prints(shared),
    )
    routes = {output_file(r.path): r for r in plan.routes}
    # Loaded and used with the collector paused, then frozen, by the caller (publish/pipeline.py).
    before = memory.load(cache)
    dirty = None
    kept = (
        before is not None
        and previous is not None
        and before.output == str(previous.resolve())
        and before.output_digest
        == (previous_digest if previous_digest is not None else stamp.output_digest(previous))
    )
    prints = None
    if kept and before is not None:
        prints = route_prints(env, routes)  # asked again when the record is kept: once will do
        dirty = memory.dirty_pages(before, now, env, routes, index_model(site), prints)
    if dirty is None and before is not None:
        # Every page is rendered again: of the last build's record only the made files' groups
        # are asked (takeable). Its reads and pages (at 4,000 services, ~90 MB of objects when
        # a kept cache builds into a new output) are let go before this build makes its own.
        before = replace(before, table=memory.ReadTable(), pages={}, values={})
    return Recalled(now, before, dirty, env, routes, kept, prints)
