"""The configuration written for hosts that cannot run here, checked against each host's own
reader or documented format: Netlify's parsers for _headers and _redirects (Cloudflare Pages
reads the same format), Azure Static Web Apps' documented configuration, IIS's web.config
elements, CloudFront's API model (botocore) and its viewer-request function run in node; and
site.yaml's `host`, and the one list of rewrites every host is given."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from botocore.session import get_session
from botocore.validate import ParamValidator

from sendsite.publish.hosting.azure import MAX_BYTES
from sendsite.publish.hosting.hosts import HOSTS, host_files
from sendsite.publish.hosting.policy import (
    AREAS,
    IMMUTABLE,
    MIME_TYPES,
    SECURITY_HEADERS,
    admin_content_security_policy,
)
from sendsite.publish.hosting.routes import REWRITES, Rewrite
from tests.conftest import TinySite

REPO = Path(__file__).resolve().parents[2]
SAMPLE = (Rewrite("/openreferral/services", "/openreferral/services.json"),)
SUB = "/dorset-send/"


def files(
    host: str, base_path: str = "/", rewrites: tuple[Rewrite, ...] = SAMPLE
) -> dict[str, bytes]:
    return host_files(
        [host],
        base_path=base_path,
        title="Testshire SEND Local Offer",
        base_url=f"https://example.org{base_path}",
        rewrites=rewrites,
    )


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: apt-get install -y nodejs", pytrace=False)
    return found


def netlify_parse(tmp_path: Path, written: dict[str, bytes]) -> dict[str, Any]:
    if not (REPO / "node_modules/@netlify/headers-parser").is_dir():
        pytest.fail("run `npm ci --ignore-scripts` in the repository root", pytrace=False)
    for name, data in written.items():
        (tmp_path / name).write_bytes(data)
    result = subprocess.run(
        [node(), str(REPO / "tests/hosting/netlify_parse.mjs"), "_headers", "_redirects"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NODE_PATH": str(REPO / "node_modules")},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


DETACH = re.compile(r"^  ! .*\n", re.M)


@pytest.mark.parametrize("host", ["netlify", "cloudflare-pages"])
def test_headers_and_redirects_are_read_by_netlifys_own_parsers(host: str, tmp_path: Path) -> None:
    written = files(host)
    assert sorted(written) == ["_headers", "_redirects"]
    # Cloudflare's detach lines ('  ! Name') are its own syntax, which Netlify's parser refuses.
    readable = {**written, "_headers": DETACH.sub("", written["_headers"].decode()).encode()}
    assert (readable == written) == (host == "netlify")
    parsed = netlify_parse(tmp_path, readable)
    assert parsed["headerErrors"] == [] and parsed["redirectErrors"] == []
    rules = {rule["for"]: rule["values"] for rule in parsed["headers"]}
    assert rules["/*"] == dict(SECURITY_HEADERS)
    assert rules["/static/*"] == {"Cache-Control": IMMUTABLE}
    assert rules["/openreferral/*"] == {"Access-Control-Allow-Origin": "*"}
    assert rules["/openreferral/services"] == {"Content-Type": "application/json; charset=utf-8"}
    # Cloudflare joins a header that two matching rules both set, so no address gets one twice.
    for address in (
        "/",
        "/static/a.css",
        "/openreferral/services",
        "/openreferral/a.json",
        "/data/a.csv",
    ):
        matching = [
            values
            for pattern, values in rules.items()
            if address == pattern or (pattern.endswith("*") and address.startswith(pattern[:-1]))
        ]
        names = [name.lower() for values in matching for name in values]
        assert len(names) == len(set(names)), address
    [redirect] = parsed["redirects"]
    assert (redirect["from"], redirect["to"], redirect["status"]) == (
        "/openreferral/services",
        "/openreferral/services.json",
        200,
    )


def _cloudflare_rules(text: str) -> list[tuple[str, list[str], list[tuple[str, str]]]]:
    """Cloudflare's _headers as its documentation reads it: (pattern, detached, attached)."""
    rules: list[tuple[str, list[str], list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line, [], []))
        elif line.strip().startswith("! "):
            rules[-1][1].append(line.strip()[2:].lower())
        else:
            name, _, value = line.strip().partition(": ")
            rules[-1][2].append((name.lower(), value))
    return rules


def _cloudflare_headers(text: str, address: str) -> dict[str, str]:
    """What Cloudflare Pages sends for `address`: every matching rule in order; a rule's detached
    headers are dropped, then its headers set, and a header an earlier rule set is joined on with
    ', ' (developers.cloudflare.com/pages/configuration/headers)."""
    values: dict[str, list[str]] = {}
    for pattern, detached, attached in _cloudflare_rules(text):
        if not re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), address):
            continue
        for name in detached:
            values.pop(name, None)
        for name, value in attached:
            values.setdefault(name, []).append(value)
    return {name: ", ".join(found) for name, found in values.items()}


