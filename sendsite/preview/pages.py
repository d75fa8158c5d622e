"""Answering a browser: the site's files under its sub-path (each HTML page with the reload
script and its panel of warnings), the error page while the site has a mistake, and the panel's
stylesheet."""

from __future__ import annotations

import mimetypes
from typing import TYPE_CHECKING

import tornado.web

from sendsite.preview.checks import PANEL_CSS
from sendsite.preview.errorpage import error_page
from sendsite.preview.reload import RELOAD_SCRIPT
from sendsite.source.paths import inside

if TYPE_CHECKING:
    from sendsite.preview.server import PreviewServer


class PanelStyleHandler(tornado.web.RequestHandler):
    """The stylesheet of the preview's panel of warnings."""

    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(PANEL_CSS)


def page_segments(relative: str) -> list[str] | None:
    """The folders and file of a path below the site's sub-path, or None if it is not a page's
    path. Checked before anything touches the disk: joining '/etc' or '../' to the output
    folder would leave it, and answering differently for folders that exist would tell a
    page on another site which folders this computer has."""
    segments = relative.split("/")
    if segments and segments[-1] == "":
        segments.pop()  # a trailing slash: the folder's index page
    for segment in segments:
        if segment in ("", ".", "..") or "\\" in segment or "\0" in segment or ":" in segment:
            return None
    return segments


class SiteHandler(tornado.web.RequestHandler):
    """The site's files under its sub-path; the error page instead while there is a mistake."""

    def initialize(self, preview: PreviewServer) -> None:
        self.preview = preview

    def get(self, path: str) -> None:
        preview = self.preview
        url_path = "/" + path
        base = preview.site.base_path
        if preview.errors:
            self._send(error_page(preview.errors), "text/html", status=500)
            return
        if not url_path.startswith(base):
            if url_path == "/" or url_path.rstrip("/") == base.rstrip("/"):
                self.redirect(base)
                return
            self._not_found()
            return
        segments = page_segments(url_path[len(base) :])
        if segments is None:  # '..', '//', a backslash: never a page, and never looked for
            self._not_found()
            return
        file = preview.output.joinpath(*segments)
        if not segments or url_path.endswith("/"):
            file = file / "index.html"
        elif inside(file, preview.output) and file.is_dir():
            self.redirect(base + "/".join(segments) + "/")
            return
        if not inside(file, preview.output) or not file.is_file():
            self._not_found()
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = file.read_bytes()
        if kind == "text/html":
            found = preview.page_panel(file.relative_to(preview.output).as_posix())
            body = body.replace(b"<body>", b"<body>\n" + found, 1) if found else body
        self._send(body, kind)

    def head(self, path: str) -> None:
        self.get(path)

    def _not_found(self) -> None:
        page = self.preview.output / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title>"
        self._send(body, "text/html", status=404)

    def _send(self, body: bytes, kind: str, status: int = 200) -> None:
        if kind == "text/html":
            body = body.replace(b"</head>", RELOAD_SCRIPT.encode() + b"</head>", 1)
            self.preview.clients.page_sent(self.request.path)
            kind = "text/html; charset=utf-8"
        elif kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.finish(body)
