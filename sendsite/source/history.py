"""When each content file last changed, from git, for the feed's `last_modified`.

A site kept in git knows when each file last changed: the time of the last commit that changed
it. That is deterministic for the same repository (unlike a file's modification time, which a
fresh checkout resets), so the same sources give the same dates in every build and on every
machine. A file with changes not yet committed, or not in git at all, has no time here: the
build then uses its own date, since what it publishes differs from any commit (or the date the
previous build published for the record, when its content is the same: publish/openreferral).

One `git log` and two listings of changed files, whatever the number of files: a site with
4,000 services is not asked 4,000 times. A shallow clone (CI's default depth of 1) knows only
its last commit, so every file would seem to change in it: sendsite's starter CI files fetch
the whole history.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

_FOLDERS = ("content",)


def _git(site_dir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(site_dir), *args],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def commit_times(site_dir: Path) -> dict[str, dt.datetime]:
    """Path under the site folder ('content/services/portage.md') -> the time (UTC) of the last
    commit that changed it, for files committed and unchanged since; {} outside git."""
    if shutil.which("git") is None or _git(site_dir, "rev-parse", "--verify", "-q", "HEAD") is None:
        return {}
    log = _git(
        site_dir, "log", "--relative", "--no-renames", "--format=%x00%ct", "--name-only",
        "--", *_FOLDERS,
    )  # fmt: skip
    if log is None:
        return {}
    times: dict[str, dt.datetime] = {}
    when: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            when = dt.datetime.fromtimestamp(int(line[1:]), dt.UTC)
        elif line and when is not None:
            times.setdefault(line, when)  # newest first: the first time seen is the last change
    changed = _git(site_dir, "diff", "--relative", "--name-only", "HEAD", "--", *_FOLDERS)
    untracked = _git(site_dir, "ls-files", "--others", "--exclude-standard", "--", *_FOLDERS)
    for listing in (changed, untracked):
        if listing is None:
            return {}
        for name in listing.splitlines():
            times.pop(name, None)
    return times
