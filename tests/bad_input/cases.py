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
        expect="content/services/portage.md:12: This line has a tab character. YAML does not allow tabs for indentation: replace them with spaces.",
    ),
    case(
        "yaml-tab-indent-data-file",
        Write(ORG, "name: Testshire Council\ncontact:\n\tphone: 01632 960001\n"),
        expect="content/organisations/testshire-council.yaml:3: This line has a tab character. YAML does not allow tabs for indentation: replace them with spaces.",
    ),
    case(
        "yaml-unclosed-double-quote",
        in_service("cost: free", 'cost: "free'),
        expect="content/services/portage.md:10: A quoted text is never closed. Add the missing closing quote mark at the end of the text.",
    ),
    case(
        "yaml-unclosed-single-quote",
        Write(ORG, "name: 'Testshire Council\n"),
        expect="content/organisations/testshire-council.yaml:1: A quoted text is never closed. Add the missing closing quote mark at the end of the text.",
    ),
    case(
        "yaml-bad-indentation-dedent",
        in_service("  how: Phone the team.", " how: Phone the team."),
        expect="content/services/portage.md:13: The indentation of this line does not line up with the lines above it. Indent each field of the same group by the same number of spaces.",
    ),
    case(
        "yaml-bad-indentation-extra",
        in_service("summary: Home", "  summary: Home"),
        expect="content/services/portage.md:4: This line is indented more than the line above it. Line the field up with the fields above it.",
    ),
    case(
        "yaml-duplicate-key",
        in_service("cost: free", "cost: free\ncost: £5"),
        expect="content/services/portage.md:11: The field 'cost' is given twice (first on line 10). Keep one of them and delete the other.",
    ),
    case(
        "yaml-duplicate-key-nested",
        in_service("  how: Phone the team.", "  how: Phone the team.\n  how: Email us."),
        expect="content/services/portage.md:14: The field 'how' is given twice (first on line 13). Keep one of them and delete the other.",
    ),
    case(
        "yaml-colon-in-value",
        in_service("cost: free", "cost: free: always"),
        expect='content/services/portage.md:10: This line has a colon followed by a space inside a value. Put the whole value in double quotes, e.g. title: "Portage: home visits".',
    ),
    case(
        "yaml-unclosed-flow-list",
        in_service("[English, Polish]", "[English, Polish"),
        expect="content/services/portage.md:18: The [ ] brackets that open on this line are never closed, or two of the items inside them have no comma between them. Add the closing ']', or a comma between items.",
    ),
    case(
        "yaml-unclosed-flow-map",
        in_service("{min: 0, max: 5}", "{min: 0, max: 5"),
        expect="content/services/portage.md:7: The { } brackets that open on this line are never closed, or two of the items inside them have no comma between them. Add the closing '}', or a comma between items.",
    ),
    case(
        "yaml-two-documents",
        Write(ORG, "name: A\n---\nname: B\n"),
        expect="content/organisations/testshire-council.yaml:2: This line '---' starts a second set of fields, but a file holds only one. Remove the line, or move what follows it into a file of its own.",
    ),
    case(
        "yaml-list-as-field-name",
        Write(ORG, "name: A\n[a, b]: c\n"),
        expect="content/organisations/testshire-council.yaml:2: A field name must be a plain word. Check this line's indentation and punctuation.",
    ),
    case(
        "yaml-python-tag",
        Write(ORG, "name: !!python/object/apply:os.system ['echo hi']\n"),
        expect="content/organisations/testshire-council.yaml:1: The YAML tag '!!python/object/apply:os.system' is not allowed. Remove it; if the value really starts with '!', put the value in quotes.",
    ),
    case(
        "yaml-control-character",
        Write(ORG, "name: Testshire\x07 Council\n"),
        expect="content/organisations/testshire-council.yaml:1: This line has an invisible control character (U+0007). Delete it: retype the line, or paste the text again as plain text.",
    ),
    case(
        "yaml-escaped-control-character",
        Write(ORG, 'name: "Testshire\\b Council"\n'),
        expect="content/organisations/testshire-council.yaml:1: This value has an invisible control character (U+0008), written as an escape. Delete the escape (a backslash and what follows it) from the quoted text.",
    ),
    case(
        "markdown-body-control-character",
        Replace(PAGE, "About us.", "About us.\x0c Pasted from a document."),
        expect="content/pages/about.md:5: This line has an invisible control character (U+000C). Delete it: retype the line, or paste the text again as plain text.",
    ),
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
        expect="content/glossary.yaml:2: YAML anchors and aliases (&name and *name) are not allowed. Write the value out in full where it is needed, or put text starting with * or & in quotes.",
    ),
    case(
        "yaml-alias",
        Write(GLOSSARY, "- &a {term: A, meaning: x}\n- *a\n"),
        expect="content/glossary.yaml:2: YAML anchors and aliases (&name and *name) are not allowed. Write the value out in full where it is needed, or put text starting with * or & in quotes.",
    ),
    case(
        "yaml-merge-key",
        Write(ORG, "base: &b {name: A}\n<<: *b\n"),
        expect="content/organisations/testshire-council.yaml:2: YAML merge keys (<<) are not allowed. Write the fields out in full.",
    ),
    case(
        "yaml-deep-nesting-flow",
        Write(ORG, "name: " + "[" * 5000 + "]" * 5000 + "\n"),
        expect="content/organisations/testshire-council.yaml:1: The data is nested more than 40 levels deep. Check the indentation and brackets: content never needs this much nesting.",
    ),
    case(
        "yaml-deep-nesting-block",
        Write(ORG, "name: A\n" + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "\n"),
        expect="content/organisations/testshire-council.yaml:42: The data is nested more than 40 levels deep. Check the indentation and brackets: content never needs this much nesting.",
    ),
    # --- front matter and file shape -----------------------------------------------------------
    case(
        "front-matter-never-closed",
        Write(
            SERVICE, "---\nname: Portage\nsummary: Home visits.\nThe body, with no closing line.\n"
        ),
        expect="content/services/portage.md:1: The front matter that starts on line 1 is never closed. Add a line '---' after the last field, before the text.",
    ),
    case(
        "body-only",
        Write(SERVICE, "Portage home visitors come to your home.\n"),
        expect="content/services/portage.md:1: This file has no front matter. Start the file with a line '---', then the fields (such as title:), then another line '---' before the text.",
    ),
    case(
        "empty-markdown-file",
        Write(SERVICE, ""),
        expect="content/services/portage.md:1: This file is empty. Start it with front matter: a line '---', the fields, and another line '---'.",
    ),
    case(
        "empty-yaml-file",
        Write(ORG, ""),
        expect="content/organisations/testshire-council.yaml:1: This file is empty. Add the item's fields.",
    ),
    case(
        "whitespace-only-file",
        Write(ORG, "  \n\n\t\n"),
        expect="content/organisations/testshire-council.yaml:1: This file is empty. Add the item's fields.",
    ),
    case(
        "empty-front-matter",
        Write(PAGE, "---\n---\nAbout us.\n"),
        expect="content/pages/about.md:1: This page has no fields. Add its fields, each on its own line as 'name: value' (it needs title).",
    ),
    case(
        "front-matter-is-a-list",
        Write(PAGE, "---\n- title: About\n---\nAbout us.\n"),
        expect="content/pages/about.md:2: This page should be a group of fields (name: value lines), not a list. Write each field on its own line as 'name: value' (it needs title).",
    ),
    case(
        "front-matter-is-text",
        Write(PAGE, "---\nAbout the Local Offer\n---\nAbout us.\n"),
        expect="content/pages/about.md:1: This page should be a group of fields (name: value lines), not 'About the Local Offer'. Write each field on its own line as 'name: value' (it needs title).",
    ),
    case(
        "data-file-is-text",
        Write(FEEDBACK, "We rebuilt the website.\n"),
        expect="content/feedback/2024-website.yaml:1: This feedback should be a group of fields (name: value lines), not 'We rebuilt the website.'. Write each field on its own line as 'name: value' (it needs date, topic, you_said, we_did).",
    ),
    case(
        "glossary-not-a-list",
        Write(GLOSSARY, "term: EHC plan\nmeaning: A plan.\n"),
        expect="content/glossary.yaml:1: The glossary should be a list of terms. Start each term with '- term: ...' and give it a 'meaning: ...'.",
    ),
    case(
        "taxonomy-missing-list",
        Replace(TAXONOMY, "needs:", "need:"),
        expect="content/taxonomy.yaml:4: Unknown field 'need' in the taxonomy. Did you mean 'needs'?",
    ),
    # --- encodings -----------------------------------------------------------------------------
    case(
        "not-utf8-latin1",
        WriteBytes(ORG, b"name: Testshire Council\ndescription: Caf\xe9 and play\n"),
        expect="content/organisations/testshire-council.yaml:2: This file is not saved as UTF-8 text. Save it again with the encoding set to UTF-8.",
    ),
    case(
        "not-utf8-utf16",
        WriteBytes(ORG, "name: Testshire Council\n".encode("utf-16")),
        expect="content/organisations/testshire-council.yaml:1: This file is not saved as UTF-8 text. Save it again with the encoding set to UTF-8.",
    ),
    case(
        "binary-file",
        WriteBytes(ORG, b"name: A\n\x00\x01\x02"),
        expect="content/organisations/testshire-council.yaml:2: This file contains binary data, not text. Content files must be plain text; put other files in content/assets/.",
    ),
    # --- wrong types: text ---------------------------------------------------------------------
    case(
        "text-given-list",
        in_service("cost: free", "cost: [free, cheap]"),
        expect="content/services/portage.md:10: 'cost' should be text, not a list. Write the text on the same line after the colon, or as a block after '>-'.",
    ),
    case(
        "text-given-group",
        in_service("name: Portage\n", "name: {first: Portage}\n"),
        expect="content/services/portage.md:2: 'name' should be text, not a group of fields. Write the text on the same line after the colon, or as a block after '>-'.",
    ),
    case(
        "text-given-block-list",
        in_service("cost: free", "cost:\n  - free\n  - cheap"),
        expect="content/services/portage.md:10: 'cost' should be text, not a list. Write the text on the same line after the colon, or as a block after '>-'.",
    ),
    # --- wrong types: dates --------------------------------------------------------------------
    case(
        "date-given-text",
        in_service("2026-09-01", "last week"),
        expect="content/services/portage.md:9: 'last week' in 'last_reviewed' is not a date. Write dates as YYYY-MM-DD, for example 2024-03-11.",
    ),
    case(
        "date-given-uk-style",
        in_service("2026-09-01", "01/09/2026"),
        expect="content/services/portage.md:9: '01/09/2026' in 'last_reviewed' is not a date. Write dates as YYYY-MM-DD, for example 2024-03-11.",
    ),
    case(
        "date-given-number",
        Replace(NEWS, "date: 2019-03-20", "date: 2019"),
        expect="content/news/revisit-outcome.md:3: '2019' in 'date' is not a date. Write dates as YYYY-MM-DD, for example 2024-03-11.",
    ),
    case(
        "date-given-yes",
        Replace(NEWS, "date: 2019-03-20", "date: yes"),
        expect="content/news/revisit-outcome.md:3: 'yes' in 'date' is not a date. Write dates as YYYY-MM-DD, for example 2024-03-11.",
    ),
    case(
        "date-given-list",
        Replace(NEWS, "date: 2019-03-20", "date: [2019-03-20]"),
        expect="content/news/revisit-outcome.md:3: 'date' should be a date, not a list. Write one date as YYYY-MM-DD, for example 2024-03-11.",
    ),
    case(
        "date-impossible-day",
        in_service("2026-09-01", "2024-02-30"),
        expect="content/services/portage.md:9: '2024-02-30' in 'last_reviewed' is not a real date. Check the day and month: the date must exist on the calendar.",
    ),
    case(
        "date-not-a-leap-year",
        Replace(NEWS, "2019-03-20", "2023-02-29"),
        expect="content/news/revisit-outcome.md:3: '2023-02-29' in 'date' is not a real date. Check the day and month: the date must exist on the calendar.",
    ),
    case(
        "date-month-13",
        Replace(FEEDBACK, "2024-05-01", "2024-13-01"),
        expect="content/feedback/2024-website.yaml:1: '2024-13-01' in 'date' is not a real date. Check the day and month: the date must exist on the calendar.",
    ),
    case(
        "date-year-zero",
        Replace(FEEDBACK, "2024-05-01", "0000-05-01"),
        expect="content/feedback/2024-website.yaml:1: '0000-05-01' in 'date' is not a real date. Check the day and month: the date must exist on the calendar.",
    ),
    case(
        "date-end-before-start",
        Replace(INSPECTION, "end: 2017-01-27", "end: 2016-01-27"),
        expect="content/inspections/2017-inspection.md:5: The inspection's end date is before its start date. Check 'start' and 'end' under 'dates'.",
    ),
    # --- wrong types: numbers ------------------------------------------------------------------
    case(
        "whole-number-given-quoted",
        Replace(REVISIT, "433", '"433"'),
        expect="content/inspections/2019-revisit.md:8: 'survey_responses' should be a whole number, not '433'. Write a whole number such as 12, without quotes.",
    ),
    case(
        "whole-number-given-text",
        Replace(REVISIT, "433", "about 400"),
        expect="content/inspections/2019-revisit.md:8: 'survey_responses' should be a whole number, not 'about 400'. Write a whole number such as 12, without quotes.",
    ),
    case(
        "whole-number-given-decimal",
        in_service("{min: 0, max: 5}", "{min: 0, max: 5.5}"),
        expect="content/services/portage.md:7: 'max' should be a whole number, not '5.5'. Write a whole number such as 12, without quotes.",
    ),
    case(
        "whole-number-given-on",
        Replace(REVISIT, "433", "on"),
        expect="content/inspections/2019-revisit.md:8: 'survey_responses' should be a whole number, not 'on'. Write a whole number such as 12, without quotes.",
    ),
    case(
        "number-given-quoted",
        Replace(PAGE, "nav_order: 1", 'nav_order: "1"'),
        expect="content/pages/about.md:3: 'nav_order' should be a number, not '1'. Write a number such as 12 or 3.5, without quotes.",
    ),
    case(
        "number-given-yes",
        Replace(PAGE, "nav_order: 1", "nav_order: yes"),
        expect="content/pages/about.md:3: 'nav_order' should be a number, not 'yes'. Write a number such as 12 or 3.5, without quotes.",
    ),
    case(
        "number-not-a-number",
        Replace(PAGE, "nav_order: 1", "nav_order: .nan"),
        expect="content/pages/about.md:3: 'nav_order' should be a number, not '.nan'. Write a number such as 12 or 3.5, without quotes.",
    ),
    case(
        "age-out-of-range",
        in_service("max: 5", "max: 30"),
        expect="content/services/portage.md:7: The age 30 in 'ages' is outside 0 to 25. The Local Offer covers ages 0 to 25: use a whole number in that range.",
    ),
    # --- wrong types: true/false ---------------------------------------------------------------
    case(
        "boolean-given-quoted-yes",
        in_service("self_referral: true", 'self_referral: "yes"'),
        expect="content/services/portage.md:12: 'self_referral' should be true or false, not 'yes'. Write true or false, without quotes.",
    ),
    case(
        "boolean-given-text",
        in_service("self_referral: true", "self_referral: sometimes"),
        expect="content/services/portage.md:12: 'self_referral' should be true or false, not 'sometimes'. Write true or false, without quotes.",
    ),
    case(
        "boolean-given-number",
        Replace(INSPECTION, "wsoa_required: true", "wsoa_required: 1"),
        expect="content/inspections/2017-inspection.md:7: 'wsoa_required' should be true or false, not '1'. Write true or false, without quotes.",
    ),
    # --- wrong types: choices, lists, groups, times, addresses -----------------------------------
    case(
        "choice-given-yes",
        Replace(FEEDBACK, "status: done", "status: yes"),
        expect="content/feedback/2024-website.yaml:5: 'yes' is not a valid status. Use one of the values: 'done', 'in-progress', 'planned'.",
    ),
    case(
        "choice-given-list",
        Replace(FEEDBACK, "status: done", "status: [done]"),
        expect="content/feedback/2024-website.yaml:5: 'status' should be text, not a list. Write the text on the same line after the colon, or as a block after '>-'.",
    ),
    case(
        "list-given-group",
        in_service("[English, Polish]", "{first: English}"),
        expect="content/services/portage.md:18: 'languages' should be a list, not a group of fields. Write each item on its own line starting with '- ', or as [first, second].",
    ),
    case(
        "list-item-given-group",
        in_service("[English, Polish]", "[English, {a: b}]"),
        expect="content/services/portage.md:18: Each item of 'languages' should be text, but item 2 is a group of fields. Write each item as plain text after '- '.",
    ),
    case(
        "group-given-text",
        in_service("{min: 0, max: 5}", "0 to 5"),
        expect="content/services/portage.md:7: 'ages' should be a group of fields (name: value lines), not '0 to 5'. Write each field on its own line as 'name: value' (it needs min, max).",
    ),
    case(
        "group-list-item-given-text",
        in_service("  - {name: Portage team", "  - Portage team\n  - {name: Portage team"),
        expect="content/services/portage.md:15: A contact should be a group of fields (name: value lines), not 'Portage team'. Write each field on its own line as 'name: value'.",
    ),
    case(
        "time-given-text",
        in_service('opens: "09:00"', "opens: 9am"),
        expect="content/services/portage.md:17: '9am' is not a time. Write times on the 24-hour clock, like '09:30'.",
    ),
    case(
        "time-out-of-range",
        in_service('closes: "17:00"', 'closes: "25:00"'),
        expect="content/services/portage.md:17: '25:00' is not a time. Write times on the 24-hour clock, like '09:30'.",
    ),
    case(
        "url-javascript",
        in_service("cost: free", "cost: free\nwebsite: javascript:alert(1)"),
        expect="content/services/portage.md:11: 'javascript:alert(1)' is not a web address. Write the full address, starting with https://.",
    ),
    case(
        "url-data",
        Replace(
            ORG,
            "url: https://www.example.org/council",
            "url: data:text/html,<script>alert(1)</script>",
        ),
        expect="content/organisations/testshire-council.yaml:2: 'data:text/html,<script>alert(1)</script>' is not a web address. Write the full address, starting with https://.",
    ),
    case(
        "url-no-scheme",
        Replace(ORG, "url: https://www.example.org/council", "url: www.example.org"),
        expect="content/organisations/testshire-council.yaml:2: 'www.example.org' is not a web address. Write the full address, starting with https://.",
    ),
    case(
        "report-url-javascript",
        Replace(
            REVISIT,
            "survey_responses: 433",
            "survey_responses: 433\nreport_url: JaVaScRiPt:alert(1)",
        ),
        expect="content/inspections/2019-revisit.md:9: 'JaVaScRiPt:alert(1)' is not a web address. Write the full address, starting with https://.",
    ),
    case(
        "email-with-query",
        in_service("portage@example.org", "'portage@example.org?subject=hi'"),
        expect="content/services/portage.md:15: 'portage@example.org?subject=hi' is not an email address. Write it as name@example.org.",
    ),
    case(
        "email-with-quote",
        in_service("portage@example.org", "'portage@example.org\"onclick=\"x'"),
        expect="content/services/portage.md:15: 'portage@example.org\"onclick=\"x' is not an email address. Write it as name@example.org.",
    ),
    case(
        "missing-required-field",
        in_service("name: Portage\n", ""),
        expect="content/services/portage.md:2: This service is missing the required field 'name'. Add a line 'name: ...'.",
    ),
    case(
        "required-field-empty",
        in_service("name: Portage\n", "name:\n"),
        expect="content/services/portage.md:2: The field 'name' is empty. Give it a value.",
    ),
    case(
        "unknown-field",
        in_service("cost: free", "cost: free\ncolour: red"),
        expect="content/services/portage.md:11: Unknown field 'colour' in this service. Check the spelling: the fields are name, organisation, summary, categories, needs, ages, areas, last_reviewed, cost, eligibility, referral, contacts, website, locations, opening_hours, delivery, languages, easy_read, status, oruk_id.",
    ),
    case(
        "summary-too-long",
        in_service("summary: Home visits", "summary: " + "Home visits " * 20),
        expect="content/services/portage.md:4: The summary is 295 characters long, more than 200. Keep it to one plain sentence; put the detail in the text below the front matter.",
    ),
    # --- names and ids -------------------------------------------------------------------------
    case(
        "file-name-with-space",
        Rename(SERVICE, "content/services/portage service.md"),
        expect="content/services/portage service.md: The name 'portage service' can only use lowercase letters, digits and hyphens. Rename the file to portage-service.md.",
    ),
    case(
        "file-name-with-capitals",
        Rename(SERVICE, "content/services/Portage.md"),
        expect="content/services/Portage.md: The name 'Portage' can only use lowercase letters, digits and hyphens. Rename the file to portage.md.",
    ),
    case(
        "ids-collide-after-normalising-case",
        Write("content/services/Portage.md", "---\nname: Portage copy\n---\n"),
        expect="content/services/Portage.md: The name 'Portage' can only use lowercase letters, digits and hyphens. The name portage.md is taken by content/services/portage.md: merge the two files, or give this one another name.",
    ),
    case(
        "ids-collide-md-and-yaml",
        Write("content/services/portage.yaml", "name: Portage\n"),
        expect="content/services/portage.yaml: Two files have the id 'portage': content/services/portage.md and this one. Rename or remove one of them: every item needs its own file name.",
    ),
    case(
        "page-collides-with-built-in-page",
        Write("content/pages/services.md", fm("title: Services\n")),
        expect="content/pages/services.md: This would be published at /services/, the address of the built-in page 'Find a service'. Rename the file: every site has that page.",
    ),
    case(
        "page-collides-with-news-item",
        Write("content/pages/news/revisit-outcome.md", fm("title: Outcome\n")),
        expect="content/pages/news/revisit-outcome.md: This would be published at /news/revisit-outcome/, the same address as content/news/revisit-outcome.md. Rename one of the two files so that each has its own address.",
    ),
    case(
        "id-in-field-with-capitals",
        Replace(INSPECTION, "- id: planning", "- id: Planning"),
        expect="content/inspections/2017-inspection.md:9: The id 'Planning' can only use lowercase letters, digits and hyphens. Use 'planning' instead.",
    ),
    case(
        "file-with-wrong-extension",
        Write("content/services/portage.txt", "name: Portage\n"),
        expect="content/services/portage.txt: Files in content/services/ must end in .md or .yaml or .yml. Rename the file, or move it to content/assets/ if it is a document or image.",
    ),
    case(
        "folder-inside-services",
        Write("content/services/old/portage.md", fm("name: Old\n")),
        expect="content/services/old/: This is a folder, and content/services/ cannot have folders inside it. Move the files in it up into content/services/.",
    ),
    case(
        "unknown-content-folder",
        Write("content/servcies/portage.md", fm("name: P\n")),
        expect="content/servcies/: The folder 'servcies' is not one of the content folders. Did you mean 'services'?",
    ),
    case(
        "glossary-terms-collide-after-normalising",
        Replace(GLOSSARY, "- term: SENCo", "- term: ehc  Plan\n  meaning: Again.\n- term: SENCo"),
        expect="content/glossary.yaml:4: The term 'ehc  Plan' is already in the glossary (line 1). Remove one of them, or list the other spelling under 'also'.",
    ),
    case(
        "taxonomy-id-twice",
        Replace(
            TAXONOMY, "{id: south, label: South Testshire}", "{id: north, label: South Testshire}"
        ),
        expect=(
            "content/services/portage.md:8: 'south' is not one of the areas in content/taxonomy.yaml. Did you mean 'north'?",
            "content/taxonomy.yaml:9: The id 'north' is listed twice in areas. Remove one of them.",
        ),
    ),
    case(
        "finding-id-twice",
        Replace(INSPECTION, "- id: waiting", "- id: planning"),
        expect=(
            "content/inspections/2017-inspection.md:12: Two findings in this inspection have the id 'planning'. Give each finding its own id.",
            "content/plans/wsoa.md:16: The inspection '2017-inspection' has no finding with the id 'waiting'. Use one of the finding ids of 2017-inspection: 'planning'.",
        ),
    ),
    case(
        "action-id-twice",
        Replace(PLAN, "- id: cut-waits", "- id: plan-better"),
        expect="content/plans/wsoa.md:14: Two actions in this plan have the id 'plan-better'. Give each action its own id.",
    ),
    case(
        "page-folder-with-capitals",
        Write("content/pages/Guides/ehc.md", fm("title: EHC\n")),
        expect="content/pages/Guides/ehc.md: The name 'Guides' can only use lowercase letters, digits and hyphens. Rename the file to guides/ehc.md.",
    ),
    case(
        "file-name-with-accent",
        Write("content/services/café.md", fm("name: Café\n")),
        expect="content/services/café.md: The name 'café' can only use lowercase letters, digits and hyphens. Rename the file to cafe.md.",
    ),
    # --- references ----------------------------------------------------------------------------
    case(
        "missing-organisation",
        in_service("testshire-council", "testshire-county"),
        expect="content/services/portage.md:3: There is no organisation with the id 'testshire-county'. Did you mean 'testshire-council'?",
    ),
    case(
        "missing-taxonomy-term",
        in_service("[north, south]", "[north, east]"),
        expect="content/services/portage.md:8: 'east' is not one of the areas in content/taxonomy.yaml. Use one of the areas in content/taxonomy.yaml: 'north', 'south'.",
    ),
    case(
        "missing-inspection-in-news",
        Replace(NEWS, "inspection: 2019-revisit", "inspection: 2019-revisited"),
        expect="content/news/revisit-outcome.md:5: There is no inspection with the id '2019-revisited'. Did you mean '2019-revisit'?",
    ),
    case(
        "missing-inspection-in-plan",
        Replace(PLAN, "responds_to: [2017-inspection]", "responds_to: [2016-inspection]"),
        expect="content/plans/wsoa.md:4: There is no inspection with the id '2016-inspection'. Did you mean '2017-inspection'?",
    ),
    case(
        "missing-finding",
        Replace(PLAN, "2017-inspection#waiting", "2017-inspection#waits"),
        expect="content/plans/wsoa.md:16: The inspection '2017-inspection' has no finding with the id 'waits'. Did you mean 'waiting'?",
    ),
    case(
        "finding-reference-without-hash",
        Replace(PLAN, "2017-inspection#waiting", "waiting"),
        expect="content/plans/wsoa.md:16: 'waiting' does not name a finding. Write findings as INSPECTION-ID#FINDING-ID, e.g. 2024-area-send-inspection#use-of-data.",
    ),
    case(
        "circular-previous-chain",
        Replace(INSPECTION, "wsoa_required: true", "wsoa_required: true\nprevious: 2019-revisit"),
        expect="content/inspections/2017-inspection.md:8: The 'previous' inspections go round in a circle (2017-inspection -> 2019-revisit -> 2017-inspection). Each inspection's 'previous' must be an earlier inspection.",
    ),
    case(
        "previous-is-itself",
        Replace(REVISIT, "previous: 2017-inspection", "previous: 2019-revisit"),
        expect="content/inspections/2019-revisit.md:7: The 'previous' inspections go round in a circle (2019-revisit -> 2019-revisit). Each inspection's 'previous' must be an earlier inspection.",
    ),
    # --- files that are too big, or outside the site ---------------------------------------------
    case(
        "file-of-50-mb",
        Huge(ORG, "name: Testshire Council\n", 50 * 1024 * 1024),
        expect="content/organisations/testshire-council.yaml: This file is 50 MB, more than the 5 MB a content file may be. Split it into smaller files, or move large documents to content/assets/.",
    ),
    case(
        "markdown-file-of-50-mb",
        Huge(SERVICE, "---\nname: Portage\n---\n", 50 * 1024 * 1024),
        expect="content/services/portage.md: This file is 50 MB, more than the 5 MB a content file may be. Split it into smaller files, or move large documents to content/assets/.",
    ),
    case(
        "symlink-file-outside-site",
        Symlink("content/services/secret.md", "/outside/secret.md"),
        expect="content/services/secret.md: This is a link to a file or folder outside the site folder. Copy the file into the site folder instead of linking to it.",
    ),
    case(
        "symlink-folder-outside-site",
        Symlink("content/assets", "/outside"),
        expect="content/assets: This is a link to a file or folder outside the site folder. Copy the file into the site folder instead of linking to it.",
    ),
    case(
        "symlink-asset-outside-site",
        Symlink("content/assets/passwd.txt", "/outside/passwd.txt"),
        expect="content/assets/passwd.txt: This is a link to a file or folder outside the site folder. Copy the file into the site folder instead of linking to it.",
    ),
    case(
        "reference-with-dot-dot",
        in_service("testshire-council", "../../etc/passwd"),
        expect="content/services/portage.md:3: There is no organisation with the id '../../etc/passwd'. Use one of the organisation ids: 'testshire-council'.",
    ),
    case(
        "symlink-static-file-outside-site",
        Symlink("templates/static/passwd.txt", "/outside/passwd.txt"),
        expect="templates/static/passwd.txt: This is a link to a file or folder outside the site folder. Copy the file into the site folder instead of linking to it.",
    ),
    case(
        "symlink-template-outside-site",
        Symlink("templates/page.html", "/outside/page.html"),
        expect="templates/page.html: This is a link to a file or folder outside the site folder. Copy the file into the site folder instead of linking to it.",
    ),
    case(
        "file-name-with-dot-dot",
        Write("content/services/portage..old.md", fm("name: Old\n")),
        expect="content/services/portage..old.md: The name 'portage..old' can only use lowercase letters, digits and hyphens. Rename the file to portage-old.md.",
    ),
    # --- templates -----------------------------------------------------------------------------
    case(
        "template-syntax-error",
        Write("templates/page.html", '{% extends "base.html" %}\n{% block content %}\n{% if %}\n'),
        expect="templates/page.html:3: This template has a syntax error: Expected an expression, got 'end of statement block'. Check that every {% ... %} and {{ ... }} is closed and spelled as Jinja expects.",
    ),
    case(
        "template-unknown-variable",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n<p>{{ page.no_such_field }}</p>\n{% endblock %}\n',
        ),
        expect="templates/page.html:3: This template uses 'page.no_such_field', but a page has no field 'no_such_field'. Use one of the fields: 'body', 'children', 'covers', 'id', 'nav_order', 'parents', 'summary', 'title', 'url_path'.",
    ),
    case(
        "template-unknown-filter",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{{ page.title | shout }}\n{% endblock %}\n',
        ),
        expect="templates/page.html:3: This template has a syntax error: No filter named 'shout'. Check that every {% ... %} and {{ ... }} is closed and spelled as Jinja expects.",
    ),
    case(
        "template-missing-include",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{% include "nope.html" %}\n{% endblock %}\n',
        ),
        expect="templates/page.html:3: The template 'nope.html' does not exist. Check the name in the {% extends %} or {% include %} line.",
    ),
    case(
        "template-include-dot-dot",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{% include "../site.yaml" %}\n{% endblock %}\n',
        ),
        expect="templates/page.html:3: The template '../site.yaml' does not exist. Check the name in the {% extends %} or {% include %} line.",
    ),
    case(
        "template-runtime-error",
        Write(
            "templates/page.html",
            '{% extends "base.html" %}\n{% block content %}\n{{ page.title / 2 }}\n{% endblock %}\n',
        ),
        expect="templates/page.html:3: This template failed while making the page /about/ (unsupported operand type(s) for /: 'str' and 'int'). Check the calculation or filter on this line.",
    ),
    case(
        "template-not-utf8",
        WriteBytes("templates/page.html", b'{% extends "base.html" %}\n\xe9\n'),
        expect="templates/page.html:2: This template is not saved as UTF-8 text. Save it again with the encoding set to UTF-8.",
    ),
    # --- site.yaml and the output folder -------------------------------------------------------
    case(
        "site-yaml-missing",
        Remove("site.yaml"),
        expect="site.yaml: There is no site.yaml in {site}. Run sendsite in the folder that holds site.yaml, or give that folder: sendsite build path/to/site (sendsite new makes a starter site).",
    ),
    case(
        "site-yaml-empty",
        Write("site.yaml", ""),
        expect="site.yaml:1: The file site.yaml has no fields. Add its fields, each on its own line as 'name: value' (it needs title, base_url, area).",
    ),
    case(
        "site-yaml-base-url-javascript",
        Replace(
            "site.yaml", "base_url: https://example.org/\n", "base_url: javascript:alert(1)//\n"
        ),
        expect="site.yaml:2: 'javascript:alert(1)//' is not a web address. Write the full address, starting with https://.",
    ),
    case(
        "output-is-site-folder",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: ."),
        expect="site.yaml:4: The output folder is the site folder itself. Choose a new folder for the output, such as _site.",
    ),
    case(
        "output-is-parent-folder",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: .."),
        expect="site.yaml:4: The output folder contains the site folder, so building would replace the site's files. Choose an output folder inside or beside the site folder, such as _site.",
    ),
    case(
        "output-is-root",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: /"),
        expect="site.yaml:4: The output folder contains the site folder, so building would replace the site's files. Choose an output folder inside or beside the site folder, such as _site.",
    ),
    case(
        "output-inside-content",
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: content/out"),
        expect="site.yaml:4: The output folder is inside the site's content folder. Choose an output folder outside content/ and templates/, such as _site.",
    ),
    case(
        "output-folder-not-made-by-sendsite",
        Write("public/notes.txt", "mine\n"),
        Replace("site.yaml", "area: Testshire", "area: Testshire\noutput: public"),
        expect="site.yaml:4: The output folder already exists and was not made by sendsite. A build never deletes what it did not make: choose another output folder, or empty this one yourself.",
    ),
]