def _netlify_headers(parsed: dict[str, Any], address: str) -> dict[str, str]:
    """What Netlify sends: each matching rule in order, a later one's header replacing an
    earlier one's (as netlify-cli's headersForPath does)."""
    sent: dict[str, str] = {}
    for rule in parsed["headers"]:
        pattern = re.escape(rule["for"]).replace(r"\*", ".*")
        if re.fullmatch(pattern, address):
            sent.update({k.lower(): v for k, v in rule["values"].items()})
    return sent


@pytest.mark.parametrize("host", ["netlify", "cloudflare-pages"])
def test_the_editor_gets_its_own_policy_and_the_pages_keep_theirs(
    host: str, tmp_path: Path
) -> None:
    """Two Content-Security-Policy headers would both be enforced, and the pages' would stop the
    editor's script: admin/ gets exactly the editor's policy, every other address the pages'."""
    written = files(host, SUB)
    text = written["_headers"].decode()
    if host == "netlify":
        parsed = netlify_parse(tmp_path, written)
        assert parsed["headerErrors"] == []

        def sent(address: str) -> dict[str, str]:
            return _netlify_headers(parsed, address)
    else:

        def sent(address: str) -> dict[str, str]:
            return _cloudflare_headers(text, address)

    pages = dict(SECURITY_HEADERS)["Content-Security-Policy"]
    for address in (SUB + "admin/", SUB + "admin/config.yml", SUB + "admin/decap-cms-x/a.js"):
        assert sent(address)["content-security-policy"] == admin_content_security_policy()
    for address in (SUB, SUB + "services/portage/", SUB + "static/a.css", SUB + "administration/"):
        assert sent(address)["content-security-policy"] == pages, address
    # The reading above can fail: Cloudflare without the detach joins the two policies.
    joined = _cloudflare_headers(DETACH.sub("", text), SUB + "admin/")
    assert joined["content-security-policy"] == f"{pages}, {admin_content_security_policy()}"


def test_the_parsers_do_report_a_broken_file(tmp_path: Path) -> None:
    """The check above can fail: a header line with no path above it is an error."""
    parsed = netlify_parse(tmp_path, {"_headers": b"  X-Broken: yes\n", "_redirects": b"/a\n"})
    assert parsed["headerErrors"] and parsed["redirectErrors"]


def test_azure_static_web_apps_configuration_follows_the_documented_format() -> None:
    [data] = files("azure-static-web-apps").values()
    assert len(data) <= MAX_BYTES
    config = json.loads(data)
    documented = {
        "routes", "navigationFallback", "responseOverrides", "globalHeaders", "mimeTypes",
        "trailingSlash", "platform", "networking", "auth", "forwardingGateway",
    }  # fmt: skip
    assert set(config) <= documented
    assert config["trailingSlash"] in ("always", "never", "auto")
    assert config["responseOverrides"] == {"404": {"rewrite": "/404.html"}}
    assert (
        config["globalHeaders"]["Content-Security-Policy"]
        == dict(SECURITY_HEADERS)["Content-Security-Policy"]
    )
    assert config["globalHeaders"]["Cache-Control"] == "no-cache"
    routes = {route["route"]: route for route in config["routes"]}
    assert routes["/static/*"]["headers"]["Cache-Control"] == IMMUTABLE
    assert routes["/openreferral/*"]["headers"]["Access-Control-Allow-Origin"] == "*"
    assert routes["/openreferral/services"]["rewrite"] == "/openreferral/services.json"
    for route in config["routes"]:
        assert route["route"].startswith("/")
        assert set(route) <= {
            "route",
            "methods",
            "rewrite",
            "redirect",
            "statusCode",
            "headers",
            "allowedRoles",
        }
        assert not ("rewrite" in route and "redirect" in route)
    assert all(ext.startswith(".") for ext in config["mimeTypes"])
    assert set(config["mimeTypes"]) >= {".json", ".pf_meta", ".pf_fragment", ".pagefind"}


