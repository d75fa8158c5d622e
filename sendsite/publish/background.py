"""A job that runs in a thread (the live preview's search index and checks), never in the way of the next rebuild."""

from __future__ import annotations

import threading
from collections.abc import Callable


class CoalescingWorker:
    """Runs `job` in its own thread each time it is requested; requests that arrive while it
    runs are folded into one more run. `job` returns False to end the thread."""

    def __init__(self, name: str, job: Callable[[], bool], start: bool = True) -> None:
        self.job = job
        self.stopping = threading.Event()
        self.idle = threading.Event()  # set while no run is under way or asked for
        self.idle.set()
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        if start:
            self._thread.start()

    def request(self) -> None:
        with self._lock:
            self.idle.clear()
            self._wanted.set()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no run is under way or asked for (benchmarks and tests)."""
        return self.idle.wait(timeout)

    def stop(self, timeout: float = 30) -> None:
        self.stopping.set()
        self._wanted.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self.stopping.is_set():
                return
            with self._lock:
                self._wanted.clear()
            more = self.job()
            with self._lock:
                if not self._wanted.is_set():
                    self.idle.set()
            if not more:
                return
