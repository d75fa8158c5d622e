"""search-terms.json: the words the directory's search reads what a family types with, and the
taxonomy's `also` words it comes from."""

from __future__ import annotations

import json

from tests.conftest import TinySite
from tests.soup import attr

TAXONOMY_WITH_ALSO = """\
categories:
  - {id: health, label: Health, also: [NHS help]}
  - {id: education, label: Education}
needs:
  - {id: autism, label: Autism, also: [ASD, Autistic]}
  - {id: hearing, label: Hearing impairment}
areas:
  - {id: north, label: North Testshire}
  - {id: south, label: South Testshire}
"""


def terms(site: TinySite) -> dict[str, object]:
    data = json.loads((site.output / "search-terms.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_taxonomy_and_glossary_words_and_the_services_words_are_published(
    site: TinySite,
) -> None:
    site.write("content/taxonomy.yaml", TAXONOMY_WITH_ALSO)
    assert site.build().code == 0
    data = terms(site)
    facets = data["facets"]
    assert isinstance(facets, dict)
    assert {"id": "autism", "words": ["autism", "asd", "autistic"]} in facets["need"]
    assert {"id": "north", "words": ["north testshire"]} in facets["area"]
    assert {"id": "health", "words": ["health", "nhs help"]} in facets["category"]
    assert ["ehc plan", "ehcp"] in data["synonyms"]  # type: ignore[operator]
    words = data["words"]
    assert isinstance(words, list) and words == sorted(words)
    # The words of the open services' pages, lower case: what a typo is corrected to.
    assert {"portage", "home", "visits", "autism", "testshire"} <= set(words)


def test_the_same_content_gives_the_same_file(site: TinySite) -> None:
    assert site.build().code == 0
    first = (site.output / "search-terms.json").read_bytes()
    assert site.build().code == 0
    assert (site.output / "search-terms.json").read_bytes() == first


def test_a_word_for_two_terms_is_refused_at_its_line(site: TinySite) -> None:
    site.write(
        "content/taxonomy.yaml",
        TAXONOMY_WITH_ALSO.replace("[ASD, Autistic]", "[ASD, Health]"),
    )
    run = site.build()
    assert run.code == 1
    assert run.error_lines == [
        "content/taxonomy.yaml:5: 'Health' under 'also' of 'Autism' already means 'Health' "
        "(line 2). Keep the word under one term only, so the search knows where it leads."
    ]


def test_taxonomy_files_without_also_still_build(site: TinySite) -> None:
    assert site.build().code == 0
    data = terms(site)
    facets = data["facets"]
    assert isinstance(facets, dict)
    assert {"id": "autism", "words": ["autism"]} in facets["need"]


def test_service_pages_carry_the_filters_the_search_reads_words_into(site: TinySite) -> None:
    assert site.build().code == 0
    page = site.page("/services/portage/")
    filters = [attr(span, "data-pagefind-filter") for span in page.select("[data-pagefind-filter]")]
    assert "need:any" in filters  # needs: all
    assert [f for f in filters if f.startswith("years:")] == [f"years:{n}" for n in range(6)]
