"""site.yaml `brand`: the council's colours and logo, refused when a colour would make text
hard to read (WCAG 2.2 AA asks for a contrast of at least 4.5:1 for text)."""

from __future__ import annotations

import math
import re
from pathlib import Path

from sendsite.model import Brand
from sendsite.source.fields import Fields

MIN_TEXT_CONTRAST = 4.5
WHITE = "#ffffff"
# The theme's link colour, shown on the brand tint in notices (style.css --link).
THEME_LINK = "#1a65a6"
TINT_STRENGTH = 0.1  # how much of the brand colour goes into the pale tint
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
FIELDS = ("colour", "header_colour", "logo", "logo_alt")


def parse_colour(text: str) -> str | None:
    """'#1D70B8', '1d70b8' or '#17b' as '#1d70b8'; None when it is not a hex colour."""
    match = _HEX.match(text.strip())
    if not match:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def _channels(colour: str) -> tuple[float, float, float]:
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio between two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shown_ratio(ratio: float) -> str:
    """A ratio for a message, rounded down so that 4.49 never shows as 4.5."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"


def mix(colour: str, other: str, amount: float) -> str:
    """`amount` of `colour` mixed into `other`."""
    return "#" + "".join(
        f"{round(a * 255 * amount + b * 255 * (1 - amount)):02x}"
        for a, b in zip(_channels(colour), _channels(other), strict=True)
    )


def darken_until_readable(colour: str, text: str = WHITE) -> str:
    """The nearest darker shade of `colour` with at least 4.5:1 against `text`, to suggest."""
    shade = colour
    for step in range(1, 101):
        if contrast(shade, text) >= MIN_TEXT_CONTRAST:
            return shade
        shade = mix(colour, "#000000", 1 - step / 100)
    return "#000000"


def load_brand(group: Fields | None, site_dir: Path) -> Brand | None:
    """Read `brand`; every mistake is logged on the group's log with its line."""
    if group is None:
        return None
    brand = Brand(
        colour=_colour(group, "colour", "accents such as the tags and the year markers"),
        header_colour=_colour(group, "header_colour", "the header behind the site's name"),
    )
    if brand.colour is not None:
        brand.tint = mix(brand.colour, WHITE, TINT_STRENGTH)
        if contrast(brand.tint, THEME_LINK) < MIN_TEXT_CONTRAST:
            group.error(
                "colour",
                f"links on the pale tint of {brand.colour} would have a contrast of "
                f"{shown_ratio(contrast(brand.tint, THEME_LINK))}, below the {MIN_TEXT_CONTRAST}:1 "
                "that WCAG 2.2 AA needs",
                f"Choose a darker colour, such as {darken_until_readable(brand.colour)}.",
            )
    brand.logo, brand.logo_alt = _logo(group, site_dir)
    return brand


def _colour(group: Fields, key: str, used_for: str) -> str | None:
    if key in group.data and not group.has(key):
        group.error(
            key,
            f"'{key}' is empty",
            f'Put the colour in quotes, like {key}: "#1d70b8" (without quotes, YAML reads '
            "everything after # as a comment).",
        )
        return None
    text = group.text(key)
    if text is None:
        return None
    colour = parse_colour(text)
    if colour is None:
        group.error(
            key,
            f"'{text}' is not a colour",
            f'Write it as a hex colour in quotes, like {key}: "#1d70b8".',
        )
        return None
    ratio = contrast(colour, WHITE)
    if ratio < MIN_TEXT_CONTRAST:
        group.error(
            key,
            f"white text on {colour} ({used_for}) would have a contrast of {shown_ratio(ratio)}, "
            f"below the {MIN_TEXT_CONTRAST}:1 that WCAG 2.2 AA needs",
            f"Choose a darker colour, such as {darken_until_readable(colour)}.",
        )
        return None
    return colour


def _logo(group: Fields, site_dir: Path) -> tuple[str | None, str | None]:
    logo, alt = group.text("logo"), group.text("logo_alt")
    if logo is None:
        if alt is not None:
            group.error(
                "logo_alt",
                "'logo_alt' is set but there is no 'logo'",
                "Add logo: with the logo's file name in content/assets/, or remove logo_alt.",
            )
        return None, None
    relative = logo.removeprefix("/").removeprefix("content/").removeprefix("assets/")
    if not (site_dir / "content" / "assets" / relative).is_file():
        group.error(
            "logo",
            f"there is no file content/assets/{relative} for the logo",
            "Put the logo in content/assets/ and give its name here, like logo: council-logo.svg.",
        )
        return None, None
    if not relative.lower().endswith(LOGO_TYPES):
        group.error(
            "logo",
            f"the logo '{relative}' is not an image a browser can show",
            "Use an SVG, PNG, JPEG, GIF, WebP or AVIF file.",
        )
        return None, None
    if alt is None:
        group.error(
            "logo" if "logo_alt" not in group.data else "logo_alt",
            "the logo has no 'logo_alt'",
            "Add logo_alt: with what the logo says, usually the council's name, "
            "for people who cannot see it.",
        )
        return None, None
    return relative, alt


BRAND_STYLESHEET = "static/brand.css"


def brand_stylesheet(brand: Brand | None) -> bytes | None:
    """The council's colours as the theme's custom properties: a file of its own, linked after
    style.css, because the Content-Security-Policy allows no style written inside a page."""
    if brand is None or (brand.colour is None and brand.header_colour is None):
        return None
    lines = [":root {"]
    if brand.colour is not None:
        lines.append(f"  --brand: {brand.colour};")
        lines.append(f"  --brand-light: {brand.tint};")
    lines.append(f"  --brand-dark: {brand.header_colour or brand.colour};")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
