"""The browser editor's addresses in the preview: admin/'s own files (the page, its configuration,
Decap CMS's script) and Decap CMS's proxy backend, one JSON action a request (preview/editing.py
does each action)."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import tornado.web

from sendsite.preview.editing import EditError, Editing
from sendsite.preview.save_mistakes import FIELD_MISTAKES_SCRIPT, HELPER
from sendsite.publish.cms.config import LOCAL_API
from sendsite.publish.hosting.policy import admin_content_security_policy


class AdminHandler(tornado.web.RequestHandler):
    """admin/ (the page), admin/config.yml and admin/decap-cms/*: the editor's own files, served
    even while the site has a mistake, so that the editor can fix it."""

    def initialize(self, editing: Editing, base_path: str) -> None:
        self.editing = editing
        self.base_path = base_path

    def get(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")
        # The published admin/ page's policy, so that the preview shows what hosting allows.
        self.set_header("Content-Security-Policy", admin_content_security_policy())
        try:
            if path in ("", "index.html"):
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(self.editing.page())
            elif path == HELPER:
                self.set_header("Content-Type", "text/javascript; charset=utf-8")
                self.finish(FIELD_MISTAKES_SCRIPT)
            elif path == "config.yml":
                self.set_header("Content-Type", "text/yaml; charset=utf-8")
                self.finish(self.editing.config(self.base_path))
            elif path.startswith("decap-cms/"):
                file = self.editing.script_file(path.removeprefix("decap-cms/"))
                if file is None:
                    raise tornado.web.HTTPError(404)
                kind = "application/wasm" if file.suffix == ".wasm" else "text/javascript"
                self.set_header("Content-Type", kind)
                self.finish(file.read_bytes())
            else:
                raise tornado.web.HTTPError(404)
        except EditError as exc:
            self.set_status(exc.status)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(str(exc))


class ApiHandler(tornado.web.RequestHandler):
    """Decap CMS's proxy backend: one JSON action a request."""

    def initialize(self, editing: Editing) -> None:
        self.editing = editing

    def check_xsrf_cookie(self) -> None:
        """Another web site's page must not write into the site's folder: only JSON (which a page
        elsewhere cannot send without the browser asking this server first, and being refused)
        from this server's own pages."""
        kind = self.request.headers.get("Content-Type", "")
        origin = self.request.headers.get("Origin")
        host = self.request.headers.get("Host", "")
        if not kind.startswith("application/json") or (
            origin is not None and origin.split("://", 1)[-1] != host
        ):
            raise tornado.web.HTTPError(403)

    async def post(self) -> None:
        self.check_xsrf_cookie()
        try:
            body = json.loads(self.request.body or b"{}")
            params = body.get("params") or {}
            answer = await asyncio.get_running_loop().run_in_executor(
                None, self.answer, str(body.get("action")), params
            )
        except EditError as exc:
            self.set_status(exc.status)
            answer = {"error": str(exc)}
            if exc.fields:
                answer["fields"] = [{"label": lab, "message": said} for lab, said in exc.fields]
        except (ValueError, KeyError, TypeError) as exc:
            self.set_status(422)
            answer = {"error": f"The editor sent something sendsite cannot read ({exc})."}
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(answer))

    def answer(self, action: str, params: dict[str, Any]) -> Any:
        editing = self.editing
        match action:
            case "info":
                return {
                    "repo": editing.site_dir.name,
                    "publish_modes": ["simple"],
                    "type": "local_fs",
                }
            case "entriesByFolder":
                return editing.folder(
                    str(params["folder"]), str(params["extension"]), int(params.get("depth", 1))
                )
            case "entriesByFiles":
                return [editing.entry(str(f["path"])) for f in params["files"]]
            case "getEntry":
                return editing.entry(str(params["path"]))
            case "persistEntry":
                files = params.get("dataFiles") or [params["entry"]]
                for asset in params.get("assets") or []:
                    editing.put_media(str(asset["path"]), str(asset["content"]))
                editing.save(files)
                return {"message": "entry persisted"}
            case "getMedia":
                return editing.media_folder(str(params["mediaFolder"]))
            case "getMediaFile":
                return editing.media(str(params["path"]))
            case "persistMedia":
                asset = params["asset"]
                editing.put_media(str(asset["path"]), str(asset["content"]))
                return editing.media(str(asset["path"]))
            case "deleteFile":
                editing.delete([str(params["path"])])
                return {"message": "deleted"}
            case "deleteFiles":
                editing.delete([str(p) for p in params["paths"]])
                return {"message": "deleted"}
            case "getDeployPreview":
                return None
        raise EditError(f"The local editor does not do '{action}'.")


def handlers(editing: Editing, base_path: str) -> list[Any]:
    """The editor's routes, to go before the site's own."""
    admin = re.escape(base_path + "admin/")
    return [
        (admin + re.escape(LOCAL_API), ApiHandler, {"editing": editing}),
        (admin + "(.*)", AdminHandler, {"editing": editing, "base_path": base_path}),
    ]
