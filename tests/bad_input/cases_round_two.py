"""Bad-input cases from the second hardening round (issue 22): mistakes an editor makes every day
that used to build silently and publish something wrong. Same shape as cases.py."""

from __future__ import annotations

from tests.bad_input.cases import ORG, Case, Works, case, in_service
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

ROUND_TWO: list[Case] = [*PHONE_CASES]
ROUND_TWO_WORKS: list[Works] = [*PHONE_WORKS]
