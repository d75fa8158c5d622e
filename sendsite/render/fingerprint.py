"""Fingerprinted names for the theme's static files: `static/style.css` is published as
`static/style.3f2a9c1b7e.css`, a name that changes whenever its bytes do. A host can then let
browsers keep each static file for a year without asking again, and a new build is still seen
at once, because its pages link the new names."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

STATIC_FOLDER = "static/"


def fingerprinted(name: str, data: bytes) -> str:
    """'static/style.css' -> 'static/style.3f2a9c1b7e.css' (the digest of `data`)."""
    digest = hashlib.blake2b(data, digest_size=5).hexdigest()
    path = PurePosixPath(name)
    suffix = "".join(path.suffixes[-1:])
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    return str(path.with_name(f"{stem}.{digest}{suffix}"))


def static_names(copies: Mapping[str, Path], generated: Mapping[str, bytes]) -> dict[str, str]:
    """For every static file (output path -> its source file, or its bytes): the name inside
    static/ that templates ask for -> the fingerprinted name it is published as."""
    names: dict[str, str] = {}
    for target, source in copies.items():
        if target.startswith(STATIC_FOLDER):
            names[target] = fingerprinted(target, source.read_bytes())
    for target, data in generated.items():
        if target.startswith(STATIC_FOLDER):
            names[target] = fingerprinted(target, data)
    return {
        old.removeprefix(STATIC_FOLDER): new.removeprefix(STATIC_FOLDER)
        for old, new in names.items()
    }


def renamed(target: str, names: Mapping[str, str]) -> str:
    """An output path with its fingerprinted name, when it is a static file."""
    if not target.startswith(STATIC_FOLDER):
        return target
    inner = target.removeprefix(STATIC_FOLDER)
    return STATIC_FOLDER + names.get(inner, inner)
