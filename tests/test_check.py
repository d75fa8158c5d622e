"""`sendsite check`: one planted problem per check, with its file and line; a clean site is quiet."""

from __future__ import annotations

import json
import re

import pytest

from sendsite.cli import main
from sendsite.model.local_offer_items import ITEM_IDS, REQUIRED_ITEMS
from tests.conftest import Run, TinySite
from tests.soup import attr, found

GLOSSARY = """\
- term: EHC plan
  meaning: An education, health and care plan.
  also: [EHCP]
- term: SEND
  meaning: Special educational needs and disabilities.
- term: Ofsted
  meaning: The inspectors of schools and children's services.
"""


ALL_ITEMS = ", ".join(ITEM_IDS)


@pytest.fixture
def clean(site: TinySite) -> TinySite:
    """The tiny site with nothing for `check` to say."""
    site.write("content/glossary.yaml", GLOSSARY)
    # The overdue action has an update since its due date, so it is not stale.
    plant(site, "content/plans/wsoa.md", "{date: 2020-01-10,", "{date: 2020-06-10,")
    # Everything a Local Offer must include, said to be on the about page (the tests of coverage
    # take items away from it).
    plant(site, "content/pages/about.md", "nav_order: 1", f"nav_order: 1\ncovers: [{ALL_ITEMS}]")
    # Families on a SEND Local Offer know the word SEND; summaries may use it unexplained.
    site.write(
        "site.yaml",
        (site.root / "site.yaml").read_text()
        + f"id_namespace: {TINY_NAMESPACE}\n"
        + "checks:\n  known_acronyms: [SEND]\n",
    )
    return site


def check(site: TinySite, *args: str) -> Run:
    site.capsys.readouterr()
    code = main(["check", str(site.root), "--date", "2026-11-23", *args])
    captured = site.capsys.readouterr()
    return Run(code, captured.out, captured.err)


LEVEL_MARK = re.compile(r":\d*:? ?(must fix|should fix|style): ")


def warnings(run: Run) -> list[str]:
    return [line for line in run.out.splitlines() if LEVEL_MARK.search(line)]


def line_of(site: TinySite, path: str, needle: str) -> int:
    lines = (site.root / path).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# The namespace the tiny site's base_url (https://example.org/) made its ids from.
TINY_NAMESPACE = "527dda32-a0de-5105-a042-cb475b5f7d11"


def test_a_site_without_an_id_namespace_is_told_to_set_one(clean: TinySite) -> None:
    """Ids made from base_url would all change when the site moves: should fix, with the line
    that keeps today's ids."""
    yaml = (clean.root / "site.yaml").read_text()
    clean.write("site.yaml", yaml.replace(f"id_namespace: {TINY_NAMESPACE}\n", ""))
    run = check(clean)
    assert warnings(run) == [
        "site.yaml:2: should fix: site.yaml has no id_namespace, so every Open Referral UK id is "
        "made from base_url and would change if the site moved to another address. Add the line "
        f"'id_namespace: {TINY_NAMESPACE}' to site.yaml (it keeps today's ids) and never change it."
    ]


def test_clean_site_has_no_warnings(clean: TinySite) -> None:
    run = check(clean)
    assert run.code == 0
    assert warnings(run) == [], run.out
    assert run.out.strip().endswith("0 warnings, as of 2026-11-23.")
    assert check(clean, "--strict").code == 0


def plant(site: TinySite, path: str, old: str, new: str) -> None:
    text = (site.root / path).read_text()
    assert old in text
    site.write(path, text.replace(old, new))


SERVICE = "content/services/portage.md"


