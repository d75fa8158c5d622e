"""`sendsite serve --edit`: the browser editor at admin/, saving into the site's own folder.

Decap CMS's "proxy" backend sends each action as a JSON POST to one address
(preview/editor_routes.py); this does them as decap-server's local file system backend does,
with three differences that matter here:

- only the site's content/ folder can be read or written;
- a save changes only the lines whose values changed (sendsite.source.roundtrip), so saving a
  record unchanged leaves its file exactly as it was;
- a save is built at once: a save that would make a build mistake is undone, and the editor is
  told the mistake in plain words, with the field's label.

How a refused save is said, at the form's fields, is preview/save_mistakes.py.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sendsite import model
from sendsite.errors import ContentError
from sendsite.model import schema
from sendsite.preview.incremental import Rebuild
from sendsite.preview.save_mistakes import HELPER, at_fields, explain
from sendsite.publish.cms import script
from sendsite.publish.cms.admin import admin_page
from sendsite.publish.cms.config import GLOSSARY_KEY, LOCAL_API, config_yaml, decap_config
from sendsite.source import roundtrip
from sendsite.source.loader import is_ignored
from sendsite.source.wholefile import replace_whole

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

    def put_media(self, relative: str, content: str) -> None:
        """Write a media file the editor sent (base64), inside content/."""
        replace_whole(self.resolve(relative, media=True), base64.b64decode(content))

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
            replace_whole(path, text.encode("utf-8"))
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
                replace_whole(path, previous)
        self.rebuild(changed)
        raise EditError(explain(new, self.site_dir), fields=at_fields(new, self.site_dir))

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
