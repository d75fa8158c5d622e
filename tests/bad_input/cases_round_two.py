"""Bad-input cases from the second hardening round (issue 22): mistakes an editor makes every day
that used to build silently and publish something wrong. Same shape as cases.py."""

from __future__ import annotations

from tests.bad_input.cases import (
    FEEDBACK,
    INSPECTION,
    NEWS,
    ORG,
    PLAN,
    Case,
    Works,
    case,
    in_service,
)
from tests.bad_input.plant import Replace

SITE = "site.yaml"
ORG_PHONE = "phone: 01632 960001"
CONTACT_PHONE = "phone: 01632 960002"

PHONE_CASES: list[Case] = [
    case(
        "phone-with-a-note-after-it",
        in_service(CONTACT_PHONE, "phone: call 01632 960002 after 5pm"),
        expect="content/services/portage.md:15: The phone number 'call 01632 960002 after 5pm' has words in it as well ('call … after 5pm'): a parent who taps it would dial the wrong number. Write only the number, like 'phone: 01632 960002', and put the rest in the description or the contact's role. An extension can follow as 'ext 123'.",
    ),
    case(
        "phone-with-a-menu-option",
        Replace(ORG, ORG_PHONE, "phone: 01632 960001 option 2"),
        expect="content/organisations/testshire-council.yaml:3: The phone number '01632 960001 option 2' has words in it as well ('option 2'): a parent who taps it would dial the wrong number. Write only the number, like 'phone: 01632 960001', and put the rest in the description or the contact's role. An extension can follow as 'ext 123'.",
    ),
    case(
        "phone-with-a-word-before-it",
        Replace(ORG, ORG_PHONE, "phone: Freephone 0800 123 4567"),
        expect="content/organisations/testshire-council.yaml:3: The phone number 'Freephone 0800 123 4567' has words in it as well ('Freephone'): a parent who taps it would dial the wrong number. Write only the number, like 'phone: 0800 123 4567', and put the rest in the description or the contact's role. An extension can follow as 'ext 123'.",
    ),
    case(
        "phone-two-numbers-in-one-field",
        Replace(SITE, "  phone: 01632 960000", "  phone: 01632 960000 or 07700 900123"),
        expect="site.yaml:6: '01632 960000 or 07700 900123' has two phone numbers in one field. Write one number in each field: give the second number its own contact.",
    ),
    case(
        "phone-a-digit-missing",
        Replace(ORG, ORG_PHONE, "phone: 01632 96000"),
        expect="content/organisations/testshire-council.yaml:3: '01632 96000' is not a UK phone number in use. Check the digits against the service's own letters or website.",
    ),
    case(
        "phone-too-short",
        Replace(ORG, ORG_PHONE, "phone: 0163 2960"),
        expect="content/organisations/testshire-council.yaml:3: '0163 2960' has 8 digits, which is not a whole UK phone number. UK numbers have 10 or 11 digits, like 01632 960000: check none is missing.",
    ),
    case(
        "phone-too-many-digits",
        Replace(ORG, ORG_PHONE, "phone: 01632 9600011"),
        expect="content/organisations/testshire-council.yaml:3: '01632 9600011' has 12 digits, too many for one UK phone number. Write one number per field; give a second number its own contact.",
    ),
    case(
        "phone-letter-o-for-zero",
        Replace(ORG, ORG_PHONE, "phone: O1632 96000l"),
        expect="content/organisations/testshire-council.yaml:3: 'O1632 96000l' has the letter 'O' where a 0 (zero) should be. Type the number again with a 0 (zero) in place of the letter 'O'.",
    ),
    case(
        "phone-international-without-enough-digits",
        Replace(ORG, ORG_PHONE, "phone: +33 1 23"),
        expect="content/organisations/testshire-council.yaml:3: '+33 1 23' is not a whole phone number. Write an international number as + and the country code, like +33 1 23 45 67 89, or a UK number as 01632 960000.",
    ),
]

PHONE_WORKS: list[Works] = [
    Works(
        "phone-with-an-extension",
        (Replace(ORG, ORG_PHONE, "phone: 01632 960001 ext 204"),),
        "/organisations/testshire-council/",
        "01632 960001 ext 204",
    ),
    Works(
        "phone-international",
        (Replace(ORG, ORG_PHONE, "phone: +33 1 23 45 67 89"),),
        "/organisations/testshire-council/",
        "+33 1 23 45 67 89",
    ),
    Works(
        "phone-short-number",
        (Replace(ORG, ORG_PHONE, "phone: 111"),),
        "/organisations/testshire-council/",
        "111",
    ),
    Works(
        "phone-written-with-brackets-and-dashes",
        (Replace(ORG, ORG_PHONE, "phone: (01632) 960-001"),),
        "/organisations/testshire-council/",
        "(01632) 960-001",
    ),
]

REFERRAL = "referral:\n  self_referral: true\n  how: Phone the team."
CONTACTS = "contacts:\n  - {name: Portage team, phone: 01632 960002, email: portage@example.org}"
BLOCK_CONTACT = "contacts:\n  - name: Portage team\n    phone: 01632 960002\n"
FUTURE = "which has not happened yet (the site is built on 23 November 2026). Check the year and the month: this date cannot be in the future."

