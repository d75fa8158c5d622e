"""Every kind of content mistake comes back as `path:line: message hint`, exit 1, no traceback."""

from __future__ import annotations

import pytest

from tests.conftest import TinySite

SERVICE_HEAD = """\
---
name: Portage
organisation: testshire-council
summary: Home visits.
categories: [education]
needs: all
ages: {min: 0, max: 5}
areas: [north]
last_reviewed: 2026-09-01
"""

# (file, its text, the error line expected: "path:line: start of the message", part of the hint)
MISTAKES = [
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD + "sumary: typo\n---\n",
        "content/services/portage.md:10: Unknown field 'sumary' in this service.",
        "Did you mean 'summary'?",
        id="unknown-field",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("[education]", "[educaton]") + "---\n",
        "content/services/portage.md:5: 'educaton' is not one of the categories in content/taxonomy.yaml.",
        "Did you mean 'education'?",
        id="unknown-taxonomy-id",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("areas: [north]", "areas:\n  - north\n  - sooth") + "---\n",
        "content/services/portage.md:10: 'sooth' is not one of the areas in content/taxonomy.yaml.",
        "Did you mean 'south'",
        id="unknown-area-in-block-list",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("2026-09-01", "1 September 2026") + "---\n",
        "content/services/portage.md:9: '1 September 2026' in 'last_reviewed' is not a date.",
        "Write dates as YYYY-MM-DD",
        id="date-not-a-date",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("2026-09-01", "2024-02-30") + "---\n",
        "content/services/portage.md:9: '2024-02-30' in 'last_reviewed' is not a real date.",
        "must exist on the calendar",
        id="impossible-date",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("testshire-council", "testshire-councl") + "---\n",
        "content/services/portage.md:3: There is no organisation with the id 'testshire-councl'.",
        "Did you mean 'testshire-council'?",
        id="missing-organisation",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("{min: 0, max: 5}", "{min: 0, max: 30}") + "---\n",
        "content/services/portage.md:7: The age 30 in 'ages' is outside 0 to 25.",
        "use a whole number in that range",
        id="age-outside-range",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("{min: 0, max: 5}", "\n  min: 12\n  max: 5") + "---\n",
        "content/services/portage.md:9: The youngest age (12) is older than the oldest age (5).",
        "Swap min and max",
        id="min-greater-than-max",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("name: Portage\n", "") + "---\n",
        "content/services/portage.md:2: This service is missing the required field 'name'.",
        "Add a line 'name: ...'",
        id="missing-required-field",
    ),
    pytest.param(
        "content/plans/wsoa.md",
        None,  # replaced below: a reference to a finding that does not exist
        "content/plans/wsoa.md:10: The inspection '2017-inspection' has no finding with the id 'planing'.",
        "Did you mean 'planning'?",
        id="missing-finding",
    ),
    pytest.param(
        "content/news/revisit-outcome.md",
        "---\ntitle: T\ndate: 2019-03-20\nsummary: S\ninspection: 2019-revist\n---\n",
        "content/news/revisit-outcome.md:5: There is no inspection with the id '2019-revist'.",
        "Did you mean '2019-revisit'?",
        id="missing-inspection",
    ),
    pytest.param(
        "content/inspections/2019-revisit.md",
        "---\narea: T\nkind: revisit\ninspectorates: [Ofsted]\ndates: {start: 2019-02-11, end: 2019-02-13}\n"
        "published: 2019-03-20\nprevious: 2017-inspectoin\n---\n",
        "content/inspections/2019-revisit.md:7: There is no inspection with the id '2017-inspectoin'.",
        "Did you mean '2017-inspection'?",
        id="missing-previous-inspection",
    ),
    pytest.param(
        "content/services/portage.yaml",
        "name: Portage again\n",
        "content/services/portage.yaml: Two files have the id 'portage'",
        "every item needs its own file name",
        id="duplicate-id",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD + "title: x\ntitle: y\n---\n",
        "content/services/portage.md:11: The field 'title' is given twice (first on line 10).",
        "Keep one of them",
        id="duplicate-key",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD + "referral:\n\tself_referral: true\n---\n",
        "content/services/portage.md:11: This line has a tab character.",
        "replace them with spaces",
        id="tab",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD + 'cost: "free\n---\nBody\n',
        "content/services/portage.md:10: A quoted text is never closed.",
        "closing quote",
        id="unclosed-quote",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD + "Body with no closing line\n",
        "content/services/portage.md:1: The front matter that starts on line 1 is never closed.",
        "Add a line '---'",
        id="front-matter-not-closed",
    ),
    pytest.param(
        "content/services/portage.md",
        "Just a body, no front matter.\n",
        "content/services/portage.md:1: This file has no front matter.",
        "Start the file with a line '---'",
        id="body-only",
    ),
    pytest.param(
        "content/services/Portage Service.md",
        SERVICE_HEAD + "---\n",
        "content/services/Portage Service.md: The name 'Portage Service' can only use lowercase letters",
        "Rename the file to portage-service.md",
        id="bad-file-name",
    ),
    pytest.param(
        "content/services/portage.md",
        SERVICE_HEAD.replace("needs: all", "needs: all\nages_x: 1").replace("ages_x: 1\n", "")
        + "summary2: x\n---\n",
        "content/services/portage.md:10: Unknown field 'summary2' in this service.",
        "Did you mean 'summary'?",
        id="unknown-field-near-other",
    ),
    pytest.param(
        "content/inspections/2017-inspection.md",
        "---\narea: T\nkind: full\ninspectorates: [Ofsted]\ndates: {start: 2017-01-23, end: 2017-01-27}\n"
        "published: 2017-03-16\noutcome: typically-good\n---\n",
        "content/inspections/2017-inspection.md:7: 'typically-good' is not a valid outcome.",
        "Did you mean 'typically-positive'?",
        id="bad-choice",
    ),
    pytest.param(
        "site.yaml",
        "title: T\nbase_url: example.org\narea: T\n",
        "site.yaml:2: 'example.org' is not a web address.",
        "starting with https://",
        id="config-bad-url",
    ),
]


