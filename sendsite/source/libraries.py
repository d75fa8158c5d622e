"""Which copy of each library is installed, for the digests that keep a build's work between
builds (publish/stamp.py's stamp and code digest, render/markdown_cache.py's folder).

Each library is told by its package's first file (`__init__.py`): its path, size, modification
time and inode, as the stamp tells sendsite's own files. Installing, upgrading or removing a
library writes its files anew (pip and uv alike), so another version is another digest; the same
version installed again is one too, which costs only one build's speed. The versions were read
with importlib.metadata before: importing it takes in the email package, and each version parses
the library's METADATA file, 15 ms of the 0.16 s a one-edit build spent importing. Finding a
package's file imports nothing of it.
"""

from __future__ import annotations

import functools
import importlib.util
import os


@functools.cache  # a process runs the libraries it imported, whatever is installed later
def installed(modules: tuple[str, ...]) -> tuple[str, ...]:
    """One line for each of `modules` (top-level import names) that is installed."""
    found = []
    for name in modules:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.origin is None:
            continue
        try:
            stat = os.stat(spec.origin)
        except OSError:
            continue
        found.append(f"{name}\0{spec.origin}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}")
    return tuple(found)
