"""What a build imports: a one-edit build is mostly its process's start, so the modules only a
few pages or `sendsite check` use are imported when they are used, not by every build."""

from __future__ import annotations

import subprocess
import sys

# xml.sax.saxutils imports urllib.request, and so ssl and http.client (render/charts.py);
# textstat is the text checks' (check/jargon.py), which a build never runs.
NOT_AT_START = ("xml.sax.saxutils", "urllib.request", "ssl", "textstat")


def test_the_build_modules_leave_the_few_pages_and_the_checks_modules_unloaded() -> None:
    code = (
        "import sys\n"
        "import sendsite.cli, sendsite.commands.build, sendsite.publish.build\n"
        "import sendsite.check.review\n"
        f"print(' '.join(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []
