"""The README is a newcomer's first page: its code blocks must render as code, and its two set-up
commands must name files that exist and be the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def code_blocks(text: str) -> list[list[str]]:
    """The fenced blocks of a Markdown text, as CommonMark pairs their fences."""
    blocks: list[list[str]] = []
    opened: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if opened is None:
            if match:
                opened = match.group(1)
                blocks.append([])
            continue
        if match and match.group(1)[0] == opened[0] and len(match.group(1)) >= len(opened):
            assert not match.group(2).strip(), (
                f"README.md:{number}: a closing fence has text after it"
            )
            opened = None
        else:
            blocks[-1].append(line)
    assert opened is None, "README.md: the last code block is never closed"
    return blocks


def test_every_code_fence_in_the_readme_is_closed_and_prose_is_not_code() -> None:
    for block in code_blocks(README):
        # A heading inside a block means a fence went missing above it.
        assert not any(line.startswith("## ") for line in block), block[:3]


def test_the_fence_check_finds_a_missing_fence() -> None:
    broken = "```\nsendsite build\n```\nWords.\nsendsite serve\n```\n\n## Next\n"
    blocks = code_blocks(broken + "```\n")
    assert any("## Next" in line for block in blocks for line in block)


def test_the_readme_opens_with_the_two_set_up_commands_and_ci_runs_the_second() -> None:
    first = code_blocks(README)[0]
    assert len(first) == 2, first
    main_job, tests = first
    assert "sendsite serve" in main_job and "requirements/runtime.txt" in main_job
    assert tests.endswith("# run the tests") or "# run the tests" in tests
    assert "# run the tests" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for path in (
        "requirements/runtime.txt",
        "requirements/test.txt",
        "scripts/test",
        "scripts/lock",
    ):
        assert (ROOT / path).is_file(), path
