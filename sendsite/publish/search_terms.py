"""What the directory's search knows about words, for the script that reads what a family types.

Pagefind matches words exactly (and by their stems), so on its own a typo such as 'autsim'
finds nothing useful, and a family's own word ('respite') finds nothing when services say
'short breaks'. This file gives the script three things, all from the content:

    facets    each need, area and type of help with the words that name it (its label and the
              taxonomy's 'also' words), so 'ASD' or 'north dorset' becomes that filter
    synonyms  each glossary term with its 'also' spellings, searched as one ('EHCP', 'EHC plan')
    districts each postcode district the site's places are in, with its centre (model/places.py),
              so 'DT1' can sort the results by distance
    words     every word the search index holds for open services, which a typo is corrected to
              (the nearest word within one or two letters) and an unknown word is checked against,
              so a word no service uses says 'no services found' instead of showing every service

Written to search-terms.json next to the pages; the same for the same content.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from sendsite import model
from sendsite.model import places

TERMS_FILE = "search-terms.json"

# Letters and digits, as Pagefind splits words; an apostrophe inside a word is dropped by both.
_WORD = re.compile(r"[^\W_]+")


def search_terms_files(site: model.Site) -> dict[str, bytes]:
    """The search's word file: output path (relative) -> bytes."""
    return {TERMS_FILE: search_terms(site)}


def search_terms(site: model.Site) -> bytes:
    data: dict[str, Any] = {
        "facets": {
            "need": _facet(site.taxonomy.needs.values()),
            "area": _facet(site.taxonomy.areas.values()),
            "category": _facet(site.taxonomy.categories.values()),
        },
        "synonyms": [
            _unique([_phrase(entry.term), *(_phrase(word) for word in entry.also)])
            for entry in site.glossary
            if entry.also
        ],
        "words": sorted(_vocabulary(site)),
        # Each postcode district the site's places are in, and its centre, for "near me".
        "districts": {
            code: list(point) for code, point in places.centres(site.active_services).items()
        },
    }
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    ).encode()


def _facet(terms: Iterable[model.Term]) -> list[dict[str, Any]]:
    return [
        {"id": term.id, "words": _unique([_phrase(term.label), *(_phrase(w) for w in term.also)])}
        for term in terms
    ]


def _phrase(text: str) -> str:
    """'Speech, language and communication' -> 'speech language and communication'."""
    return " ".join(words(text))


def _unique(phrases: list[str]) -> list[str]:
    return [p for i, p in enumerate(phrases) if p and p not in phrases[:i]]


def words(text: str) -> list[str]:
    return _WORD.findall(text.replace("'", "").replace("’", "").casefold())


def _vocabulary(site: model.Site) -> set[str]:
    found: set[str] = set()
    for service in site.active_services:
        found.update(words(" ".join(_service_text(service))))
    for vocabulary in (site.taxonomy.needs, site.taxonomy.areas, site.taxonomy.categories):
        for term in vocabulary.values():
            found.update(words(" ".join([term.label, *term.also])))
    for entry in site.glossary:
        found.update(words(" ".join([entry.term, *entry.also])))
    return found


def _service_text(s: model.Service) -> Iterable[str]:
    """The text of a service's page that the search index holds."""
    yield from (s.name, s.summary, s.body, s.organisation.name)
    yield from (t.label for t in [*s.categories, *s.needs, *s.areas])
    yield from (text for text in (s.cost, s.eligibility, s.opening_hours_text, s.easy_read) if text)
    if s.referral is not None and s.referral.how is not None:
        yield s.referral.how
    for contact in s.contacts:
        yield from (text for text in (contact.name, contact.role) if text)
    for location in s.locations:
        yield from (text for text in (location.name, location.address, location.postcode) if text)
        yield from location.accessibility
    yield from s.languages
