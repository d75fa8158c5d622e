"""Asking an Open Referral UK feed what the official validator asks, and what harvesters need.

The requests are the official validator's (OpenReferralUK/oruk-validator,
`OpenApiDiscoveryService` and `OpenApiValidationService`), in its order: the feed's base address
(where it reads `version`, or falls back to the 1.0 specification), then each group of
endpoints in the order openapi.json lists them: the list's first page, its middle page
(total_pages / 2, when there are more than two) and its last page, then up to ten records by
the ids of the first page (the validator picks them at random; here they are spread evenly, so
two runs ask the same). Required endpoints that fail are errors; optional ones are warnings, as
the validator reports them.

A harvester reads every page, which the validator does not, so every further page is then read
too, and the feed as a whole is checked: page fields that agree with each other and with the
page asked for (a host that ignores `?page=N` answers page 1 every time, and harvesters then
silently lose every record after the first page), every record listed once, and each list item
saying what its full record says. `every_record` reads every record, not ten of each.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendsite.check import oruk
from sendsite.publish.openreferral import FOLDER, api_file

SAMPLE = 10  # records the validator reads of each list


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer at all
    headers: dict[str, str]  # lower-case names
    body: bytes
    problem: str = ""  # why there was no answer


Reader = Callable[[str], Answer]  # address relative to the feed's base ('/services?page=2')


@dataclass(frozen=True)
class Finding:
    level: str  # 'error' or 'warning'
    address: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: GET {self.address}: {self.message}"


@dataclass
class EndpointResult:
    endpoint: oruk.Endpoint
    addresses: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    answered: int = 0  # requests answered with 200 and JSON

    @property
    def status(self) -> str:
        if not self.addresses:
            return "not asked"
        if self.errors:
            return "failed"
        if self.answered < len(self.addresses):
            return "not answered (optional)" if not self.answered else "partly answered"
        return "passed with warnings" if self.warnings else "passed"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    endpoints: list[EndpointResult] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every address asked, in order
    listed: dict[str, int] = field(default_factory=dict)  # list path -> records reached by paging
    totals: dict[str, int] = field(default_factory=dict)  # list path -> its total_items
    ids: dict[str, list[str]] = field(default_factory=dict)  # list path -> ids, page by page

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]


def spread(items: list[str], count: int) -> list[str]:
    """`count` items spread evenly through `items`, first and last included."""
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1)
    return [items[round(n * step)] for n in range(count)]


class _Run:
    def __init__(self, get: Reader, every_record: bool, headers: bool) -> None:
        self.get = get
        self.every_record = every_record
        self.headers = headers  # check Content-Type and CORS (a hosted feed, not a folder)
        self.report = Report()
        self.result: EndpointResult | None = None

    def add(self, level: str, address: str, message: str) -> None:
        if self.result is not None and not self.result.endpoint.required and level == "error":
            level = "warning"  # the validator's level 2: optional endpoints only warn
        self.report.findings.append(Finding(level, address, message))
        if self.result is not None:
            if level == "error":
                self.result.errors += 1
            else:
                self.result.warnings += 1

    def fetch(self, address: str, path: str) -> Any:
        """The JSON answer to GET `address`, checked against `path`'s schema; None if unusable."""
        self.report.requests.append(address)
        if self.result is not None:
            self.result.addresses.append(address)
        answer = self.get(address)
        if answer.status != 200:
            said = f"answered {answer.status}" if answer.status else answer.problem
            self.add("error", address, f"{said}, not 200 with JSON")
            return None
        try:
            document = json.loads(answer.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.add("error", address, f"the answer is not JSON ({exc})")
            return None
        if self.result is not None:
            self.result.answered += 1
        if self.headers:
            kind = answer.headers.get("content-type", "")
            if "json" not in kind.lower():
                self.add("warning", address, f"Content-Type is '{kind}', not application/json")
            if answer.headers.get("access-control-allow-origin") != "*":
                self.add(
                    "warning",
                    address,
                    "no 'Access-Control-Allow-Origin: *', so web pages on other sites cannot read it",
                )
        for problem in oruk.schema_errors(document, path):
            self.add("error", address, f"does not meet the schema: {problem}")
        return document

    # --- the base -------------------------------------------------------------------------------

    def base(self) -> None:
        self.report.requests.append("")
        answer = self.get("")
        document: Any = None
        if answer.status == 200:
            try:
                document = json.loads(answer.body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                document = None
        version = document.get("version") if isinstance(document, dict) else None
        if not isinstance(version, str) or "3.0" not in version:
            said = f"version {version!r}" if version else "no JSON with a version"
            self.add(
                "error",
                "",
                f"the base address answers {said}: the validator then checks the feed against "
                "the old 1.0 specification",
            )

    # --- a list and its records -------------------------------------------------------------------

    def page(self, collection: oruk.Endpoint, number: int) -> tuple[Any, list[dict[str, Any]]]:
        address = f"{collection.path}?page={number}"
        document = self.fetch(address, collection.path)
        if not isinstance(document, dict):
            return None, []
        contents = document.get("contents")
        items = [c for c in contents if isinstance(c, dict)] if isinstance(contents, list) else []
        expected = {
            "page_number": number,
            "size": len(items),
            "empty": not items,
            "first_page": number == 1,
        }
        total_pages = document.get("total_pages")
        if isinstance(total_pages, int):
            expected["last_page"] = number == total_pages
        for name, value in expected.items():
            if name in document and document[name] != value:
                hint = ""
                if name == "page_number":
                    hint = (
                        ": the host does not route ?page=N to its page, so harvesters lose "
                        "every record after the first page"
                    )
                self.add(
                    "error", address, f"{name} is {document[name]!r} but should be {value!r}{hint}"
                )
        return document, items

    def collection(self, collection: oruk.Endpoint) -> tuple[dict[str, dict[str, Any]], list[str]]:
        """Every page, in the validator's order first: the list items by id, and the ids of the
        first page (those the validator reads records of)."""
        first, items = self.page(collection, 1)
        if first is None:
            return {}, []
        pages = {1: items}
        total_pages = first.get("total_pages")
        total_pages = total_pages if isinstance(total_pages, int) and total_pages > 0 else 1
        order = []
        if total_pages > 2:
            order.append(total_pages // 2)
        if total_pages > 1:
            order.append(total_pages)
        order += [n for n in range(2, total_pages + 1) if n not in order]
        for number in order:
            document, found = self.page(collection, number)
            if document is not None:
                for name in ("total_items", "total_pages"):
                    if document.get(name) != first.get(name):
                        self.add(
                            "error",
                            f"{collection.path}?page={number}",
                            f"{name} is {document.get(name)!r}, but page 1 says {first.get(name)!r}",
                        )
            pages[number] = found
        listed: dict[str, dict[str, Any]] = {}
        ids: list[str] = []
        for number in sorted(pages):
            for item in pages[number]:
                item_id = str(item.get("id"))
                if item_id in listed:
                    self.add(
                        "error",
                        f"{collection.path}?page={number}",
                        f"the id {item_id} is listed more than once",
                    )
                listed[item_id] = item
                ids.append(item_id)
        total = first.get("total_items")
        if isinstance(total, int) and total != len(listed):
            self.add(
                "error",
                collection.path,
                f"total_items is {total}, but the pages list {len(listed)} different records",
            )
        self.report.listed[collection.path] = len(listed)
        self.report.totals[collection.path] = total if isinstance(total, int) else len(listed)
        self.report.ids[collection.path] = ids
        return listed, [str(i.get("id")) for i in items]

    def records(
        self, by_id: oruk.Endpoint, listed: dict[str, dict[str, Any]], first_page: list[str]
    ) -> None:
        chosen = list(listed) if self.every_record else spread(first_page, SAMPLE)
        for record_id in chosen:
            address = by_id.path.replace("{id}", record_id)
            document = self.fetch(address, by_id.path)
            if not isinstance(document, dict):
                continue
            if document.get("id") != record_id:
                self.add("error", address, f"the record's id is {document.get('id')!r}")
            item = listed.get(record_id, {})
            for name, value in item.items():
                if name in document and document[name] != value:
                    self.add(
                        "error",
                        address,
                        f"'{name}' differs from the list's item ({_short(value)} in the list, "
                        f"{_short(document[name])} here)",
                    )

    def run(self) -> Report:
        self.base()
        groups: dict[str, list[oruk.Endpoint]] = {}
        for endpoint in oruk.endpoints():
            groups.setdefault(endpoint.collection, []).append(endpoint)
        for endpoints in groups.values():
            listed: dict[str, dict[str, Any]] = {}
            first_page: list[str] = []
            for endpoint in sorted(endpoints, key=lambda e: e.by_id):  # collection first
                self.result = EndpointResult(endpoint)
                self.report.endpoints.append(self.result)
                if endpoint.by_id:
                    self.records(endpoint, listed, first_page)
                elif endpoint.paged:
                    listed, first_page = self.collection(endpoint)
                else:
                    self.fetch(endpoint.path, endpoint.path)
            self.result = None
        # Report the endpoints in openapi.json's order.
        order = {e.path: n for n, e in enumerate(oruk.endpoints())}
        self.report.endpoints.sort(key=lambda r: order[r.endpoint.path])
        return self.report


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def check_feed(get: Reader, *, every_record: bool = False, headers: bool = True) -> Report:
    return _Run(get, every_record, headers).run()


def summary(report: Report) -> Iterator[str]:
    """The report in plain words: each endpoint with its status, then what failed."""
    for result in report.endpoints:
        kind = "required" if result.endpoint.required else "optional"
        asked = len(result.addresses)
        line = f"{result.status:<24} GET {result.endpoint.path} ({kind}; {asked} request{'s' * (asked != 1)})"
        path = result.endpoint.path
        if path in report.listed:
            line += f": {report.listed[path]} of {report.totals[path]} records reached through the pages"
        yield line
    for finding in report.findings:
        yield str(finding)


def folder_reader(site_output: Path) -> Reader:
    """A built site's feed as a host configured by sendsite answers it: the same addresses
    routed to the same files (`api_file`), without a server."""
    root = site_output / FOLDER

    def get(address: str) -> Answer:
        name = api_file(address)
        file = root / name if name is not None else None
        if file is None or not file.is_file():
            return Answer(404, {}, b"", "no such file")
        return Answer(200, {"content-type": "application/json"}, file.read_bytes())

    return get


def unlisted_files(site_output: Path, report: Report) -> list[str]:
    """Record files of a built feed that no page lists: a harvester never reaches them."""
    found = []
    for path, ids in report.ids.items():
        listed = set(ids)
        folder = site_output / FOLDER / path.strip("/")
        for file in sorted(folder.glob("*.json")):
            if not file.stem.startswith("page-") and file.stem not in listed:
                found.append(f"{FOLDER}{path}/{file.name}")
    return found
