"""The live preview's checks keep what each file's texts gave (check/memo.py) and check again
only the files an edit changed: the warnings are always exactly those of a fresh `sendsite check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sendsite.check.advice import Advice
from sendsite.check.memo import TextMemo
from sendsite.check.review import run_checks
from sendsite.publish.pipeline import load_site, render_site
from tests.conftest import BUILD_DATE, write_tiny_site

DATE = dt.date.fromisoformat(BUILD_DATE)
PORTAGE = "content/services/portage.md"


def checks(root: Path, memo: TextMemo | None) -> list[Advice]:
    site = load_site(root, DATE)
    rendered = render_site(site, root, keep_cache=False)
    return run_checks(site, rendered, root, site.config.checks, memo)


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_checks_again_only_its_file_and_finds_what_a_fresh_check_finds(
    tmp_path: Path,
) -> None:
    root = write_tiny_site(tmp_path / "site")
    memo = TextMemo()
    first = checks(root, memo)
    assert first == checks(root, None)
    files = len(memo.files)
    assert memo.checked == files > 3
    # A hard, long sentence and an unexplained acronym planted in one service's summary.
    edit(
        root,
        PORTAGE,
        "summary: Home visits that help young children with SEND learn through play.",
        "summary: Home visits, commissioned in accordance with the locality's statutory "
        "responsibilities, that help young children with SEND learn through play, with the "
        "PDQ team.",
    )
    second = checks(root, memo)
    assert memo.checked == 1
    assert second == checks(root, None)
    new = [a for a in second if a not in first]
    assert {a.check for a in new} >= {"reading-age", "acronym"}
    assert all(a.origin.path == PORTAGE for a in new)
    # Nothing changed: nothing is checked again.
    assert checks(root, memo) == second and memo.checked == 0


def test_a_glossary_change_checks_every_file_again(tmp_path: Path) -> None:
    root = write_tiny_site(tmp_path / "site")
    memo = TextMemo()
    checks(root, memo)
    glossary = (root / "content/glossary.yaml").read_text(encoding="utf-8")
    (root / "content/glossary.yaml").write_text(
        glossary + "- term: PDQ\n  meaning: A made-up team, for this test.\n", encoding="utf-8"
    )
    after = checks(root, memo)
    assert memo.checked == len(memo.files)
    assert after == checks(root, None)
