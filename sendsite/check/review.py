"""`sendsite check`: what a careful reviewer would tell an editor before they publish.

None of these is a mistake that stops a build; each is a warning with the file, the line and
what to do. The checks read the validated model and the rendered pages (for links and anchors);
each warning points at the line of the field it is about (sendsite/source/spans.py), and a
sentence's warning at the line the sentence starts on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sendsite import model
from sendsite.check.addresses import check_field_addresses
from sendsite.check.advice import Advice, CheckReport
from sendsite.check.coverage import check_coverage
from sendsite.check.kept_links import KeptLinks
from sendsite.check.links import check_links
from sendsite.check.memo import TextMemo
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
from sendsite.render.markdown_cache import site_markdown_cache

if TYPE_CHECKING:
    from sendsite.publish.pipeline import RenderedSite

__all__ = [
    "Advice",
    "CheckInputs",
    "CheckReport",
    "check_report",
    "check_site",
    "check_texts",
    "link_mistakes",
    "run_checks",
    "take_inputs",
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


@dataclass(frozen=True)
class CheckInputs:
    """What the checks read from the model, taken at one moment: the live preview takes them
    while no rebuild runs, then checks the texts while the next save may be rebuilding."""

    texts: tuple[Text, ...]
    records: tuple[Advice, ...]  # the checks of the records themselves, and field addresses
    config: model.SiteConfig
    glossary: list[model.GlossaryEntry]
    listed: frozenset[str]  # the files whose summary is shown in lists (services, news)


def take_inputs(site: model.Site, rendered: RenderedSite) -> CheckInputs:
    records = [
        *check_reviews(site),
        *check_contact_routes(site),
        *check_access_notes(site),
        *check_id_namespace(site),
        *check_coverage(site),
        *check_unanswered_findings(site),
        *check_stale_actions(site),
        *_field_addresses(site, rendered),
    ]
    return CheckInputs(
        tuple(site_texts(site)),
        tuple(records),
        site.config,
        list(site.glossary),
        frozenset({s.origin.path for s in site.services} | {n.origin.path for n in site.news}),
    )


def check_texts(
    inputs: CheckInputs,
    rendered: RenderedSite,
    site_dir: Path,
    settings: model.CheckOptions,
    memo: TextMemo | None = None,
) -> list[Advice]:
    """Every warning, most important first: the records' and those of each text's words and
    links. `memo` keeps what the text checks found for the next run (the live preview's)."""
    memo = memo if memo is not None else TextMemo()
    source = SourceLines(site_dir)
    texts = list(inputs.texts)
    found = [
        *inputs.records,
        *check_links(texts, inputs.config, rendered, source, memo.links_of),
        *memo.text_advice(texts, inputs.glossary, settings, inputs.listed, source),
    ]
    return sorted(found, key=Advice.sort_key)


def run_checks(
    site: model.Site,
    rendered: RenderedSite,
    site_dir: Path,
    settings: model.CheckOptions,
    memo: TextMemo | None = None,
) -> list[Advice]:
    return check_texts(take_inputs(site, rendered), rendered, site_dir, settings, memo)


def link_mistakes(site: model.Site, rendered: RenderedSite, site_dir: Path) -> list[ContentError]:
    """The must-fix links and images of `sendsite check` (a link to a page the build does not
    make, an image that says nothing to a screen reader), which `sendsite build` prints too:
    check's other warnings are advice, but these publish something broken."""
    # The pages have just converted these texts: their conversions are read back, not made again,
    # and only for the texts the last build did not read.
    kept = KeptLinks(site_dir, site_markdown_cache(site_dir, writable=False).converted)
    texts = list(site_texts(site))
    found = [
        *check_links(texts, site.config, rendered, SourceLines(site_dir), kept.links_of),
        *_field_addresses(site, rendered),
    ]
    kept.save()
    return [
        ContentError(advice.origin, advice.message, advice.hint)
        for advice in sorted(found, key=Advice.sort_key)
    ]


def _field_addresses(site: model.Site, rendered: RenderedSite) -> list[Advice]:
    return [
        Advice(origin, "link", message, hint)
        for origin, message, hint in check_field_addresses(site, rendered)
    ]
