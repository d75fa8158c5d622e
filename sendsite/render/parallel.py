"""Render a big site's pages on every core: forked worker processes each render chunks of the
routes (interleaved, so listing pages and service pages spread evenly) while this process does
other work (the open data files); the pages come back as bytes.

Workers are forked, so they share the model, the templates and the page finisher already in
memory and nothing but the finished pages crosses between processes. Where fork is not available,
or the site is small, or there is one core, the caller renders in this process instead. A chunk
that meets a mistake reports only that it failed: the caller then renders in this process, so the
messages, and their order, are exactly those of a build in one process.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from sendsite.errors import ContentError
from sendsite.source.beside import cores, fork_is_safe

PARALLEL_FROM = 300  # pages; smaller sites render faster in one process than it takes to fork
CHUNKS = 32
T = TypeVar("T")
Render = Callable[[int], tuple[str, bytes]]  # route i -> (file, bytes)
Keep = Callable[[str, bytes], bytes]  # what to send back of a page: its bytes, or b"" if written
Gather = Callable[[list[str]], Any]  # run in a worker after each chunk: what else to send back
Job = tuple[Render, Keep, int, int, Gather | None]

_job: Job | None = None


def workers() -> int:
    """How many processes to render with: the cores this process may use."""
    return cores()


def can_fork(pages: int) -> bool:
    """Render in workers when the site is big enough and fork is safe (source/beside.py);
    elsewhere the pages are rendered in this process, with the same output."""
    return pages >= PARALLEL_FROM and workers() > 1 and fork_is_safe()


# The work is handed to forked workers through a module global (a fork shares memory, and a
# closure cannot be pickled); one render at a time may use it.
_one_at_a_time = threading.Lock()


def render_parallel(
    render: Render,
    count: int,
    side_job: Callable[[], T],
    progress: Callable[[int], None] | None = None,
    keep: Keep = lambda name, data: data,
    gather: Gather | None = None,
) -> tuple[dict[str, bytes] | None, T, list[Any]]:
    """Render routes 0..count-1 in worker processes while `side_job` runs here. Each worker
    passes each page to `keep` and sends back what it returns (a build's workers write the page
    into the staging folder themselves and send back nothing but its name), and after each
    chunk what `gather(the chunk's pages)` returns (what the pages read). Returns the pages
    (None when a chunk met a mistake), what `side_job` returned, and what `gather` did."""
    with _one_at_a_time:
        return _render_parallel(render, count, side_job, progress, keep, gather)


def _render_parallel(
    render: Render,
    count: int,
    side_job: Callable[[], T],
    progress: Callable[[int], None] | None,
    keep: Keep,
    gather: Gather | None,
) -> tuple[dict[str, bytes] | None, T, list[Any]]:
    global _job
    chunks = min(CHUNKS, count)
    _job = (render, keep, chunks, count, gather)
    gathered: list[Any] = []
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
        start = _start_worker
        with ProcessPoolExecutor(workers(), context, initializer=start) as pool:
            futures = [pool.submit(_render_chunk, chunk) for chunk in range(chunks)]
            side = side_job()
            pages: dict[str, bytes] | None = {}
            done = 0
            for future in futures:
                result = future.result()
                if result is None or pages is None:
                    pages = None
                else:
                    part, extra = result
                    pages.update(part)
                    gathered.append(extra)
                    done += len(part)
                if progress is not None:
                    progress(done)
    finally:
        _job = None
    return pages, side, gathered


def _start_worker() -> None:
    """A worker collects the cyclic garbage its renders make (templates make some), even when
    the caller forked it with the collector paused; what it was forked with is frozen, so the
    collector never scans it (nor, scanning, copies its pages of shared memory)."""
    gc.freeze()
    gc.enable()


def _render_chunk(chunk: int) -> tuple[dict[str, bytes], Any] | None:
    assert _job is not None
    render, keep, chunks, count, gather = _job
    pages: dict[str, bytes] = {}
    for index in range(chunk, count, chunks):
        try:
            name, data = render(index)
        except ContentError:
            return None
        pages[name] = keep(name, data)
    return pages, (gather(list(pages)) if gather is not None else None)
