"""Reading one content file: bytes to text, front matter to data, the rest to a Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sendsite.errors import ContentError, Origin
from sendsite.source.spans import Span
from sendsite.source.yamldoc import CONTROL_CHARACTER, parse_yaml

# Content files are small; anything bigger is a mistake (a pasted export, a binary) and
# would only slow every build down.
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """One content file, read and split: `data` is its YAML, `body` its Markdown (may be empty)."""

    path: str
    data: Any
    body: str
    body_line: int  # the line of the body's first line (blank lines after the front matter skipped)

    @property
    def body_span(self) -> Span | None:
        if not self.body:
            return None
        return Span(self.body_line, self.body_line + self.body.rstrip("\n").count("\n"))


def _megabytes(size: int) -> str:
    """5.2, or 50: never "5 MB, more than the 5 MB"."""
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def read_text(file: Path, display: str) -> str:
    """Read a file as UTF-8 (a byte-order mark is allowed) with Unix line endings."""
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise ContentError(Origin(display), f"this file cannot be read ({exc.strerror})") from None
    if size > MAX_FILE_BYTES:
        raise ContentError(
            Origin(display),
            f"this file is {_megabytes(size)} MB, more than the {_megabytes(MAX_FILE_BYTES)} MB "
            "a content file may be",
            "Split it into smaller files, or move large documents to content/assets/.",
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            Origin(display, line),
            "this file is not saved as UTF-8 text",
            "Save it again with the encoding set to UTF-8.",
        ) from None
    if "\x00" in text:
        raise ContentError(
            Origin(display, text[: text.index("\x00")].count("\n") + 1),
            "this file contains binary data, not text",
            "Content files must be plain text; put other files in content/assets/.",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL_CHARACTER.search(text)
    if control:
        raise ContentError(
            Origin(display, text[: control.start()].count("\n") + 1),
            f"this line has an invisible control character (U+{ord(control.group()):04X})",
            "Delete it: retype the line, or paste the text again as plain text.",
        )
    return text


def read_source(file: Path, display: str) -> SourceFile:
    """Read a `.yaml` data file or a `.md` file with front matter."""
    text = read_text(file, display)
    if file.suffix in (".yaml", ".yml"):
        if not text.strip():
            raise ContentError(Origin(display, 1), "this file is empty", "Add the item's fields.")
        return SourceFile(display, parse_yaml(text, display), "", 0)
    return _split_markdown(text, display)


def _split_markdown(text: str, display: str) -> SourceFile:
    if not text.strip():
        raise ContentError(
            Origin(display, 1),
            "this file is empty",
            "Start it with front matter: a line '---', the fields, and another line '---'.",
        )
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ContentError(
            Origin(display, 1),
            "this file has no front matter",
            "Start the file with a line '---', then the fields (such as title:), then another "
            "line '---' before the text.",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:index])
            data = parse_yaml(front, display, first_line=2)
            body = "\n".join(lines[index + 1 :])
            blank = len(body) - len(body.lstrip("\n"))
            return SourceFile(
                display, data, body.strip("\n") + "\n" if body.strip() else "", index + 2 + blank
            )
    raise ContentError(
        Origin(display, 1),
        "the front matter that starts on line 1 is never closed",
        "Add a line '---' after the last field, before the text.",
    )
