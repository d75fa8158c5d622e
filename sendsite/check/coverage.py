"""Does the Local Offer publish everything the law requires? (sendsite/model/local_offer_items.py)

An item no page covers is "must fix": families cannot find it, and the council is not meeting
regulation 53. An item site.yaml names in `checks: not_yet_covered` is still reported, as "should
fix", and shown as a gap on the "What our Local Offer includes" page: a new site can say honestly
what it has not written yet and still pass `check --strict`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.errors import Origin
from sendsite.model.local_offer_items import local_offer_coverage


def check_coverage(site: model.Site) -> Iterator[Advice]:
    lines = site.config.lines
    # No page is where a missing item is written, so its warning points at site.yaml's
    # `checks:`, where the site can say it has not written it yet.
    settings = Origin("site.yaml", lines.line("checks"))
    for c in local_offer_coverage(site):
        if c.places:
            continue
        item = c.item
        what = f"'{item.title}' (SEND Regulations 2014, {item.citation}; id '{item.id}')"
        if c.not_yet:
            # Its own item of the list (every item is a known id, or the site would not load).
            index = site.config.checks.not_yet_covered.index(item.id)
            listed = lines.origin("checks.not_yet_covered", settings)
            yield Advice(
                lines.origin(f"checks.not_yet_covered.{index}", listed),
                "coverage-planned",
                f"the Local Offer does not include {what} yet",
                "Write a page that explains it and add "
                f"'covers: [{item.id}]' to its front matter, then take it out of not_yet_covered.",
            )
        else:
            yield Advice(
                settings,
                "coverage",
                f"the Local Offer does not include {what}, which the law requires",
                f"Write a page that explains it and add 'covers: [{item.id}]' to its front "
                "matter (or add the id to a page that already does); until it is written, name "
                "it in not_yet_covered under checks: in site.yaml.",
            )
