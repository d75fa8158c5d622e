"""`sendsite check` inside the live preview: each previewed page shows the warnings for its file.

The checks read every page and load a readability dictionary that takes seconds, so they run
in a separate worker process that lives as long as the preview: the edited page reloads at
once, and its panel of warnings follows when the checks are done (the worker keeps the
dictionary loaded, so later runs are quicker). Saves that arrive while the checks run are
folded into one more run.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import jinja2

from sendsite.check.review import Advice, check_site
from sendsite.errors import ContentError, ContentErrors, _sentence
from sendsite.preview.background import CoalescingWorker


def checks_or_nothing(site_dir: Path, build_date: dt.date) -> list[Advice]:
    """Every warning for the site; none while it has a mistake (the error page shows that)."""
    try:
        return check_site(site_dir, build_date)
    except (ContentError, ContentErrors):
        return []


class BackgroundChecks:
    """Runs the checks in a worker process whenever asked, and hands each result to `done`."""

    def __init__(
        self,
        site_dir: Path,
        build_date: dt.date,
        done: Callable[[list[Advice]], None],
        enabled: bool = True,
    ) -> None:
        self.site_dir = site_dir
        self.build_date = build_date
        self.done = done
        # "spawn": the preview has threads running, which a forked child must not inherit.
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._worker = CoalescingWorker("sendsite-checks", self._check, start=enabled)
        self.request = self._worker.request

    def stop(self) -> None:
        self._worker.stopping.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        processes = getattr(self._pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.terminate()  # a run in progress is of no use any more
        self._worker.stop(timeout=10)

    def _check(self) -> bool:
        try:
            result = self._pool.submit(checks_or_nothing, self.site_dir, self.build_date).result()
        except (BrokenProcessPool, RuntimeError):
            return False  # stopped while the checks ran
        if not self._worker.stopping.is_set():
            self.done(result)
        return True


def advice_by_file(advice: Sequence[Advice]) -> dict[str, tuple[Advice, ...]]:
    grouped: dict[str, list[Advice]] = {}
    for item in advice:
        grouped.setdefault(item.origin.path, []).append(item)
    return {path: tuple(items) for path, items in grouped.items()}


_PANEL = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """\
<aside class="sendsite-checks" aria-labelledby="sendsite-checks-title" style="margin:0;padding:1rem;\
border-bottom:5px solid #b45309;background:#fff7ed;color:#0b0c0c;font:1rem/1.5 system-ui,Arial,sans-serif">
<p id="sendsite-checks-title" style="margin:0 0 .5rem;font-weight:700;font-size:1.1875rem">\
Preview only: {{ advice|length }} {{ "thing" if advice|length == 1 else "things" }} to check on this page</p>
<ul style="margin:0;padding-left:1.25rem">
{% for item in advice %}<li style="margin:0 0 .5rem"><code style="font-weight:700;overflow-wrap:anywhere">\
{{ item.origin }}</code> {{ sentence(item.message) }}{% if item.hint %} {{ sentence(item.hint) }}{% endif %}</li>
{% endfor %}</ul>
{% if elsewhere %}<p style="margin:.5rem 0 0">{{ elsewhere }} more {{ "warning is" if elsewhere == 1 else "warnings are" }} \
in other files: run <code>sendsite check</code> to see them all.</p>{% endif %}
</aside>
"""
)


def panel(advice: Sequence[Advice], elsewhere: int) -> bytes:
    """The panel shown at the top of a previewed page; nothing when the page has no warnings."""
    if not advice:
        return b""
    return _PANEL.render(advice=advice, elsewhere=elsewhere, sentence=_sentence).encode("utf-8")
