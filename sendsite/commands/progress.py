"""A one-line progress report on a terminal, for builds that take more than a second.

Shown only when the stream is a terminal (never in logs, pipes or CI output), rewritten in place,
and wiped before anything else is printed.
"""

from __future__ import annotations

import time
from typing import TextIO

AFTER_SECONDS = 1.0


class ProgressLine:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.terminal = stream.isatty()
        self.shown = False

    def show(self, done: int, total: int) -> None:
        if not self.terminal or time.monotonic() - self.started < AFTER_SECONDS:
            return
        self.stream.write(f"\rRendering pages: {done:,} of {total:,}\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
