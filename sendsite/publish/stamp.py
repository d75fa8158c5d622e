"""The build stamp: skip a build whose inputs and output are exactly as the last build left them.

After a successful build, `build.json` in the site's cache folder (source/cache.py: outside the site) records
- a digest of every input: the bytes of site.yaml and of every file under content/ and templates/
  (with their paths; each file's digest kept by its size, time and inode: source/digests.py), the git commit the site is at (the feed's dates come from commits), the build date, the output folder, `--strict`, the version of Python, the
  installed copy of each library that shapes the output (source/libraries.py), and the size and modification time of every file of the
  sendsite package itself (its code and theme);
- a digest of the output folder as that build left it: every file's path, size and modification time;
- what the build printed.
A build that fails leaves the output, and so the stamp, as they were. The next build computes
both digests again; when both match, the output is already what a build would
write (builds are deterministic), so it prints the same report and writes nothing. Any change to
a source file, a template, site.yaml, the taxonomy, the glossary, the date or sendsite itself, or
any file touched in the output, means a full build. The folder is safe to delete at any time.

Only the standard library (and sendsite.source.cache, which needs no more) is imported here, so
the check runs before the heavy modules load.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sendsite.source.cache import cache_folder, write_atomically
from sendsite.source.digests import site_digests
from sendsite.source.libraries import installed

STAMP_FILE = "build.json"
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole sendsite package
# The libraries that shape the output, by their import names (source/libraries.py).
_LIBRARIES = ("jinja2", "markdown", "nh3", "markupsafe", "yaml", "pagefind_bin", "phonenumbers")


@dataclass(frozen=True)
class Stamp:
    inputs: str
    folder: str  # the output folder the build wrote
    output: str
    report: list[str]  # the lines the build printed: "1" + text for stdout, "2" + text for stderr


def inputs_digest(site_dir: Path, output: Path | None, build_date: str, strict: bool) -> str:
    """`output` is the -o folder, or None for site.yaml's (site.yaml is one of the inputs)."""
    digest = hashlib.blake2b(digest_size=20)
    chosen = str(output.resolve()) if output is not None else None
    site = site_dir.resolve()
    digest.update(json.dumps([chosen, strict, settings_digest(site, build_date)]).encode())
    names = ["site.yaml"]
    for folder in ("content", "templates"):
        names += [f"{folder}/{p}" for p in _file_names(site / folder)]
    root = str(site)
    files = site_digests(site, cache_folder(site_dir))
    for name in names:  # plain strings: pathlib's overhead was a third of this
        digest.update(name.encode() + b"\0" + files.digest(os.path.join(root, name)).encode())
    files.save()
    return digest.hexdigest()


def settings_digest(site_dir: Path | None, build_date: str) -> str:
    """Everything besides the site's own files that shapes its pages: the site folder, the
    build date, the git commit, Python's version, the installed libraries and sendsite's files.
    With no site folder (code_digest), only the last three."""
    digest = hashlib.blake2b(digest_size=20)
    site = None if site_dir is None else site_dir.resolve()
    head = None if site is None else _head(site)
    settings = [_FORMAT, str(site), build_date, sys.version, installed(_LIBRARIES), head]
    digest.update(json.dumps(settings).encode())
    for path, stat in _walk(_PACKAGE):
        if "__pycache__" not in path:
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def code_digest() -> str:
    """sendsite's code and theme, Python's version and the installed libraries: what shapes a
    parsed file or a text's links besides its bytes. No git: a build asks for it twice, and
    each `git rev-parse` was a process started."""
    return settings_digest(None, "")


def _head(site: Path) -> str | None:
    """The git commit the site is at: the feed's last_modified comes from commit times
    (source/history.py), so a commit changes the output even when no file's bytes change."""
    try:
        done = subprocess.run(
            ["git", "-C", str(site), "rev-parse", "-q", "--verify", "HEAD"],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.decode("ascii", "replace").strip() if done.returncode == 0 else None


FileFacts = tuple[int, int, int]  # what the output's digest holds of a file: size, mtime_ns, mode


def output_digest(output: Path) -> str:
    return listing_digest(output_listing(output))


def output_listing(output: Path) -> dict[str, FileFacts] | None:
    """Every file of the output folder by its relative path, with the facts its digest holds;
    None when there is no folder. A build that updates the output in place (publish/apply.py)
    changes a copy of this for the files it renamed or removed, so the output's digest after it
    is exact without walking the whole folder again."""
    if not output.is_dir():
        return None
    return {path: file_facts(stat) for path, stat in _files(output).items()}


def file_facts(stat: os.stat_result) -> FileFacts:
    return stat.st_size, stat.st_mtime_ns, stat.st_mode


def listing_digest(listing: dict[str, FileFacts] | None) -> str:
    if listing is None:
        return "(none)"
    digest = hashlib.blake2b(digest_size=20)
    # One update of the joined lines hashes the same bytes as one per file, in half the time.
    lines = [f"{path}\0{s}\0{m}\0{mode}\n" for path, (s, m, mode) in sorted(listing.items())]
    digest.update("".join(lines).encode())
    return digest.hexdigest()


def load(site_dir: Path) -> Stamp | None:
    try:
        data = json.loads((cache_folder(site_dir) / STAMP_FILE).read_text(encoding="utf-8"))
        report = [str(s) for s in data["report"]]
        return Stamp(str(data["inputs"]), str(data["folder"]), str(data["output"]), report)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(site_dir: Path, stamp: Stamp) -> None:
    data = {
        "inputs": stamp.inputs,
        "folder": stamp.folder,
        "output": stamp.output,
        "report": stamp.report,
    }
    write_atomically(cache_folder(site_dir) / STAMP_FILE, json.dumps(data).encode())


def _walk(root: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under `root` (symbolic links followed for files), sorted by relative path."""
    return sorted(_files(root).items(), key=lambda item: item[0])


def _files(root: Path) -> dict[str, os.stat_result]:
    """Every file under `root` by its relative path (symbolic links followed for files), in
    no order: the output's digest sorts its listing once."""
    found: dict[str, os.stat_result] = {}
    for relative, entry in _entries(root):
        try:
            found[relative] = entry.stat()
        except OSError:
            continue
    return found


def _file_names(root: Path) -> list[str]:
    """The relative paths of _files(root), sorted, asking the stat only of links (whether they
    lead to a file): the file digests ask every file's stat anyway, and asking it here too was
    4,000 more calls in a one-edit build."""
    found = []
    for relative, entry in _entries(root):
        if entry.is_symlink():
            try:
                entry.stat()
            except OSError:
                continue
        found.append(relative)
    return sorted(found)


def _entries(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under `root` that is not a folder (links to folders are followed), by its
    relative path; folders that cannot be listed are passed over."""
    if not root.is_dir():
        return
    stack = [("", os.fspath(root))]
    while stack:
        prefix, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                stack.append((prefix + entry.name + "/", entry.path))
                continue
            yield prefix + entry.name, entry
