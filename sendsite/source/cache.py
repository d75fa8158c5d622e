"""The site's cache folder, and writing a file in it whole or not at all.

Only the standard library is imported here: the build stamp uses it before the heavy modules load.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_FOLDER = ".sendsite-cache"


def write_atomically(file: Path, data: bytes) -> bool:
    """Write a cache file whole or not at all (a temporary file, then one rename). A cache that
    cannot be written only costs speed, so failure is an answer (False), not an error."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, file)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True