# Cases whose message names the file without a line: the fault is the file itself (its name,
# its size, where it links to, that it exists twice) or a folder, not anything on a line.
NO_LINE = {
    "file-name-with-accent",
    "page-folder-with-capitals",
    "file-of-50-mb",
    "markdown-file-of-50-mb",
    "file-name-with-space",
    "file-name-with-capitals",
    "file-name-with-dot-dot",
    "ids-collide-after-normalising-case",
    "ids-collide-md-and-yaml",
    "page-collides-with-built-in-page",
    "page-collides-with-news-item",
    "file-with-wrong-extension",
    "folder-inside-services",
    "unknown-content-folder",
    "symlink-file-outside-site",
    "symlink-folder-outside-site",
    "symlink-asset-outside-site",
    "symlink-static-file-outside-site",
    "symlink-template-outside-site",
    "site-yaml-missing",
}


@dataclass(frozen=True)
class Works:
    """Input that looks odd but is fine: the build succeeds and `page` shows `text`."""

    id: str
    steps: tuple[Step, ...]
    page: str
    text: str

    def __str__(self) -> str:
        return self.id


def _org_bytes(text: str) -> bytes:
    return text.encode("utf-8")


_ORG_TEXT = "name: Testshire Council\nurl: https://www.example.org/council\nphone: 01632 960001\n"

