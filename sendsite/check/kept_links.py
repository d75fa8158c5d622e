"""The links and images each text's Markdown makes, kept between builds in `<cache>/links.pickle`,
so that after an edit the build's links check reads only the texts that changed (on a 4,000-page
site, finding every page's links took 2 of the 5 s a one-page edit took under cProfile).

Keyed by a digest of the text, under sendsite's code and its libraries' versions (what shapes a
conversion and its reading), so another version reads nothing kept. Only the texts this build
read are kept. Like every pickle of the build, never read or written where the cache is inside
the site folder, which the content's authors control.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from sendsite.check.links import Links, links_in
from sendsite.publish.stamp import code_digest
from sendsite.source.cache import cache_folder, load_record, save_record, worth_saving
from sendsite.source.paths import inside

FILE = "links.pickle"
_FORM = 1


class KeptLinks:
    """`links_of(text)` as check_links asks it, from the last build's record where it can."""

    def __init__(self, site_dir: Path, converted: Callable[[str], str]) -> None:
        cache = cache_folder(site_dir)
        self._file = None if inside(cache, site_dir) else cache / FILE
        self._version = code_digest()
        self._converted = converted
        self._kept = load_record(self._file, _FORM, self._version) if self._file else {}
        self._used: dict[bytes, Links] = {}

    def links_of(self, text: str) -> Links:
        key = hashlib.blake2b(text.encode(), digest_size=16).digest()
        found = self._used.get(key) or self._kept.get(key)
        if found is None:
            found = links_in(text, self._converted)
        self._used[key] = found
        return found

    def save(self) -> None:
        """Keep what this build read (a record that cannot be written only costs speed)."""
        if self._file is not None and worth_saving(self._kept, self._used):
            save_record(self._file, _FORM, self._version, self._used)
