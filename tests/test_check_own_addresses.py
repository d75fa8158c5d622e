"""Full web addresses into the site's own base URL must lead to a page the build makes: in
Markdown, in a service's website, an organisation's url and site.yaml's feedback form."""

from __future__ import annotations

import re

import pytest

from sendsite.check.addresses import own_path
from tests.conftest import TinySite
from tests.test_check import check, clean, line_of, plant, warnings  # noqa: F401  (fixture)

SERVICE = "content/services/portage.md"
ORG = "content/organisations/testshire-council.yaml"


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("https://example.org/send/services/", "https://example.org/send/", "/services/"),
        ("http://EXAMPLE.org/send/", "https://example.org/send/", "/"),
        ("https://example.org/send", "https://example.org/send/", "/"),
        ("https://example.org/sendiass/", "https://example.org/send/", None),
        ("https://example.org/other/", "https://example.org/send/", None),
        ("https://www.example.org/send/", "https://example.org/send/", None),
        ("https://example.org:8443/send/", "https://example.org/send/", None),
        ("mailto:send@example.org", "https://example.org/send/", None),
        ("https://example.org/anything/", "https://example.org/", "/anything/"),
    ],
)
def test_own_path(href: str, base: str, expected: str | None) -> None:
    assert own_path(href, base) == expected


def must_fix(site: TinySite, path: str, needle: str, words: str) -> None:
    run = check(site)
    found = [w for w in warnings(run) if words in w]
    assert found, run.out
    assert re.match(rf"{re.escape(path)}:{line_of(site, path, needle)}: must fix: ", found[0])
    assert check(site, "--strict").code == 1


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("https://example.org/guides/missing/", "points at a page that does not exist"),
        ("http://example.org/services/nowhere", "points at a page that does not exist"),
        ("https://example.org/about/#nowhere", "points at '#nowhere', which is not on that page"),
    ],
)
def test_a_full_address_into_the_site_in_markdown_must_be_a_page(
    clean: TinySite,  # noqa: F811
    link: str,
    words: str,
) -> None:
    plant(clean, SERVICE, "every two weeks**.", f"every two weeks**. See [this]({link}).")
    must_fix(clean, SERVICE, link, words)


def test_full_addresses_of_real_pages_are_fine(clean: TinySite) -> None:  # noqa: F811
    plant(
        clean,
        SERVICE,
        "every two weeks**.",
        "every two weeks**. See [about](https://example.org/about/), [us](http://example.org/)"
        " and [the list](https://example.org/services/#browse-heading).",
    )
    run = check(clean)
    assert warnings(run) == [], run.out


@pytest.mark.parametrize(
    ("path", "field", "before", "after"),
    [
        (SERVICE, "website", "last_reviewed:", "website: https://example.org/portage/\nlast_reviewed:"),
        (ORG, "url", "url: https://www.example.org/council", "url: https://example.org/council/"),
    ],
)  # fmt: skip
def test_a_website_field_into_the_site_must_be_a_page(
    clean: TinySite,  # noqa: F811
    path: str,
    field: str,
    before: str,
    after: str,
) -> None:
    plant(clean, path, before, after)
    must_fix(clean, path, "https://example.org/", f"the {field} 'https://example.org/")


def test_a_feedback_form_address_into_the_site_must_be_a_page(clean: TinySite) -> None:  # noqa: F811
    site_yaml = (clean.root / "site.yaml").read_text()
    clean.write(
        "site.yaml",
        site_yaml
        + "feedback:\n  email: a@example.org\n  url: https://example.org/feedback-form/\n",
    )
    must_fix(
        clean, "site.yaml", "feedback-form", "the feedback url 'https://example.org/feedback-form/'"
    )
    clean.write("site.yaml", site_yaml + "feedback:\n  url: https://example.org/you-said-we-did/\n")
    assert warnings(check(clean)) == []


def test_under_a_sub_path_only_addresses_below_it_are_the_sites(clean: TinySite) -> None:  # noqa: F811
    plant(
        clean, "site.yaml", "base_url: https://example.org/", "base_url: https://example.org/send/"
    )
    plant(
        clean,
        SERVICE,
        "every two weeks**.",
        "every two weeks**. See [the advice service](https://example.org/sendiass/) and"
        " [about](https://example.org/send/about/).",
    )
    assert warnings(check(clean)) == []
    plant(clean, SERVICE, "/send/about/", "/send/abut/")
    must_fix(clean, SERVICE, "/send/abut/", "points at a page that does not exist")