def test_iis_web_config_uses_the_documented_elements() -> None:
    [data] = files("iis", SUB).values()
    root = ET.fromstring(data)
    assert root.tag == "configuration"
    server = root.find("system.webServer")
    assert server is not None
    [error] = server.findall("httpErrors/error")
    assert error.attrib == {
        "statusCode": "404",
        "path": SUB + "404.html",
        "responseMode": "ExecuteURL",
    }
    assert server.find("httpErrors/remove[@statusCode='404']") is not None
    assert server.find("httpErrors").attrib["existingResponse"] == "Replace"  # type: ignore[union-attr]
    headers = {
        a.attrib["name"]: a.attrib["value"]
        for a in server.findall("httpProtocol/customHeaders/add")
    }
    assert headers == {**dict(SECURITY_HEADERS), "Cache-Control": "no-cache"}
    assert [a.attrib["value"] for a in server.findall("defaultDocument/files/add")] == [
        "index.html"
    ]
    content = list(server.find("staticContent") or [])
    # Each type is removed before it is added: IIS fails on a type it already has.
    for removed, added in zip(content[::2], content[1::2], strict=True):
        assert (removed.tag, added.tag) == ("remove", "mimeMap")
        assert removed.attrib["fileExtension"] == added.attrib["fileExtension"]
    assert {m.attrib["fileExtension"] for m in content[1::2]} == {ext for ext, _ in MIME_TYPES}
    locations = {loc.attrib["path"]: loc for loc in root.findall("location")}
    assert set(locations) == {area.prefix.strip("/") for area in AREAS}
    static = locations["static"].findall("system.webServer/httpProtocol/customHeaders/*")
    assert [(e.tag, e.attrib.get("value")) for e in static] == [
        ("remove", None),
        ("add", IMMUTABLE),
    ]
    [rule] = server.findall("rewrite/rules/rule")
    assert rule.find("match").attrib["url"] == "^openreferral/services$"  # type: ignore[union-attr]


def test_cloudfront_pieces_match_cloudfronts_api_model(tmp_path: Path) -> None:
    written = files("s3-cloudfront", SUB)
    model = get_session().get_service_model("cloudfront")
    validator = ParamValidator()
    for name in (
        "response-headers-policy.json",
        "openreferral-response-headers-policy.json",
        "admin-response-headers-policy.json",
    ):
        config = json.loads(written[f".hosting/s3-cloudfront/{name}"])
        report = validator.validate(config, model.shape_for("ResponseHeadersPolicyConfig"))
        assert not report.has_errors(), report.generate_report()
    policies = {
        name: json.loads(written[f".hosting/s3-cloudfront/{name}-response-headers-policy.json"])[
            "SecurityHeadersConfig"
        ]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        for name in ("admin", "openreferral")
    }
    assert policies["admin"] == admin_content_security_policy()
    assert policies["openreferral"] == dict(SECURITY_HEADERS)["Content-Security-Policy"]
    errors = json.loads(written[".hosting/s3-cloudfront/custom-error-responses.json"])
    report = validator.validate(errors, model.shape_for("CustomErrorResponses"))
    assert not report.has_errors(), report.generate_report()
    assert {item["ErrorCode"] for item in errors["Items"]} == {403, 404}
    assert {item["ResponsePagePath"] for item in errors["Items"]} == {SUB + "404.html"}
    # The model check can fail: a misspelt field is refused.
    broken = validator.validate(
        {"Name": "x", "Bogus": 1}, model.shape_for("ResponseHeadersPolicyConfig")
    )
    assert broken.has_errors()


RUN_FUNCTION = """
const fs = require("fs");
eval(fs.readFileSync(process.argv[1], "utf8") + ";globalThis.handler = handler;");
const out = {};
for (const uri of JSON.parse(process.argv[2])) {
  out[uri] = handler({ request: { uri: uri, querystring: { q: { value: "a b" } }, headers: {} } });
}
console.log(JSON.stringify(out));
"""


