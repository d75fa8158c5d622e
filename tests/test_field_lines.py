"""Where each field is written (sendsite/source/spans.py), and `sendsite check` pointing there.

A warning about a field points inside that field's own lines: never at another field, or another
item, that holds the same words (the search for the text in the whole file did that).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from sendsite.cli import main
from sendsite.source.sourcefile import read_source
from sendsite.source.spans import FieldLines, Span, field_lines
from sendsite.source.yamldoc import parse_yaml
from tests.conftest import TinySite

YAML = textwrap.dedent(
    """\
    name: Portage
    summary: One line.
    eligibility: |
      First line of a literal block.
      Second line.

    referral:
      self_referral: true
      how: >-
        Folded text that runs
        over two lines.
    contacts:
      - name: Team
        phone: 01632 960002
      - {name: Office, email: office@example.org}
    languages:
      - English
      - Polish
    plain: a plain value
      that goes on
    quoted: "a quoted value
      on two lines"
    last: end
    """
)


def lines_of(text: str) -> FieldLines:
    return field_lines(parse_yaml(text, "x.yaml"), "x.yaml")


def test_scalars_on_their_key_line() -> None:
    lines = lines_of(YAML)
    assert lines.span("name") == Span(1, 1)
    assert lines.span("summary") == Span(2, 2)
    assert lines.line("last") == 23
    assert lines.origin("last").line == 23 and lines.origin("last").path == "x.yaml"


def test_block_scalars_start_on_the_line_after_their_indicator() -> None:
    lines = lines_of(YAML)
    # `|` and `>`: the text is on the lines below the key; a trailing blank line may be included
    # but never the next key.
    assert lines.line("eligibility") == 3
    assert lines.span("eligibility") == Span(4, 6)
    assert lines.span("referral.how") == Span(10, 11)


def test_multi_line_plain_and_quoted_values_span_their_lines() -> None:
    lines = lines_of(YAML)
    assert lines.span("plain") == Span(19, 20)
    assert lines.span("quoted") == Span(21, 22)


def test_nested_fields_and_list_items() -> None:
    lines = lines_of(YAML)
    assert lines.line("referral") == 7
    assert lines.span("referral.self_referral") == Span(8, 8)
    assert lines.line("contacts") == 12
    assert lines.line("contacts.0") == 13
    assert lines.span("contacts.0.phone") == Span(14, 14)
    assert lines.span("contacts.1.email") == Span(15, 15)
    assert lines.span("languages.0") == Span(17, 17)
    assert lines.span("languages.1") == Span(18, 18)


def test_unknown_fields_have_no_line() -> None:
    lines = lines_of(YAML)
    assert lines.span("nothing") is None and lines.line("nothing") is None
    assert lines.origin("nothing").line is None


def test_front_matter_lines_are_file_lines_and_the_body_starts_after_blank_lines(
    tmp_path: Path,
) -> None:
    file = tmp_path / "portage.md"
    file.write_text("---\nname: Portage\nsummary: >-\n  Two\n  lines.\n---\n\n\nFirst.\n\nLast.\n")
    source = read_source(file, "content/services/portage.md")
    lines = field_lines(source.data, source.path, source.body_span)
    assert lines.span("name") == Span(2, 2)
    assert lines.span("summary") == Span(4, 5)
    assert lines.span("body") == Span(9, 11)
    assert source.body.startswith("First.")


def test_a_file_with_no_body_has_no_body_span(tmp_path: Path) -> None:
    file = tmp_path / "page.md"
    file.write_text("---\ntitle: Hello\n---\n")
    source = read_source(file, "content/pages/page.md")
    assert source.body_span is None


# --- `sendsite check` at the line of each warning's own text ---------------------------------


def check(site: TinySite) -> list[str]:
    site.capsys.readouterr()
    main(["check", str(site.root), "--date", "2026-11-23", "--format", "text"])
    out = site.capsys.readouterr().out
    return [line for line in out.splitlines() if ": style: " in line or "fix: " in line]


def line_with(site: TinySite, path: str, needle: str, after: int = 0) -> int:
    lines = (site.root / path).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line and i > after)


def replace(site: TinySite, path: str, old: str, new: str) -> None:
    text = (site.root / path).read_text()
    assert old in text
    site.write(path, text.replace(old, new))


LONG = (
    "The team that runs the service will write to every family on the list, and will phone "
    "those who do not answer, so that nobody waits longer than they must for their first visit."
)


def test_the_same_sentence_in_two_updates_is_reported_at_each(site: TinySite) -> None:
    path = "content/plans/wsoa.md"
    replace(
        site,
        path,
        "      - {date: 2019-01-10, status: at-risk, text: Recruiting.}\n"
        "      - {date: 2020-01-10, status: off-track, text: Still recruiting.}\n",
        "      - date: 2019-01-10\n        status: at-risk\n        text: >-\n"
        f"          {LONG}\n"
        "      - date: 2020-06-10\n        status: off-track\n        text: >-\n"
        f"          Nothing new.\n          {LONG}\n",
    )
    found = [w for w in check(site) if "has 34 words" in w]
    first = line_with(site, path, "The team that runs")
    second = line_with(site, path, "The team that runs", after=first)
    assert [w.split(": ")[0] for w in found] == [f"{path}:{first}", f"{path}:{second}"], found


def test_an_acronym_in_the_body_is_reported_in_the_body(site: TinySite) -> None:
    """'CAMHS' in a contact's name above is not the body's 'CAMHS'."""
    path = "content/services/portage.md"
    replace(site, path, "{name: Portage team,", "{name: Portage and CAMHS team,")
    replace(site, path, "every two weeks**.", "every two weeks**.\n\nA CAMHS nurse may come too.")
    (found,) = [w for w in check(site) if "'CAMHS' is not in the glossary" in w]
    assert found.startswith(f"{path}:{line_with(site, path, 'A CAMHS nurse')}: "), found


def test_a_hard_word_on_the_third_line_of_a_folded_field(site: TinySite) -> None:
    path = "content/services/portage.md"
    replace(
        site,
        path,
        "cost: free\n",
        "cost: free\neligibility: >-\n  Children under five\n  who live in Testshire.\n"
        "  Ask your GP or a CAMHS worker.\n",
    )
    (found,) = [w for w in check(site) if "'CAMHS' is not in the glossary" in w]
    assert found.startswith(f"{path}:{line_with(site, path, 'a CAMHS worker')}: "), found


def test_a_service_due_for_review_is_reported_at_last_reviewed(site: TinySite) -> None:
    path = "content/services/portage.md"
    replace(site, path, "last_reviewed: 2026-09-01", "last_reviewed: 2024-09-01")
    (found,) = [w for w in check(site) if "due for review" in w]
    assert found.startswith(f"{path}:{line_with(site, path, 'last_reviewed:')}: must fix"), found


def test_the_builds_warnings_are_at_the_line_they_are_about(site: TinySite) -> None:
    service = "content/services/portage.md"
    replace(site, service, "last_reviewed: 2026-09-01", "last_reviewed: 2024-09-01")
    site.write("content/organisations/nobody.yaml", "# A trust\nname: Nobody Names Us Trust\n")
    run = site.build("--date", "2026-11-23")
    assert run.code == 0, run.err
    review = line_with(site, service, "last_reviewed:")
    assert f"{service}:{review}: warning: The service 'Portage'" in run.err
    assert "content/organisations/nobody.yaml:2: warning: The organisation" in run.err


def test_an_item_not_yet_covered_is_reported_at_its_own_line_of_the_list(site: TinySite) -> None:
    site.write(
        "site.yaml",
        (site.root / "site.yaml").read_text()
        + "checks:\n  not_yet_covered:\n    - complaints\n    - travel\n",
    )
    found = [w for w in check(site) if "does not include" in w and " yet." in w]
    by_item = {("complaints" if "'complaints'" in w else "travel"): w for w in found}
    for name in ("complaints", "travel"):
        line = line_with(site, "site.yaml", f"    - {name}")
        assert by_item[name].startswith(f"site.yaml:{line}: should fix"), found
