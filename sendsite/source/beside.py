"""Work done in a forked child while this process goes on, on a machine's other core: a one-edit
build is mostly one process's work in series, and some of it needs nothing the rest makes (the
output folder's listing while the site loads; the record of what pages read while the output is
put in place).

The child sends its answer back pickled through a pipe, so work whose answer is small is worth
sending (a listing), and work that writes a file answers whether it did. Where a fork is not safe, or
there is one core, or the child fails for any reason, the work is done in this process when its
answer is asked for: the answer, or the exception, is exactly what it would have been.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a child can run beside this process: it is safe, and there is a core for it."""
    return fork_is_safe() and cores() > 1


def fork_is_safe() -> bool:
    """Fork only on Linux. macOS offers fork but its system libraries are not safe to use in a
    forked child (CPython defaults to spawn there for that reason)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Beside(Generic[T]):
    """`work`, started in a child; `result()` waits for its answer. With `fork=False`, the work
    is done by `result()`, here."""

    def __init__(self, work: Callable[[], T], fork: bool = True) -> None:
        self._work = work
        self._pid = 0
        self._reader = -1
        if not fork or not can_fork():
            return
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: nothing of this process's own clean-up may run here
            code = 1
            try:
                os.close(reader)
                answer = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as stream:
                    stream.write(answer)
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        self._pid, self._reader = pid, reader

    def result(self) -> T:
        """The child's answer; when it failed (or there was none), the work done here."""
        if self._pid:
            answer = self._collect()
            if answer is not None:
                found: T = pickle.loads(answer)
                return found
        return self._work()

    def discard(self) -> None:
        """Wait for the child, if it still runs, and drop its answer (the build failed before it
        asked for it): a long-running caller, the preview, must not be left with children it
        never reaps. It is not killed: a child killed as it writes a file would leave its
        temporary file behind, and none works for long."""
        if self._pid:
            self._collect()

    def _collect(self) -> bytes | None:
        with os.fdopen(self._reader, "rb") as stream:
            answer = stream.read()  # to the end: the child has closed its end, or exited
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        return answer if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else None