@pytest.mark.parametrize(
    ("path", "old", "new", "needle", "expected"),
    [
        pytest.param(
            SERVICE, "every two weeks**.", "every two weeks**. See [our guide](/guides/missing/).",
            "our guide", "The link '/guides/missing/' points at a page that does not exist",
            id="broken-internal-link",
        ),
        pytest.param(
            SERVICE, "every two weeks**.", "every two weeks**. See [about](/about/#nowhere).",
            "(/about/#nowhere)", "points at '#nowhere', which is not on that page",
            id="broken-anchor",
        ),
        pytest.param(
            SERVICE, "every two weeks**.", "every two weeks**.\n\n![](/assets/photo.png)",
            "photo.png", "The image '/assets/photo.png' has no alt text",
            id="image-without-alt",
        ),
        pytest.param(
            SERVICE, "every two weeks**.", "every two weeks**. Visit [us](https://example).",
            "https://example", "The link 'https://example' is not a valid web address",
            id="malformed-external-link",
        ),
        pytest.param(
            SERVICE, "every two weeks**.", "every two weeks**. Visit [us](www.example.org).",
            "www.example.org", "has no https:// at the start",
            id="link-without-scheme",
        ),
        pytest.param(
            SERVICE, "every two weeks**.",
            "every two weeks**. A CAMHS worker may come too.",
            "CAMHS", "'CAMHS' is not in the glossary",
            id="acronym-not-in-glossary",
        ),
        pytest.param(
            SERVICE, "Home visits that help young children with SEND learn through play.",
            "Home visits for children with an EHCP.",
            "summary:", "The summary uses 'EHCP' without explaining it",
            id="jargon-in-summary",
        ),
        pytest.param(
            SERVICE, "every two weeks**.",
            "every two weeks**. The home visitor who comes to see you will bring toys, books and "
            "games, and will talk with you about what your child likes to do, what they find hard, "
            "and what you would like them to learn next.",
            "every two weeks", "has 39 words",
            id="long-sentence",
        ),
        pytest.param(
            SERVICE, "every two weeks**.",
            "every two weeks**. Notwithstanding multidisciplinary considerations, practitioners "
            "systematically operationalise individualised developmental interventions, "
            "facilitating comprehensive multiagency collaboration regarding neurodevelopmental "
            "characteristics. Subsequently, documentation accompanies evaluations.",
            "Notwithstanding", "needs a reading age of about",
            id="reading-age",
        ),
    ],
)  # fmt: skip
def test_each_check_names_file_and_line(
    clean: TinySite, path: str, old: str, new: str, needle: str, expected: str
) -> None:
    plant(clean, path, old, new)
    run = check(clean)
    assert run.code == 0
    found = [w for w in warnings(run) if expected.lower() in w.lower()]
    assert found, run.out
    if needle == "---":  # a finding about a whole body points at its first line
        lines = (clean.root / path).read_text().splitlines()
        expected_line = lines.index("---", 1) + 2
    else:
        expected_line = line_of(clean, path, needle)
    assert re.match(rf"{re.escape(path)}:{expected_line}: (must fix|should fix|style): ", found[0])


def test_service_due_for_review_says_how_overdue(clean: TinySite) -> None:
    plant(clean, SERVICE, "last_reviewed: 2026-09-01", "last_reviewed: 2025-05-20")
    found = warnings(check(clean))
    assert found == [
        f"content/services/portage.md:{line_of(clean, SERVICE, 'last_reviewed:')}: must fix: "
        "'Portage' was last reviewed on 20 May 2025, so it was due for review on 20 May 2026, "
        "6 months ago. Check the record with the provider, then update last_reviewed."
    ]


def test_service_without_contact_route(clean: TinySite) -> None:
    plant(
        clean,
        SERVICE,
        "  - {name: Portage team, phone: 01632 960002, email: portage@example.org}\n",
        "  - {name: Portage team}\n",
    )
    found = warnings(check(clean))
    assert any("has no phone number, email address or website" in w for w in found)


def test_finding_that_no_action_addresses(clean: TinySite) -> None:
    plant(clean, "content/plans/wsoa.md", "    addresses: [2017-inspection#waiting]\n", "")
    found = warnings(check(clean))
    line = line_of(clean, "content/inspections/2017-inspection.md", "- id: waiting")
    assert (
        f"content/inspections/2017-inspection.md:{line}: must fix: no plan action addresses the "
        "finding 'waiting' of 2017-inspection." in " ".join(found)
    )


def test_overdue_action_with_no_update_since_its_due_date(clean: TinySite) -> None:
    assert not any("no update since" in w for w in warnings(check(clean)))
    plant(
        clean,
        "content/plans/wsoa.md",
        "{date: 2020-06-10, status: off-track, text: Still recruiting.}",
        "{date: 2020-02-10, status: off-track, text: Still recruiting.}",
    )
    found = [w for w in warnings(check(clean)) if "no update since" in w]
    line = line_of(clean, "content/plans/wsoa.md", "- id: cut-waits")
    assert found and found[0].startswith(
        f"content/plans/wsoa.md:{line}: must fix: the action 'cut-waits'"
    )


