"""The official Open Referral UK 3.0 schemas, and what they say each endpoint must answer.

`oruk_schemas/` holds byte-for-byte copies of the files the official validator
(OpenReferralUK/oruk-validator) loads: the specification website's `openapi.json` and the
schemas its `$ref`s name (SOURCE.md gives their repository, commit and checksums). Each schema
is registered under the address the `$ref`s use, so nothing is fetched, and formats (`uuid`,
`uri`, `email`, `date-time`) are checked as the validator checks them: jsonschema only checks
a format when its checker library is installed, which the `format-nongpl` extra makes sure of.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).parent / "oruk_schemas"
SPECIFICATION = "https://openreferraluk.org/specifications/3.0/"
OPENAPI_URL = SPECIFICATION + "openapi.json"
# The commit of tpximpact/oruk-standard-and-website the copies come from (SOURCE.md).
SCHEMA_COMMIT = "5826f64b0f4bbe8bd73b51c98e177debd8b82270"
# Formats the schemas use that must really be checked (jsonschema skips a format it cannot).
CHECKED_FORMATS = ("uuid", "uri", "email", "date-time")


@dataclass(frozen=True)
class Endpoint:
    """One GET endpoint of the specification, as its openapi.json describes it."""

    path: str  # '/services/{id}'
    required: bool  # tagged 'required' (the validator's level 1); else 'optional' (level 2)
    paged: bool  # it takes ?page=N
    schema: str  # the address of the schema its 200 answer must meet

    @property
    def collection(self) -> str:
        """The path of its list: '/services' for '/services/{id}' and for '/services'."""
        return self.path.split("/{", 1)[0] or "/"

    @property
    def by_id(self) -> bool:
        return "{" in self.path


@functools.cache
def openapi() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FOLDER / "openapi.json").read_text(encoding="utf-8"))
    return data


@functools.cache
def _registry() -> Registry[Any]:
    resources = [(OPENAPI_URL, openapi())]
    for file in sorted((FOLDER / "schema").glob("*.json")):
        resources.append(
            (SPECIFICATION + "schema/" + file.name, json.loads(file.read_text(encoding="utf-8")))
        )
    return Registry().with_resources(
        (uri, Resource.from_contents(data, default_specification=DRAFT202012))
        for uri, data in resources
    )


@functools.cache
def _format_checker() -> FormatChecker:
    checker = FormatChecker()
    missing = [name for name in CHECKED_FORMATS if name not in checker.checkers]
    if missing:  # a broken install: without them every address would pass unchecked
        raise RuntimeError(
            f"jsonschema cannot check the formats {missing}: install jsonschema[format-nongpl]"
        )
    return checker


@functools.cache
def endpoints() -> tuple[Endpoint, ...]:
    """Every GET endpoint, in the order openapi.json lists them (the validator's order)."""
    spec = openapi()
    parameters = spec.get("components", {}).get("parameters", {})

    def names(params: list[dict[str, Any]]) -> set[str]:
        found = set()
        for param in params:
            ref = param.get("$ref", "")
            if ref.startswith("#/components/parameters/"):
                param = parameters.get(ref.rsplit("/", 1)[1], {})
            if param.get("in") == "query":
                found.add(str(param.get("name", "")).lower())
        return found

    found = []
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if not isinstance(operation, dict):
            continue
        tags = [str(t).lower() for t in operation.get("tags", [])]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        params = [*item.get("parameters", []), *operation.get("parameters", [])]
        found.append(Endpoint(path, "required" in tags, "page" in names(params), schema))
    return tuple(found)


def endpoint(path: str) -> Endpoint:
    return next(e for e in endpoints() if e.path == path)


@functools.cache
def _validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": schema}, registry=_registry(), format_checker=_format_checker()
    )


def schema_errors(document: Any, path: str) -> list[str]:
    """What in `document` breaks the schema of the 200 answer to GET `path` ('/services/{id}'),
    each as 'where: what', where is the place in the document ('contents/3/url')."""
    errors = sorted(_validator(endpoint(path).schema).iter_errors(document), key=str)
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(the whole answer)'}: {e.message}"
        for e in errors
    ]
