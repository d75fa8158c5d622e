"""`sendsite check` inside the live preview: each previewed page shows the warnings for its file.

The checks run in a thread of their own on what the preview has just built (its model and its
pages), not on a second load and render of the whole site: the edited page reloads at once, and
its panel of warnings follows. What each file's texts gave is kept between runs (check/memo.py),
so a save checks again only the files it changed, with the records' checks (reviews, contacts,
findings, actions) and the links. Saves that arrive while the checks run are folded into one
more run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from sendsite import model
from sendsite.check.levels import LEVEL_NAMES, count_by_level
from sendsite.check.memo import TextMemo
from sendsite.check.review import Advice, CheckInputs, check_texts
from sendsite.errors import _sentence
from sendsite.publish.background import CoalescingWorker
from sendsite.publish.pipeline import RenderedSite

Taken = tuple[CheckInputs, RenderedSite, model.CheckOptions]
"""What one run of the checks reads, taken from the preview while no rebuild runs."""


class BackgroundChecks:
    """Runs the checks in a thread whenever asked, on what `take` gives (None: the site has a
    mistake, which the error page shows), and hands each result to `done`."""

    def __init__(
        self,
        site_dir: Path,
        take: Callable[[], Taken | None],
        done: Callable[[list[Advice]], None],
        enabled: bool = True,
    ) -> None:
        self.site_dir = site_dir
        self.take = take
        self.done = done
        self.memo = TextMemo()
        self._worker = CoalescingWorker("sendsite-checks", self._check, start=enabled)
        self.request = self._worker.request
        self.wait_idle = self._worker.wait_idle

    def stop(self) -> None:
        """Stop without waiting for a run in progress: its result is of no use any more, and a
        service manager (or `docker stop`) that sent SIGTERM waits for the preview to end."""
        self._worker.stop(timeout=1)

    def _check(self) -> bool:
        taken = self.take()
        if taken is None or self._worker.stopping.is_set():
            return not self._worker.stopping.is_set()
        inputs, rendered, settings = taken
        result = check_texts(inputs, rendered, self.site_dir, settings, self.memo)
        if not self._worker.stopping.is_set():
            self.done(result)
        return True


def advice_by_file(advice: Sequence[Advice]) -> dict[str, tuple[Advice, ...]]:
    grouped: dict[str, list[Advice]] = {}
    for item in advice:
        grouped.setdefault(item.origin.path, []).append(item)
    return {path: tuple(items) for path, items in grouped.items()}


PANEL_STYLESHEET_PATH = "/__sendsite/checks.css"
"""Where the preview serves the panel's styles: a stylesheet, because a Content-Security-Policy
(which hosts send with the site) forbids inline styles, and the preview should show what is
published."""

PANEL_CSS = """\
.sendsite-checks{margin:0;padding:.75rem 1rem;border-bottom:5px solid #b45309;background:#fff7ed;\
color:#0b0c0c;font:1rem/1.5 system-ui,Arial,sans-serif}
.sendsite-checks summary{font-weight:700;cursor:pointer}
.sendsite-checks summary:focus-visible{outline:3px solid #fd0;box-shadow:0 0 0 6px #0b0c0c}
.sendsite-checks ul{margin:.5rem 0 0;padding-left:1.25rem}
.sendsite-checks li{margin:0 0 .5rem}
.sendsite-checks code{font-weight:700;overflow-wrap:anywhere}
.sendsite-checks__level{font-weight:700}
.sendsite-checks__level--must-fix{color:#8a1f11}
.sendsite-checks p{margin:.5rem 0 0}
"""

# Folded to its one-line summary (a <details>, so it opens without JavaScript): on a phone the
# list would fill the first screen of every page. Must fix comes first, as in `sendsite check`.
_PANEL = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """\
<aside class="sendsite-checks" aria-label="Preview only: sendsite check">\
<link rel="stylesheet" href="{{ stylesheet }}">
<details>
<summary>Preview only: {{ advice|length }} {{ "thing" if advice|length == 1 else "things" }} to \
check on this page ({{ counts }})</summary>
<ul>
{% for item in advice %}<li><span class="sendsite-checks__level sendsite-checks__level--{{ item.level }}">\
{{ level_names[item.level] }}:</span> <code>{{ item.origin }}</code> {{ sentence(item.message) }}\
{% if item.hint %} {{ sentence(item.hint) }}{% endif %}</li>
{% endfor %}</ul>
{% if elsewhere %}<p>{{ elsewhere }} more {{ "warning is" if elsewhere == 1 else "warnings are" }} \
in other files: run <code>sendsite check</code> to see them all.</p>{% endif %}
</details>
</aside>
"""
)


def panel(advice: Sequence[Advice], elsewhere: int) -> bytes:
    """The panel shown at the top of a previewed page; nothing when the page has no warnings."""
    if not advice:
        return b""
    ordered = sorted(advice, key=Advice.sort_key)
    counts = ", ".join(str(c) for c in count_by_level(a.level for a in ordered) if c.count)
    return _PANEL.render(
        advice=ordered,
        counts=counts,
        elsewhere=elsewhere,
        sentence=_sentence,
        level_names=LEVEL_NAMES,
        stylesheet=PANEL_STYLESHEET_PATH,
    ).encode("utf-8")