def test_json_format_parses(clean: TinySite) -> None:
    plant(clean, SERVICE, "every two weeks**.", "every two weeks**. A CAMHS worker may come.")
    run = check(clean, "--format", "json")
    data = json.loads(run.out)
    assert data["counts"] == {"acronym": 1}
    (item,) = data["warnings"]
    assert item["path"] == SERVICE and item["check"] == "acronym" and isinstance(item["line"], int)
    assert item["level"] == "should-fix"
    assert data["levels"] == {"must-fix": 0, "should-fix": 1, "style": 0}
    assert data["strict_levels"] == ["must-fix"]


def test_content_errors_stop_check_like_a_build(clean: TinySite) -> None:
    plant(clean, SERVICE, "name: Portage", "nme: Portage")
    run = check(clean)
    assert run.code == 1
    assert "Unknown field 'nme'" in run.err


def test_reading_age_target_comes_from_site_yaml(clean: TinySite) -> None:
    plant(
        clean,
        SERVICE,
        "every two weeks**.",
        "every two weeks**. Notwithstanding multidisciplinary considerations, practitioners "
        "systematically operationalise individualised developmental interventions for children.",
    )
    assert any("reading age" in w for w in warnings(check(clean)))
    (clean.root / "site.yaml").write_text(
        (clean.root / "site.yaml").read_text()
        + "checks:\n  reading_age: 25\n  sentence_words: 60\n"
    )
    assert not any("reading age" in w for w in warnings(check(clean)))


def test_glossary_terms_link_to_their_entry_on_first_use(clean: TinySite) -> None:
    plant(
        clean, SERVICE, "every two weeks**.", "every two weeks**. Ask about an EHCP. An EHCP lasts."
    )
    assert clean.build().code == 0
    page = clean.page("/services/portage/")
    links = page.select("main a.glossary-term")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("SEND", "/glossary/#send"),
        ("EHCP", "/glossary/#ehc-plan"),
    ]
    assert links[1]["title"] == "An education, health and care plan."
    assert not clean.page("/glossary/").select("a.glossary-term")


def plant_three_levels(site: TinySite) -> None:
    """One warning at each level: a broken link, an acronym nobody explains, a long sentence."""
    plant(site, SERVICE, "last_reviewed: 2026-09-01", "last_reviewed: 2025-05-20")
    plant(
        site,
        SERVICE,
        "every two weeks**.",
        "every two weeks**. A CAMHS worker may come too. The home visitor who comes to see you "
        "will bring toys, books and games, and will talk with you about what your child likes to "
        "do, what they find hard, and what you would like them to learn next.",
    )


def test_warnings_come_most_important_first_with_a_count_per_level(clean: TinySite) -> None:
    plant_three_levels(clean)
    run = check(clean)
    levels = [LEVEL_MARK.search(w).group(1) for w in warnings(run)]  # type: ignore[union-attr]
    assert levels == ["must fix", "should fix", "style"], run.out
    assert run.out.splitlines()[-1] == (
        "3 warnings (1 must fix, 1 should fix, 1 style), as of 2026-11-23."
    )


def test_level_shows_that_level_and_the_more_important(clean: TinySite) -> None:
    plant_three_levels(clean)
    must = check(clean, "--level", "must-fix")
    assert [LEVEL_MARK.search(w).group(1) for w in warnings(must)] == ["must fix"]  # type: ignore[union-attr]
    assert must.out.splitlines()[-1] == "1 warning (1 must fix), as of 2026-11-23."
    should = check(clean, "--level", "should-fix", "--format", "json")
    data = json.loads(should.out)
    assert [w["level"] for w in data["warnings"]] == ["must-fix", "should-fix"]
    assert data["levels"] == {"must-fix": 1, "should-fix": 1}


def test_strict_fails_on_must_fix_unless_site_yaml_names_other_levels(clean: TinySite) -> None:
    plant(clean, SERVICE, "every two weeks**.", "every two weeks**. A CAMHS worker may come.")
    assert check(clean, "--strict").code == 0  # should fix only: strict by default passes
    plant(clean, SERVICE, "last_reviewed: 2026-09-01", "last_reviewed: 2025-05-20")
    assert check(clean, "--strict").code == 1
    plant(clean, SERVICE, "last_reviewed: 2025-05-20", "last_reviewed: 2026-09-01")
    site_yaml = (clean.root / "site.yaml").read_text()
    clean.write("site.yaml", site_yaml + "  strict: [must-fix, should-fix]\n")
    assert check(clean, "--strict").code == 1
    assert check(clean).code == 0


