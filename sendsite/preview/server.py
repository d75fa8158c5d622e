"""`sendsite serve`: build the site, serve it at its sub-path, and rebuild and reload on every save.

- HTTP and the reload channel run on Tornado with livereload's browser client and protocol
  handler; file events come from watchfiles, which groups a burst of events (an editor saving
  several files, a git checkout) into one batch, and each batch is one incremental rebuild.
- The site is written into a temporary folder that only the preview uses, so previewing never
  touches the published output. A rebuild with a mistake writes nothing: the folder keeps the last
  good pages while every page request gets the error page, and the terminal prints the same.
- Only the browser tabs showing a page that changed are told to reload (all of them when the
  site starts or stops having a mistake).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import shutil
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import tornado.httpserver
import tornado.ioloop
import tornado.web
import watchfiles
from livereload.handlers import LiveReloadJSHandler  # type: ignore[import-untyped]

from sendsite.check.review import Advice, take_inputs
from sendsite.preview.address import PortInUse, bind, is_loopback, own_address_only
from sendsite.preview.checks import (
    PANEL_STYLESHEET_PATH,
    BackgroundChecks,
    Taken,
    advice_by_file,
    panel,
)
from sendsite.preview.editing import Editing
from sendsite.preview.editor_routes import handlers
from sendsite.preview.incremental import IncrementalSite, Rebuild
from sendsite.preview.pages import PanelStyleHandler, SiteHandler
from sendsite.preview.reload import Clients, ReloadSocket, page_path
from sendsite.publish.pipeline import RenderedSite
from sendsite.publish.search_index import BackgroundSearchIndex
from sendsite.render.theme import THEME_DIR
from sendsite.source.loader import is_ignored
from sendsite.text import plural

STEP_MS = 30  # a burst of file events ends after this long without another one
DEBOUNCE_MS = 1600  # but a rebuild never waits longer than this for a burst to end


class PreviewServer:
    """Build, serve, watch and reload. `open()` then `serve()`; `stop()` from any thread."""

    def __init__(
        self,
        site_dir: Path,
        build_date: dt.date,
        host: str = "127.0.0.1",
        port: int = 8000,
        say: Callable[[str], None] = print,
        run_checks: bool = True,
        edit: bool = False,
    ) -> None:
        self.site_dir = site_dir.resolve()
        self.edit = edit  # the browser editor at admin/, saving into the site's folder
        self.host = host
        self.requested_port = port
        self.port = port
        self.say = say
        self.folder = Path(tempfile.mkdtemp(prefix="sendsite-preview-"))
        self.output = self.folder / "site"
        self.site = IncrementalSite(self.site_dir, build_date, self.output)
        self.search_index = BackgroundSearchIndex(self.output, say)
        self.advice: dict[str, tuple[Advice, ...]] = {}  # source file -> its warnings
        self.checks = BackgroundChecks(self.site_dir, self._take_checks, self._checked, run_checks)
        self.checked = threading.Condition()  # notified after each run of the checks
        self.check_runs = 0
        self.clients = Clients()
        self.errors: list[Any] = []
        self.sockets: list[socket.socket] = []
        self.loop: tornado.ioloop.IOLoop | None = None
        self._stop_watching = threading.Event()
        self._rebuilding = threading.Lock()
        self._stopped: asyncio.Event | None = None
        self.ready = threading.Event()
        # For benchmarks and tests: called after each rebuild with the result and tabs told.
        self.on_rebuild: Callable[[Rebuild, int], None] | None = None

    @property
    def url(self) -> str:
        shown = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{shown}:{self.port}{self.site.base_path}"

    def open(self) -> None:
        """Bind the port and build the site once (a mistake is shown, not raised)."""
        listener, self.port = bind(self.host, self.requested_port)
        self.sockets = [listener]
        if self.requested_port and self.port != self.requested_port:
            self.say(f"Port {self.requested_port} is in use, so the preview uses port {self.port}.")
        result = self.site.build()
        self._report(result, first=True)
        self._index_search(result)
        self.checks.request()

    def serve(self) -> None:
        """Run until `stop()` (or Ctrl+C): the web server here, the watcher in a thread."""
        asyncio.run(self._serve())

    def stop(self) -> None:
        self._stop_watching.set()
        loop, stopped = self.loop, self._stopped
        if loop is not None and stopped is not None:
            loop.add_callback(stopped.set)

    def close(self) -> None:
        self.checks.stop()
        self.search_index.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    async def _serve(self) -> None:
        self.loop = tornado.ioloop.IOLoop.current()
        self._stopped = asyncio.Event()
        if threading.current_thread() is threading.main_thread():
            # Stopped by a service manager or `kill`: stop as for Ctrl+C. The loop's own handler,
            # not signal.signal: a signal that lands on another thread must still wake the loop.
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self._stopped.set)
        editor = (
            handlers(
                Editing(
                    self.site_dir,
                    lambda changed: self.rebuild(changed),
                    lambda: self.site.site,
                    lambda: list(self.errors),
                ),
                self.site.base_path,
            )
            if self.edit
            else []
        )
        app = tornado.web.Application(
            own_address_only(
                self.host,
                [
                    *editor,
                    (r"/livereload", ReloadSocket, {"clients": self.clients}),
                    (r"/livereload\.js", LiveReloadJSHandler),
                    (re.escape(PANEL_STYLESHEET_PATH), PanelStyleHandler),
                    (r"/(.*)", SiteHandler, {"preview": self}),
                ],
            ),
            log_function=lambda _handler: None,  # the terminal is for rebuilds, not requests
        )
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(self.sockets)
        watcher = threading.Thread(target=self._watch, name="sendsite-watch", daemon=True)
        watcher.start()
        self.say(f"Serving {self.site_dir.name or self.site_dir} at {self.url}")
        if not is_loopback(self.host):
            self.say(
                f"Warning: --host {self.host} lets other computers on the network see this preview."
            )
        if self.edit:
            self.say(
                f"The editor is at {self.url}admin/: it saves into {self.site_dir / 'content'}."
            )
        self.say("Watching site.yaml, content/, templates/ and the theme. Press Ctrl+C to stop.")
        self.ready.set()
        try:
            await self._stopped.wait()
        finally:
            self._stop_watching.set()
            server.stop()
            await server.close_all_connections()
            watcher.join(timeout=10)

    # --- watching ----------------------------------------------------------------------------------

    def _watch(self) -> None:
        for changes in watchfiles.watch(
            self.site_dir,
            THEME_DIR,
            watch_filter=self._wanted,
            step=STEP_MS,
            debounce=DEBOUNCE_MS,
            stop_event=self._stop_watching,
            raise_interrupt=False,
            rust_timeout=500,
        ):
            self.rebuild(Path(path) for _, path in changes)

    def _wanted(self, _change: watchfiles.Change, path: str) -> bool:
        file = Path(path)
        if is_ignored(file.name):
            return False
        if file.is_relative_to(THEME_DIR):
            return True
        try:
            relative = file.relative_to(self.site_dir)
        except ValueError:
            return False
        if relative.parts and relative.parts[0] in ("content", "templates"):
            return not any(is_ignored(part) for part in relative.parts)
        return relative.as_posix() == "site.yaml"

    def rebuild(self, changed: Iterable[Path]) -> Rebuild:
        """Apply changed files, print what happened, and tell the right tabs to reload."""
        with self._rebuilding:  # the watcher's thread, or a caller's
            had_errors = bool(self.errors)
            result = self.site.update(changed, first=None if had_errors else self._reload_first)
            self._report(result)
        self._index_search(result)
        if not result.errors:
            self.checks.request()
        paths: set[str] | None
        if result.errors or had_errors:
            paths = None  # every tab shows the error page, or stops showing it
        elif any(not f.endswith(".html") for f in [*result.written, *result.removed]):
            paths = None  # a style sheet or asset: reload everything
        else:
            paths = {
                self._url_of(f) for f in [*result.written, *result.removed] if f not in result.first
            }
        if self.loop is not None:
            self.loop.add_callback(self._reload, result, paths)
        return result

    def _take_checks(self) -> Taken | None:
        """What the checks read, taken between rebuilds: the model and the pages as built."""
        with self._rebuilding:
            site = self.site.site
            if self.errors or site is None:
                return None
            output = self.site.output
            rendered = RenderedSite(
                dict(output.pages),
                {target: source for target, (source, _) in output.copies.items()},
            )
            return take_inputs(site, rendered), rendered, site.config.checks

    def _checked(self, advice: list[Advice]) -> None:
        """New check results: tell the tabs whose page's warnings changed to reload."""
        before, self.advice = self.advice, advice_by_file(advice)
        with self.checked:
            self.check_runs += 1
            self.checked.notify_all()
        changed = {f for f in {*before, *self.advice} if before.get(f) != self.advice.get(f)}
        if not changed:
            return
        count = sum(len(items) for items in self.advice.values())
        self.say(f"Checks: {plural(count, 'warning')} (run sendsite check to list them).")
        paths = {
            self._url_of(out)
            for out, route in self.site.routes.items()
            if route.origin.path in changed
        }
        if self.loop is not None and paths:
            self.loop.add_callback(self.clients.reload, paths)

    def page_panel(self, output_file: str) -> bytes:
        """The warnings panel for the page written to `output_file` (empty when it has none)."""
        route = self.site.routes.get(output_file)
        if route is None:
            return b""
        own = self.advice.get(route.origin.path, ())
        elsewhere = sum(
            len(items) for path, items in self.advice.items() if path != route.origin.path
        )
        return panel(own, elsewhere)

    def _index_search(self, result: Rebuild) -> None:
        """The directory's search reads the pages: index them again, after the reload."""
        if not result.errors and any(f.endswith(".html") for f in result.written + result.removed):
            self.search_index.request()

    def _reload_first(self, written: list[str]) -> None:
        """The edited page is on disk: reload its tabs now, before the listing pages are done."""
        if self.loop is not None and written:
            self.loop.add_callback(self.clients.reload, {self._url_of(f) for f in written})

    def _reload(self, result: Rebuild, paths: set[str] | None) -> None:
        told = self.clients.reload(paths)
        if self.on_rebuild is not None:
            self.on_rebuild(result, told)

    def _url_of(self, output_file: str) -> str:
        return page_path(self.site.base_path + output_file)

    # --- the terminal --------------------------------------------------------------------------------

    def _report(self, result: Rebuild, first: bool = False) -> None:
        had_errors = bool(self.errors)
        self.errors = list(result.errors)
        if result.errors:
            for error in result.errors:
                self.say(str(error))
            self.say(
                f"{plural(len(result.errors), 'problem')} found. Every page of the preview shows "
                "them until they are fixed; the last good pages are kept."
            )
            return
        pages = [f for f in result.written if f.endswith(".html")]
        what = ", ".join(result.sources[:3]) + (
            f" and {len(result.sources) - 3} more" if len(result.sources) > 3 else ""
        )
        if first:
            self.say(f"Built {plural(result.rendered, 'page')} in {result.seconds:.2f} s.")
            return
        fixed = " The mistake is fixed." if had_errors else ""
        changed = _list_pages(pages, result.removed)
        self.say(
            f"{what or 'A change'}: rendered {plural(result.rendered, 'page')}"
            f"{' (everything)' if result.everything else ''}, {changed}, "
            f"in {result.seconds:.3f} s.{fixed}"
        )


def _list_pages(written: list[str], removed: list[str]) -> str:
    if not written and not removed:
        return "no page changed"
    shown = [f.removesuffix("index.html") or "/" for f in written[:4]]
    text = f"{plural(len(written), 'page')} changed"
    if shown:
        text += " (" + ", ".join(shown) + (", …" if len(written) > 4 else "") + ")"
    if removed:
        text += f", {plural(len(removed), 'file')} removed"
    return text


def serve(site_dir: Path, build_date: dt.date, host: str, port: int, edit: bool = False) -> int:
    """The `sendsite serve` command; returns the exit code."""
    try:
        preview = PreviewServer(site_dir, build_date, host, port, edit=edit)
    except OSError as exc:  # pragma: no cover - no temporary folder
        print(f"sendsite: cannot make a folder for the preview ({exc.strerror})", file=sys.stderr)
        return 1
    try:
        try:
            preview.open()
        except PortInUse as exc:
            print(f"sendsite: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"sendsite: cannot serve on {host}:{port} ({exc.strerror})", file=sys.stderr)
            return 2
        with contextlib.suppress(KeyboardInterrupt):
            preview.serve()
        print("Stopped.")
        return 0
    finally:
        preview.close()
