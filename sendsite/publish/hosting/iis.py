"""IIS (Internet Information Services): `web.config` at the top of the site's folder.

IIS answers /services/portage with a redirect to /services/portage/ and serves index.html for a
folder by itself. It refuses to serve a file whose extension it does not know, so the search
index's files are named here. Rewrites, when there are any, need the URL Rewrite module.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sendsite.publish.hosting.policy import (
    AREAS,
    MIME_TYPES,
    REVALIDATE,
    SECURITY_HEADERS,
    Policy,
    made_by,
    regex_literal,
)

FILE = "web.config"


def iis_files(policy: Policy) -> dict[str, bytes]:
    return {FILE: web_config(policy)}


def _headers(parent: ET.Element, headers: list[tuple[str, str]], *, replace: bool) -> None:
    custom = ET.SubElement(ET.SubElement(parent, "httpProtocol"), "customHeaders")
    for name, value in headers:
        if replace:  # a folder's web.config section adds to the one above: take the old one away
            ET.SubElement(custom, "remove", name=name)
        ET.SubElement(custom, "add", name=name, value=value)


def web_config(policy: Policy) -> bytes:
    root = ET.Element("configuration")
    server = ET.SubElement(root, "system.webServer")
    documents = ET.SubElement(ET.SubElement(server, "defaultDocument", enabled="true"), "files")
    ET.SubElement(documents, "clear")
    ET.SubElement(documents, "add", value="index.html")
    errors = ET.SubElement(server, "httpErrors", errorMode="Custom", existingResponse="Replace")
    ET.SubElement(errors, "remove", statusCode="404")
    ET.SubElement(
        errors, "error", statusCode="404", path=policy.not_found, responseMode="ExecuteURL"
    )
    _headers(server, [*SECURITY_HEADERS, ("Cache-Control", REVALIDATE)], replace=False)
    content = ET.SubElement(server, "staticContent")
    for extension, mime in MIME_TYPES:
        # IIS already knows some of these: adding one twice is an error, so remove it first.
        ET.SubElement(content, "remove", fileExtension=extension)
        ET.SubElement(content, "mimeMap", fileExtension=extension, mimeType=mime)
    hidden = ET.SubElement(ET.SubElement(server, "security"), "requestFiltering")
    segments = ET.SubElement(hidden, "hiddenSegments")
    ET.SubElement(segments, "add", segment=".hosting")
    if policy.rewrites:
        rules = ET.SubElement(ET.SubElement(server, "rewrite"), "rules")
        for number, rewrite in enumerate(policy.rewrites, 1):
            if rewrite.by_id:
                before, after = rewrite.file_parts
                pattern = "^" + regex_literal(rewrite.prefix.lstrip("/")) + "([^/.]+)$"
                target = before.lstrip("/") + "{R:1}" + after
            else:
                pattern = "^" + regex_literal(rewrite.address.lstrip("/")) + "$"
                target = rewrite.file.lstrip("/")
            if rewrite.page_file is not None:
                before, after = rewrite.page_parts
                rule = ET.SubElement(
                    rules, "rule", name=f"sendsite {number} page", stopProcessing="true"
                )
                ET.SubElement(rule, "match", url=pattern)
                conditions = ET.SubElement(rule, "conditions")
                ET.SubElement(
                    conditions,
                    "add",
                    input="{QUERY_STRING}",
                    pattern="(?:^|&)page=([1-9][0-9]*)(?:&|$)",
                )
                ET.SubElement(
                    rule,
                    "action",
                    type="Rewrite",
                    url=before.lstrip("/") + "{C:1}" + after,
                    appendQueryString="false",
                )
            rule = ET.SubElement(rules, "rule", name=f"sendsite {number}", stopProcessing="true")
            ET.SubElement(rule, "match", url=pattern)
            ET.SubElement(rule, "action", type="Rewrite", url=target)
    for area in AREAS:
        location = ET.SubElement(root, "location", path=area.prefix.strip("/"))
        area_server = ET.SubElement(location, "system.webServer")
        _headers(area_server, [("Cache-Control", area.cache), *area.headers], replace=True)
    ET.indent(root)
    said = made_by(policy).replace("--", "- -")  # '--' may not appear inside an XML comment
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!-- {said} -->\n{body}\n'.encode()
