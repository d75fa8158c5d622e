"""What a Local Offer must publish: The Special Educational Needs and Disability Regulations 2014
(SI 2014/1530), regulation 53 and Schedule 2 ("Information to be published by a local authority
in its local offer"), and regulation 56 (publishing comments on the Local Offer).

Each item has the paragraph it comes from and a plain title for families. `quoted` is True where
the regulation's wording was checked, word for word, against the text of SI 2014/1530 Schedule 2
as made (legislation.gov.uk); the others follow the Schedule's order as sendsite's authors know
it, and their paragraph numbers should be checked against legislation.gov.uk before anyone cites
them in a complaint or an audit (see docs/local-offer-coverage.md).

A site shows it covers an item in three ways: a page or guide names it in `covers:`; a service
in one of the item's `categories` (taxonomy ids) is in the directory; or, for comments, the
site publishes feedback records ("you said, we did").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendsite.model import Site


@dataclass(frozen=True)
class RequiredItem:
    id: str
    citation: str  # "Schedule 2, paragraph 1"
    title: str  # plain English, for families
    quoted: bool = False  # the citation's wording checked word for word (see above)
    categories: tuple[str, ...] = ()  # directory categories whose services show this item
    feedback: bool = False  # covered by published feedback records


REQUIRED_ITEMS: tuple[RequiredItem, ...] = (
    RequiredItem(
        "provision-in-area",
        "Schedule 2, paragraph 1",
        "Help with learning and training in our area, from nurseries to colleges",
        quoted=True,
        categories=("education", "early-years"),
    ),
    RequiredItem(
        "provision-outside-area",
        "Schedule 2, paragraph 2",
        "Schools, colleges and training outside our area that children from here use",
        quoted=True,
    ),
    RequiredItem(
        "schools-and-funding",
        "Schedule 2, paragraph 3",
        "What mainstream schools, special schools and colleges provide, and how it is paid for",
        quoted=True,
    ),
    RequiredItem(
        "identifying-needs",
        "Schedule 2, paragraph 4",
        "How needs are found and assessed, and how to ask for an EHC needs assessment",
    ),
    RequiredItem(
        "teaching-and-support",
        "Schedule 2, paragraph 5",
        "How schools and colleges teach, adapt lessons, check progress and support wellbeing",
        quoted=True,
    ),
    RequiredItem(
        "health",
        "Schedule 2, paragraph 7",
        "Health services for children and young people with SEND",
        categories=("health", "emotional-health-and-wellbeing"),
    ),
    RequiredItem(
        "social-care",
        "Schedule 2, paragraph 8",
        "Social care and short breaks",
        categories=("social-care", "short-breaks-and-leisure"),
    ),
    RequiredItem(
        "travel",
        "Schedule 2, paragraph 10",
        "Help with travel to school, college and nursery, and how to ask for it",
        categories=("transport",),
    ),
    RequiredItem(
        "adulthood",
        "Schedule 2, paragraph 11",
        "Preparing for adulthood: work, a home, friends and health",
        categories=("preparing-for-adulthood",),
    ),
    RequiredItem(
        "childcare-and-leisure",
        "Schedule 2, paragraphs 13 and 14",
        "Childcare and things to do in free time",
        categories=("short-breaks-and-leisure",),
    ),
    RequiredItem(
        "advice",
        "Schedule 2, paragraph 15",
        "Free information, advice and support, and groups for parents and carers",
        categories=("information-and-advice",),
    ),
    RequiredItem(
        "complaints",
        "Schedule 2, paragraph 17",
        "How to complain, sort out a disagreement, use mediation or appeal to the tribunal",
    ),
    RequiredItem(
        "comments",
        "Regulation 56",
        "What families told us about this Local Offer, and what we did",
        feedback=True,
    ),
)

ITEM_IDS = tuple(item.id for item in REQUIRED_ITEMS)


@dataclass(frozen=True)
class Place:
    """Where on the site a family finds an item: a page's title and address (under the site)."""

    title: str
    path: str


@dataclass(frozen=True)
class Coverage:
    item: RequiredItem
    places: tuple[Place, ...]
    not_yet: bool  # site.yaml says it is not written yet


def local_offer_coverage(site: Site) -> list[Coverage]:
    """Each required item, with every place on the site that covers it, in the items' order."""
    found: list[Coverage] = []
    for item in REQUIRED_ITEMS:
        places = [Place(p.title, p.url_path) for p in site.pages if item.id in p.covers]
        for category in item.categories:
            term = site.taxonomy.categories.get(category)
            if term is not None and any(term in s.categories for s in site.active_services):
                # The directory's page for the category (render/listings.py makes it).
                places.append(Place(f"Services: {term.label}", f"/services/category/{term.id}/"))
        if item.feedback and site.feedback:
            places.append(Place("You said, we did", "/you-said-we-did/"))
        not_yet = not places and item.id in site.config.checks.not_yet_covered
        found.append(Coverage(item, tuple(places), not_yet))
    return found
