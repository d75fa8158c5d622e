"""A template's mistake as its author sees it: the template's file and line, and a template that
uses something that does not exist, said in the content model's words.

Jinja says "'sendsite.model.Service object' has no attribute 'nmae'": a Python class the author
never sees. The author wrote `service.nmae` in a template, and wants to hear that a service has no
field 'nmae', and that they meant 'name'. The message names no page, so that the mistake in a
template every service page uses is reported once, not once a page.
"""

from __future__ import annotations

import dataclasses
import re
import traceback
from collections.abc import Iterable
from pathlib import Path

import jinja2

from sendsite import model
from sendsite.errors import ContentError, Origin
from sendsite.render.routes import Route
from sendsite.render.theme import display_template
from sendsite.source.wording import did_you_mean

_NO_ATTRIBUTE = re.compile(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '([^']+)'$")
_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")


def model_fields(class_name: str) -> list[str] | None:
    """The fields (and derived values) templates can use on a model object, or None."""
    cls = getattr(model, class_name, None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        return None
    names = [f.name for f in dataclasses.fields(cls)]
    names += [n for n, v in vars(cls).items() if isinstance(v, property) and n not in names]
    # Where a value came from is sendsite's bookkeeping, not a field an author writes.
    return [n for n in names if not n.startswith("_") and n not in ("origin", "lines")]


def _noun(class_name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", class_name).lower()
    return ("an " if words[:1] in "aeiou" else "a ") + words


def _written_as(template_line: str, attribute: str) -> str | None:
    """How the template wrote it: `service.nmae` (or `page['nmae']`)."""
    found = re.search(rf"([\w.]+)\.{re.escape(attribute)}\b", template_line) or re.search(
        rf"([\w.]+)\[['\"]{re.escape(attribute)}['\"]\]", template_line
    )
    return f"{found.group(1)}.{attribute}" if found else None


def undefined_message(
    jinja_message: str, filename: str | None, line: int | None, names: Iterable[str] = ()
) -> tuple[str, str]:
    """The message and hint for a Jinja UndefinedError, with a "did you mean"."""
    template_line = _line_of(filename, line)
    attribute = _NO_ATTRIBUTE.match(jinja_message)
    if attribute:
        class_name, name = attribute.groups()
        written = _written_as(template_line, name) or name
        fields = model_fields(class_name)
        if fields is not None:
            return (
                f"this template uses '{written}', but {_noun(class_name)} has no field '{name}'",
                did_you_mean(name, sorted(fields), "fields")
                or "See docs/content-model.md for the fields.",
            )
        if class_name == "dict":
            return (
                f"this template uses '{written}', which is not there",
                "Check the spelling of the name against the theme's templates.",
            )
    undefined = _UNDEFINED.match(jinja_message)
    if undefined:
        name = undefined.group(1)
        close = did_you_mean(name, sorted(n for n in names if not n.startswith("_")))
        return (
            f"this template uses '{name}', which is not defined on the pages it makes",
            close if close.startswith("Did you mean") else "Check the spelling of the name.",
        )
    return (
        f"this template uses something that does not exist ({jinja_message})",
        "Check the spelling of the variable or field name against the theme's templates.",
    )


def _line_of(filename: str | None, line: int | None) -> str:
    if not filename or not line:
        return ""
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[line - 1] if 0 < line <= len(lines) else ""


def template_error(
    exc: jinja2.TemplateError, site_dir: Path, route: Route, names: Iterable[str] = ()
) -> ContentError:
    """Point at the template file and line, as the author sees it."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = display_template(exc.filename or exc.name or "?", site_dir)
        return ContentError(
            Origin(where, exc.lineno),
            f"this template has a syntax error: {exc.message}",
            "Check that every {% ... %} and {{ ... }} is closed and spelled as Jinja expects.",
        )
    filename, line = _template_frame(exc)
    where = display_template(filename, site_dir) if filename else "(template)"
    if isinstance(exc, jinja2.UndefinedError):
        # No page in the message: a mistake in a template many pages use is reported once.
        message, hint = undefined_message(exc.message or "", filename, line, names)
        return ContentError(Origin(where, line), message, hint)
    if isinstance(exc, jinja2.TemplateNotFound):
        return ContentError(
            Origin(where, line) if filename else Origin(f"templates/{exc.name}"),
            f"the template '{exc.name}' does not exist",
            "Check the name in the {% extends %} or {% include %} line.",
        )
    return ContentError(
        Origin(where, line), f"this template failed while making the page {route.path}: {exc}"
    )


def site_template_failure(exc: Exception, site_dir: Path, route: Route) -> ContentError | None:
    filename, line = _template_frame(exc)
    if filename is None:
        return None
    try:
        Path(filename).resolve().relative_to((site_dir / "templates").resolve())
    except ValueError:
        return None
    return ContentError(
        Origin(display_template(filename, site_dir), line),
        f"this template failed while making the page {route.path} ({exc})",
        "Check the calculation or filter on this line.",
    )


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml"))
    ]
    if not frames:
        return None, None
    return frames[-1].filename, frames[-1].lineno