@pytest.mark.parametrize(("file", "text", "expected", "hint"), MISTAKES)
def test_mistake_is_reported_with_file_line_and_fix(
    site: TinySite, file: str, text: str | None, expected: str, hint: str
) -> None:
    if text is None:
        original = (site.root / file).read_text()
        text = original.replace("[2017-inspection#planning]", "[2017-inspection#planing]")
    site.write(file, text)
    run = site.build()
    assert run.code == 1
    assert "Traceback" not in run.err
    matching = [line for line in run.error_lines if line.startswith(expected)]
    assert matching, f"expected a line starting {expected!r} in:\n{run.err}"
    assert hint in matching[0]
    assert "the site was not built" in run.err
    assert not site.output.exists()


def test_every_mistake_is_reported_in_one_build(site: TinySite) -> None:
    site.write(
        "content/services/portage.md",
        SERVICE_HEAD.replace("[education]", "[educaton]").replace("2026-09-01", "2026-13-01")
        + "colour: red\n---\n",
    )
    site.write("content/news/revisit-outcome.md", "---\ntitle: T\ndate: 2019-03-20\n---\n")
    run = site.build()
    assert run.code == 1
    lines = run.error_lines
    assert any(line.startswith("content/services/portage.md:5:") for line in lines)
    assert any(line.startswith("content/services/portage.md:9:") for line in lines)
    assert any(line.startswith("content/services/portage.md:10:") for line in lines)
    assert any(
        line.startswith("content/news/revisit-outcome.md:2:") and "summary" in line
        for line in lines
    )
    assert "4 problems found" in run.err


def test_line_numbers_count_the_front_matter_and_nested_fields(site: TinySite) -> None:
    text = (site.root / "content/plans/wsoa.md").read_text()
    site.write("content/plans/wsoa.md", text.replace("due: 2020-03-31", "due: 2020-31-03"))
    run = site.build()
    expected_line = text.splitlines().index("    due: 2020-03-31") + 1
    assert (
        f"content/plans/wsoa.md:{expected_line}: '2020-31-03' in 'due' is not a real date."
        in run.err
    )