def test_the_cloudfront_function_makes_pretty_addresses_work(tmp_path: Path) -> None:
    written = files("s3-cloudfront", SUB)
    function = tmp_path / "viewer-request.js"
    function.write_bytes(written[".hosting/s3-cloudfront/viewer-request.js"])
    uris = [SUB, SUB + "services/portage/", SUB + "services/portage", SUB + "static/style.abc.css",
            SUB + "openreferral/services"]  # fmt: skip
    result = subprocess.run(
        [node(), "-e", RUN_FUNCTION, str(function), json.dumps(uris)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out[SUB]["uri"] == SUB + "index.html"
    assert out[SUB + "services/portage/"]["uri"] == SUB + "services/portage/index.html"
    redirect = out[SUB + "services/portage"]
    assert redirect["statusCode"] == 301
    assert redirect["headers"]["location"]["value"] == SUB + "services/portage/?q=a%20b"
    assert out[SUB + "static/style.abc.css"]["uri"] == SUB + "static/style.abc.css"
    assert out[SUB + "openreferral/services"]["uri"] == SUB + "openreferral/services.json"


def test_the_s3_upload_gives_each_folder_its_cache_lifetime(tmp_path: Path) -> None:
    written = files("s3-cloudfront", SUB)
    script = tmp_path / "upload.sh"
    script.write_bytes(written[".hosting/s3-cloudfront/upload.sh"])
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "aws"
    fake.write_text(
        '#!/bin/sh\nfor a in "$@"; do printf "%s|" "$a"; done >> "$LOG"; echo >> "$LOG"\n'
    )
    fake.chmod(0o755)
    site = tmp_path / "site"
    for folder in ("static", "openreferral", "data"):
        (site / folder).mkdir(parents=True)
    log = tmp_path / "log"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "LOG": str(log)}
    subprocess.run(["sh", str(script), "my-bucket"], cwd=site, env=env, check=True)
    calls = [line.split("|")[:-1] for line in log.read_text().splitlines()]
    by_source = {call[2]: call for call in calls}
    assert by_source["static"][3] == "s3://my-bucket/dorset-send/static"
    assert by_source["static"][by_source["static"].index("--cache-control") + 1] == IMMUTABLE
    rest = by_source["."]
    assert rest[3] == "s3://my-bucket/dorset-send"
    assert rest[rest.index("--cache-control") + 1] == "no-cache"
    assert ".*" in rest and "static/*" in rest
    assert calls[-1] == rest  # pages go last, after the files they link to


def test_every_host_is_given_the_rewrites_from_the_one_list() -> None:
    for host in HOSTS:
        text = b"".join(files(host, SUB).values()).decode("utf-8")
        if host in ("github-pages", "gitlab-pages"):
            continue  # they read no configuration (documented in docs/start-a-local-offer.md)
        assert "openreferral/services.json" in text, host
        without = b"".join(files(host, SUB, rewrites=()).values()).decode("utf-8")
        assert "openreferral/services.json" not in without, host


def test_site_yaml_names_the_host(site: TinySite) -> None:
    site.write(
        "site.yaml",
        (site.root / "site.yaml").read_text(encoding="utf-8") + "host: [netlify, iis]\n",
    )
    assert site.build().code == 0
    assert (site.output / "_headers").is_file() and (site.output / "web.config").is_file()
    assert not (site.output / ".htaccess").exists()


def test_a_host_sendsite_does_not_know_is_a_mistake_with_a_suggestion(site: TinySite) -> None:
    site.write(
        "site.yaml", (site.root / "site.yaml").read_text(encoding="utf-8") + "host: netlfy\n"
    )
    result = site.build()
    assert result.code == 1
    assert "site.yaml:" in result.err
    assert "'netlfy' is not a host sendsite knows" in result.err
    assert "Did you mean 'netlify'?" in result.err


def test_a_host_that_serves_only_at_its_root_refuses_a_sub_path(site: TinySite) -> None:
    text = (
        (site.root / "site.yaml")
        .read_text(encoding="utf-8")
        .replace("https://example.org/", "https://example.org/send/")
    )
    site.write("site.yaml", text + "host: netlify\n")
    result = site.build()
    assert result.code == 1
    assert "Netlify serves the site at the root of its address" in result.err
    assert "Give base_url a path of /" in result.err


def test_hosts_that_read_no_configuration_get_the_policy_in_the_pages(site: TinySite) -> None:
    site.write(
        "site.yaml", (site.root / "site.yaml").read_text(encoding="utf-8") + "host: github-pages\n"
    )
    assert site.build().code == 0
    page = site.page("/")
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None
    assert "script-src 'self'" in meta["content"]
    assert "frame-ancestors" not in meta["content"]  # browsers ignore it in <meta>, and say so
    assert page.find("meta", attrs={"name": "referrer"}) is not None
    assert (site.output / ".nojekyll").is_file()


# --- the Open Referral UK read API on every host -----------------------------------------------


def test_netlify_routes_the_api_and_cloudflare_has_no_query_rules(tmp_path: Path) -> None:
    netlify = netlify_parse(tmp_path, files("netlify", rewrites=REWRITES))
    assert netlify["redirectErrors"] == [] and netlify["headerErrors"] == []
    routes = {(r["from"], json.dumps(r["query"])): r["to"] for r in netlify["redirects"]}
    assert routes[("/openreferral", "{}")] == "/openreferral/index.json"
    assert routes[("/openreferral/services", '{"page": ":page"}')] == (
        "/openreferral/services/page-:page.json"
    )
    assert routes[("/openreferral/services", "{}")] == "/openreferral/services.json"
    assert (
        routes[("/openreferral/organizations/:id", "{}")] == "/openreferral/organizations/:id.json"
    )
    # The page rule comes first: Netlify uses the first rule that matches.
    order = [(r["from"], bool(r["query"])) for r in netlify["redirects"]]
    assert order.index(("/openreferral/services", True)) < order.index(
        ("/openreferral/services", False)
    )
    assert not any(r["force"] for r in netlify["redirects"])  # existing files are served first
    cloudflare = netlify_parse(tmp_path, files("cloudflare-pages", rewrites=REWRITES))
    assert cloudflare["redirectErrors"] == []
    assert all(r["query"] == {} for r in cloudflare["redirects"])
    headers = {rule["for"]: rule["values"] for rule in netlify["headers"]}
    assert headers["/openreferral/services/*"]["Content-Type"].startswith("application/json")


RUN_API = """
const fs = require("fs");
eval(fs.readFileSync(process.argv[1], "utf8") + ";globalThis.handler = handler;");
const out = {};
for (const [uri, page] of JSON.parse(process.argv[2])) {
  const querystring = page === null ? {} : { page: { value: page } };
  out[uri + "?" + page] = handler({ request: { uri: uri, querystring: querystring, headers: {} } }).uri;
}
console.log(JSON.stringify(out));
"""


def test_the_cloudfront_function_routes_the_api(tmp_path: Path) -> None:
    function = tmp_path / "viewer-request.js"
    function.write_bytes(
        files("s3-cloudfront", SUB, rewrites=REWRITES)[".hosting/s3-cloudfront/viewer-request.js"]
    )
    api = SUB + "openreferral"
    asked = [[api, None], [api + "/", None], [api + "/services", None], [api + "/services", "3"],
             [api + "/services", "x"], [api + "/services/abc-1", None],
             [api + "/services/page-2.json", None], [api + "/taxonomy_terms/t1", None]]  # fmt: skip
    result = subprocess.run(
        [node(), "-e", RUN_API, str(function), json.dumps(asked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        f"{api}?null": f"{api}/index.json",
        f"{api}/?null": f"{api}/index.json",
        f"{api}/services?null": f"{api}/services.json",
        f"{api}/services?3": f"{api}/services/page-3.json",
        f"{api}/services?x": f"{api}/services.json",
        f"{api}/services/abc-1?null": f"{api}/services/abc-1.json",
        f"{api}/services/page-2.json?null": f"{api}/services/page-2.json",
        f"{api}/taxonomy_terms/t1?null": f"{api}/taxonomy_terms/t1.json",
    }


def test_iis_routes_the_api_with_the_query_string_and_the_id() -> None:
    root = ET.fromstring(files("iis", SUB, rewrites=REWRITES)["web.config"])
    rules = root.findall("./system.webServer/rewrite/rules/rule")
    by_match = {}
    for rule in rules:
        match = rule.find("match")
        action = rule.find("action")
        assert match is not None and action is not None
        condition = rule.find("conditions/add")
        key = (match.attrib["url"], condition is not None)
        by_match[key] = action.attrib["url"]
        if condition is not None:
            assert condition.attrib["input"] == "{QUERY_STRING}"
            assert re.search(condition.attrib["pattern"], "a=1&page=12").group(1) == "12"  # type: ignore[union-attr]
    assert by_match[("^openreferral/services$", True)] == "openreferral/services/page-{C:1}.json"
    assert by_match[("^openreferral/services$", False)] == "openreferral/services.json"
    assert (
        by_match[("^openreferral/services/([^/.]+)$", False)] == "openreferral/services/{R:1}.json"
    )


def test_one_page_a_list_where_a_host_cannot_route_the_page_number(site: TinySite) -> None:
    for n in range(60):
        site.write(
            f"content/services/club-{n:03d}.yaml",
            f"name: Club {n:03d}\norganisation: testshire-council\nsummary: A club.\n"
            "categories: [health]\nneeds: all\nages: {min: 5, max: 10}\nareas: all\n"
            "last_reviewed: 2026-10-01\n",
        )
    yaml = (site.root / "site.yaml").read_text(encoding="utf-8")
    site.write("site.yaml", yaml + "host: [nginx, cloudflare-pages]\n")
    assert site.build().code == 0
    listing = json.loads((site.output / "openreferral/services.json").read_text("utf-8"))
    assert (listing["total_pages"], listing["size"], listing["total_items"]) == (1, 61, 61)
    site.write("site.yaml", yaml + "host: nginx\n")
    assert site.build().code == 0
    listing = json.loads((site.output / "openreferral/services.json").read_text("utf-8"))
    assert (listing["total_pages"], listing["size"]) == (2, 50)
