"""Telling browser tabs to reload: livereload's script and protocol, and which tabs show a page
that changed."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler  # type: ignore[import-untyped]
from tornado import escape

RELOAD_SCRIPT = (
    '<script>(function(){var s=document.createElement("script");'
    's.src="//"+window.location.host+"/livereload.js?port="+(window.location.port||'
    '(window.location.protocol=="https:"?443:80));document.head.appendChild(s);})();</script>'
)


class Clients:
    """Open browser tabs, each with the page it shows; used only on the server's event loop."""

    def __init__(self) -> None:
        self.tabs: dict[ReloadSocket, str] = {}
        # When each page was last sent, and last changed: a tab that loaded a page just before
        # a change, and connects just after the reload was sent, must still be told.
        self.served: dict[str, float] = {}
        self.changed: dict[str, float] = {}
        self.all_changed = 0.0

    def page_sent(self, url_path: str) -> None:
        self.served[page_path(url_path)] = time.monotonic()

    def connect(self, tab: ReloadSocket, url_path: str) -> None:
        shown = page_path(url_path)
        self.tabs[tab] = shown
        changed = max(self.changed.get(shown, 0.0), self.all_changed)
        if changed > self.served.get(shown, 0.0):
            tab.send_message({"command": "reload", "path": shown, "liveCSS": True})

    def reload(self, paths: set[str] | None) -> int:
        """Tell tabs to reload: those showing one of `paths` (URL paths), or every tab."""
        now = time.monotonic()
        if paths is None:
            self.all_changed = now
        else:
            self.changed.update(dict.fromkeys(paths, now))
        told = 0
        for tab, shown in list(self.tabs.items()):
            if paths is not None and shown not in paths:
                continue
            tab.send_message({"command": "reload", "path": shown, "liveCSS": True})
            told += 1
        return told


class ReloadSocket(LiveReloadHandler):  # type: ignore[misc]
    """livereload's protocol handler, keeping its tabs per server rather than per process."""

    def initialize(self, clients: Clients) -> None:
        self.clients = clients

    def check_origin(self, origin: str) -> bool:
        # livereload accepts any origin; a page on another site must not hear this preview.
        return bool(urlsplit(origin).netloc.lower() == self.request.host.lower())

    def on_message(self, message: str | bytes) -> None:
        data = escape.json_decode(message)
        if data.get("command") == "hello":
            self.send_message(
                {
                    "command": "hello",
                    "protocols": ["http://livereload.com/protocols/official-7"],
                    "serverName": "sendsite",
                }
            )
        elif data.get("command") == "info" and "url" in data:
            self.clients.connect(self, urlsplit(str(data["url"])).path)

    def on_close(self) -> None:
        self.clients.tabs.pop(self, None)


def page_path(url_path: str) -> str:
    """One spelling per page: '/a/b/index.html' and '/a/b/' are both '/a/b/'."""
    return url_path.removesuffix("index.html")
