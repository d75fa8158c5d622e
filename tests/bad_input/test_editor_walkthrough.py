"""The 30-mistake walk-through (issue 22), repeated on a copy of the Dorset example: everyday
slips an editor makes, each one either refused by `sendsite build` with the file, the line and a
plain fix, or harmless (the page says what the editor meant), or, for the two the build cannot
know the editor did not mean (a link to a page that does not exist, an image with no alt text),
published with a warning at its line that `sendsite build` prints, that `build --strict` and
`check --strict` fail on (the starter's CI runs them), and that the preview's panel shows. None
publishes something wrong silently.

Each case copies the example's sources, plants one mistake and builds into a fresh folder."""

from __future__ import annotations

import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sendsite.cli import main
from tests.bad_input.plant import Replace, Step, Write
from tests.conftest import BUILD_DATE

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
PORTAGE = "content/services/portage.md"
SENDIASS = "content/organisations/dorset-sendiass.yaml"
CLUB = "content/services/autism-saturday-club.md"
BODY = "Together you set small"
FIX = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: [A-Z'].*\. [A-Z'].*[.?]$")


@dataclass(frozen=True)
class Mistake:
    id: str
    steps: tuple[Step, ...]
    refused: tuple[str, ...] = ()  # the build stops, printing each of these lines
    published: tuple[str, ...] = ()  # harmless: the Portage page says each of these
    absent: tuple[str, ...] = ()  # ... and none of these
    must_fix: tuple[str, ...] = ()  # the build publishes, warning; `--strict` fails at these

    def __str__(self) -> str:
        return self.id


def portage(old: str, new: str) -> Replace:
    return Replace(PORTAGE, old, new)


def at(line: int, text: str) -> str:
    return f"{PORTAGE}:{line}: {text}"


PHONE = "phone: 01632 960110"
TIMES = 'opens: "09:00", closes: "17:00"'
REVIEWED = "last_reviewed: 2026-06-18"
WORDS = "has words in it as well"

