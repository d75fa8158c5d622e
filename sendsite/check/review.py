"""`sendsite check`: what a careful reviewer would tell an editor before they publish.

None of these is a mistake that stops a build; each is a warning with the file, the line and
what to do. The checks read the validated model and the rendered pages (for links and anchors);
each warning points at the line of the field it is about (sendsite/source/spans.py), and a
sentence's warning at the line the sentence starts on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from sendsite import model
from sendsite.check.addresses import check_field_addresses
from sendsite.check.advice import Advice, CheckReport
from sendsite.check.coverage import check_coverage
from sendsite.check.jargon import check_acronyms, check_jargon_in_summaries, check_reading
from sendsite.check.links import check_links
from sendsite.check.records import (
    check_contact_routes,
    check_id_namespace,
    check_reviews,
    check_stale_actions,
    check_unanswered_findings,
)
from sendsite.check.texts import SourceLines, Text, site_texts
from sendsite.check.venue_notes import check_access_notes
from sendsite.errors import ContentError

if TYPE_CHECKING:
    from sendsite.publish.pipeline import RenderedSite

__all__ = [
    "Advice",
    "CheckReport",
    "check_report",
    "check_site",
    "link_mistakes",
    "run_checks",
]


def check_site(site_dir: Path, build_date: dt.date) -> list[Advice]:
    """Load and render the site in memory (nothing is written) and run every check.

    Content mistakes raise ContentErrors, exactly as a build would.
    """
    return check_report(site_dir, build_date).advice


def check_report(site_dir: Path, build_date: dt.date) -> CheckReport:
    """`check_site`, with the site's settings (which levels `--strict` fails on)."""
    from sendsite.publish.pipeline import load_site, render_site

    site = load_site(site_dir, build_date)
    rendered = render_site(site, site_dir, keep_cache=False)  # check writes nothing
    settings = site.config.checks
    return CheckReport(run_checks(site, rendered, site_dir, settings), settings)


def link_mistakes(site: model.Site, rendered: RenderedSite, site_dir: Path) -> list[ContentError]:
    """The must-fix links and images of `sendsite check` (a link to a page the build does not
    make, an image that says nothing to a screen reader), which `sendsite build` prints too:
    check's other warnings are advice, but these publish something broken."""
    return [
        ContentError(advice.origin, advice.message, advice.hint)
        for advice in sorted(
            _links(list(site_texts(site)), site, rendered, SourceLines(site_dir)),
            key=Advice.sort_key,
        )
    ]


def _links(
    texts: list[Text], site: model.Site, rendered: RenderedSite, source: SourceLines
) -> list[Advice]:
    return [
        *check_links(texts, site, rendered, source),
        *(
            Advice(origin, "link", message, hint)
            for origin, message, hint in check_field_addresses(site, rendered)
        ),
    ]


def run_checks(
    site: model.Site, rendered: RenderedSite, site_dir: Path, settings: model.CheckOptions
) -> list[Advice]:
    source = SourceLines(site_dir)
    texts = list(site_texts(site))
    found = [
        *_links(texts, site, rendered, source),
        *check_reviews(site),
        *check_contact_routes(site),
        *check_access_notes(site),
        *check_id_namespace(site),
        *check_coverage(site),
        *check_unanswered_findings(site),
        *check_stale_actions(site),
        *check_reading(texts, site, settings, source),
        *check_acronyms(texts, site, settings, source),
        *check_jargon_in_summaries(texts, site, settings, source),
    ]
    return sorted(found, key=Advice.sort_key)
