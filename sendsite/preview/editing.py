"""`sendsite serve --edit`: the browser editor at admin/, saving into the site's own folder.

Decap CMS's "proxy" backend sends each action as a JSON POST to one address; this answers them
as decap-server's local file system backend does, with three differences that matter here:

- only the site's content/ folder can be read or written;
- a save changes only the lines whose values changed (sendsite.source.roundtrip), so saving a
  record unchanged leaves its file exactly as it was;
- a save is built at once: a save that would make a build mistake is undone, and the editor is
  told the mistake in plain words, with the field's label.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tornado.web

from sendsite import model
from sendsite.errors import ContentError
from sendsite.model import schema
from sendsite.preview.incremental import Rebuild
from sendsite.publish.cms import script
from sendsite.publish.cms.admin import admin_page
from sendsite.publish.cms.config import GLOSSARY_KEY, LOCAL_API, config_yaml, decap_config
from sendsite.publish.hosting.policy import admin_content_security_policy
from sendsite.source import roundtrip
from sendsite.source.loader import is_ignored

CONTENT = "content/"
_TEXT_TYPES = (".md", ".yaml", ".yml")
GLOSSARY = schema.GLOSSARY.path


class EditError(Exception):
    """An action the editor may not do, or a save with a mistake: said to the editor."""

    def __init__(
        self, message: str, status: int = 422, fields: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.fields = fields or []  # (the form's label, what is wrong there) for each mistake


class Editing:
    """The editor's view of a site folder. `rebuild(paths)` builds the preview after a save and
    returns the result; `site()` is the preview's model (None before a first good build)."""

    def __init__(
        self,
        site_dir: Path,
        rebuild: Callable[[list[Path]], Rebuild],
        site: Callable[[], model.Site | None],
        errors: Callable[[], list[ContentError]],
    ) -> None:
        self.site_dir = site_dir.resolve()
        self.rebuild = rebuild
        self.site = site
        self.errors = errors

    # --- files --------------------------------------------------------------------------------

    def resolve(self, relative: str, *, media: bool = False) -> Path:
        """A path the editor named, refused unless it is inside content/ (and a text file there,
        unless it is `media`)."""
        clean = relative.replace("\\", "/").lstrip("/")
        parts = clean.split("/")
        if not clean.startswith(CONTENT) or ".." in parts or any(is_ignored(p) for p in parts):
            raise EditError(f"The editor can only change files in content/, not {relative}.", 403)
        path = (self.site_dir / clean).resolve()
        if not path.is_relative_to(self.site_dir / "content"):
            raise EditError(f"The editor can only change files in content/, not {relative}.", 403)
        if not media and path.suffix not in _TEXT_TYPES:
            raise EditError(f"{relative} is not a content file.", 403)
        return path

    def entry(self, relative: str) -> dict[str, Any]:
        path = self.resolve(relative)
        file = {"path": relative}
        if not path.is_file():
            return {"data": None, "file": {**file, "id": None}}
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
        if relative == GLOSSARY:
            text = roundtrip.wrapped_list(text, GLOSSARY_KEY)
        return {"data": text, "file": {**file, "id": hashlib.sha256(raw).hexdigest()}}

    def folder(self, folder: str, extension: str, depth: int) -> list[dict[str, Any]]:
        root = self.resolve(folder.rstrip("/") + "/x.md")
        root = root.parent
        found: list[dict[str, Any]] = []
        if not root.is_dir():
            return found
        for path in sorted(root.rglob("*." + extension.lstrip("."))):
            relative = path.relative_to(self.site_dir).as_posix()
            inner = path.relative_to(root).parts
            if len(inner) > max(depth, 1) or any(is_ignored(p) for p in inner):
                continue
            found.append(self.entry(relative))
        return found

    def media(self, relative: str) -> dict[str, Any]:
        path = self.resolve(relative, media=True)
        raw = path.read_bytes()
        return {
            "id": hashlib.sha256(raw).hexdigest(),
            "content": base64.b64encode(raw).decode("ascii"),
            "encoding": "base64",
            "path": relative,
            "name": path.name,
        }

    def media_folder(self, folder: str) -> list[dict[str, Any]]:
        root = self.resolve(folder.rstrip("/") + "/x", media=True).parent
        if not root.is_dir():
            return []
        return [
            self.media(p.relative_to(self.site_dir).as_posix())
            for p in sorted(root.iterdir())
            if p.is_file() and not is_ignored(p.name)
        ]

    # --- saving ---------------------------------------------------------------------------------

    def new_text(self, relative: str, path: Path, raw: str) -> str:
        """The file to write for what the editor sent: the old file changed only where its values
        changed."""
        old = path.read_text(encoding="utf-8-sig") if path.is_file() else None
        if old is not None:
            old = old.replace("\r\n", "\n")
        if relative == GLOSSARY:
            return roundtrip.updated_list(old, roundtrip.parse_form_data(raw), GLOSSARY_KEY)
        if path.suffix == ".md":
            parts = roundtrip.split_front_matter(raw)
            front, body = parts if parts is not None else ("", raw)
            return roundtrip.updated_markdown(old, roundtrip.parse_form_data(front), body)
        return roundtrip.updated_yaml(old, roundtrip.parse_form_data(raw))

    def save(self, files: list[dict[str, Any]]) -> None:
        """Write what the editor sent and build it; undo it and raise EditError if the build finds
        a mistake that was not there before."""
        before = {str(e) for e in self.errors()}
        undo: list[tuple[Path, bytes | None]] = []
        for data_file in files:
            relative = str(data_file.get("newPath") or data_file["path"])
            path = self.resolve(relative)
            old_path = self.resolve(str(data_file["path"]))
            text = self.new_text(relative, old_path, str(data_file.get("raw", "")))
            undo.append((path, path.read_bytes() if path.is_file() else None))
            _write(path, text.encode("utf-8"))
            if old_path != path and old_path.is_file():
                undo.append((old_path, old_path.read_bytes()))
                old_path.unlink()
        changed = [p for p, _ in undo]
        result = self.rebuild(changed)
        new = [e for e in result.errors if str(e) not in before]
        if not new:
            return
        for path, previous in reversed(undo):
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                _write(path, previous)
        self.rebuild(changed)
        raise EditError(_explain(new, self.site_dir), fields=_at_fields(new, self.site_dir))

    def delete(self, paths: list[str]) -> None:
        targets = [self.resolve(p) for p in paths]
        for target in targets:
            target.unlink(missing_ok=True)
        self.rebuild(targets)

    # --- the admin page -----------------------------------------------------------------------

    def config(self, base_path: str) -> bytes:
        site = self.site()
        if site is None:
            raise EditError(
                "The site has a mistake, so the editor cannot start: "
                + " ".join(str(e) for e in self.errors()[:3]),
                503,
            )
        return config_yaml(decap_config(site, None, local_api=base_path + "admin/" + LOCAL_API))

    def page(self) -> bytes:
        site = self.site()
        if site is None:
            raise EditError("The site has a mistake, so the editor cannot start.", 503)
        local = script.find_local_copy(self.site_dir)
        if local is None:  # sendsite installed without its npm packages: the pinned CDN copy
            return admin_page(site, script.CDN_FOLDER + script.MAIN, script.INTEGRITY, HELPER)
        return admin_page(site, "decap-cms/" + script.MAIN, script.INTEGRITY, HELPER)

    def script_file(self, name: str) -> Path | None:
        local = script.find_local_copy(self.site_dir)
        if local is None or name not in local.files:
            return None
        return local.folder / name


