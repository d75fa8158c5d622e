"""docs/architecture.md lists every module of the package with its job: a newcomer's map, kept
true by this test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "architecture.md"
ROW = re.compile(r"^\| `(sendsite/[^`]+\.py)` \| (.*) \|$")


def listed_modules(text: str) -> dict[str, str]:
    """Each module the page's table names, with its job."""
    return {match[1]: match[2] for match in map(ROW.match, text.splitlines()) if match}


def test_every_module_is_listed_once_with_its_job_and_every_listed_module_exists() -> None:
    text = PAGE.read_text(encoding="utf-8")
    listed = listed_modules(text)
    rows = [line for line in text.splitlines() if ROW.match(line)]
    assert len(rows) == len(listed), "docs/architecture.md lists a module twice"
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "sendsite").rglob("*.py")}
    missing = sorted(modules - set(listed))
    assert not missing, f"add these modules to docs/architecture.md, with their job: {missing}"
    gone = sorted(set(listed) - modules)
    assert not gone, f"docs/architecture.md lists modules that no longer exist: {gone}"
    assert all(job.strip() for job in listed.values())


def test_the_table_reader_sees_a_module_row_and_ignores_prose() -> None:
    text = "| `sendsite/a.py` | reads a |\n`sendsite/b.py` is mentioned\n| **a** | |\n"
    assert listed_modules(text) == {"sendsite/a.py": "reads a"}
