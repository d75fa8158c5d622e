"""The site's cache folder (outside the site), and writing a file in it whole or not at all.

Only the standard library is imported here: the build stamp uses it before the heavy modules load.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sendsite.source.wholefile import replace_whole

CACHE_FOLDER = ".sendsite-cache"  # where older versions kept the cache, inside the site: never read


def cache_root() -> Path:
    """Where sendsite keeps what it may reuse between builds: $SENDSITE_CACHE_DIR, or the user's
    cache folder ($XDG_CACHE_HOME/sendsite, ~/.cache/sendsite)."""
    configured = os.environ.get("SENDSITE_CACHE_DIR")
    if configured:
        return Path(configured).expanduser().absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sendsite"


def cache_folder(site_dir: Path) -> Path:
    """The cache of one site. It is kept outside the site folder, which the content's authors
    (and a shared drive, a `git add -f` or a CI cache of another branch) can fill: a file planted
    there must not change a page. One folder per site folder, named after its full path."""
    resolved = site_dir.resolve()
    digest = hashlib.blake2b(str(resolved).encode(), digest_size=8).hexdigest()
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in resolved.name)[:40]
    return cache_root() / f"{name or 'site'}-{digest}"


def write_atomically(file: Path, data: bytes) -> bool:
    """Write a cache file whole or not at all (a temporary file, then one rename). A cache that
    cannot be written only costs speed, so failure is an answer (False), not an error."""
    try:
        replace_whole(file, data)
    except OSError:  # a cache folder under a file, or one that cannot be written at all
        return False
    return True


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a big record is pickled or unpickled, or the
    site's files are read: millions of objects are made, none of them garbage, and the collector
    scanning them again and again was most of the time (at 4,000 services, loading the record of
    what pages read took 2.9 s with it, 0.6 s without).

    With `freeze`, every object alive when the block ends is frozen (gc.freeze) before the
    collector is back, so it never scans them: for what lives as long as a build (its model, the
    last build's record; publish/build.py unfreezes them when the build ends). Otherwise the
    first collection after the pause scans every object made during it (at 4,000 services,
    0.25 s after loading the site and 0.17 s after loading the record). Loading makes no cyclic
    garbage to be kept alive by it. The live preview, which runs for hours, never freezes."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


def load_record(file: Path, form: int, version: str) -> dict[Any, Any]:
    """A dict a build kept with `save_record`; empty when the file is missing, damaged, or was
    written in another format or under another version (then every entry is made again)."""
    try:
        with open(file, "rb") as stream, collector_paused():
            kept = pickle.load(stream)
    except Exception:
        return {}
    if not isinstance(kept, tuple) or len(kept) != 3 or kept[:2] != (form, version):
        return {}
    return kept[2] if isinstance(kept[2], dict) else {}


# A big record is written again only when at least one in SPARSE of its entries, or FEW_NEW of
# them, are new or changed: after a one-page edit, writing the parsed files' 22 MB again (4,000
# pages) for one entry was 25 ms of a 650 ms build. An entry not kept only costs the next build
# making it again (reading and parsing a file, finding a text's links), well under a
# millisecond each; and the record kept holds only entries right for what they are keyed by.
FEW_NEW = 16
SPARSE = 256


def worth_saving(before: Mapping[Any, Any], now: Mapping[Any, Any]) -> bool:
    """Whether a record holding `before` is to be replaced by `now`: not when `now` adds or
    changes only a few entries for its size (those it lacks are of files gone or not read,
    which answer no one). A record of fewer than SPARSE entries is written for any."""
    needed = min(FEW_NEW, max(1, len(now) // SPARSE))
    new = 0
    for key, value in now.items():
        if before.get(key, _MISSING) != value:
            new += 1
            if new >= needed:
                return True
    return False


_MISSING = object()


def save_record(file: Path, form: int, version: str, entries: dict[Any, Any]) -> None:
    """Keep `entries` for the next build, under its format and version, replaced whole."""
    with collector_paused():
        data = pickle.dumps((form, version, entries), protocol=5)
    write_atomically(file, data)