def test_strict_levels_in_site_yaml_are_checked(clean: TinySite) -> None:
    site_yaml = (clean.root / "site.yaml").read_text()
    clean.write("site.yaml", site_yaml + "  strict: [must-fix, shuold fix]\n")
    run = check(clean)
    assert run.code == 1
    assert "'shuold fix' is not a level of sendsite check" in run.err
    assert "Did you mean 'should-fix'?" in run.err


HARD = (
    "Notwithstanding multidisciplinary considerations, practitioners systematically "
    "operationalise individualised developmental interventions for children aged 4 to 11."
)


def test_a_plain_summary_is_not_hard_reading(clean: TinySite) -> None:
    plant(
        clean,
        SERVICE,
        "Home visits that help young children with SEND learn through play.",
        "Free evening workshops for parents and carers of children aged 4 to 11 who are autistic "
        "or waiting for an assessment.",
    )
    assert not any("reading age" in w for w in warnings(check(clean)))


def test_a_hard_sentence_is_named_at_its_own_line_with_its_hard_words(clean: TinySite) -> None:
    plant(
        clean,
        SERVICE,
        "every two weeks**.",
        f"every two weeks**.\n\nThey bring toys and books.\nThey play with your child.\n{HARD}\n",
    )
    found = [w for w in warnings(check(clean)) if "reading age" in w]
    assert len(found) == 1, found
    line = line_of(clean, SERVICE, "Notwithstanding")
    assert found[0].startswith(
        f'{SERVICE}:{line}: should fix: the sentence "Notwithstanding multidisciplinary '
        "considerations, practitioners systematically operationalise individualised developmental "
        '…" in the text needs a reading age of about '
    ), found[0]
    assert "'Notwithstanding' (say 'despite')" in found[0]
    assert "'multidisciplinary'" in found[0] and "'practitioners' (say 'workers')" in found[0]
    assert "children" not in found[0].split("hard words are")[1]  # everyday words never count
    assert "'4'" not in found[0] and "'11'" not in found[0]  # nor numbers and ages


def test_fields_have_plain_names_in_messages(clean: TinySite) -> None:
    path = "content/feedback/2024-website.yaml"
    plant(clean, path, "we_did: We rebuilt it.", f"we_did: >-\n  We rebuilt it.\n  {HARD}")
    found = [w for w in warnings(check(clean)) if "reading age" in w]
    assert len(found) == 1 and "in the 'we did' answer needs" in found[0], found
    assert found[0].startswith(f"{path}:{line_of(clean, path, 'Notwithstanding')}: ")
    assert "we_did" not in found[0]


def test_quotations_are_not_rewritten(clean: TinySite) -> None:
    plant(clean, SERVICE, "every two weeks**.", f"every two weeks**.\n\n> {HARD}\n")
    assert not any("reading age" in w for w in warnings(check(clean)))
    plant(clean, SERVICE, f"> {HARD}", f"Inspectors wrote: ‘{HARD}’")
    assert not any("reading age" in w for w in warnings(check(clean)))


def test_a_long_sentence_is_at_its_own_line_and_list_items_are_sentences(clean: TinySite) -> None:
    long = " ".join(["We visit"] + ["and play"] * 15) + "."
    items = "\n".join(f"- the item {n} of a list without full stops" for n in range(8))
    plant(
        clean, SERVICE, "every two weeks**.", f"every two weeks**.\n\n{items}\n\nHello.\n{long}\n"
    )
    found = [w for w in warnings(check(clean)) if "words" in w]
    assert len(found) == 1, found
    assert found[0].startswith(f"{SERVICE}:{line_of(clean, SERVICE, 'We visit')}: style: ")
    assert "has 32 words" in found[0]


def covering(site: TinySite, ids: list[str]) -> None:
    path = "content/pages/about.md"
    text = (site.root / path).read_text()
    start = text.index("covers: [")
    end = text.index("]", start)
    site.write(path, text[:start] + f"covers: [{', '.join(ids)}]" + text[end + 1 :])


