"""Does the Local Offer publish everything the law requires? (sendsite/model/local_offer_items.py)

An item no page covers is "must fix": families cannot find it, and the council is not meeting
regulation 53. An item site.yaml names in `checks: not_yet_covered` is still reported, as "should
fix", and shown as a gap on the "What our Local Offer includes" page: a new site can say honestly
what it has not written yet and still pass `check --strict`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sendsite import model
from sendsite.errors import Origin
from sendsite.model.local_offer_items import local_offer_coverage

if TYPE_CHECKING:
    from sendsite.check.review import Advice, SourceLines


def check_coverage(site: model.Site, source: SourceLines) -> Iterator[Advice]:
    from sendsite.check.review import Advice

    for c in local_offer_coverage(site):
        if c.places:
            continue
        item = c.item
        what = f"'{item.title}' (SEND Regulations 2014, {item.citation}; id '{item.id}')"
        if c.not_yet:
            yield Advice(
                Origin("site.yaml", source.field("site.yaml", "not_yet_covered")),
                "coverage-planned",
                f"the Local Offer does not include {what} yet",
                "Write a page that explains it and add "
                f"'covers: [{item.id}]' to its front matter, then take it out of not_yet_covered.",
            )
        else:
            yield Advice(
                Origin("content/pages"),
                "coverage",
                f"the Local Offer does not include {what}, which the law requires",
                f"Write a page that explains it and add 'covers: [{item.id}]' to its front "
                "matter (or add the id to a page that already does).",
            )