MISTAKES: list[Mistake] = [
    # --- typing field names, and indentation -----------------------------------------------------
    Mistake(
        "field-name-misspelt",
        (portage("summary: Home", "sumary: Home"),),
        refused=(
            at(
                2,
                "This service is missing the required field 'summary'. Add a line 'summary: ...'.",
            ),
            at(4, "Unknown field 'sumary' in this service. Did you mean 'summary'?"),
        ),
    ),
    Mistake(
        "nested-field-name-misspelt",
        (portage("self_referral: true", "self_referal: true"),),
        refused=(
            at(15, "Unknown field 'self_referal' in 'referral'. Did you mean 'self_referral'?"),
        ),
    ),
    Mistake(
        "field-slipped-out-of-its-group",
        (portage("  how: >-\n    Parents", "how: >-\n    Parents"),),
        refused=(
            at(
                16,
                "'how' belongs under 'referral' (line 14), but is not indented. Indent it by two "
                "spaces, to line up with the other fields of 'referral'.",
            ),
        ),
    ),
    Mistake(
        "list-item-one-space-short",
        (portage("    role: Duty", "   role: Duty"),),
        refused=(
            at(
                21,
                "This line does not line up with the list above it. Start each item of the list "
                "with '- ' at the same indentation as the items above it.",
            ),
        ),
    ),
    Mistake(
        "tab-for-indentation",
        (portage("  self_referral", "\tself_referral"),),
        refused=(
            at(
                15,
                "This line has a tab character. YAML does not allow tabs for indentation: "
                "replace them with spaces.",
            ),
        ),
    ),
    Mistake(
        "list-dash-without-a-space",
        (portage("languages: [English]", "languages:\n  -English\n  -Polish"),),
        refused=(
            at(
                27,
                "'languages' is read as the text '-English -Polish', not as a list, because "
                "there is no space after the '-' in '-English'. Put a space after each '-', like "
                "'- English'.",
            ),
        ),
    ),
    # --- pasted from Word ------------------------------------------------------------------------
    Mistake(
        "non-breaking-space-after-a-colon",
        (portage("name: Portage home visiting", "name:\u00a0Portage home visiting"),),
        refused=(
            at(
                2,
                "This line has a non-breaking space (often pasted from Word or a web page) where "
                "YAML needs an ordinary space. Delete the space after the ':' (and any before the "
                "field name) and type an ordinary space instead.",
            ),
        ),
    ),
    Mistake(
        "word-bullets-in-a-list-field",
        (portage("languages: [English]", "languages:\n\u2022 English\n\u2022 Polish"),),
        refused=(
            at(
                28,
                "This line starts with a bullet character (pasted from Word), which YAML does "
                "not read as an item of a list. Start each item with '- ' (a hyphen and a space) "
                "instead, indented by two spaces under the field name.",
            ),
        ),
    ),
    Mistake(
        "word-bullets-in-the-text",
        (portage(BODY, "You can:\n\u2022\tset goals\n\u2022\tplay together\n\n" + BODY),),
        published=("You can: set goals play together",),
        absent=("\u2022",),
    ),
    Mistake(
        "word-tab-at-the-start-of-a-paragraph",
        (portage(BODY, "\t" + BODY),),
        published=(BODY + ", clear goals",),
    ),
    Mistake(
        "word-curly-quotes-around-a-value",
        (portage("cost: free", "cost: \u201cfree\u201d"),),
        published=("Cost Free See other free services",),  # the link is to services/cost/free/
        absent=("\u201c", "\u201d"),
    ),
    Mistake(
        "word-dashes-in-a-date",
        (portage(REVIEWED, "last_reviewed: 2026\u201306\u201318"),),
        refused=(
            at(
                9,
                "'2026\u201306\u201318' in 'last_reviewed' is not a date. Write dates as "
                "YYYY-MM-DD, for example 2024-03-11.",
            ),
        ),
    ),
    # --- dates and numbers -----------------------------------------------------------------------
    Mistake(
        "review-date-a-year-ahead",
        (portage(REVIEWED, "last_reviewed: 2027-06-18"),),
        refused=(
            at(
                9,
                "'last_reviewed' is 18 June 2027, which has not happened yet (the site is built "
                "on 23 November 2026). Check the year and the month: this date cannot be in the "
                "future.",
            ),
        ),
    ),
    Mistake(
        "date-written-the-uk-way",
        (portage(REVIEWED, "last_reviewed: 18/06/2026"),),
        refused=(
            at(
                9,
                "'18/06/2026' in 'last_reviewed' is not a date. Write dates as YYYY-MM-DD, for "
                "example 2024-03-11.",
            ),
        ),
    ),
    Mistake(
        "opening-times-as-9am",
        (portage(TIMES, "opens: 9am, closes: 5pm"),),
        refused=(
            at(25, "'5pm' is not a time. Write times on the 24-hour clock, like '09:30'."),
            at(25, "'9am' is not a time. Write times on the 24-hour clock, like '09:30'."),
        ),
    ),
    # --- phone numbers, web and email addresses --------------------------------------------------
    Mistake(
        "phone-with-a-note",
        (portage(PHONE, "phone: call 01632 960110 after 5pm"),),
        refused=(
            at(
                22,
                f"The phone number 'call 01632 960110 after 5pm' {WORDS} ('call … after 5pm'): "
                "a parent who taps it would dial the wrong number. Write only the number, like "
                "'phone: 01632 960110', and put the rest in the description or the contact's "
                "role. An extension can follow as 'ext 123'.",
            ),
        ),
    ),
    Mistake(
        "phone-with-a-menu-option",
        (portage(PHONE, "phone: 01632 960110 option 2"),),
        refused=(
            at(
                22,
                f"The phone number '01632 960110 option 2' {WORDS} ('option 2'): a parent who "
                "taps it would dial the wrong number. Write only the number, like 'phone: 01632 "
                "960110', and put the rest in the description or the contact's role. An "
                "extension can follow as 'ext 123'.",
            ),
        ),
    ),
    Mistake(
        "phone-with-the-letter-o-for-zero",
        (portage(PHONE, "phone: O1632 96011O"),),
        refused=(
            at(
                22,
                "'O1632 96011O' has the letter 'O' where a 0 (zero) should be. Type the number "
                "again with a 0 (zero) in place of the letter 'O'.",
            ),
        ),
    ),
    Mistake(
        "two-phone-numbers-in-one-field",
        (portage(PHONE, "phone: 01632 960110 / 07700 900123"),),
        refused=(
            at(
                22,
                "'01632 960110 / 07700 900123' has two phone numbers in one field. Write one "
                "number in each field: give the second number its own contact.",
            ),
        ),
    ),
    Mistake(
        "web-address-without-https",
        (Replace(SENDIASS, "https://", "www."),),
        refused=(
            f"{SENDIASS}:6: 'www.example.org/dorset-sendiass/' is not a web address. Write the "
            "full address, starting with https://.",
        ),
    ),
    Mistake(
        "email-address-cut-short",
        (portage("email: portage@example.org", "email: portage@example"),),
        refused=(
            at(23, "'portage@example' is not an email address. Write it as name@example.org."),
        ),
    ),
    # --- required fields, names from the taxonomy, ids -------------------------------------------
    Mistake(
        "required-field-deleted",
        (portage(REVIEWED + "\n", ""),),
        refused=(
            at(
                2,
                "This service is missing the required field 'last_reviewed'. Add a line "
                "'last_reviewed: ...'.",
            ),
        ),
    ),
    Mistake(
        "need-misspelt",
        (Replace(CLUB, "needs: [", "needs: [autsim, "),),
        refused=(
            f"{CLUB}:6: 'autsim' is not one of the needs in content/taxonomy.yaml. Did you mean "
            "'autism'?",
        ),
    ),
    Mistake(
        "area-misspelt",
        (portage("areas: all", "areas: [west-dorst]"),),
        refused=(
            at(
                8,
                "'west-dorst' is not one of the areas in content/taxonomy.yaml. Did you mean "
                "'west-dorset' or 'east-dorset' or 'north-dorset'?",
            ),
        ),
    ),
    Mistake(
        "service-saved-twice-under-one-name",
        (Write("content/services/portage.yaml", "name: Portage again\n"),),
        refused=(
            "content/services/portage.yaml: Two files have the id 'portage': "
            "content/services/portage.md and this one. Rename or remove one of them: every item "
            "needs its own file name.",
        ),
    ),
    Mistake(
        "file-named-with-capitals-and-a-space",
        (Write("content/services/Portage Copy.md", "---\nname: Copy\n---\n"),),
        refused=(
            "content/services/Portage Copy.md: The name 'Portage Copy' can only use lowercase "
            "letters, digits and hyphens. Rename the file to portage-copy.md.",
        ),
    ),
    Mistake(
        "saved-as-a-word-document",
        (Write("content/services/new-service.docx", "PK"),),
        refused=(
            "content/services/new-service.docx: Files in content/services/ must end in .md or "
            ".yaml or .yml. Rename the file, or move it to content/assets/ if it is a document "
            "or image.",
        ),
    ),
    Mistake(
        "front-matter-closing-line-deleted",
        (portage("---\nPortage is", "Portage is"),),
        refused=(
            at(
                1,
                "The front matter that starts on line 1 is never closed. Add a line '---' after "
                "the last field, before the text.",
            ),
        ),
    ),
    # --- what the build publishes with a warning ---------------------------------------------------
    Mistake(
        "link-to-a-page-that-does-not-exist",
        (portage(BODY, "See [the EHC guide](/guides/ehc-assesment/). " + BODY),),
        must_fix=(
            at(
                39,
                "must fix: the link '/guides/ehc-assesment/' points at a page that does not "
                "exist. Check the address.",
            ),
        ),
    ),
    Mistake(
        "image-without-alt-text",
        (portage(BODY, "![](https://example.org/a.png) " + BODY),),
        must_fix=(
            at(
                39,
                "must fix: the image 'https://example.org/a.png' has no alt text. Describe what "
                "the image shows inside the square brackets: ![A family at a Portage "
                "session](photo.jpg). Use empty brackets only for decoration.",
            ),
        ),
    ),
]