EDITING_CASES: list[Case] = [
    case(
        "nesting-field-slipped-out-of-its-group",
        in_service(REFERRAL, "referral:\n  self_referral: true\nhow: Phone the team."),
        expect="content/services/portage.md:13: 'how' belongs under 'referral' (line 11), but is not indented. Indent it by two spaces, to line up with the other fields of 'referral'.",
    ),
    case(
        "nesting-whole-group-slipped-out",
        in_service("ages: {min: 0, max: 5}", "ages:\nmin: 0\nmax: 5"),
        expect=(
            "content/services/portage.md:8: 'min' belongs under 'ages' (line 7), but is not indented. Indent it by two spaces, to line up with the other fields of 'ages'.",
            "content/services/portage.md:9: 'max' belongs under 'ages' (line 7), but is not indented. Indent it by two spaces, to line up with the other fields of 'ages'.",
        ),
    ),
    case(
        "nesting-field-slipped-out-of-a-list-item",
        in_service(CONTACTS, BLOCK_CONTACT + "email: portage@example.org"),
        expect="content/services/portage.md:17: 'email' belongs under an item of 'contacts' (line 14), but is not indented. Indent it to line up with the other fields of a contact above it, after its '- '.",
    ),
    case(
        "nesting-list-item-dedented",
        in_service(CONTACTS, BLOCK_CONTACT + "   email: portage@example.org"),
        expect="content/services/portage.md:17: This line does not line up with the list above it. Start each item of the list with '- ' at the same indentation as the items above it.",
    ),
    case(
        "nesting-list-item-indented-one-more",
        in_service("languages: [English, Polish]", "languages:\n  - English\n   - Polish"),
        expect="content/services/portage.md:20: This list item is indented more than the item above it, so it is read as more words of that item. Line up its '- ' with the '- ' of the item above it.",
    ),
    case(
        "nesting-first-line-indented",
        Replace(ORG, "name: Testshire Council", " name: Testshire Council"),
        expect="content/organisations/testshire-council.yaml:2: This line is indented less than the first field of the file. Start every field at the top of the file at the left edge, with no spaces before it.",
    ),
    case(
        "paste-non-breaking-space-after-a-colon",
        in_service("cost: free", "cost:\u00a0free"),
        expect="content/services/portage.md:10: This line has a non-breaking space (often pasted from Word or a web page) where YAML needs an ordinary space. Delete the space after the ':' (and any before the field name) and type an ordinary space instead.",
    ),
    case(
        "paste-word-bullets-as-a-list",
        in_service("languages: [English, Polish]", "languages:\n\u2022 English\n\u2022 Polish"),
        expect="content/services/portage.md:19: This line starts with a bullet character (pasted from Word), which YAML does not read as an item of a list. Start each item with '- ' (a hyphen and a space) instead, indented by two spaces under the field name.",
    ),
    case(
        "list-dash-without-a-space",
        in_service("languages: [English, Polish]", "languages:\n  -English\n  -Polish"),
        expect="content/services/portage.md:18: 'languages' is read as the text '-English -Polish', not as a list, because there is no space after the '-' in '-English'. Put a space after each '-', like '- English'.",
    ),
    case(
        "future-last-reviewed",
        in_service("last_reviewed: 2026-09-01", "last_reviewed: 2027-11-20"),
        expect=f"content/services/portage.md:9: 'last_reviewed' is 20 November 2027, {FUTURE}",
    ),
    case(
        "future-inspection-published",
        Replace(INSPECTION, "published: 2017-03-16", "published: 2037-03-16"),
        expect=f"content/inspections/2017-inspection.md:6: 'published' is 16 March 2037, {FUTURE}",
    ),
    case(
        "future-plan-published",
        Replace(PLAN, "published: 2017-08-03", "published: 2027-08-03"),
        expect=f"content/plans/wsoa.md:6: 'published' is 3 August 2027, {FUTURE}",
    ),
    case(
        "future-plan-update",
        Replace(PLAN, "{date: 2020-01-10,", "{date: 2029-01-10,"),
        expect=f"content/plans/wsoa.md:21: 'date' is 10 January 2029, {FUTURE}",
    ),
    case(
        "future-news-date",
        Replace(NEWS, "date: 2019-03-20", "date: 2091-03-20"),
        expect=f"content/news/revisit-outcome.md:3: 'date' is 20 March 2091, {FUTURE}",
    ),
    case(
        "future-feedback-date",
        Replace(FEEDBACK, "date: 2024-05-01", "date: 2034-05-01"),
        expect=f"content/feedback/2024-website.yaml:1: 'date' is 1 May 2034, {FUTURE}",
    ),
    case(
        "curly-quoted-reference-still-checked",
        in_service("organisation: testshire-council", "organisation: \u201ctestshire-counci\u201d"),
        expect="content/services/portage.md:3: There is no organisation with the id 'testshire-counci'. Did you mean 'testshire-council'?",
    ),
]

BODY = "Portage home visitors come to your home **every two weeks**."
EDITING_WORKS: list[Works] = [
    Works(
        "curly-quotes-around-a-value",
        (in_service("cost: free", "cost: \u201cFree of charge\u201d"),),
        "/services/portage/",
        "Cost Free of charge",
    ),
    Works(
        "curly-quotes-around-a-reference",
        (
            in_service(
                "organisation: testshire-council", "organisation: \u201ctestshire-council\u201d"
            ),
        ),
        "/services/portage/",
        "Testshire Council",
    ),
    Works(
        "curly-single-quotes-around-a-date",
        (in_service("last_reviewed: 2026-09-01", "last_reviewed: \u20182026-09-01\u2019"),),
        "/services/portage/",
        "1 September 2026",
    ),
    Works(
        "word-bullets-become-a-list",
        (in_service(BODY, "We offer:\n\u2022\tHome visits\n\u2022\tPlay sessions"),),
        "/services/portage/",
        "We offer: Home visits Play sessions",
    ),
]

ROUND_TWO: list[Case] = [*PHONE_CASES, *EDITING_CASES]
ROUND_TWO_WORKS: list[Works] = [*PHONE_WORKS, *EDITING_WORKS]
