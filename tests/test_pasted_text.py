"""Text pasted from Word (issue 22): bullets become real lists, tabs never make a code box, and
curly quotes around a whole YAML value are read as the quotes the author meant."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from sendsite.render.markdown import markdown_to_html, tidy_pasted_text
from sendsite.source.yamldoc import parse_yaml
from tests.soup import found

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,.'", min_size=1, max_size=30).map(str.strip).filter(bool)  # fmt: skip
BULLETS = st.sampled_from(["\u2022\t", "\u2022 ", "\u00b7\t", "\uf0b7\t", "\u25cf "])


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_to_html(text), "html.parser")


@given(WORDS, st.lists(st.tuples(BULLETS, WORDS), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None)
def test_pasted_bullets_become_one_list_item_each(intro: str, items: list[tuple[str, str]]) -> None:
    text = intro + "\n" + "\n".join(bullet + words for bullet, words in items)
    page = soup(text)
    assert [" ".join(li.get_text().split()) for li in page.find_all("li")] == [
        " ".join(w.split()) for _, w in items
    ]
    assert " ".join(found(page.find("p")).get_text().split()) == " ".join(intro.split())


@given(st.lists(st.tuples(st.integers(0, 3), WORDS), min_size=1, max_size=8))
@settings(max_examples=150, deadline=None)
def test_a_tab_at_the_start_of_a_line_never_makes_a_code_box(lines: list[tuple[int, str]]) -> None:
    text = "\n\n".join("\t" * tabs + words for tabs, words in lines)
    page = soup(text)
    assert page.find("pre") is None and page.find("code") is None
    assert " ".join(page.get_text().split()) == " ".join(" ".join(w for _, w in lines).split())


def test_word_levels_and_numbers() -> None:
    text = "We offer:\n\u2022\tHome visits\no\tOn Mondays\n\u2022\tPlay\n1.\tPhone us\n2)\tVisit"
    page = soup(text)
    top = found(page.find("ul"))
    assert [found(li.find(string=True)).strip() for li in top.find_all("li", recursive=False)] == [
        "Home visits",
        "Play",
    ]
    assert (
        found(top.find("ul")).get_text(strip=True) == "On Mondays"
    )  # Word's "o" is the second level
    assert [li.get_text() for li in found(page.find("ol")).find_all("li")] == ["Phone us", "Visit"]


def test_a_tabbed_paragraph_after_a_list_is_its_own_paragraph() -> None:
    page = soup("\u2022\tOne\n\u2022\tTwo\n\tThen a paragraph.\nFirst.\n\tSecond.")
    assert [p.get_text() for p in page.find_all("p")] == ["Then a paragraph.\nFirst.", "Second."]


def test_fenced_code_and_ordinary_text_are_left_alone() -> None:
    fenced = "```\n\tkeep\n```"
    assert tidy_pasted_text(fenced) == fenced
    plain = "Costs \u00b7 about \u00a35\n- a\n- b\n\nText after."
    assert tidy_pasted_text(plain) == plain
    assert found(found(soup("- a\n\t- b").find("ul")).find("ul")).get_text(strip=True) == "b"


def test_curly_quotes_around_a_whole_value_are_the_quotes_meant() -> None:
    data = parse_yaml(
        "a: \u201cfree\u201d\nb: \u2018it\u2019s\u2019\nc: \u201c2026-01-01\u201d\n"
        "d: [\u201cnorth\u201d, \u201csouth\u201d]\ne: He said \u201chi\u201d\n"
        "f: '\u201ckept\u201d'\n",
        "x.yaml",
    )
    assert data == {
        "a": "free",
        "b": "\u2018it\u2019s\u2019",  # an apostrophe inside: not a pair of quotes around it
        "c": "2026-01-01",  # text, as a quoted date is
        "d": ["north", "south"],
        "e": "He said \u201chi\u201d",
        "f": "\u201ckept\u201d",  # inside straight quotes, the curly ones are part of the text
    }