NO_LINE = {
    "service-saved-twice-under-one-name",
    "file-named-with-capitals-and-a-space",
    "saved-as-a-word-document",
}  # fmt: skip  (the file itself is the mistake)


def as_build(check_line: str, level: str) -> str:
    """A line of `check` as `build` says it: build's sentences start with a capital."""
    where, said = check_line.split(": must fix: ", 1)
    return f"{where}{level}{said[0].upper()}{said[1:]}"


def run(*args: str) -> tuple[int, str]:
    err = StringIO()
    with redirect_stderr(err), redirect_stdout(err):
        code = main([*args, "--date", BUILD_DATE])
    return code, err.getvalue()


@pytest.fixture(scope="session")
def dorset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's sources, once; each case copies them."""
    root = tmp_path_factory.mktemp("walkthrough") / "dorset"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root / "site.yaml")
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    return root


def test_the_walkthrough_has_thirty_mistakes_of_each_kind() -> None:
    ids = [m.id for m in MISTAKES]
    assert len(ids) == len(set(ids)) == 30
    for mistake in MISTAKES:
        assert [bool(mistake.refused), bool(mistake.published), bool(mistake.must_fix)].count(
            True
        ) == 1, mistake.id
    assert sum(1 for m in MISTAKES if m.refused) == 25
    assert sum(1 for m in MISTAKES if m.published) == 3
    assert sum(1 for m in MISTAKES if m.must_fix) == 2


