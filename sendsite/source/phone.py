"""Phone numbers as a parent taps them: one UK number (or an international one with +), nothing else.

A phone field that carries a note ("call 01632 960222 after 5pm") used to become a tel: link of all
its digits, so the 5 of "5pm" joined the number and the link dialled a wrong one. Here a field is
read by Google's numbering-plan library (`phonenumbers`): words, notes and second numbers are
refused with a fix, an extension is kept on the page but left out of the link, and the link is
made from the number alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

REGION = "GB"

# "ext 12", "extension 12", "x12", "ext. 12" at the end: the switchboard's extension.
_EXTENSION = re.compile(r"^(?P<number>.*?)[\s,;]*(?:ext\.?|extension|x)\s*(?P<ext>\d{1,6})$", re.I)
# What a written number may contain besides digits: spaces, brackets, dashes, dots, a leading +.
_NUMBER_CHARACTERS = re.compile(r"^\+?[\d\s().\-\u2010-\u2015\u00a0]+$")
# A run of digits as a number is written: what is left around the longest one is a note.
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d\s().\-\u2010-\u2015\u00a0]*\d|\d")

# Ofcom keeps these ranges for drama and examples: they are never given to a real line, so an
# example site can use them. They are possible numbers but not "valid" ones in the numbering plan.
_DRAMA = (
    *(f"44{area}4960" for area in ("113", "114", "115", "116", "117", "118")),
    *(f"44{area}4960" for area in ("121", "131", "141", "151", "161")),
    "441914980",
    "442079460",
    "442896496",
    "442920180",
    "441632960",
    "447700900",
    "448081570",
    "449098790",
    "443069990",
)


@dataclass(frozen=True)
class Phone:
    """A phone number that passed the checks: what the link dials and any extension."""

    dial: str  # digits (and a leading + for numbers outside the UK), for a tel: link
    extension: str | None = None


@dataclass(frozen=True)
class PhoneMistake:
    message: str
    hint: str


# Every answer this process gave or was given, by its text: each number is read when its file is
# checked and again for every tel: link, open data record and JSON-LD block made from it (the
# numbering-plan library is slow: a tenth of a 4,000-service build). A build keeps them with
# its checked files (model/checked.py) and is given the last build's (`remember`), so one that
# reads only numbers read before, as a one-edit build of site.yaml's phone, imports no
# phonenumbers (9 ms of its start). An answer is a frozen value that depends on the text alone
# (and on sendsite and phonenumbers, which the kept record's version holds).
_answers: dict[str, Phone | PhoneMistake] = {}


def remember(answers: Mapping[str, Phone | PhoneMistake]) -> None:
    """Answers the last build gave, for read_phone to give again."""
    _answers.update(answers)


def answers() -> dict[str, Phone | PhoneMistake]:
    """Every answer read_phone gave or was given in this process."""
    return dict(_answers)


def read_phone(text: str) -> Phone | PhoneMistake:
    """The number in a phone field, or the mistake in it, in an author's words."""
    found = _answers.get(text)
    if found is None:
        found = _answers[text] = _read_phone(text)
    return found


def _read_phone(text: str) -> Phone | PhoneMistake:
    # Imported here (and in _international and _is_short_number): see _answers.
    import phonenumbers

    written = text.strip()
    # Digits from other scripts (Arabic-Indic, full width) dial as the same digits.
    number = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in written)
    extension = None
    match = _EXTENSION.match(number)
    if match and match.group("number").strip():
        number, extension = match.group("number").strip(), match.group("ext")
    if not _NUMBER_CHARACTERS.match(number):
        return _words(written)
    digits = "".join(c for c in number if c.isdigit())
    if number.startswith("+") or digits.startswith("00"):
        return _international(written, number, extension)
    if len(digits) <= 6 and _is_short_number(digits):
        return Phone(digits, extension)
    if len(digits) not in (10, 11):  # every UK number dialled from the UK, with its 0
        return _wrong_length(written, digits)
    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        return _wrong_length(written, digits)
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if parsed.country_code != 44:
        return _international(written, number, extension)
    if not (phonenumbers.is_valid_number(parsed) or _is_drama(e164)):
        return PhoneMistake(
            f"'{written}' is not a UK phone number in use",
            "Check the digits against the service's own letters or website.",
        )
    national = str(parsed.national_number)
    return Phone("0" + national, extension)


