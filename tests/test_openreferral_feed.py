"""The Open Referral UK feed as a harvester reads it: stable ids, valid web addresses, the
official schemas with their formats really checked, and the feed-level checks of
sendsite/check/feedcheck.py (the official validator's requests, then every page)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
import uuid
from pathlib import Path
from typing import Any

import pytest

from sendsite.check import oruk
from sendsite.check.feedcheck import Answer, Reader, check_feed, folder_reader, unlisted_files
from sendsite.cli import main
from sendsite.publish.openreferral import OPENAPI_URL
from tests.conftest import BUILD_DATE, SLEEP_CLINIC, TINY_SITE, TinySite

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "sendsite" / "check" / "oruk_schemas"
NAMESPACE = "6f1c35e4-3f2b-4d8a-9a55-2b0f4f5cbd2e"


def read_json(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def all_ids(document: Any) -> set[str]:
    """Every id anywhere in a document (records nest their parts, each with its own id)."""
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "id" and isinstance(value, str):
                found.add(value)
            found |= all_ids(value)
    elif isinstance(document, list):
        for value in document:
            found |= all_ids(value)
    return found


def feed_ids(output: Path) -> set[str]:
    found: set[str] = set()
    for file in (output / "openreferral").rglob("*.json"):
        found |= all_ids(json.loads(file.read_text(encoding="utf-8")))
    return found


def many_services(site: TinySite, count: int) -> None:
    for n in range(count):
        site.write(
            f"content/services/club-{n:03d}.yaml",
            f"""\
            name: Club {n:03d}
            organisation: testshire-council
            summary: A club.
            categories: [health]
            needs: all
            ages: {{min: 5, max: 10}}
            areas: all
            last_reviewed: 2026-10-01
            """,
        )


# --- the schemas ---------------------------------------------------------------------------------


def test_schemas_are_the_official_copies_listed_in_source_md() -> None:
    import hashlib

    source = (SCHEMAS / "SOURCE.md").read_text(encoding="utf-8")
    sums = dict(
        (name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", source, re.M)
    )
    files = sorted(
        p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*.json") if p.is_file()
    )
    assert files == sorted(sums)
    for name in files:
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == sums[name], name
    assert oruk.SCHEMA_COMMIT in source
    assert OPENAPI_URL == oruk.OPENAPI_URL


def test_formats_are_really_checked() -> None:
    record = {"id": str(uuid.uuid4()), "name": "Club", "status": "active"}
    assert oruk.schema_errors(record, "/services/{id}") == []
    bad = {**record, "url": "https://example.org/café-club|info", "email": "nobody"}
    errors = oruk.schema_errors(bad, "/services/{id}")
    assert "url: 'https://example.org/café-club|info' is not a 'uri'" in errors
    assert "email: 'nobody' is not a 'email'" in errors
    assert oruk.schema_errors({**record, "id": "portage"}, "/services/{id}") == [
        "id: 'portage' is not a 'uuid'"
    ]
    dated = {**record, "last_modified": "2026-10-01"}
    assert oruk.schema_errors(dated, "/services/{id}") == [
        "last_modified: '2026-10-01' is not a 'date-time'"
    ]


def test_endpoints_come_from_the_official_openapi() -> None:
    table = {(e.path, e.required, e.paged) for e in oruk.endpoints()}
    assert ("/", True, False) in table
    assert ("/services", True, True) in table
    assert ("/services/{id}", True, False) in table
    for name in ("organizations", "taxonomies", "taxonomy_terms", "service_at_locations"):
        assert (f"/{name}", False, True) in table
        assert (f"/{name}/{{id}}", False, False) in table


# --- the feed as a harvester reads it -------------------------------------------------------------


@pytest.fixture(scope="module")
def dorset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dorset-feed") / "site"
    assert main(["build", str(REPO), "-o", str(out), "--date", BUILD_DATE]) == 0
    return out


def test_the_dorset_feed_passes_every_check(dorset: Path) -> None:
    report = check_feed(folder_reader(dorset), every_record=True, headers=False)
    assert [str(f) for f in report.errors] == []
    assert {r.endpoint.path: r.status for r in report.endpoints} == {
        e.path: "passed" for e in oruk.endpoints() if e.path != "/"
    } | {"/": "passed"}
    assert len(report.endpoints) == 11  # the three required ones and the eight optional ones
    services = len(list((REPO / "content" / "services").glob("*.*")))
    assert report.listed["/services"] == report.totals["/services"] == services
    assert unlisted_files(dorset, report) == []
    assert read_json(dorset, "openreferral/index.json")["openapi_url"] == oruk.OPENAPI_URL


def test_the_validators_requests_in_its_order(site: TinySite) -> None:
    many_services(site, 250)  # 251 services: 6 pages
    assert site.build().code == 0
    report = check_feed(folder_reader(site.output), headers=False)
    assert report.errors == []
    asked = [a for a in report.requests if a.startswith(("/services", ""))]
    assert asked[:6] == ["", "/", "/services?page=1", "/services?page=3", "/services?page=6",
                         "/services?page=2"]  # fmt: skip
    records = [a for a in report.requests if re.fullmatch(r"/services/[0-9a-f-]{36}", a)]
    assert len(records) == 10  # ten of the first page, as the validator reads
    first = [c["id"] for c in read_json(site.output, "openreferral/services.json")["contents"]]
    assert {r.rsplit("/", 1)[1] for r in records} <= set(first)
    assert report.listed["/services"] == 251


def _ignoring_pages(get: Reader) -> Reader:
    """A host that maps /services to its file but ignores ?page=N."""
    return lambda address: get(re.sub(r"\?page=\d+$", "", address))


def test_a_host_that_ignores_the_page_number_fails(site: TinySite) -> None:
    many_services(site, 120)
    assert site.build().code == 0
    report = check_feed(_ignoring_pages(folder_reader(site.output)), headers=False)
    said = "\n".join(str(f) for f in report.errors)
    assert "GET /services?page=3: page_number is 1 but should be 3" in said
    assert "harvesters lose every record after the first page" in said
    assert "total_items is 121, but the pages list 50 different records" in said


def test_list_and_records_that_disagree_are_found(site: TinySite) -> None:
    many_services(site, 2)
    assert site.build().code == 0
    folder = site.output / "openreferral"
    listing = read_json(site.output, "openreferral/services.json")
    first = listing["contents"][0]
    record = read_json(folder, f"services/{first['id']}.json")
    record["name"] = "Another name"
    (folder / f"services/{first['id']}.json").write_text(json.dumps(record), encoding="utf-8")
    stray = str(uuid.uuid4())
    (folder / f"services/{stray}.json").write_text(json.dumps(record), encoding="utf-8")
    missing = listing["contents"][1]["id"]
    (folder / f"services/{missing}.json").unlink()
    report = check_feed(folder_reader(site.output), every_record=True, headers=False)
    said = "\n".join(str(f) for f in report.errors)
    assert f"GET /services/{first['id']}: 'name' differs from the list's item" in said
    assert f"GET /services/{missing}: answered 404, not 200 with JSON" in said
    assert unlisted_files(site.output, report) == [f"openreferral/services/{stray}.json"]


def test_a_hosted_feed_without_json_or_cors_is_told(site: TinySite) -> None:
    assert site.build().code == 0
    files = folder_reader(site.output)

    def plain_host(address: str) -> Answer:
        answer = files(address)
        if address in ("", "/"):
            return Answer(
                200, {"content-type": "text/html"}, b"<!doctype html><title>Index</title>"
            )
        return Answer(answer.status, {"content-type": "application/octet-stream"}, answer.body)

    report = check_feed(plain_host)
    said = [str(f) for f in report.findings]
    assert any("falls back" in s or "1.0 specification" in s for s in said), said
    assert any("Content-Type is 'application/octet-stream'" in s for s in said)
    assert any("Access-Control-Allow-Origin" in s for s in said)


# --- last_modified ---------------------------------------------------------------------------------


def _git(site: TinySite, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=site.root, check=True, capture_output=True, env=env,
    )  # fmt: skip


def _modified(site: TinySite) -> dict[str, str]:
    listing = read_json(site.output, "openreferral/services.json")
    return {c["name"]: c["last_modified"] for c in listing["contents"]}


def test_last_modified_changes_with_the_record_and_only_then(site: TinySite) -> None:
    many_services(site, 1)
    _git(site, "init", "-q")
    _git(site, "add", "-A")
    _git(site, "commit", "-qm", "first", when="2026-01-05T10:00:00Z")
    assert site.build().code == 0
    assert _modified(site) == {
        "Club 000": "2026-01-05T10:00:00Z",
        "Portage": "2026-01-05T10:00:00Z",
    }
    club = site.root / "content/services/club-000.yaml"
    club.write_text(club.read_text().replace("A club.", "A club for everyone."))
    assert site.build().code == 0
    # Not committed yet: what is published is newer than any commit, so it takes the build's date.
    assert _modified(site) == {
        "Club 000": f"{BUILD_DATE}T00:00:00Z",
        "Portage": "2026-01-05T10:00:00Z",
    }
    assert site.build("--date", "2026-11-24").code == 0  # still not committed: the same date
    assert _modified(site)["Club 000"] == f"{BUILD_DATE}T00:00:00Z"
    _git(site, "commit", "-qam", "club", when="2026-02-01T09:30:00Z")
    assert site.build().code == 0  # a commit changes no file's bytes, but it is a new build
    assert _modified(site) == {
        "Club 000": "2026-02-01T09:30:00Z",
        "Portage": "2026-01-05T10:00:00Z",
    }
    council = site.root / "content/organisations/testshire-council.yaml"
    council.write_text(council.read_text() + "email: council@example.org\n")
    _git(site, "commit", "-qam", "council", when="2026-03-01T08:00:00Z")
    assert site.build().code == 0  # the organisation is part of every record of its services
    assert set(_modified(site).values()) == {"2026-03-01T08:00:00Z"}
    record = next((site.output / "openreferral/services").glob("*-*.json")).read_text()
    assert '"last_modified":"2026-03-01T08:00:00Z"' in record


def test_last_modified_outside_git_is_the_build_date(site: TinySite) -> None:
    assert site.build().code == 0
    assert _modified(site) == {"Portage": f"{BUILD_DATE}T00:00:00Z"}


def _feed(site: TinySite, output: Path | None = None) -> dict[str, bytes]:
    folder = (output or site.output) / "openreferral"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.json")}


def test_last_modified_outside_git_changes_with_the_published_record_and_only_then(
    site: TinySite, tmp_path: Path
) -> None:
    """Not a git repository: the previous build's records say when each was published as it is,
    so a build on another day dates only the record whose content changed."""
    many_services(site, 2)
    assert site.build("--date", "2026-11-01").code == 0
    first = _modified(site)
    assert set(first.values()) == {"2026-11-01T00:00:00Z"}
    assert site.build("--date", "2026-11-20").code == 0  # nothing changed but the day
    assert _modified(site) == first
    club = site.root / "content/services/club-001.yaml"
    club.write_text(club.read_text().replace("A club.", "A club for everyone."))
    assert site.build("--date", "2026-11-23").code == 0
    assert _modified(site) == {**first, "Club 001": "2026-11-23T00:00:00Z"}
    record = next(
        p.read_text()
        for p in (site.output / "openreferral/services").glob("*-*.json")
        if "A club for everyone." in p.read_text()
    )
    assert '"last_modified":"2026-11-23T00:00:00Z"' in record  # the record agrees with its list
    # A file saved again unchanged, or a change that is not published (a comment), is no change.
    club.write_text(club.read_text() + "# checked with the club in November\n")
    before = _feed(site)
    assert site.build("--date", "2026-11-30").code == 0
    assert _feed(site) == before
    # Deterministic: the same sources and the same previous output give the same bytes; a fresh
    # folder (no previous output) gives the build's date to every record, every time.
    fresh = [tmp_path / "a", tmp_path / "b"]
    for folder in fresh:
        assert site.build("-o", str(folder), "--date", "2026-11-30").code == 0
    assert _feed(site, fresh[0]) == _feed(site, fresh[1])
    assert (
        '"last_modified":"2026-11-30T00:00:00Z"' in _feed(site, fresh[0])["services.json"].decode()
    )


def test_an_edited_published_record_is_not_mistaken_for_the_one_before(site: TinySite) -> None:
    """A previous record that was changed by hand (or damaged) is not a record of this content."""
    assert site.build("--date", "2026-11-01").code == 0
    [record] = (site.output / "openreferral/services").glob("*-*-*-*-*.json")
    record.write_bytes(record.read_bytes().replace(b"Portage", b"Portage!"))
    assert site.build("--date", "2026-11-23").code == 0
    assert _modified(site) == {"Portage": "2026-11-23T00:00:00Z"}


# --- ids -------------------------------------------------------------------------------------------


def _with_contacts(site: TinySite, contacts: str, locations: str) -> None:
    text = textwrap.dedent(TINY_SITE["content/services/portage.md"])
    text = re.sub(r"contacts:\n(  - .*\n)+", "contacts:\n" + contacts, text)
    text = text.replace(
        "languages: [English, Polish]", "languages: [English, Polish]\n" + locations
    )
    (site.root / "content/services/portage.md").write_text(text, encoding="utf-8")


def test_ids_survive_a_move_of_base_url_with_id_namespace(site: TinySite) -> None:
    yaml = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write("site.yaml", yaml + f"id_namespace: {NAMESPACE.upper()}\n")
    assert site.build().code == 0
    before = feed_ids(site.output)
    site.write("site.yaml", yaml.replace("https://example.org/", "https://localoffer.example.gov.uk/")
               + f"id_namespace: {NAMESPACE}\n")  # fmt: skip
    assert site.build().code == 0
    assert feed_ids(site.output) == before and len(before) > 10
    portage = uuid.uuid5(uuid.UUID(NAMESPACE), "service/portage")
    assert (site.output / f"openreferral/services/{portage}.json").is_file()


def test_without_id_namespace_the_ids_are_the_ones_base_url_made(site: TinySite) -> None:
    assert site.build().code == 0
    space = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/")
    portage = uuid.uuid5(space, "service/portage")
    assert (site.output / f"openreferral/services/{portage}.json").is_file()


def test_the_dorset_ids_did_not_change_with_id_namespace(dorset: Path) -> None:
    space = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/dorset-send/")
    listed = {c["id"] for c in read_json(dorset, "openreferral/services.json")["contents"]}
    slugs = [p.stem for p in (REPO / "content" / "services").iterdir()]
    assert listed == {str(uuid.uuid5(space, f"service/{slug}")) for slug in slugs}


def test_child_ids_do_not_depend_on_list_order(site: TinySite) -> None:
    contacts = [
        "  - {name: Portage team, phone: 01632 960002, email: portage@example.org}\n",
        "  - {name: Duty worker, phone: 01632 960003}\n",
    ]
    locations = [
        "locations:\n",
        "  - {name: Hall, address: '1 High Street, Testville', accessibility: [Ramp, Loop]}\n",
        "  - {name: Library, postcode: TE2 2ND}\n",
    ]

    def ids() -> dict[str, str]:
        portage = next(
            d
            for d in (read_json(site.output, str(p.relative_to(site.output)))
                      for p in (site.output / "openreferral/services").glob("*-*.json"))
            if d["name"] == "Portage"
        )  # fmt: skip
        found = {c["name"]: c["id"] for c in portage["contacts"]}
        for sal in portage["service_at_locations"]:
            found[sal["location"]["name"]] = sal["id"]
            found |= {a["description"]: a["id"] for a in sal["location"]["accessibility"]}
        return found

    _with_contacts(site, "".join(contacts), "".join(locations))
    assert site.build().code == 0
    before = ids()
    _with_contacts(
        site,
        "".join(reversed(contacts)),
        locations[0] + locations[2] + locations[1].replace("[Ramp, Loop]", "[Loop, Ramp]"),
    )
    assert site.build().code == 0
    assert ids() == before and len(before) == 6


def test_oruk_id_keeps_an_id_from_another_directory(site: TinySite) -> None:
    service_id, org_id = str(uuid.uuid4()), str(uuid.uuid4())
    text = (site.root / "content/services/portage.md").read_text(encoding="utf-8")
    site.write(
        "content/services/portage.md",
        text.replace("name: Portage\n", f"name: Portage\noruk_id: {service_id.upper()}\n"),
    )
    council = site.root / "content/organisations/testshire-council.yaml"
    council.write_text(council.read_text() + f"oruk_id: {org_id}\n")
    assert site.build().code == 0
    record = read_json(site.output, f"openreferral/services/{service_id}.json")
    assert record["id"] == service_id and record["organization_id"] == org_id
    assert record["organization"]["id"] == org_id
    assert all(c["service_id"] == service_id for c in record["contacts"])


def test_two_records_with_one_id_are_refused(site: TinySite) -> None:
    shared = str(uuid.uuid4())
    text = (site.root / "content/services/portage.md").read_text(encoding="utf-8")
    site.write(
        "content/services/portage.md",
        text.replace("name: Portage\n", f"name: Portage\noruk_id: {shared}\n"),
    )
    site.write(
        "content/services/sleep-clinic.yaml",
        SLEEP_CLINIC.format(oruk_id=shared),
    )
    run = site.build()
    assert run.code == 1
    assert (
        f"content/services/sleep-clinic.yaml:3: The Open Referral id {shared} of this service is "
        "already the id of the service in content/services/portage.md:3."
    ) in run.err, run.err
    assert "Each service and organisation needs its own oruk_id" in run.err


def test_ids_that_are_not_uuids_are_refused(site: TinySite) -> None:
    yaml = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write("site.yaml", yaml + "id_namespace: dorset\n")
    council = site.root / "content/organisations/testshire-council.yaml"
    council.write_text(council.read_text() + "oruk_id: 1234\n")
    run = site.build()
    assert run.code == 1
    today = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/")
    assert "site.yaml:10: 'dorset' is not a UUID." in run.err, run.err
    assert f"{today} keeps the ids this site publishes today." in run.err
    site.write("site.yaml", yaml)
    run = site.build()
    assert (
        "content/organisations/testshire-council.yaml:4: '1234' is not a UUID, which Open "
        "Referral UK ids must be."
    ) in run.err


# --- web addresses ---------------------------------------------------------------------------------


def test_web_addresses_are_published_as_valid_uris(site: TinySite) -> None:
    text = (site.root / "content/services/portage.md").read_text(encoding="utf-8")
    site.write(
        "content/services/portage.md",
        text.replace(
            "name: Portage\n", "name: Portage\nwebsite: https://Example.org/café-club|info?a=b c\n"
        ),
    )
    assert site.build().code == 0
    listing = read_json(site.output, "openreferral/services.json")
    portage = next(c for c in listing["contents"] if c["name"] == "Portage")
    assert portage["url"] == "https://example.org/caf%C3%A9-club%7Cinfo?a=b%20c"
    assert oruk.schema_errors(listing, "/services") == []
    links = [a["href"] for a in site.page("/services/portage/").find_all("a", href=True)]
    assert "https://example.org/caf%C3%A9-club%7Cinfo?a=b%20c" in links


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("https://exa mple.org/", "'exa mple.org' is not a site name"),
        ("https://example.org:8o8o/", "is not a port number"),
        ("https://user:secret@example.org/", "a user name or password"),
        ("https://example.org/\tx", "a line break, a tab or an invisible character"),
    ],
)
def test_web_addresses_that_cannot_be_uris_are_refused(
    site: TinySite, written: str, said: str
) -> None:
    text = (site.root / "content/services/portage.md").read_text(encoding="utf-8")
    site.write(
        "content/services/portage.md",
        text.replace("name: Portage\n", f"name: Portage\nwebsite: {json.dumps(written)}\n"),
    )
    run = site.build()
    assert run.code == 1
    assert "content/services/portage.md:3: " in run.err and said in run.err, run.err
    assert "Write the full address, starting with https://" in run.err


# --- sendsite feed-check ----------------------------------------------------------------------------


def test_feed_check_needs_a_web_address(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feed-check", "example.org/openreferral"]) == 2
    assert "'example.org/openreferral' is not a web address" in capsys.readouterr().err


def test_feed_check_of_an_address_that_does_not_answer(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert main(["feed-check", f"http://127.0.0.1:{port}/openreferral"]) == 1
    out = capsys.readouterr().out
    assert "error: GET : no answer" in out or "no answer (" in out, out
    assert "failed                   GET /services (required" in out
    assert "fix them before registering the feed" in out


# --- discovery ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hosts", "registrable"), [("[nginx]", True), ("[netlify]", True), ("[github-pages]", False)]
)
def test_the_data_page_gives_the_feed_address_and_how_to_register_it(
    site: TinySite, hosts: str, registrable: bool
) -> None:
    yaml = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write("site.yaml", yaml + f"host: {hosts}\n")
    assert site.build().code == 0
    section = site.page("/data/").find(id="open-referral-uk")
    assert section is not None
    text = " ".join(section.get_text(" ").split())
    links = {a.get_text(" ", strip=True): a["href"] for a in section.find_all("a", href=True)}
    if registrable:
        assert "The feed's address (its API base URL) is https://example.org/openreferral" in text
        assert (
            links["Open Referral UK validator"] == "https://openreferraluk.org/developers/validator"
        )
        assert links["register the feed"] == "https://openreferraluk.org/developers/register"
    else:
        assert "cannot answer the standard's API addresses" in text
        assert "register the feed" not in links
    assert links["List of services"] == "/openreferral/services.json"
