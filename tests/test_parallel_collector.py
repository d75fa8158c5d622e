"""The cyclic garbage collector in a parallel render: paused in the build's own process while
the workers render (what it makes meanwhile is no garbage and lives as long as the build), and
on in every worker, whose templates do make some."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Any

import pytest

from benchmarks.make_site import make_site
from sendsite.publish.build import build
from sendsite.render import parallel
from sendsite.source.cache import collector_paused


def collector_state(index: int) -> tuple[str, bytes]:
    return f"page-{index}", b"on" if gc.isenabled() else b"off"


def test_workers_collect_garbage_though_forked_with_the_collector_paused() -> None:
    if not parallel.can_fork(parallel.PARALLEL_FROM):
        pytest.skip("pages are rendered in one process here")
    with collector_paused():
        pages, _, _ = parallel.render_parallel(
            collector_state, parallel.PARALLEL_FROM, lambda: None
        )
    assert pages is not None and set(pages.values()) == {b"on"}
    assert gc.isenabled()


def test_a_parallel_build_pauses_the_collector_in_its_own_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not parallel.can_fork(parallel.PARALLEL_FROM):
        pytest.skip("pages are rendered in one process here")
    make_site(tmp_path / "site", services=120)
    monkeypatch.setenv("SENDSITE_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[bool] = []
    real = parallel.render_parallel

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "render_parallel", watched)
    result = build(tmp_path / "site", dt.date(2026, 11, 23), tmp_path / "out")
    assert result.pages >= parallel.PARALLEL_FROM
    assert seen == [False]
    assert gc.isenabled()