def _write(path: Path, data: bytes) -> None:
    """Replace a file in one step, so the preview's watcher never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sendsite-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _explain(errors: list[ContentError], site_dir: Path) -> str:
    """The mistakes a save made, each with the label of the field it is in."""
    said = []
    for error in errors[:5]:
        label = _field_label(error, site_dir)
        text = f"{error.message[:1].upper()}{error.message[1:]}."
        if error.hint:
            text += " " + error.hint
        said.append(f"{label}: {text}" if label else f"{error.origin}: {text}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "Not saved. " + " ".join(said) + more


def _at_fields(errors: list[ContentError], site_dir: Path) -> list[tuple[str, str]]:
    """Each mistake with the label of its field (empty when it is in none), for the form."""
    found = []
    for error in errors[:5]:
        text = f"{error.message[:1].upper()}{error.message[1:]}."
        found.append((_field_label(error, site_dir), f"{text} {error.hint}".strip()))
    return found


def _field_label(error: ContentError, site_dir: Path) -> str:
    """The form's label of the top-level field on the mistake's line, if it is one."""
    if error.line is None:
        return ""
    kind = next(
        (
            k
            for k in schema.CONTENT_TYPES
            if error.path == k.path or error.path.startswith(k.path + "/")
        ),
        None,
    )
    path = site_dir / error.path
    if kind is None or not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    names = {f.name: f.label for f in kind.fields}
    offset = 1 if lines and lines[0].strip() == "---" else 0
    for number in range(min(error.line, len(lines)), 0, -1):
        line = lines[number - 1]
        key = line.split(":", 1)[0]
        if line[:1] not in (" ", "-", "#", "") and key in names:
            return names[key]
        if number <= offset:
            break
    return ""


HELPER = "sendsite-field-mistakes.js"
# Decap CMS says a refused save in a notice that slides in at the top right and goes after a few
# seconds. This script, served only by the preview, also puts each mistake under the label of its
# field (and one without a field at the top of the form), where it stays until the next save.
FIELD_MISTAKES_SCRIPT = r"""(function () {
  "use strict";
  var shown = [];
  function clear() {
    shown.forEach(function (node) { node.remove(); });
    shown = [];
  }
  function say(text, after) {
    var note = document.createElement("p");
    note.className = "sendsite-field-mistake";
    note.setAttribute("role", "alert");
    note.textContent = text;
    note.style.cssText = "margin:4px 0 8px;padding:8px 12px;border-left:6px solid #b10e1e;" +
      "background:#fdf2f2;color:#6b0710;font:16px/1.4 system-ui,sans-serif;white-space:normal";
    if (after) {
      after.after(note);
    } else {
      note.style.cssText += ";position:fixed;left:16px;right:16px;bottom:16px;z-index:1000";
      document.body.append(note);
    }
    shown.push(note);
  }
  function labelled(text) {
    var wanted = text.trim().toLowerCase();
    return Array.prototype.find.call(document.querySelectorAll("label"), function (label) {
      return label.textContent.trim().toLowerCase() === wanted;
    });
  }
  var original = window.fetch;
  window.fetch = function (resource, init) {
    var body = init && typeof init.body === "string" ? init.body : "";
    var answer = original.apply(this, arguments);
    if (body.indexOf('"action":"persistEntry"') === -1) {
      return answer;
    }
    clear();
    return answer.then(function (response) {
      if (!response.ok) {
        response.clone().json().then(function (data) {
          (data.fields || []).forEach(function (field) {
            var label = field.label ? labelled(field.label) : null;
            say((field.label ? field.label + ": " : "") + field.message, label);
          });
        }).catch(function () {});
      }
      return response;
    });
  };
})();
"""


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
                    target = editing.resolve(str(asset["path"]), media=True)
                    _write(target, base64.b64decode(asset["content"]))
                editing.save(files)
                return {"message": "entry persisted"}
            case "getMedia":
                return editing.media_folder(str(params["mediaFolder"]))
            case "getMediaFile":
                return editing.media(str(params["path"]))
            case "persistMedia":
                asset = params["asset"]
                target = editing.resolve(str(asset["path"]), media=True)
                _write(target, base64.b64decode(asset["content"]))
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