WORKS: list[Works] = [
    Works(
        "byte-order-mark",
        (
            WriteBytes(
                ORG,
                b"\xef\xbb\xbf" + _org_bytes(_ORG_TEXT.replace("Testshire Council", "BOM Council")),
            ),
        ),
        "/organisations/testshire-council/",
        "BOM Council",
    ),
    Works(
        "windows-line-endings",
        (
            WriteBytes(
                ORG,
                _org_bytes(_ORG_TEXT.replace("Testshire Council", "CRLF Council")).replace(
                    b"\n", b"\r\n"
                ),
            ),
        ),
        "/organisations/testshire-council/",
        "CRLF Council",
    ),
    Works(
        "old-mac-line-endings",
        (
            WriteBytes(
                ORG,
                _org_bytes(_ORG_TEXT.replace("Testshire Council", "CR Council")).replace(
                    b"\n", b"\r"
                ),
            ),
        ),
        "/organisations/testshire-council/",
        "CR Council",
    ),
    Works(
        "windows-line-endings-and-bom-in-markdown",
        (
            WriteBytes(
                PAGE,
                b"\xef\xbb\xbf---\r\ntitle: About us\r\nnav_order: 1\r\n---\r\nWe are here.\r\n",
            ),
        ),
        "/about/",
        "We are here.",
    ),
    Works(
        "yes-in-a-true-or-false-field",
        (in_service("self_referral: true", "self_referral: yes"),),
        "/services/portage/",
        "Portage",
    ),
    Works(
        "yes-no-on-in-text-fields-stay-as-written",
        (in_service("cost: free", "cost: no"), in_service("[English, Polish]", "[yes, on, off]")),
        "/services/portage/",
        "on",
    ),
    Works(
        "number-and-date-in-text-fields-stay-as-written",
        (in_service("cost: free", "cost: 2024-01-01"), Replace(ORG, "01632 960001", "01632960001")),
        "/services/portage/",
        "2024-01-01",
    ),
    Works(
        "front-matter-closed-with-dots-and-trailing-spaces",
        (Write(PAGE, "---   \ntitle: About us\nnav_order: 1\n...\nAbout text.\n"),),
        "/about/",
        "About text.",
    ),
    Works(
        "tabs-in-markdown-body",
        (Write(PAGE, "---\ntitle: About us\n---\nColumn\tafter a tab.\n"),),
        "/about/",
        "Column after a tab.",
    ),
    Works(
        "unicode-text-everywhere",
        (Replace(PAGE, "title: About the Local Offer", "title: Amdanom ni – Cynnig Lleol ŵ ŷ 😀"),),
        "/about/",
        "Amdanom ni – Cynnig Lleol ŵ ŷ 😀",
    ),
    Works(
        "symlink-inside-the-site",
        (
            Write("shared/help.md", "---\ntitle: Help\n---\nShared help text.\n"),
            Symlink("content/pages/help.md", "../../shared/help.md"),
        ),
        "/help/",
        "Shared help text.",
    ),
    Works(
        "hidden-and-backup-files-are-ignored",
        (
            Write("content/services/.portage.md.swp", "\x00binary"),
            Write("content/services/portage.md~", "not: [valid"),
            Write("content/.DS_Store", "\x00"),
        ),
        "/services/portage/",
        "Portage",
    ),
]
