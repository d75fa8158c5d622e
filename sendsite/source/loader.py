"""Load stage: find every content file, read it once, and split it into data and body.

Nothing here knows what fields mean; it only knows where each kind of item lives, what its id
is, and that every file is readable, inside the site folder and named as the content model says.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sendsite.errors import ContentError, ErrorLog, Origin
from sendsite.source.fields import ID_PATTERN
from sendsite.source.history import commit_times
from sendsite.source.paths import Within, outside_site
from sendsite.source.sourcefile import SourceFile, read_source
from sendsite.text import slugify

# Folder under content/ -> the file types it may hold.
COLLECTIONS: dict[str, tuple[str, ...]] = {
    "organisations": (".yaml", ".yml"),
    "services": (".md", ".yaml", ".yml"),
    "inspections": (".md", ".yaml", ".yml"),
    "plans": (".md", ".yaml", ".yml"),
    "news": (".md", ".yaml", ".yml"),
    "feedback": (".yaml", ".yml", ".md"),
    "pages": (".md",),
    "journeys": (".yaml", ".yml"),
}
SINGLE_FILES = ("taxonomy", "glossary")


@dataclass
class Item:
    """One content file: its collection, its id and what it holds."""

    collection: str
    id: str
    source: SourceFile

    @property
    def path(self) -> str:
        return self.source.path


@dataclass
class LoadedContent:
    items: dict[str, list[Item]] = field(default_factory=dict)  # collection -> items by id
    singles: dict[str, SourceFile] = field(default_factory=dict)  # taxonomy, glossary
    assets: list[str] = field(default_factory=list)  # paths under content/assets/
    # collection -> ids of files that exist but could not be read (their mistake is logged), so
    # that references to them are not reported a second time as "no such item"
    unreadable: dict[str, set[str]] = field(default_factory=dict)
    # path under the site folder -> when git last committed a change to it (history.py)
    commit_times: dict[str, dt.datetime] = field(default_factory=dict)


def is_ignored(name: str) -> bool:
    """Editor and system leftovers that are never content (backups, swap files, .DS_Store)."""
    return name.startswith((".", "~", "#")) or name.endswith(("~", ".swp", ".tmp", ".bak"))


Reader = Callable[[Path, str], SourceFile]


def load_content(site_dir: Path, log: ErrorLog, read: Reader = read_source) -> LoadedContent:
    """Find and read every content file; `read` lets the live preview reuse files it has read."""
    content_dir = site_dir / "content"
    loaded = LoadedContent()
    if not content_dir.is_dir():
        log.add(
            Origin("content/"),
            "the site has no content folder",
            "Create a folder called content next to site.yaml (sendsite new makes a starter site).",
        )
        # The other stages still run, so every other mistake is reported in the same run.
        loaded.items = {name: [] for name in COLLECTIONS}
        return loaded
    loaded.commit_times = commit_times(site_dir)
    root = Within(site_dir)
    for entry in sorted(content_dir.iterdir()):
        display = f"content/{entry.name}"
        if is_ignored(entry.name):
            continue
        if not _inside(entry, root, display, log):
            continue
        if entry.is_dir():
            if entry.name == "assets":
                loaded.assets = _assets(entry, root, log)
            elif entry.name in COLLECTIONS:
                loaded.items[entry.name], loaded.unreadable[entry.name] = _collection(
                    entry, entry.name, root, log, read
                )
            else:
                log.add(
                    Origin(display + "/"),
                    f"the folder '{entry.name}' is not one of the content folders",
                    _folder_hint(entry.name),
                )
            continue
        stem, suffix = entry.stem, entry.suffix
        if stem in SINGLE_FILES and suffix in (".yaml", ".yml"):
            if stem in loaded.singles:
                log.add(Origin(display), f"there are two {stem} files", "Keep only one.")
                continue
            source = _read(entry, display, log, read)
            if source is not None:
                loaded.singles[stem] = source
        else:
            log.add(
                Origin(display),
                f"the file '{entry.name}' does not belong directly in content/",
                "Content files belong in a folder such as content/services/; "
                "only taxonomy.yaml and glossary.yaml sit directly in content/.",
            )
    for name in COLLECTIONS:
        loaded.items.setdefault(name, [])
    return loaded


def _folder_hint(name: str) -> str:
    from sendsite.source.wording import did_you_mean

    return did_you_mean(name, [*COLLECTIONS, "assets"], "folders") or (
        "Content folders are: " + ", ".join([*COLLECTIONS, "assets"]) + "."
    )


def _inside(
    entry: str | Path, root: Within, display: str, log: ErrorLog, link: bool | None = None
) -> bool:
    """Refuse links that lead outside the site folder: a build must never publish other files.
    `link`: whether the entry is a link, when its listing has told."""
    try:
        if root(entry, link):
            return True
    except OSError as exc:
        log.add(Origin(display), f"this cannot be read ({exc.strerror})")
        return False
    log.extend([outside_site(display)])
    return False


def _read(file: Path, display: str, log: ErrorLog, read: Reader) -> SourceFile | None:
    try:
        return read(file, display)
    except ContentError as exc:
        log.extend([exc])
    except OSError as exc:
        log.add(
            Origin(display),
            f"this file cannot be read ({exc.strerror})",
            "Check that your account may open it (its permissions), then build again.",
        )
    return None


def _collection(
    folder: Path, name: str, root: Within, log: ErrorLog, read: Reader
) -> tuple[list[Item], set[str]]:
    suffixes = COLLECTIONS[name]
    nested = name == "pages"
    # Plain strings, not Path objects: pathlib's parsing of 4,000 files' paths, several times
    # each, was a third of the time a one-edit build spent here.
    files = _listing(os.fspath(folder), nested)
    items: list[Item] = []
    unreadable: set[str] = set()
    seen: dict[str, str] = {}
    # well-named files by id, so that a badly named one can be told its fixed name is taken
    good_names: dict[str, str] = {}
    for relative, _, _, _ in files:
        stem, suffix = _split_suffix(relative)
        if suffix in suffixes and all(ID_PATTERN.match(part) for part in stem.split("/")):
            good_names[stem] = f"content/{name}/{relative}"
    for relative, full, is_dir, is_link in files:
        display = f"content/{name}/{relative}"
        parts = relative.split("/")
        if any(is_ignored(part) for part in parts):
            continue
        if not _inside(full, root, display, log, is_link):
            continue
        if is_dir:
            if not nested:
                log.add(
                    Origin(display + "/"),
                    f"this is a folder, and content/{name}/ cannot have folders inside it",
                    f"Move the files in it up into content/{name}/.",
                )
            continue
        stem, suffix = _split_suffix(parts[-1])
        if suffix not in suffixes:
            log.add(
                Origin(display),
                f"files in content/{name}/ must end in " + " or ".join(suffixes),
                "Rename the file, or move it to content/assets/ if it is a document or image.",
            )
            continue
        parts[-1] = stem
        bad = next((p for p in parts if not ID_PATTERN.match(p)), None)
        if bad is not None:
            suggested_id = "/".join(slugify(p) for p in parts)
            taken = good_names.get(suggested_id)
            log.add(
                Origin(display),
                f"the name '{bad}' can only use lowercase letters, digits and hyphens",
                f"Rename the file to {suggested_id}{suffix}."
                if taken is None
                else f"The name {suggested_id}{suffix} is taken by {taken}: merge the two "
                "files, or give this one another name.",
            )
            unreadable.add(suggested_id)
            continue
        item_id = "/".join(parts)
        if item_id in seen:
            log.add(
                Origin(display),
                f"two files have the id '{item_id}': {seen[item_id]} and this one",
                "Rename or remove one of them: every item needs its own file name.",
            )
            continue
        seen[item_id] = display
        source = _read(Path(full), display, log, read)
        if source is not None:
            items.append(Item(name, item_id, source))
        else:
            unreadable.add(item_id)
    return items, unreadable


# The path under the folder (posix), the full path, a folder?, a link? (the listing tells, so
# that telling each of 4,000 files inside the site asks no lstat of it: source/paths.py)
Listed = tuple[str, str, bool, bool]


def content_files(root: str) -> list[tuple[str, str]]:
    """Every file under the site's content/ that the loader may read as a content file, by its
    name, as (path, display path); links are left out (the loader refuses those that lead
    outside the site), and so are the files it ignores (is_ignored)."""
    suffixes = {suffix for kinds in COLLECTIONS.values() for suffix in kinds} | {".yaml", ".yml"}
    found: list[tuple[str, str]] = []
    content = os.path.join(root, "content")
    if not os.path.isdir(content):
        return found
    for relative, full, is_dir, is_link in _listing(content, nested=True):
        parts = relative.split("/")
        if is_dir or is_link or any(is_ignored(part) for part in parts):
            continue
        if _split_suffix(parts[-1])[1] in suffixes:
            found.append((full, f"content/{relative}"))
    return found


def _listing(folder: str, nested: bool) -> list[Listed]:
    """Every entry of a folder (of its whole tree when `nested`, as Path.rglob("*") lists it:
    links to folders are not followed, folders that cannot be listed are passed over), in the
    order of sorted Paths: by their parts."""
    found: list[tuple[tuple[str, ...], Listed]] = []
    pending = [("", folder)]
    while pending:
        prefix, at = pending.pop()
        try:
            entries = list(os.scandir(at))
        except PermissionError:
            if not nested:  # Path.iterdir raises it; Path.rglob passes over the folder
                raise
            continue
        for entry in entries:
            relative = prefix + entry.name
            is_dir, is_link = _is_folder(entry), _is_link(entry)
            found.append((tuple(relative.split("/")), (relative, entry.path, is_dir, is_link)))
            if nested and is_dir and not is_link:
                pending.append((relative + "/", entry.path))
    found.sort(key=lambda listed: listed[0])
    return [listed for _, listed in found]


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Path.is_dir: links followed, False when it cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    """os.path.islink: False when it cannot be told."""
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _split_suffix(name: str) -> tuple[str, str]:
    """A file name's stem and suffix, as pathlib splits them ('a.md' -> 'a', '.md')."""
    dot = name.rfind(".")
    slash = name.rfind("/")
    if slash + 1 < dot < len(name) - 1:
        return name[:dot], name[dot:]
    return name, ""


def _assets(folder: Path, root: Within, log: ErrorLog) -> list[str]:
    assets = []
    for file in sorted(folder.rglob("*")):
        relative = file.relative_to(folder).as_posix()
        if any(is_ignored(part) for part in file.relative_to(folder).parts):
            continue
        if not _inside(file, root, f"content/assets/{relative}", log):
            continue
        if file.is_file():
            assets.append(relative)
    return assets
