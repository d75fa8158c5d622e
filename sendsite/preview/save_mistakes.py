"""A save the editor's build refused, said where the editor looks: each mistake with the label of
the form's field it is in, and a small script, served only by the preview's admin/, that puts each
message under its field."""

from __future__ import annotations

from pathlib import Path

from sendsite.errors import ContentError
from sendsite.model import schema


def explain(errors: list[ContentError], site_dir: Path) -> str:
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


def at_fields(errors: list[ContentError], site_dir: Path) -> list[tuple[str, str]]:
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
