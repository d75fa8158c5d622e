"""The bad-input corpus (cases.py): one planted fault per case, each refused with its exact
message, exit code 1, no traceback, and the previous output left byte for byte as it was."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sendsite.cli import main
from tests.bad_input.cases import CASES as FIRST_ROUND
from tests.bad_input.cases import NO_LINE, Case, Works
from tests.bad_input.cases import WORKS as FIRST_ROUND_WORKS
from tests.bad_input.cases_round_two import ROUND_TWO, ROUND_TWO_WORKS
from tests.bad_input.conftest import build, copy_site, snapshot, source_state
from tests.conftest import BUILD_DATE

# `path:line: Message. Fix.` (or `path: Message.` for a fault that is the file itself)
CASES = [*FIRST_ROUND, *ROUND_TWO]
WORKS = [*FIRST_ROUND_WORKS, *ROUND_TWO_WORKS]
_ERROR_LINE = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: [A-Z'\"]")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input_is_refused_and_the_previous_site_kept(
    case: Case, good_site: Path, tmp_path: Path
) -> None:
    root = copy_site(good_site, tmp_path)
    output = root / "_site"
    before, folder_id = snapshot(output), output.stat().st_ino
    for step in case.steps:
        step.apply(root)
    entries, sources = sorted(os.listdir(root)), source_state(root)
    code, err = build(root, *case.args)
    assert code == 1, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.endswith("has not been changed.")]
    assert lines == [line.replace("{site}", str(root)) for line in case.expected]
    for line in lines:
        match = _ERROR_LINE.match(line)
        assert match is not None, line
        assert match["line"] is not None or case.id in NO_LINE, f"no line number in {line!r}"
    assert err.splitlines()[-1].endswith("The previous output has not been changed.")
    assert snapshot(output) == before
    assert output.stat().st_ino == folder_id  # not even swapped for an identical copy
    assert sorted(os.listdir(root)) == entries  # no temporary folders left beside it
    assert source_state(root) == sources  # the author's files untouched


def test_the_corpus_covers_the_issue() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)) >= 60
    assert set(ids) >= NO_LINE
    for needed in (
        "yaml-tab-indent-front-matter",
        "yaml-unclosed-double-quote",
        "yaml-bad-indentation-dedent",
        "yaml-duplicate-key",
        "front-matter-never-closed",
        "body-only",
        "text-given-list",
        "date-given-text",
        "whole-number-given-quoted",
        "whole-number-given-on",
        "boolean-given-quoted-yes",
        "date-impossible-day",
        "empty-markdown-file",
        "not-utf8-latin1",
        "file-name-with-space",
        "file-name-with-capitals",
        "ids-collide-after-normalising-case",
        "missing-organisation",
        "circular-previous-chain",
        "yaml-billion-laughs",
        "file-of-50-mb",
        "yaml-deep-nesting-flow",
        "symlink-file-outside-site",
        "file-name-with-dot-dot",
        "template-syntax-error",
        "template-unknown-variable",
    ):
        assert needed in ids


@pytest.mark.parametrize("case", WORKS, ids=str)
def test_odd_but_valid_input_builds(case: Works, good_site: Path, tmp_path: Path) -> None:
    root = copy_site(good_site, tmp_path)
    for step in case.steps:
        step.apply(root)
    code, err = build(root)
    assert code == 0, err
    page = root / "_site" / case.page.strip("/") / "index.html"
    text = " ".join(
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ").split()
    )
    assert case.text in text


@pytest.mark.parametrize(
    "fault",
    [
        # libyaml's own composer recursed on this and crashed the interpreter outright.
        ("content/organisations/testshire-council.yaml", "name: " + "[" * 1_000_000 + "\n"),
        (
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}{{ page.title / 2 }}{% endblock %}\n',
        ),
    ],
    ids=["million-brackets", "template-runtime-error"],
)
def test_the_command_prints_no_traceback(
    fault: tuple[str, str], good_site: Path, tmp_path: Path
) -> None:
    root = copy_site(good_site, tmp_path)
    before = snapshot(root / "_site")
    path = root / fault[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fault[1], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "sendsite", "build", str(root), "--date", BUILD_DATE],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(fault[0] + ":")
    assert snapshot(root / "_site") == before


@pytest.mark.parametrize(
    "case", [c for c in CASES if not c.id.startswith("output-")], ids=str
)  # `check` writes nothing, so the output folder is no concern of it
def test_check_reports_the_same_mistakes(case: Case, good_site: Path, tmp_path: Path) -> None:
    root = copy_site(good_site, tmp_path)
    for step in case.steps:
        step.apply(root)
    err, out = StringIO(), StringIO()
    with redirect_stderr(err), redirect_stdout(out):
        code = main(["check", str(root), "--date", BUILD_DATE])
    printed = (err.getvalue() + out.getvalue()).splitlines()
    assert code == 1
    assert "Traceback" not in err.getvalue()
    for line in case.expected:
        assert line.replace("{site}", str(root)) in printed
