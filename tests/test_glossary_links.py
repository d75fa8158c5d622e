"""Unit tests for glossary linking on a rendered page: which uses of a term become links."""

from __future__ import annotations

import random

from bs4 import BeautifulSoup

from sendsite.errors import Origin
from sendsite.model import GlossaryEntry
from sendsite.render.glossary import link_terms, make_matcher, term_matches
from tests.soup import attr, found

GLOSSARY = [
    GlossaryEntry("EHC plan", "An education, health and care plan.", ["EHCP"], Origin("g", 1)),
    GlossaryEntry("EHC", "Education, health and care.", [], Origin("g", 2)),
    GlossaryEntry("AP", "Alternative provision.", [], Origin("g", 3)),
    GlossaryEntry("short break", "Time away for carers.", [], Origin("g", 4)),
]


def linked(main_html: str) -> list[tuple[str, str]]:
    page = f"<html><body><nav>EHC plan</nav><main>{main_html}</main><p>AP</p></body></html>"
    out = link_terms(page, make_matcher(GLOSSARY), lambda e: f"/glossary/#{e.anchor}")
    soup = BeautifulSoup(out, "html.parser")
    assert soup.nav is not None and soup.nav.get_text() == "EHC plan"  # outside <main>: untouched
    return [(a.get_text(), str(a["href"])) for a in soup.select("a.glossary-term")]


def test_first_use_of_each_term_links_and_the_longest_form_wins() -> None:
    assert linked("<p>An EHC plan. Another EHC plan. EHC alone.</p>") == [
        ("EHC plan", "/glossary/#ehc-plan"),
        ("EHC", "/glossary/#ehc"),
    ]


def test_other_spellings_plurals_and_capitals_count_as_the_term() -> None:
    assert linked("<p>Short breaks help.</p><p>EHCPs and an EHC plan.</p>") == [
        ("Short breaks", "/glossary/#short-break"),
        ("EHCPs", "/glossary/#ehc-plan"),
    ]


def test_terms_inside_words_attributes_and_skipped_elements_stay_plain() -> None:
    html = (
        '<p title="AP">APPLY, MAP-AP, AP-style</p>'
        "<h2>AP</h2><a href='/x'>AP</a><code>AP</code><abbr>AP</abbr>"
        "<svg><title>AP</title></svg><p>then AP here</p>"
    )
    assert linked(html) == [("AP", "/glossary/#ap")]
    soup = BeautifulSoup(
        link_terms(f"<main>{html}</main>", make_matcher(GLOSSARY), lambda e: "#"),
        "html.parser",
    )
    assert found(found(soup.select_one("a.glossary-term")).parent).get_text() == "then AP here"


def test_a_tag_whose_name_only_starts_like_a_skipped_one_is_not_skipped() -> None:
    assert linked("<abbrx>AP</abbrx><aside>EHC</aside>") == [
        ("AP", "/glossary/#ap"),
        ("EHC", "/glossary/#ehc"),
    ]


def test_skipped_elements_close_and_later_text_is_linked_again() -> None:
    assert linked("<h2>The EHC plan</h2><p>What an EHC plan is.</p>") == [
        ("EHC plan", "/glossary/#ehc-plan")
    ]


def test_a_page_without_main_or_a_site_without_glossary_is_unchanged() -> None:
    page = "<body><p>EHC plan</p></body>"
    assert link_terms(page, make_matcher(GLOSSARY), lambda e: "#") == page
    assert link_terms("<main>EHC</main>", make_matcher([]), lambda e: "#") == "<main>EHC</main>"


def test_words_inside_a_taxonomy_label_stay_plain() -> None:
    # "Short breaks and leisure" is one category's name: linking "Short breaks" and leaving
    # "and leisure" plain would split it in two.
    html = '<dd><data value="short-breaks">Short breaks and leisure</data></dd><p>short break</p>'
    assert linked(html) == [("short break", "/glossary/#short-break")]


def test_the_page_ends_with_the_meanings_of_the_terms_it_links() -> None:
    """A title shows only to a mouse resting on the link: the meanings are also written out at
    the foot of <main>, in the order the terms appear, each with its glossary link."""
    page = "<main><p>AP first, then an EHC plan, then AP again.</p></main><footer></footer>"
    out = link_terms(page, make_matcher(GLOSSARY), lambda e: f"/glossary/#{e.anchor}")
    soup = BeautifulSoup(out, "html.parser")
    section = found(soup.select_one("main > section.words-used"))
    assert section is found(soup.main).find_all(recursive=False)[-1]
    assert attr(section, "aria-labelledby") == "words-used-heading"
    assert found(section.h2).get_text() == "Words used on this page"
    assert found(section.select_one("details > summary")).get_text() == "See what 2 words mean"
    rows = [
        (
            found(row.dt).get_text(),
            found(row.dd).get_text(" ", strip=True),
            attr(found(row.select_one("dd a")), "href"),
        )
        for row in section.select(".words-used__row")
    ]
    assert rows == [
        ("AP", "Alternative provision. AP in the glossary", "/glossary/#ap"),
        ("EHC plan", "An education, health and care plan. EHC plan in the glossary",
         "/glossary/#ehc-plan"),
    ]  # fmt: skip
    assert "section" not in link_terms(
        "<main><p>No terms.</p></main>", make_matcher(GLOSSARY), lambda e: "#"
    )


def test_term_matches_finds_what_the_pattern_finds() -> None:
    """term_matches scans without the pattern's look behind and checks it itself; over text
    made of terms, their parts and the characters at their edges, it finds exactly what the
    pattern's finditer finds (a term rejected for the letter before it may hold another)."""
    glossary = [*GLOSSARY, GlossaryEntry("plan", "A plan.", [], Origin("g", 5))]
    matcher = make_matcher(glossary)
    assert matcher.pattern is not None
    pieces = ["EHC", " plan", "plans", "P", "s", "AP", "x", "_", "-", " ", "é", "2", "<b>", "."]
    generator = random.Random(23)
    texts = ["xEHC plan", "_AP AP", "EHC plansx", "-EHC plan", "éAP", "2EHCPs EHCPs."]
    texts += ["".join(generator.choices(pieces, k=12)) for _ in range(3000)]
    for text in texts:
        expected = [(m.start(), m.group(0)) for m in matcher.pattern.finditer(text)]
        assert [(m.start(), m.group(0)) for m in term_matches(matcher, text)] == expected, text
    assert [m.group(0) for m in term_matches(matcher, "xEHC plan")] == ["plan"]
    assert list(term_matches(make_matcher([]), "EHC plan")) == []
