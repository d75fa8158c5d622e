"""The corpus of bad input: each case plants one fault in the tiny site (tests/conftest.py)
and gives the exact lines the build must print (`path:line: message. Fix.`).

A case whose fault has no line of its own (a file's name, its size, a link) names only the
file. Cases are grouped by the kind of fault; the ids say what is planted.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.bad_input.plant import Huge, Remove, Rename, Replace, Step, Symlink, Write, WriteBytes

SERVICE = "content/services/portage.md"
ORG = "content/organisations/testshire-council.yaml"
INSPECTION = "content/inspections/2017-inspection.md"
REVISIT = "content/inspections/2019-revisit.md"
PLAN = "content/plans/wsoa.md"
NEWS = "content/news/revisit-outcome.md"
PAGE = "content/pages/about.md"
FEEDBACK = "content/feedback/2024-website.yaml"
GLOSSARY = "content/glossary.yaml"
TAXONOMY = "content/taxonomy.yaml"


@dataclass(frozen=True)
class Case:
    id: str
    steps: tuple[Step, ...]
    expected: tuple[str, ...]  # every line the build prints before its summary, in order
    args: tuple[str, ...] = ()  # extra command-line arguments

    def __str__(self) -> str:
        return self.id


def case(id: str, *steps: Step, expect: str | tuple[str, ...], args: tuple[str, ...] = ()) -> Case:
    return Case(id, steps, (expect,) if isinstance(expect, str) else expect, args)


def in_service(old: str, new: str) -> Replace:
    return Replace(SERVICE, old, new)


def fm(text: str) -> str:
    """A Markdown file with front matter `text` and a one-line body."""
    return f"---\n{text}---\nBody.\n"


CASES: list[Case] = [
    # --- malformed YAML ------------------------------------------------------------------------
    case(
        "yaml-tab-indent-front-matter",
        in_service("  self_referral: true", "\tself_referral: true"),
        expect="",
    ),
    case(
        "yaml-tab-indent-data-file",
        Write(ORG, "name: Testshire Council\ncontact:\n\tphone: 01632 960001\n"),
        expect="",
    ),
    case("yaml-unclosed-double-quote", in_service("cost: free", 'cost: "free'), expect=""),
    case("yaml-unclosed-single-quote", Write(ORG, "name: 'Testshire Council\n"), expect=""),
    case(
        "yaml-bad-indentation-dedent",
        in_service("  how: Phone the team.", " how: Phone the team."),
        expect="",
    ),
    case(
        "yaml-bad-indentation-extra",
        in_service("summary: Home", "  summary: Home"),
        expect="",
    ),
    case("yaml-duplicate-key", in_service("cost: free", "cost: free\ncost: £5"), expect=""),
    case(
        "yaml-duplicate-key-nested",
        in_service("  how: Phone the team.", "  how: Phone the team.\n  how: Email us."),
        expect="",
    ),
    case("yaml-colon-in-value", in_service("cost: free", "cost: free: always"), expect=""),
    case("yaml-unclosed-flow-list", in_service("[English, Polish]", "[English, Polish"), expect=""),
    case("yaml-unclosed-flow-map", in_service("{min: 0, max: 5}", "{min: 0, max: 5"), expect=""),
    case("yaml-two-documents", Write(ORG, "name: A\n---\nname: B\n"), expect=""),
    case("yaml-list-as-field-name", Write(ORG, "name: A\n[a, b]: c\n"), expect=""),
    case(
        "yaml-python-tag",
        Write(ORG, "name: !!python/object/apply:os.system ['echo hi']\n"),
        expect="",
    ),
    case("yaml-control-character", Write(ORG, "name: Testshire\x07 Council\n"), expect=""),
    # --- YAML that would expand or nest without end --------------------------------------------
    case(
        "yaml-billion-laughs",
        Write(
            GLOSSARY,
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
                for i in range(8)
            ),
        ),
        expect="",
    ),
    case("yaml-alias", Write(GLOSSARY, "- &a {term: A, meaning: x}\n- *a\n"), expect=""),
    case("yaml-merge-key", Write(ORG, "base: &b {name: A}\n<<: *b\n"), expect=""),
    case(
        "yaml-deep-nesting-flow", Write(ORG, "name: " + "[" * 5000 + "]" * 5000 + "\n"), expect=""
    ),
    case(
        "yaml-deep-nesting-block",
        Write(ORG, "name: A\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "\n"),
        expect="",
    ),
    # --- front matter and file shape -----------------------------------------------------------
    case(
        "front-matter-never-closed",
        Write(
            SERVICE, "---\nname: Portage\nsummary: Home visits.\nThe body, with no closing line.\n"
        ),
        expect="",
    ),
    case("body-only", Write(SERVICE, "Portage home visitors come to your home.\n"), expect=""),
    case("empty-markdown-file", Write(SERVICE, ""), expect=""),
    case("empty-yaml-file", Write(ORG, ""), expect=""),
    case("whitespace-only-file", Write(ORG, "  \n\n\t\n"), expect=""),
    case("empty-front-matter", Write(PAGE, "---\n---\nAbout us.\n"), expect=""),
    case("front-matter-is-a-list", Write(PAGE, "---\n- title: About\n---\nAbout us.\n"), expect=""),
    case(
        "front-matter-is-text",
        Write(PAGE, "---\nAbout the Local Offer\n---\nAbout us.\n"),
        expect="",
    ),
    case("data-file-is-text", Write(FEEDBACK, "We rebuilt the website.\n"), expect=""),
    case("glossary-not-a-list", Write(GLOSSARY, "term: EHC plan\nmeaning: A plan.\n"), expect=""),
    case("taxonomy-missing-list", Replace(TAXONOMY, "needs:", "need:"), expect=""),
    # --- encodings -----------------------------------------------------------------------------
    case(
        "not-utf8-latin1",
        WriteBytes(ORG, b"name: Testshire Council\ndescription: Caf\xe9 and play\n"),
        expect="",
    ),
    case(
        "not-utf8-utf16", WriteBytes(ORG, "name: Testshire Council\n".encode("utf-16")), expect=""
    ),
    case("binary-file", WriteBytes(ORG, b"name: A\n\x00\x01\x02"), expect=""),
    # --- wrong types: text ---------------------------------------------------------------------
    case("text-given-list", in_service("cost: free", "cost: [free, cheap]"), expect=""),
    case("text-given-group", in_service("name: Portage\n", "name: {first: Portage}\n"), expect=""),
    case(
        "text-given-block-list", in_service("cost: free", "cost:\n  - free\n  - cheap"), expect=""
    ),
    # --- wrong types: dates --------------------------------------------------------------------
    case("date-given-text", in_service("2026-09-01", "last week"), expect=""),
    case("date-given-uk-style", in_service("2026-09-01", "01/09/2026"), expect=""),
    case("date-given-number", Replace(NEWS, "date: 2019-03-20", "date: 2019"), expect=""),
    case("date-given-yes", Replace(NEWS, "date: 2019-03-20", "date: yes"), expect=""),
    case("date-given-list", Replace(NEWS, "date: 2019-03-20", "date: [2019-03-20]"), expect=""),
    case("date-impossible-day", in_service("2026-09-01", "2024-02-30"), expect=""),
    case("date-not-a-leap-year", Replace(NEWS, "2019-03-20", "2023-02-29"), expect=""),
    case("date-month-13", Replace(FEEDBACK, "2024-05-01", "2024-13-01"), expect=""),
    case("date-year-zero", Replace(FEEDBACK, "2024-05-01", "0000-05-01"), expect=""),
    case(
        "date-end-before-start",
        Replace(INSPECTION, "end: 2017-01-27", "end: 2016-01-27"),
        expect="",
    ),
    # --- wrong types: numbers ------------------------------------------------------------------
    case("whole-number-given-quoted", Replace(REVISIT, "433", '"433"'), expect=""),
    case("whole-number-given-text", Replace(REVISIT, "433", "about 400"), expect=""),
    case(
        "whole-number-given-decimal",
        in_service("{min: 0, max: 5}", "{min: 0, max: 5.5}"),
        expect="",
    ),
    case("whole-number-given-on", Replace(REVISIT, "433", "on"), expect=""),
    case("number-given-quoted", Replace(PAGE, "nav_order: 1", 'nav_order: "1"'), expect=""),
    case("number-given-yes", Replace(PAGE, "nav_order: 1", "nav_order: yes"), expect=""),
    case("number-not-a-number", Replace(PAGE, "nav_order: 1", "nav_order: .nan"), expect=""),
    case("age-out-of-range", in_service("max: 5", "max: 30"), expect=""),
    # --- wrong types: true/false ---------------------------------------------------------------
    case(
        "boolean-given-quoted-yes",
        in_service("self_referral: true", 'self_referral: "yes"'),
        expect="",
    ),
    case(
        "boolean-given-text",
        in_service("self_referral: true", "self_referral: sometimes"),
        expect="",
    ),
    case(
        "boolean-given-number",
        Replace(INSPECTION, "wsoa_required: true", "wsoa_required: 1"),
        expect="",
    ),
    # --- wrong types: choices, lists, groups, times, addresses -----------------------------------
    case("choice-given-yes", Replace(FEEDBACK, "status: done", "status: yes"), expect=""),
    case("choice-given-list", Replace(FEEDBACK, "status: done", "status: [done]"), expect=""),
    case("list-given-group", in_service("[English, Polish]", "{first: English}"), expect=""),
    case("list-item-given-group", in_service("[English, Polish]", "[English, {a: b}]"), expect=""),
    case("group-given-text", in_service("{min: 0, max: 5}", "0 to 5"), expect=""),
    case(
        "group-list-item-given-text",
        in_service("  - {name: Portage team", "  - Portage team\n  - {name: Portage team"),
        expect="",
    ),
    case("time-given-text", in_service('opens: "09:00"', "opens: 9am"), expect=""),
    case("time-out-of-range", in_service('closes: "17:00"', 'closes: "25:00"'), expect=""),
    case(
        "url-javascript",
        in_service("cost: free", "cost: free\nwebsite: javascript:alert(1)"),
        expect="",
    ),
    case(
        "url-data",
        Replace(
            ORG, "url: https://example.org/council", "url: data:text/html,<script>alert(1)</script>"
        ),
        expect="",
    ),
    case(
        "url-no-scheme",
        Replace(ORG, "url: https://example.org/council", "url: www.example.org"),
        expect="",
    ),
    case(
        "report-url-javascript",
        Replace(
            REVISIT,
            "survey_responses: 433",
            "survey_responses: 433\nreport_url: JaVaScRiPt:alert(1)",
        ),
        expect="",
    ),
    case(
        "email-with-query",
        in_service("portage@example.org", "'portage@example.org?subject=hi'"),
        expect="",
    ),
    case(
        "email-with-quote",
        in_service("portage@example.org", "'portage@example.org\"onclick=\"x'"),
        expect="",
    ),
    case("missing-required-field", in_service("name: Portage\n", ""), expect=""),
    case("required-field-empty", in_service("name: Portage\n", "name:\n"), expect=""),
    case("unknown-field", in_service("cost: free", "cost: free\ncolour: red"), expect=""),
    case(
        "summary-too-long",
        in_service("summary: Home visits", "summary: " + "Home visits " * 20),
        expect="",
    ),
    # --- names and ids -------------------------------------------------------------------------
    case("file-name-with-space", Rename(SERVICE, "content/services/portage service.md"), expect=""),
    case("file-name-with-capitals", Rename(SERVICE, "content/services/Portage.md"), expect=""),
    case(
        "ids-collide-after-normalising-case",
        Write("content/services/Portage.md", "---\nname: Portage copy\n---\n"),
        expect="",
    ),
    case(
        "ids-collide-md-and-yaml",
        Write("content/services/portage.yaml", "name: Portage\n"),
        expect="",
    ),
    case(
        "page-collides-with-built-in-page",
        Write("content/pages/services.md", fm("title: Services\n")),
        expect="",
    ),
    case(
        "page-collides-with-news-item",
        Write("content/pages/news/revisit-outcome.md", fm("title: Outcome\n")),
        expect="",
    ),
    case(
        "id-in-field-with-capitals",
        Replace(INSPECTION, "- id: planning", "- id: Planning"),
        expect="",
    ),
    case(
        "file-with-wrong-extension",
        Write("content/services/portage.txt", "name: Portage\n"),
        expect="",
    ),
    case(
        "folder-inside-services",
        Write("content/services/old/portage.md", fm("name: Old\n")),
        expect="",
    ),
    case(
        "unknown-content-folder", Write("content/servcies/portage.md", fm("name: P\n")), expect=""
    ),
    # --- references ----------------------------------------------------------------------------
    case("missing-organisation", in_service("testshire-council", "testshire-county"), expect=""),
    case("missing-taxonomy-term", in_service("[north, south]", "[north, east]"), expect=""),
    case(
        "missing-inspection-in-news",
        Replace(NEWS, "inspection: 2019-revisit", "inspection: 2019-revisited"),
        expect="",
    ),
    case(
        "missing-inspection-in-plan",
        Replace(PLAN, "responds_to: [2017-inspection]", "responds_to: [2016-inspection]"),
        expect="",
    ),
    case(
        "missing-finding",
        Replace(PLAN, "2017-inspection#waiting", "2017-inspection#waits"),
        expect="",
    ),
    case(
        "finding-reference-without-hash",
        Replace(PLAN, "2017-inspection#waiting", "waiting"),
        expect="",
    ),
    case(
        "circular-previous-chain",
        Replace(INSPECTION, "wsoa_required: true", "wsoa_required: true\nprevious: 2019-revisit"),
        expect="",
    ),
    case(
        "previous-is-itself",
        Replace(REVISIT, "previous: 2017-inspection", "previous: 2019-revisit"),
        expect="",
    ),
    # --- files that are too big, or outside the site ---------------------------------------------
    case("file-of-50-mb", Huge(ORG, "name: Testshire Council\n", 50 * 1024 * 1024), expect=""),
    case(
        "markdown-file-of-50-mb",
        Huge(SERVICE, "---\nname: Portage\n---\n", 50 * 1024 * 1024),
        expect="",
    ),
    case(
        "symlink-file-outside-site",
        Symlink("content/services/secret.md", "/outside/secret.md"),
        expect="",
    ),
    case("symlink-folder-outside-site", Symlink("content/assets", "/outside"), expect=""),
    case(
        "symlink-asset-outside-site",
        Symlink("content/assets/passwd.txt", "/outside/passwd.txt"),
        expect="",
    ),
    case("reference-with-dot-dot", in_service("testshire-council", "../../etc/passwd"), expect=""),
    case(
        "file-name-with-dot-dot",
        Write("content/services/portage..old.md", fm("name: Old\n")),
        expect="",
    ),
    # --- templates -----------------------------------------------------------------------------
    case(
        "template-syntax-error",
        Write("templates/page.html", '{% extends "base.html" %}\n{% block content %}\n{% if %}\n'),
        expect="",
    ),
    case(
        "template-unknown-variable",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n<p>{{ page.no_such_field }}</p>\n{% endblock %}\n',
        ),
        expect="",
    ),
    case(
        "template-unknown-filter",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{{ page.title | shout }}\n{% endblock %}\n',
        ),
        expect="",
    ),
    case(
        "template-missing-include",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{% include "nope.html" %}\n{% endblock %}\n',
        ),
        expect="",
    ),
    case(
        "template-include-dot-dot",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{% include "../site.yaml" %}\n{% endblock %}\n',
        ),
        expect="",
    ),
    case(
        "template-runtime-error",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{{ page.title / 2 }}\n{% endblock %}\n',
        ),
        expect="",
    ),
    case(
        "template-not-utf8",
        WriteBytes("templates/page.html", b'{% extends "base.html" %}\n\xe9\n'),
        expect="",
    ),
    # --- site.yaml and the output folder -------------------------------------------------------
    case("site-yaml-missing", Remove("site.yaml"), expect=""),
    case("site-yaml-empty", Write("site.yaml", ""), expect=""),
    case(
        "site-yaml-base-url-javascript",
        Replace(
            "site.yaml", "base_url: https://example.org/\n", "base_url: javascript:alert(1)//\n"
        ),
        expect="",
    ),
    case(
        "output-is-site-folder",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: ."),
        expect="",
    ),
    case(
        "output-is-parent-folder",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: .."),
        expect="",
    ),
    case(
        "output-is-root",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: /"),
        expect="",
    ),
    case(
        "output-inside-content",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: content/out"),
        expect="",
    ),
    case(
        "output-folder-not-made-by-sendsite",
        Write("public/notes.txt", "mine\n"),
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: public"),
        expect="",
    ),
]
