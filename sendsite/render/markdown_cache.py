"""Converted Markdown kept between builds, so an edit to one file does not convert every other
text again (Python-Markdown is most of a page's cost: about 3.6 ms for 800 words).

Each conversion is one file in the site's cache folder (outside the site: publish/stamp.py's
`cache_folder`), in `markdown-<settings>/`, named by a digest of the text. It keeps the costly,
page-independent part (markdown.converted_html); each use finishes it for its page's heading level
and sub-path (markdown.finish_html, a few regular expressions), so a text shown on several pages,
and the links check of `sendsite build`, convert it once; <settings> is a digest of the code and the installed libraries
(source/libraries.py) that shape the HTML, so a new sendsite, Python-Markdown or nh3 never reads an old conversion. Workers
of a parallel build read and write entries themselves (writes are atomic). An entry used by a
build has its time set to that build's; `prune` then removes the entries no build since used.
Deleting the folder only costs speed. Where $SENDSITE_CACHE_DIR puts the cache inside the site
folder (GitLab caches only paths there), an entry is used only if the sanitiser leaves it as it
is, so a planted entry can never add a script; `check` reads the cache and writes nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from sendsite import text
from sendsite.render import markdown as markdown_html
from sendsite.source.cache import cache_folder, write_atomically
from sendsite.source.libraries import installed
from sendsite.source.paths import inside

Convert = Callable[[str], str]  # Markdown -> converted, sanitised HTML (markdown.converted_html)


def site_markdown_cache(site_dir: Path, *, writable: bool = True) -> MarkdownCache:
    """The site's cache of conversions; read only unless `writable`. One in the site folder
    (where $SENDSITE_CACHE_DIR may put it) is not trusted: see the module's notes."""
    folder = cache_folder(site_dir)
    return MarkdownCache(folder, writable=writable, untrusted=inside(folder, site_dir))


def _settings() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for module in (markdown_html, text):
        digest.update(Path(str(module.__file__)).read_bytes())
    for library in installed(("markdown", "nh3")):
        digest.update(library.encode())
    return digest.hexdigest()


_CHECK = 16  # each entry starts with a digest of the rest: a damaged entry is converted again


def _check(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_CHECK).digest()


class MarkdownCache:
    def __init__(
        self,
        cache_folder: Path,
        convert: Convert = markdown_html.converted_html,
        *,
        writable: bool = True,
        untrusted: bool = False,
    ):
        self.folder = cache_folder / f"markdown-{_settings()}"
        self.convert_now = convert
        self.started = time.time_ns()
        self.writable = writable
        self.untrusted = untrusted
        if not writable:
            self.usable = self.folder.is_dir()
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.usable = True
        except OSError:
            self.usable = False  # a folder that cannot be written to only costs speed

    def convert(self, source: str, top: int = 2, base_path: str = "/") -> str:
        """What markdown.markdown_to_html gives."""
        return markdown_html.finish_html(self.converted(source), top, base_path)

    def converted(self, source: str) -> str:
        """What markdown.converted_html gives."""
        if not self.usable:
            return self.convert_now(source)
        key = hashlib.blake2b(source.encode(), digest_size=16)
        entry = self.folder / f"{key.hexdigest()}.html"
        try:
            stored = entry.read_bytes()
            check, data = stored[:_CHECK], stored[_CHECK:]
            if check == _check(data):
                html = data.decode("utf-8")
                if not self.untrusted or markdown_html.sanitise(html) == html:
                    if self.writable:
                        os.utime(entry, ns=(self.started, self.started))
                    return html
        except (OSError, UnicodeDecodeError):
            pass
        html = self.convert_now(source)
        data = html.encode("utf-8")
        if self.writable and write_atomically(entry, _check(data) + data):
            os.utime(entry, ns=(self.started, self.started))
        return html

    def prune(self) -> None:
        """Remove the conversions this build did not use (after a build that succeeded), and any
        folders of other settings."""
        if not self.usable or not self.writable:
            return
        for entry in os.scandir(self.folder):
            try:
                if entry.stat().st_mtime_ns < self.started:
                    os.unlink(entry.path)
            except OSError:
                continue
        for other in self.folder.parent.glob("markdown-*"):
            if other != self.folder:
                shutil.rmtree(other, ignore_errors=True)
