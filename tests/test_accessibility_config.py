"""site.yaml `brand` (colours checked for contrast, logo) and `accessibility` (the generated
accessibility statement, which content/pages/accessibility.md replaces)."""

from __future__ import annotations

import textwrap

import pytest

from sendsite.model.brand import contrast, darken_until_readable, mix, parse_colour
from tests.conftest import TINY_SITE, TinySite, text_of
from tests.soup import attr

STATEMENT = """\
    accessibility:
      compliance: partial
      non_accessible:
        - Some PDF documents are not accessible.
      prepared: 2026-06-15
      reviewed: 2026-11-02
    """


def add_to_site_yaml(site: TinySite, extra: str) -> None:
    site.write("site.yaml", textwrap.dedent(TINY_SITE["site.yaml"]) + textwrap.dedent(extra))


def test_contrast_matches_wcag_figures() -> None:
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#1d70b8", "#ffffff") == pytest.approx(5.17, abs=0.01)
    assert parse_colour("#17B") == "#1177bb"
    assert parse_colour("blue") is None
    assert mix("#1d70b8", "#ffffff", 0.1) == "#e8f1f8"
    assert contrast(darken_until_readable("#66aaff"), "#ffffff") >= 4.5


def test_brand_colours_become_the_themes_custom_properties(site: TinySite) -> None:
    add_to_site_yaml(site, 'brand:\n  colour: "#005a30"\n  header_colour: "#1d1d1b"\n')
    assert site.build().code == 0
    page = site.page("/")
    # In a stylesheet of its own (fingerprinted), not a <style>: the CSP allows no inline style.
    assert page.find("style") is None
    links = [attr(link, "href") for link in page.find_all("link", rel="stylesheet")]
    assert links[0].startswith("/static/style.") and links[1].startswith("/static/brand.")
    css = " ".join((site.output / links[1].lstrip("/")).read_text(encoding="utf-8").split())
    assert "--brand: #005a30;" in css
    assert "--brand-dark: #1d1d1b;" in css
    assert "--brand-light: #e6eeea;" in css


def test_a_light_brand_colour_is_refused_with_a_darker_suggestion(site: TinySite) -> None:
    add_to_site_yaml(site, 'brand:\n  colour: "#66aaff"\n')
    run = site.build()
    assert run.code == 1
    line = TINY_SITE["site.yaml"].count("\n") + 2
    assert run.error_lines == [
        f"site.yaml:{line}: White text on #66aaff (accents such as the tags and the year "
        "markers) would have a contrast of 2.39:1, below the 4.5:1 that WCAG 2.2 AA needs. "
        "Choose a darker colour, such as #4777b2."
    ]


def test_an_unquoted_colour_is_explained(site: TinySite) -> None:
    add_to_site_yaml(site, "brand:\n  header_colour: #003078\n")
    run = site.build()
    assert run.code == 1
    assert "'header_colour' is empty" in run.err
    assert "in quotes" in run.err


def test_a_colour_that_is_not_a_colour(site: TinySite) -> None:
    add_to_site_yaml(site, "brand:\n  colour: dark blue\n")
    run = site.build()
    assert run.code == 1
    assert "'dark blue' is not a colour" in run.err


def test_the_logo_shows_in_the_header_with_its_text_alternative(site: TinySite) -> None:
    site.write("content/assets/council-logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    add_to_site_yaml(site, "brand:\n  logo: council-logo.svg\n  logo_alt: Testshire Council\n")
    assert site.build().code == 0
    home = site.page("/")
    link = home.select_one(".site-header__title")
    assert link is not None
    logo = link.find("img")
    assert logo is not None
    assert logo["src"] == "/assets/council-logo.svg"
    assert logo["alt"] == "Testshire Council"
    assert (site.output / "assets/council-logo.svg").is_file()


@pytest.mark.parametrize(
    ("brand", "expected"),
    [
        (
            "  logo: missing.svg\n  logo_alt: Council\n",
            "there is no file content/assets/missing.svg",
        ),
        ("  logo: council-logo.svg\n", "the logo has no 'logo_alt'"),
        ("  logo_alt: Council\n", "'logo_alt' is set but there is no 'logo'"),
        ("  logo: notes.txt\n  logo_alt: Council\n", "is not an image a browser can show"),
        ("  color: '#003078'\n", "Did you mean 'colour'?"),
    ],
)
def test_logo_mistakes(site: TinySite, brand: str, expected: str) -> None:
    site.write("content/assets/council-logo.svg", "<svg/>")
    site.write("content/assets/notes.txt", "notes")
    add_to_site_yaml(site, "brand:\n" + brand)
    run = site.build()
    assert run.code == 1
    assert expected.lower() in run.err.lower()
    assert all(line.startswith("site.yaml:") for line in run.error_lines), run.err


def test_statement_is_made_from_site_yaml_with_the_required_sections(site: TinySite) -> None:
    add_to_site_yaml(site, STATEMENT)
    assert site.build().code == 0
    page = site.page("/accessibility/")
    headings = [h.get_text(" ", strip=True) for h in page.select("main h2")]
    assert headings == [
        "Using this website",
        "How accessible this website is",
        "Content that is not accessible",
        "Tell us about a problem or ask for another format",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
    ]
    text = text_of(page)
    assert (
        "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2"
        in text
    )
    assert "Some PDF documents are not accessible." in text
    assert page.find("a", href="mailto:localoffer@example.org") is not None
    assert "Equality and Human Rights Commission" in text
    assert "prepared on 15 June 2026" in text
    assert "last reviewed on 2 November 2026" in text
    footer_link = site.page("/services/").select_one("footer a[href='/accessibility/']")
    assert footer_link is not None


def test_a_page_in_content_replaces_the_generated_statement(site: TinySite) -> None:
    add_to_site_yaml(site, STATEMENT)
    site.write(
        "content/pages/accessibility.md",
        "---\ntitle: Accessibility statement\n---\nOur own statement.\n",
    )
    assert site.build().code == 0
    text = text_of(site.page("/accessibility/"))
    assert "Our own statement." in text
    assert "Enforcement procedure" not in text


def test_a_site_without_a_statement_is_warned(site: TinySite) -> None:
    run = site.build()
    assert run.code == 0
    assert "site.yaml: warning: The site has no accessibility statement" in run.err
    assert site.page("/").select_one("footer a[href='/accessibility/']") is None


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "accessibility:\n  compliance: partial\n  prepared: 2026-06-15\n",
            "compliance is 'partial' but 'non_accessible' lists nothing",
        ),
        (
            "accessibility:\n  compliance: mostly\n  prepared: 2026-06-15\n",
            "'mostly' is not a valid compliance",
        ),
        ("accessibility:\n  compliance: full\n", "prepared"),
        (
            "accessibility:\n  compliance: full\n  prepared: 2026-06-15\n"
            "  non_accessible: [PDFs]\n",
            "compliance is 'full' but 'non_accessible' lists",
        ),
    ],
)
def test_statement_mistakes(site: TinySite, statement: str, expected: str) -> None:
    add_to_site_yaml(site, statement)
    run = site.build()
    assert run.code == 1
    assert expected.lower() in run.err.lower()
    assert all(line.startswith("site.yaml:") for line in run.error_lines), run.err
