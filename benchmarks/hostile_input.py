"""How fast hostile files are refused, and how much memory refusing them takes.

    python benchmarks/hostile_input.py [--repeat N]

For each file: the median time to read it and get the error, and the peak memory Python
allocated while doing so (tracemalloc). A billion-laughs file must be refused at its first alias,
a 50 MB file by its size before it is read, and a million nested brackets at the 41st level.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from sendsite.errors import ContentError
from sendsite.source.sourcefile import read_source


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def write_huge(path: Path) -> None:
    with path.open("wb") as file:
        file.write(b"name: Big\n")
        file.truncate(50 * 1024 * 1024)


CASES: dict[str, Callable[[Path], object]] = {  # what each returns is ignored
    "billion laughs (9 levels of 9 aliases)": lambda p: p.write_text(billion_laughs()),
    "50 MB file": write_huge,
    "1,000,000 nested [ brackets": lambda p: p.write_text("name: " + "[" * 1_000_000 + "\n"),
    "100,000 nested - lists": lambda p: p.write_text("- " * 100_000 + "x\n"),
    "4.9 MB of plain fields": lambda p: p.write_text(
        "".join(f"field{i}: some text\n" for i in range(220_000))
    ),
}


def refuse(path: Path) -> str:
    try:
        read_source(path, path.name)
    except ContentError as error:
        return str(error)[:90]
    return "read without error"


def measure(path: Path, repeat: int) -> tuple[float, float, str]:
    """Median seconds over `repeat` runs, then peak megabytes in one more (tracemalloc slows
    allocation, so memory is never measured in a timed run)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        outcome = refuse(path)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    refuse(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 1024 / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, make in CASES.items():
            path = Path(folder) / "case.yaml"
            make(path)
            seconds, megabytes, outcome = measure(path, args.repeat)
            print(f"{name:42} median {seconds * 1000:8.1f} ms  peak {megabytes:7.1f} MB  {outcome}")


if __name__ == "__main__":
    main()
