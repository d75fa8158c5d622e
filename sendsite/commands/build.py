"""`sendsite build` on the terminal: a build whose inputs and output are as the last build left
them (publish/stamp.py) prints the same report and writes nothing; any other builds, with a
progress line, prints its report and stamps the output.

Only the standard library and the stamp are imported here: a skipped build never loads the
heavy modules.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sendsite.commands.progress import ProgressLine
from sendsite.errors import ContentError, ContentErrors
from sendsite.publish import stamp as buildcache
from sendsite.text import plural

if TYPE_CHECKING:
    from sendsite.model import Site
    from sendsite.publish.pipeline import RenderedSite


def build_command(
    site_dir: Path, build_date: dt.date, output: Path | None, strict: bool
) -> list[ContentError]:
    """Build (or skip) and print the report; returns the mistakes that stopped the build."""
    inputs = buildcache.inputs_digest(site_dir, output, build_date.isoformat(), strict)
    stamp = buildcache.load(site_dir)
    if (
        stamp is not None
        and stamp.inputs == inputs
        and buildcache.output_digest(Path(stamp.folder)) == stamp.output
    ):
        for line in stamp.report:  # nothing changed: the output is what a build would write
            print(line[1:], file=sys.stdout if line[0] == "1" else sys.stderr)
        return []
    # The heavy modules load only when there is work to do.
    from sendsite.check.review import link_mistakes
    from sendsite.publish.build import build

    def review(site: Site, rendered: RenderedSite) -> list[ContentError]:
        return link_mistakes(site, rendered, site_dir)

    shown = ProgressLine(sys.stderr)
    try:
        result = build(
            site_dir, build_date, output, strict=strict, progress=shown.show, review=review
        )
    except ContentErrors as exc:
        shown.clear()
        return list(exc.errors)
    except ContentError as exc:
        shown.clear()
        return [exc]
    shown.clear()
    report = [f"2{str(w).replace(': ', ': warning: ', 1)}" for w in result.warnings]
    report.append(
        f"1Built {plural(result.pages, 'page')} ({plural(result.files, 'file')}) into "
        f"{result.output} in {result.seconds:.2f} s, as of {build_date.isoformat()}."
    )
    for line in report:
        print(line[1:], file=sys.stdout if line[0] == "1" else sys.stderr)
    written_to = result.output.resolve()
    report[-1] = (
        f"1Nothing changed since the last build: {plural(result.pages, 'page')} "
        f"({plural(result.files, 'file')}) in {result.output} are up to date, "
        f"as of {build_date.isoformat()}."
    )
    folder, written = str(written_to), result.output_digest
    buildcache.save(site_dir, buildcache.Stamp(inputs, folder, written, report))
    return []
