"""Replace a file whole: a temporary file beside it, then one rename, so that a reader (a web
server, the preview's watcher, a build) sees the old bytes or the new, never half of them.

Only the standard library is imported here: the build stamp writes with it before the heavy
modules load.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def replace_whole(target: Path, data: bytes) -> None:
    """Write `data` as `target` (its folders made as needed), readable by all as a file in a
    folder one publishes should be."""
    write_whole(target, lambda stream: stream.write(data))


def write_whole(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """As replace_whole, the bytes written by `write` into the open file: a big record is
    written as it is made, never held whole in memory."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".sendsite-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.chmod(temporary, 0o644)  # mkstemp's 0o600 would hide the file from a web server
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
