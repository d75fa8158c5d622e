"""Near me: postcode districts and their centres from the site's own places (model/places.py),
each service page's places in its search metadata, and pagefind/places.json, which names each
placed service by its search result's id (publish/places_index.py)."""

from __future__ import annotations

import gzip
import json

import pytest

from sendsite.model import places
from tests.conftest import TinySite

CLINIC = """\
    ---
    name: {name}
    organisation: testshire-council
    summary: A clinic.
    categories: [health]
    needs: all
    ages: {{min: 0, max: 18}}
    areas: all
    last_reviewed: 2026-09-01
    locations:
{places}
    ---
    A clinic.
    """


def _place(postcode: str, lat: float | None, lon: float | None) -> str:
    lines = [f"      - postcode: {postcode}"]
    if lat is not None and lon is not None:
        lines += [f"        latitude: {lat}", f"        longitude: {lon}"]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("DT1 1NF", "DT1"),
        ("dt1", "DT1"),
        ("dt11nf", "DT1"),  # DT1 1NF without its space: the inward code is the last three
        ("DT11", "DT11"),
        ("DT11 7LW", "DT11"),
        ("  bh21  1en ", "BH21"),
        ("SW1A 1AA", "SW1A"),
        ("Dorchester", None),
        ("", None),
    ],
)
def test_the_district_of_what_a_family_types(typed: str, expected: str | None) -> None:
    assert places.district(typed) == expected


def test_distances_are_great_circle_km() -> None:
    dorchester, weymouth = (50.7156, -2.4368), (50.6144, -2.4573)
    assert places.km_between(dorchester, weymouth) == pytest.approx(11.35, abs=0.05)
    assert places.km_between(dorchester, dorchester) == 0


@pytest.fixture
def placed(site: TinySite) -> TinySite:
    site.write(
        "content/services/north-clinic.md",
        CLINIC.format(
            name="North clinic",
            places="\n".join([_place("TE1 1AA", 50.70, -2.40), _place("TE1 2BB", 50.72, -2.44)]),
        ),
    )
    site.write(
        "content/services/south-clinic.md",
        CLINIC.format(
            name="South clinic",
            places="\n".join([_place("TE22 3CC", 50.60, -2.50), _place("TE9 9ZZ", None, None)]),
        ),
    )
    run = site.build()
    assert run.code == 0, run.err
    return site


def test_district_centres_are_made_from_the_sites_own_places(placed: TinySite) -> None:
    terms = json.loads((placed.output / "search-terms.json").read_text(encoding="utf-8"))
    # TE1's two places averaged; TE9's place has no coordinates, so TE9 is not known.
    assert terms["districts"] == {"TE1": [50.71, -2.42], "TE22": [50.6, -2.5]}


def test_each_placed_service_is_in_places_json_by_its_result_id(placed: TinySite) -> None:
    index = placed.output / "pagefind"
    found = json.loads((index / "places.json").read_text(encoding="utf-8"))
    urls = {}
    for result_id in found:
        fragment = index / "fragment" / f"{result_id}.pf_fragment"
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        urls[data["url"]] = found[result_id]
    assert urls == {
        "/services/north-clinic/": [[50.7, -2.4], [50.72, -2.44]],
        "/services/south-clinic/": [[50.6, -2.5]],
    }  # Portage has no place, so it is not in the file


def test_the_search_offers_near_me_only_where_places_have_coordinates(placed: TinySite) -> None:
    form = placed.page("/services/").find("form", attrs={"data-near-me": True})
    assert form is not None
    hint = form.find(id="near-postcode-hint")
    assert hint is not None and hint.get_text().endswith("such as TE1")
    assert "it is not sent to us or anyone else" in form.get_text()
    placed.remove("content/services/north-clinic.md")
    placed.remove("content/services/south-clinic.md")
    assert placed.build().code == 0
    assert placed.page("/services/").find("form", attrs={"data-near-me": True}) is None
