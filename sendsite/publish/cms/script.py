"""Decap CMS's own script, at one pinned version: from a CDN with a subresource integrity hash,
or copied from the npm package next to the site ("self-hosted").

The version and hash here are those of package-lock.json's decap-cms; a test holds them together.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

VERSION = "3.16.3"
MAIN = "decap-cms.js"
# sha384 of dist/decap-cms.js in the npm package decap-cms@VERSION
INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
CDN_ORIGIN = "https://unpkg.com"
CDN_FOLDER = f"{CDN_ORIGIN}/decap-cms@{VERSION}/dist/"
# Where a self-hosted copy goes in the output: the script loads its other parts (chunks and
# WebAssembly) from beside itself, so the folder is named by the version and never changes.
SELF_HOSTED_FOLDER = f"admin/decap-cms-{VERSION}/"
_PACKAGE_DIST = Path("node_modules") / "decap-cms" / "dist"
# sendsite's own checkout (an editable install) has the package from its package-lock.json.
_SENDSITE_CHECKOUT = Path(__file__).resolve().parents[3]


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


@dataclass(frozen=True)
class LocalCopy:
    folder: Path  # node_modules/decap-cms/dist
    files: tuple[str, ...]  # the names a browser may ask for: the script, its chunks, WebAssembly


def find_local_copy(site_dir: Path) -> LocalCopy | None:
    """The npm package's files, in the site's folder or sendsite's checkout, when the installed
    version is the pinned one (its main script has the pinned hash)."""
    for root in (site_dir, _SENDSITE_CHECKOUT):
        dist = root / _PACKAGE_DIST
        main = dist / MAIN
        if not main.is_file() or integrity(main.read_bytes()) != INTEGRITY:
            continue
        names = sorted(
            p.name
            for p in dist.iterdir()
            if p.is_file() and (p.name == MAIN or p.name.endswith((".decap-cms.js", ".wasm")))
        )
        return LocalCopy(dist, tuple(names))
    return None
