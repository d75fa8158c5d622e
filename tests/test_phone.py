"""Phone numbers: a tel: link dials the number that was written and nothing else (issue 22).

Unit cases for the reader, property tests over how editors write numbers (spacing, brackets,
dashes, +44, notes before and after), and the links a built page gets.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from sendsite.source.phone import Phone, PhoneMistake, read_phone, tel
from tests.conftest import TinySite
from tests.soup import attr

# Numbers Ofcom keeps for drama, and real ranges of each kind (the digits after the 0).
PREFIXES = ["1632960", "7700900", "1134960", "2079460", "8081570", "3069990"]


@st.composite
def uk_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A UK number in the drama ranges, written the ways editors write it, and its digits."""
    digits = (
        "0" + draw(st.sampled_from(PREFIXES)) + draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    )
    cut = draw(st.sampled_from([5, 4, 3]))
    separator = draw(st.sampled_from([" ", "", "-", " - ", "  ", "\u00a0"]))
    head, tail = digits[:cut], digits[cut:]
    if draw(st.booleans()):
        head = f"({head})"
    if draw(st.booleans()):
        head = "+44 " + head[1:] if not head.startswith("(") else "+44 (" + head[2:]
    return head + separator + tail, digits


NOTES = st.sampled_from(
    ["after 5pm", "option 2", "Mon to Fri", "(9am to 5pm)", "freephone", "text only", "or 2"]
)


@given(uk_numbers())
@settings(max_examples=100, deadline=None)
def test_a_number_however_written_dials_its_own_digits(written: tuple[str, str]) -> None:
    text, digits = written
    assert read_phone(text) == Phone(digits)
    assert tel(text) == digits


@given(uk_numbers(), NOTES, st.booleans())
@settings(max_examples=100, deadline=None)
def test_a_note_beside_a_number_is_refused(
    written: tuple[str, str], note: str, before: bool
) -> None:
    text = f"{note} {written[0]}" if before else f"{written[0]} {note}"
    result = read_phone(text)
    assert isinstance(result, PhoneMistake)
    assert note.strip("()") in result.message  # the author is shown what does not belong


@given(
    uk_numbers(),
    st.from_regex(r"[0-9]{1,5}", fullmatch=True),
    st.sampled_from(["ext", "ext.", "extension", "x", "Ext"]),
)
@settings(max_examples=100, deadline=None)
def test_an_extension_is_kept_out_of_the_link(
    written: tuple[str, str], extension: str, word: str
) -> None:
    assert read_phone(f"{written[0]} {word} {extension}") == Phone(written[1], extension)


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_whatever_is_typed_the_link_is_digits_or_refused(text: str) -> None:
    result = read_phone(text)
    if isinstance(result, Phone):
        assert re.fullmatch(r"\+?\d{3,15}", result.dial)
        typed = "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())
        # the link's digits are the typed ones (less a +44 or 0044 written as the UK's 0)
        assert typed.endswith(result.dial.lstrip("+0")) or result.dial.lstrip("+") in typed


def test_the_cases_from_the_issue() -> None:
    for text in ("call 01632 960222 after 5pm", "01632 960222 option 2"):
        result = read_phone(text)
        assert isinstance(result, PhoneMistake), text
    assert read_phone("+33 1 23 45 67 89") == Phone("+33123456789")
    assert read_phone("0044 1632 960222") == Phone("01632960222")
    assert read_phone("116 123") == Phone("116123")
    assert isinstance(read_phone("01632 960222 / 07700 900310"), PhoneMistake)
    assert isinstance(read_phone("01000 000000"), PhoneMistake)  # possible, but not in use


def test_links_on_a_built_page_dial_the_number_only(site: TinySite) -> None:
    org = site.root / "content/organisations/testshire-council.yaml"
    org.write_text(org.read_text().replace("01632 960001", "01632 960001 ext 204"))
    run = site.build()
    assert run.code == 0, run.err
    page = site.page("/organisations/testshire-council/")
    links = [a for a in page.find_all("a", href=True) if attr(a, "href").startswith("tel:")]
    assert any(a["href"] == "tel:01632960001" and "ext 204" in a.get_text() for a in links)
