"""What a Local Offer must publish: The Special Educational Needs and Disability Regulations 2014
(SI 2014/1530), regulation 53 and Schedule 2 ("Information to be published by a local authority
in its local offer"), and regulation 56 (publishing comments on the Local Offer).

Each item has the paragraph it comes from, a plain title for families, and `source`: the page its
citation was checked against. `quoted` is True only where the paragraph's wording was compared,
word for word, with the text of SI 2014/1530 Schedule 2 as made on legislation.gov.uk: paragraphs
1, 2 and 3 (the whole-Schedule page; the stored copy stops in 3(d), at "the arrangements the local
authority has for funding children a") and 5 (its own page). Checked 2 December 2026:

- Paragraphs 15 (information, advice and support) and 17 (complaints): the numbers are confirmed
  by a secondary source (Family Rights Group), not by the legislation's own text.
- Regulation 56 ("Publication of comments on the local offer"): its number, heading and duty are
  confirmed from a copy of the regulation's text on Local Offer Wirral; legislation.gov.uk's
  Part 4 page was not available in full, so the wording is not marked as checked.
- Paragraphs 4, 7, 8, 10, 11, 13 and 14: their text could not be found. The stored copies of
  legislation.gov.uk's Schedule 2 pages stop in paragraph 3, and no page for any of these
  paragraphs was available. Their numbers follow the Schedule's order as sendsite's authors know
  it and must be checked against legislation.gov.uk before anyone cites them in a complaint or
  an audit (docs/local-offer-coverage.md).

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
    source: str = ""  # the page the citation was checked against; "" where none was found


# The pages each citation was checked against (see the module docstring for what each confirms).
SCHED = (
    "http://www.legislation.gov.uk/uksi/2014/1530/schedule/2/made/data.xht?view=snippet&wrap=true"
)
P5 = "http://legislation.gov.uk/uksi/2014/1530/schedule/2/paragraph/5/data.xht"
FRG = (
    "https://frg.org.uk/get-help-and-advice/why/children-with-disabilities-and-children-with-"
    "special-educational-needs/how-will-families-know-what-services-are-available-locally/"
)
WIRRAL = (
    "https://localofferwirral.org/the-special-educational-needs-and-disability-regulations-2014/"
)

REQUIRED_ITEMS: tuple[RequiredItem, ...] = (
    RequiredItem(
        "provision-in-area",
        "Schedule 2, paragraph 1",
        "Help with learning and training in our area, from nurseries to colleges",
        quoted=True,
        categories=("education", "early-years"),
        source=SCHED,
    ),
    RequiredItem(
        "provision-outside-area",
        "Schedule 2, paragraph 2",
        "Schools, colleges and training outside our area that children from here use",
        quoted=True,
        source=SCHED,
    ),
    RequiredItem(
        "schools-and-funding",
        "Schedule 2, paragraph 3",
        "What mainstream schools, special schools and colleges provide, and how it is paid for",
        quoted=True,
        source=SCHED,
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
        source=P5,
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
        source=FRG,
    ),
    RequiredItem(
        "complaints",
        "Schedule 2, paragraph 17",
        "How to complain, sort out a disagreement, use mediation or appeal to the tribunal",
        source=FRG,
    ),
    RequiredItem(
        "comments",
        "Regulation 56",
        "What families told us about this Local Offer, and what we did",
        feedback=True,
        source=WIRRAL,
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