def test_a_site_missing_a_required_item_fails_strict_naming_it_and_its_paragraph(
    clean: TinySite,
) -> None:
    covering(clean, [i for i in ITEM_IDS if i != "complaints"])
    run = check(clean, "--strict")
    assert run.code == 1
    (found,) = [w for w in warnings(run) if "the law requires" in w]
    # At site.yaml's checks:, where the site can say it has not written it yet.
    assert found.startswith(
        f"site.yaml:{line_of(clean, 'site.yaml', 'checks:')}: must fix: the Local Offer does not "
        "include 'How to complain, sort out a "
        "disagreement, use mediation or appeal to the tribunal' (SEND Regulations 2014, Schedule 2, "
        "paragraph 17; id 'complaints'), which the law requires."
    ), found
    assert "covers: [complaints]" in found


def test_an_item_the_site_says_it_has_not_written_yet_is_a_reminder(clean: TinySite) -> None:
    covering(clean, [i for i in ITEM_IDS if i != "complaints"])
    site_yaml = (clean.root / "site.yaml").read_text()
    clean.write("site.yaml", site_yaml + "  not_yet_covered: [complaints]\n")
    run = check(clean, "--strict")
    assert run.code == 0
    (found,) = warnings(run)
    assert found.startswith(
        f"site.yaml:{line_of(clean, 'site.yaml', 'not_yet_covered')}: should fix"
    )
    assert "does not include 'How to complain" in found and "paragraph 17" in found


def test_services_and_feedback_cover_items_without_a_page(clean: TinySite) -> None:
    """The tiny site has an education service and a feedback record."""
    covering(clean, [i for i in ITEM_IDS if i not in ("provision-in-area", "comments")])
    assert warnings(check(clean)) == []
    clean.write("content/feedback/2024-website.yaml", "")
    (clean.root / "content/feedback/2024-website.yaml").unlink()
    found = warnings(check(clean))
    assert len(found) == 1 and "Regulation 56" in found[0], found


def test_only_items_checked_against_the_legislation_say_their_wording_was_checked() -> None:
    """`quoted` means compared with SI 2014/1530 on legislation.gov.uk, so it needs that source."""
    for item in REQUIRED_ITEMS:
        if item.quoted:
            assert item.source.startswith(
                (
                    "http://www.legislation.gov.uk/uksi/2014/1530/",
                    "http://legislation.gov.uk/uksi/2014/1530/",
                )
            ), item.id
    assert [i.citation for i in REQUIRED_ITEMS if i.quoted] == [
        f"Schedule 2, paragraph {n}" for n in (1, 2, 3, 5)
    ]


def test_covers_names_only_required_items(clean: TinySite) -> None:
    covering(clean, ["complaint"])
    run = check(clean)
    assert run.code == 1
    assert "'complaint' is not one of the things a Local Offer must include" in run.err
    assert "Did you mean 'complaints'?" in run.err


def test_the_coverage_page_lists_every_item_with_working_links(clean: TinySite) -> None:
    covering(clean, [i for i in ITEM_IDS if i != "travel"])
    assert clean.build().code == 0
    page = clean.page("/local-offer-includes/")
    items = page.select("main .coverage-list__item")
    assert [li["id"] for li in items] == list(ITEM_IDS)
    assert [found(li.select_one("h2")).get_text() for li in items] == [
        i.title for i in REQUIRED_ITEMS
    ]
    assert [found(li.select_one(".caption")).get_text() for li in items] == [
        i.citation for i in REQUIRED_ITEMS
    ]
    travel = found(page.select_one("#travel"))
    assert "Not on this website yet." in travel.get_text() and not travel.select("a[href^='/']")
    for li in items:
        if li["id"] == "travel":
            continue
        links = li.select("ul a")
        assert links, li
        for a in links:
            assert clean.page(attr(a, "href").removeprefix("/testshire")) is not None, a["href"]


def test_the_dorset_example_covers_every_required_item() -> None:
    import datetime as dt
    from pathlib import Path

    from sendsite.model.local_offer_items import local_offer_coverage
    from sendsite.publish.pipeline import load_site

    site = load_site(Path(__file__).resolve().parent.parent, dt.date(2026, 12, 2))
    missing = [c.item.id for c in local_offer_coverage(site) if not c.places]
    assert missing == []
