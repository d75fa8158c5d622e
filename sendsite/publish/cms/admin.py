"""admin/: the page that starts Decap CMS, its configuration, and (self-hosted) its script.

The page has no inline script or style, so the only thing its Content-Security-Policy has to
allow beyond the site's own is what Decap CMS itself needs (see sendsite.publish.hosting.policy).
No other page of the site links to it or loads its script.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from sendsite import model
from sendsite.errors import ContentError, Origin
from sendsite.publish.cms import script
from sendsite.publish.cms.config import config_yaml, decap_config

FOLDER = "admin/"
PAGE = FOLDER + "index.html"
CONFIG = FOLDER + "config.yml"


@dataclass(frozen=True)
class AdminFiles:
    pages: dict[str, bytes]  # output path -> bytes
    copies: dict[str, Path]  # output path -> file copied as it is


def admin_page(
    site: model.Site, script_src: str, integrity: str | None, helper: str | None = None
) -> bytes:
    """The editor's page. `integrity` pins a script from another origin to its exact bytes;
    `helper` is a script of sendsite's own that runs first (the preview's, which shows a save's
    mistakes at their fields)."""
    config = site.config
    pinned = f' integrity="{integrity}" crossorigin="anonymous"' if integrity else ""
    first = f'<script src="{html.escape(helper)}"></script>\n' if helper else ""
    title = html.escape(f"Edit the {config.title}")
    site_link = html.escape(config.base_path)
    return f"""<!doctype html>
<html lang="{html.escape(config.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link rel="cms-config-url" type="text/yaml" href="config.yml">
</head>
<body>
<noscript>
<h1>{title}</h1>
<p>The editor needs JavaScript. The <a href="{site_link}">website</a> itself works without it.</p>
</noscript>
{first}<script src="{html.escape(script_src)}"{pinned}></script>
</body>
</html>
""".encode()


def admin_files(site: model.Site, site_dir: Path) -> AdminFiles:
    """The published admin/ for a site whose site.yaml has `editor`; raises ContentError when the
    self-hosted script is asked for and is not there."""
    settings = site.config.editor
    if settings is None:
        return AdminFiles({}, {})
    pages = {CONFIG: config_yaml(decap_config(site, settings))}
    copies: dict[str, Path] = {}
    if settings.script == "self-hosted":
        local = script.find_local_copy(site_dir)
        if local is None:
            raise ContentError(
                Origin("site.yaml"),
                f"the editor's script is self-hosted, but Decap CMS {script.VERSION} is not "
                "installed in the site's folder",
                f"Run 'npm install --save-exact decap-cms@{script.VERSION}' in the site's folder "
                "(or say 'script: cdn' under editor in site.yaml).",
            )
        for name in local.files:
            copies[script.SELF_HOSTED_FOLDER + name] = local.folder / name
        src = script.SELF_HOSTED_FOLDER.removeprefix(FOLDER) + script.MAIN
        pages[PAGE] = admin_page(site, src, script.INTEGRITY)
    else:
        pages[PAGE] = admin_page(site, script.CDN_FOLDER + script.MAIN, script.INTEGRITY)
    return AdminFiles(pages, copies)
