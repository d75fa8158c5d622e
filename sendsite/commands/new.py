"""`sendsite new DIR`: a complete, working site for another local area to start from.

The starter (sendsite/starter/, shipped in the package) is a small site that builds with
--strict and passes `sendsite check --strict`: one file of each content type with comments
saying what each field is for, a templates/ override, a .gitignore, and CI files that publish
the site on every change. Names are put in where the starter says __AREA__, __TITLE__,
__BASE_URL__, and dates where it says __TODAY__ or __DATE+N__/__DATE-N__ (days from today).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlsplit

from sendsite import __version__

DEFAULT_BASE_URL = "https://localoffer.example.org/"
# A leading 'dot-' in the package stands for '.': packaged data leaves out hidden files.
_DOT = "dot-"
_DATE = re.compile(r"__DATE([+-]\d+)__")
# Letters (any alphabet), then letters, spaces and the punctuation of place names.
_AREA = re.compile(r"^[^\W\d_][^\W_]*(?:[ '’.,&()-]+[^\W_]+)*[.)]?$")
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in range(1, 10)]
    + [f"lpt{n}" for n in range(1, 10)]
)
_BAD_FOLDER_CHARACTERS = set('<>:"|?*\\')


class NewSiteRefused(Exception):
    """`sendsite new` was asked for something it will not do: one sentence, exit code 2."""


@dataclass
class NewSite:
    folder: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existing files left as they were (--force)


def check_folder(folder: Path, force: bool) -> None:
    name = folder.resolve().name if folder.name in ("", ".", "..") else folder.name
    if any(ord(c) < 32 for c in name) or _BAD_FOLDER_CHARACTERS.intersection(name):
        shown = "".join(c if c.isprintable() else "?" for c in name)
        raise NewSiteRefused(
            f"the folder name '{shown}' has characters that some computers cannot use in a "
            'name (< > : " | ? * \\ or control characters); choose a name of letters, digits '
            "and hyphens, such as wessex-local-offer"
        )
    if name.endswith((" ", ".")) or name.split(".")[0].lower() in _WINDOWS_RESERVED:
        raise NewSiteRefused(
            f"the folder name '{name}' cannot be used on Windows; choose a name of letters, "
            "digits and hyphens, such as wessex-local-offer"
        )
    if folder.exists() and not folder.is_dir():
        raise NewSiteRefused(f"{folder} is a file, not a folder; choose a new folder name")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise NewSiteRefused(
            f"the folder {folder} is not empty, so the starter site was not written there; "
            "choose a new folder, or add --force to add the starter's files to it "
            "(a file that is already there is never replaced)"
        )


def area_name(given: str | None, folder: Path) -> str:
    """--area, or a name made from the folder's ('wessex-local-offer' -> 'Wessex')."""
    if given is None:
        words = re.split(r"[-_ ]+", folder.resolve().name)
        lowered = [w.lower() for w in words]
        for tail in (["local", "offer"], ["send"], ["site"], ["website"]):
            if lowered[-len(tail) :] == tail and len(lowered) > len(tail):
                words, lowered = words[: -len(tail)], lowered[: -len(tail)]
        guess = " ".join(w[:1].upper() + w[1:] for w in words if w)
        if not _AREA.match(guess):
            raise NewSiteRefused(
                f"the local area's name cannot be worked out from the folder name "
                f"'{folder.resolve().name}'; give it with --area, for example --area Wessex"
            )
        return guess
    area = unicodedata.normalize("NFC", " ".join(given.split()))
    if not 2 <= len(area) <= 60 or not _AREA.match(area):
        raise NewSiteRefused(
            f"'{given}' is not a local area's name sendsite can use; give a name of 2 to 60 "
            "letters, which may have spaces, hyphens, apostrophes, full stops, commas, & and "
            "brackets between the words, for example --area 'Bath and North East Somerset'"
        )
    return area


def base_url(given: str | None) -> str:
    url = (given or DEFAULT_BASE_URL).strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(c.isspace() for c in url)
    ):
        raise NewSiteRefused(
            f"'{given}' is not a web address a site can be published at; give the full "
            "address, such as https://localoffer.example.gov.uk/ or "
            "https://your-org.github.io/local-offer/"
        )
    return url if url.endswith("/") else url + "/"


def write_new_site(
    folder: Path,
    *,
    area: str | None = None,
    url: str | None = None,
    today: dt.date,
    force: bool = False,
) -> NewSite:
    check_folder(folder, force)
    name = area_name(area, folder)
    replacements = {
        "__TITLE__": f"{name} SEND Local Offer",
        "__AREA__": name,
        "__BASE_URL__": base_url(url),
        "__ID_NAMESPACE__": str(uuid.uuid4()),
        "__TODAY__": today.isoformat(),
        "__VERSION__": __version__,
    }
    result = NewSite(folder)
    starter = resources.files("sendsite") / "starter"
    for relative, source in sorted(_files(starter, "")):
        target = folder / relative
        if target.exists():
            result.kept.append(relative)
            continue
        data = source.read_bytes()
        if relative != "requirements.txt":
            data = _fill(data.decode("utf-8"), replacements, today).encode("utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        result.written.append(relative)
    return result


def _files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for entry in folder.iterdir():
        name = entry.name
        if name == "__pycache__":
            continue
        shown = "." + name[len(_DOT) :] if name.startswith(_DOT) else name
        if entry.is_dir():
            found += _files(entry, f"{prefix}{shown}/")
        else:
            found.append((prefix + shown, entry))
    return found


def _fill(text: str, replacements: dict[str, str], today: dt.date) -> str:
    # An area's name starts with a letter and has no ':' or '#', so it can stand in YAML as it is.
    text = _DATE.sub(lambda m: (today + dt.timedelta(days=int(m.group(1)))).isoformat(), text)
    for token, value in replacements.items():
        text = text.replace(token, value)
    return text