@pytest.mark.parametrize("mistake", MISTAKES, ids=str)
def test_no_mistake_is_published_silently(mistake: Mistake, dorset: Path, tmp_path: Path) -> None:
    root = tmp_path / "dorset"
    shutil.copytree(dorset, root)
    for step in mistake.steps:
        step.apply(root)
    out = tmp_path / "out"
    code, err = run("build", str(root), "-o", str(out))
    assert "Traceback" not in err
    if mistake.refused:
        assert code == 1, err
        lines = [
            line
            for line in err.splitlines()
            if ": warning: " not in line and not line.endswith("has not been changed.")
        ]
        assert lines == list(mistake.refused)
        for line in lines:
            match = FIX.match(line)
            assert match is not None, f"not a sentence and a fix: {line!r}"
            assert match["line"] is not None or mistake.id in NO_LINE, line
        assert not out.exists()  # nothing published
        return
    assert code == 0, err
    if mistake.published:
        page = (out / "services/portage/index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(page, "html.parser")
        assert soup.find("pre") is None  # a pasted tab never becomes a code box
        text = " ".join(soup.get_text(" ").split())
        for wanted in mistake.published:
            assert wanted in text
        for unwanted in mistake.absent:
            assert unwanted not in text
        code, said = run("check", str(root), "--strict")
        assert f"{PORTAGE}:" not in "\n".join(
            line for line in said.splitlines() if "must fix" in line
        )
        return
    said_by_build = err.splitlines()
    for wanted in mistake.must_fix:
        assert as_build(wanted, ": warning: ") in said_by_build
    strict_out = tmp_path / "strict"
    code, said = run("build", str(root), "-o", str(strict_out), "--strict")
    assert code == 1
    assert not strict_out.exists()
    for wanted in mistake.must_fix:
        assert as_build(wanted, ": ") in said.splitlines()
    code, said = run("check", str(root), "--strict")
    assert code == 1
    for wanted in mistake.must_fix:
        assert wanted in said.splitlines()