def _international(written: str, number: str, extension: str | None) -> Phone | PhoneMistake:
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number if number.startswith("+") else "+" + number[2:].lstrip())
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        return PhoneMistake(
            f"'{written}' is not a whole phone number",
            "Write an international number as + and the country code, like +33 1 23 45 67 89, "
            "or a UK number as 01632 960000.",
        )
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if parsed.country_code == 44:
        if phonenumbers.is_valid_number(parsed) or _is_drama(e164):
            return Phone("0" + str(parsed.national_number), extension)
    elif phonenumbers.is_valid_number(parsed):
        return Phone(e164, extension)
    return PhoneMistake(
        f"'{written}' is not a phone number in use",
        "Check the digits and the country code against the service's own letters or website.",
    )


def _is_drama(e164: str) -> bool:
    return len(e164) == 13 and e164[1:].startswith(_DRAMA)  # +44 and ten digits


# A letter O (or I, l) typed for a 0 (or 1) next to a digit: 'O1632 96011O'.
_LOOKALIKE = re.compile(r"(?<![A-Za-z])([OoIl])(?=[0-9])|(?<=[0-9])([OoIl])(?![A-Za-z])")


def _words(written: str) -> PhoneMistake:
    runs = _DIGIT_RUN.findall(written)
    if sum(1 for run in runs if sum(c.isdigit() for c in run) >= 6) >= 2:
        return PhoneMistake(
            f"'{written}' has two phone numbers in one field",
            "Write one number in each field: give the second number its own contact.",
        )
    lookalike = _LOOKALIKE.search(written)
    if lookalike is not None:
        letter = lookalike.group(1) or lookalike.group(2)
        digit = "0 (zero)" if letter in "oO" else "1 (one)"
        return PhoneMistake(
            f"'{written}' has the letter '{letter}' where a {digit} should be",
            f"Type the number again with a {digit} in place of the letter '{letter}'.",
        )
    longest = max(runs, key=len, default="")
    if not longest:
        return PhoneMistake(
            f"'{written}' is not a phone number: it has no digits",
            "Write the number, like 'phone: 01632 960000'.",
        )
    before, _, after = written.partition(longest)
    extra = " … ".join(part.strip(" ,;:-") for part in (before, after) if part.strip(" ,;:-"))
    return PhoneMistake(
        f"the phone number '{written}' has words in it as well ('{extra}'): a parent who taps "
        "it would dial the wrong number",
        f"Write only the number, like 'phone: {longest.strip() or '01632 960000'}', and put "
        "the rest in the description or the contact's role. An extension can follow as 'ext 123'.",
    )


def _is_short_number(digits: str) -> bool:
    import phonenumbers
    from phonenumbers import shortnumberinfo

    try:
        parsed = phonenumbers.parse(digits, REGION)
    except phonenumbers.NumberParseException:
        return False
    return bool(shortnumberinfo.is_valid_short_number_for_region(parsed, REGION))


def _wrong_length(written: str, digits: str) -> PhoneMistake:
    if len(digits) > 11:
        return PhoneMistake(
            f"'{written}' has {len(digits)} digits, too many for one UK phone number",
            "Write one number per field; give a second number its own contact.",
        )
    return PhoneMistake(
        f"'{written}' has {len(digits)} digits, which is not a whole UK phone number",
        "UK numbers have 10 or 11 digits, like 01632 960000: check none is missing.",
    )


def tel(text: str) -> str:
    """What a tel: link dials for a phone field that passed `read_phone`."""
    result = read_phone(text)
    if isinstance(result, Phone):
        return result.dial
    # Not reached for checked content; digits alone keep a link harmless if it ever is.
    return "".join(c for c in text if c.isdigit() or c == "+")
