"""What a one-edit build imports: the libraries it does not use on that path stay unimported.

Each was milliseconds of the start of every `sendsite build` (issue 23: a one-edit build of
4,000 pages spent 0.16 s importing); these are the ones a build asks for only when it needs them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import BUILD_DATE, TinySite

# As `sendsite build` runs (cli.run, which ends the process with os._exit), then every module
# the process imported.
_BUILD_AND_LIST = """
import json, sys
from sendsite.cli import main
assert main(["build", sys.argv[1], "--date", sys.argv[2]]) == 0
print(json.dumps(sorted(sys.modules)))
"""

NOT_ON_A_ONE_EDIT_BUILD = (
    "importlib.metadata",  # source/libraries.py; Markdown's extensions given as objects
    "multiprocessing",  # render/parallel.py: no workers for a few pages
    "concurrent.futures",
    "feedgen",  # the Atom feed is taken whole when the news and plans are unchanged
    "lxml",
    "phonenumbers",  # the last build's answers for site.yaml's number (model/checked.py)
)


def _build(site: TinySite, tmp_path: Path) -> set[str]:
    env = {**os.environ, "SENDSITE_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_AND_LIST, str(site.root), BUILD_DATE],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_a_one_page_edit_builds_without_the_libraries_it_does_not_need(
    site: TinySite, tmp_path: Path
) -> None:
    cold = _build(site, tmp_path)
    assert {"feedgen", "markdown", "phonenumbers"} <= cold  # the first build makes every file
    about = site.root / "content/pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    edited = _build(site, tmp_path)
    assert "markdown" in edited  # the edited page is converted
    assert [name for name in NOT_ON_A_ONE_EDIT_BUILD if name in edited] == []