def test_circular_previous_chain_is_refused(site: TinySite) -> None:
    text = (site.root / "content/inspections/2017-inspection.md").read_text()
    site.write(
        "content/inspections/2017-inspection.md",
        text.replace("wsoa_required: true", "wsoa_required: true\nprevious: 2019-revisit"),
    )
    run = site.build()
    assert run.code == 1
    assert "go round in a circle" in run.err


def test_yaml_aliases_are_refused(site: TinySite) -> None:
    site.write(
        "content/glossary.yaml",
        "- &a {term: A, meaning: x}\n- *a\n",
    )
    run = site.build()
    assert run.code == 1
    assert "content/glossary.yaml:2: YAML anchors and aliases" in run.err


def test_file_that_is_not_utf8_names_the_line(site: TinySite) -> None:
    (site.root / "content/organisations/testshire-council.yaml").write_bytes(
        b"name: Testshire Council\ndescription: caf\xe9\n"
    )
    run = site.build()
    assert (
        "content/organisations/testshire-council.yaml:2: This file is not saved as UTF-8 text."
        in run.err
    )


def test_byte_order_mark_and_windows_line_endings_work(site: TinySite) -> None:
    path = site.root / "content/organisations/testshire-council.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert site.build().code == 0


def test_missing_site_yaml(site: TinySite) -> None:
    site.remove("site.yaml")
    run = site.build()
    assert run.code == 1
    assert run.err.startswith("site.yaml: There is no site.yaml")


def test_strict_turns_warnings_into_errors(site: TinySite) -> None:
    text = (site.root / "content/services/portage.md").read_text()
    site.write("content/services/portage.md", text.replace("2026-09-01", "2024-09-01"))
    relaxed = site.build()
    assert relaxed.code == 0
    # At the line of last_reviewed, the date to check and change.
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("last_reviewed:"))
    assert f"content/services/portage.md:{line}: warning: The service 'Portage'" in relaxed.err
    site.build("-o", str(site.root / "strict-out"), "--strict")
    strict = site.build("-o", str(site.root / "strict-out"), "--strict")
    assert strict.code == 1
    assert "due for review" in strict.err
    assert not (site.root / "strict-out").exists()


def test_template_with_unknown_variable_names_template_and_line(site: TinySite) -> None:
    site.write(
        "templates/page.html",
        '{% extends "base.html" %}\n{% block content %}\n<p>{{ page.no_such_field }}</p>\n{% endblock %}\n',
    )
    run = site.build()
    assert run.code == 1
    assert run.err.startswith(
        "templates/page.html:3: This template uses 'page.no_such_field', but a page has no field "
        "'no_such_field'."
    )


def test_a_template_typo_is_one_message_with_did_you_mean(site: TinySite) -> None:
    """A typo in the service template fails every service page: it is said once, in the content
    model's words (never 'sendsite.model.Service object')."""
    service = (site.root / "content/services/portage.md").read_text()
    for n in range(3):
        site.write(
            f"content/services/portage-{n}.md", service.replace("name: Portage", f"name: P{n}")
        )
    site.write(
        "templates/service.html",
        '{% extends "base.html" %}\n{% block content %}\n<h1>{{ service.nmae }}</h1>\n'
        "{% endblock %}\n",
    )
    run = site.build()
    assert run.code == 1
    mistakes = [line for line in run.err.splitlines() if line.startswith("templates/")]
    assert mistakes == [
        "templates/service.html:3: This template uses 'service.nmae', but a service has no field "
        "'nmae'. Did you mean 'name'?"
    ], run.err
    assert "object" not in run.err


def test_an_unknown_name_in_a_template_says_which_names_are_close(site: TinySite) -> None:
    site.write(
        "templates/service.html",
        '{% extends "base.html" %}\n{% block content %}\n<h1>{{ servce.name }}</h1>\n'
        "{% endblock %}\n",
    )
    run = site.build()
    assert run.code == 1
    assert run.err.startswith(
        "templates/service.html:3: This template uses 'servce', which is not defined on the pages "
        "it makes. Did you mean 'service'?"
    ), run.err


def test_template_syntax_error_names_template_and_line(site: TinySite) -> None:
    site.write("templates/page.html", '{% extends "base.html" %}\n{% block content %}\n{% if %}\n')
    run = site.build()
    assert run.code == 1
    assert run.err.startswith("templates/page.html:3: This template has a syntax error")
