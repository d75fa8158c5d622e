"""Amazon S3 with CloudFront: S3 stores the files, CloudFront answers the requests.

Neither reads anything from the site's folder, so the pieces are written into the output's
hidden `.hosting/s3-cloudfront/` folder, for whoever sets up the distribution:
- `viewer-request.js`, a CloudFront Function (cloudfront-js-2.0) for the viewer-request event:
  /services/portage/ is answered with services/portage/index.html, and /services/portage is
  redirected to /services/portage/ (S3 behind CloudFront knows no folders);
- `response-headers-policy.json` and `openreferral-response-headers-policy.json`, each a
  ResponseHeadersPolicyConfig (`aws cloudfront create-response-headers-policy`): the security
  headers, and for the openreferral/ and data/ behaviours CORS for every origin too;
- `admin-response-headers-policy.json`, for an `admin/*` behaviour when site.yaml has `editor`:
  the browser editor's own, wider Content-Security-Policy (the pages' policy would stop Decap
  CMS from starting);
- `custom-error-responses.json`, the distribution's CustomErrorResponses: 404.html, with status
  404, for a missing file (a private bucket answers 403 for a key it does not have);
- `upload.sh`: `aws s3 sync` with each folder's Cache-Control, leaving out the hidden files.
"""

from __future__ import annotations

import json
import shlex
from typing import Any

from sendsite.publish.hosting.policy import (
    AREAS,
    REVALIDATE,
    Policy,
    admin_content_security_policy,
    content_security_policy,
    made_by,
)
from sendsite.render.urls import REFERRER_POLICY

FOLDER = ".hosting/s3-cloudfront/"


def cloudfront_files(policy: Policy) -> dict[str, bytes]:
    def as_json(data: Any) -> bytes:
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")

    return {
        FOLDER + "viewer-request.js": viewer_request_function(policy).encode("utf-8"),
        FOLDER + "response-headers-policy.json": as_json(response_headers_policy(policy)),
        FOLDER + "openreferral-response-headers-policy.json": as_json(
            response_headers_policy(policy, cors=True)
        ),
        FOLDER + "admin-response-headers-policy.json": as_json(
            response_headers_policy(policy, admin=True)
        ),
        FOLDER + "custom-error-responses.json": as_json(custom_error_responses(policy)),
        FOLDER + "upload.sh": upload_script(policy).encode("utf-8"),
    }


def viewer_request_function(policy: Policy) -> str:
    fixed = [r for r in policy.rewrites if not r.by_id]
    rewrites = {policy.path(r.address): policy.path(r.file) for r in fixed}
    pages = {
        policy.path(r.address): [policy.path(r.page_parts[0]), r.page_parts[1]]
        for r in fixed
        if r.page_file is not None
    }
    patterns = [
        [policy.path(r.prefix), policy.path(r.file_parts[0]), r.file_parts[1]]
        for r in policy.rewrites
        if r.by_id
    ]
    return rf"""// {made_by(policy)}
// A CloudFront Function (runtime cloudfront-js-2.0) for the viewer-request event.
var REWRITES = {json.dumps(rewrites, sort_keys=True)};
// Address -> [start, end] of the file for ?page=N.
var PAGES = {json.dumps(pages, sort_keys=True)};
// [address prefix, file start, file end]: prefix + ID is answered with start + ID + end.
var PATTERNS = {json.dumps(patterns)};
var OWN = Object.prototype.hasOwnProperty;

function handler(event) {{
  var request = event.request;
  var uri = request.uri;
  var page = request.querystring.page;
  if (OWN.call(PAGES, uri) && page && /^[1-9][0-9]*$/.test(page.value)) {{
    request.uri = PAGES[uri][0] + page.value + PAGES[uri][1];
    return request;
  }}
  if (OWN.call(REWRITES, uri)) {{
    request.uri = REWRITES[uri];
    return request;
  }}
  for (var i = 0; i < PATTERNS.length; i++) {{
    var rest = uri.substring(PATTERNS[i][0].length);
    if (uri.indexOf(PATTERNS[i][0]) === 0 && /^[^\/.]+$/.test(rest)) {{
      request.uri = PATTERNS[i][1] + rest + PATTERNS[i][2];
      return request;
    }}
  }}
  if (uri.endsWith("/")) {{
    request.uri = uri + "index.html";
    return request;
  }}
  var last = uri.substring(uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") === -1) {{
    // A page's address without its trailing slash: send the browser to the address with it.
    var query = Object.keys(request.querystring).map(function (name) {{
      var item = request.querystring[name];
      return encodeURIComponent(name) + (item.value ? "=" + encodeURIComponent(item.value) : "");
    }}).join("&");
    return {{
      statusCode: 301,
      statusDescription: "Moved Permanently",
      headers: {{ location: {{ value: uri + "/" + (query ? "?" + query : "") }} }}
    }};
  }}
  return request;
}}
"""


def response_headers_policy(
    policy: Policy, *, cors: bool = False, admin: bool = False
) -> dict[str, Any]:
    """The pages' policy; with `cors`, the open data's; with `admin`, the browser editor's, whose
    wider Content-Security-Policy lets Decap CMS run (only its admin/* behaviour gets it)."""
    name = "sendsite-" + ("open-data" if cors else "editor" if admin else "pages")
    config: dict[str, Any] = {
        "Name": name,
        "Comment": made_by(policy)[:128],
        "SecurityHeadersConfig": {
            "ContentSecurityPolicy": {
                "Override": True,
                "ContentSecurityPolicy": admin_content_security_policy()
                if admin
                else content_security_policy(),
            },
            "ContentTypeOptions": {"Override": True},
            "FrameOptions": {"Override": True, "FrameOption": "DENY"},
            "ReferrerPolicy": {"Override": True, "ReferrerPolicy": REFERRER_POLICY},
        },
    }
    if cors:
        config["CorsConfig"] = {
            "AccessControlAllowOrigins": {"Quantity": 1, "Items": ["*"]},
            "AccessControlAllowHeaders": {"Quantity": 1, "Items": ["*"]},
            "AccessControlAllowMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]},
            "AccessControlAllowCredentials": False,
            "OriginOverride": True,
        }
    return config


def custom_error_responses(policy: Policy) -> dict[str, Any]:
    items = [
        {
            "ErrorCode": code,
            "ResponsePagePath": policy.not_found,
            "ResponseCode": "404",
            "ErrorCachingMinTTL": 60,
        }
        for code in (403, 404)
    ]
    return {"Quantity": len(items), "Items": items}


def upload_script(policy: Policy) -> str:
    """`sh upload.sh BUCKET` from the output folder uploads the site under its sub-path."""
    prefix = policy.path("/").strip("/")
    target = '"s3://$1' + (f"/{prefix}" if prefix else "") + '"'
    hidden = '--exclude ".*" --exclude "*/.*"'
    lines = [
        "#!/bin/sh",
        f"# {made_by(policy)}",
        "# Run from the built site's folder: sh .hosting/s3-cloudfront/upload.sh BUCKET-NAME",
        "set -eu",
        ': "${1:?give the name of the S3 bucket}"',
    ]
    folders = [area.prefix.strip("/") for area in AREAS]
    for area in AREAS:
        folder = area.prefix.strip("/")
        lines.append(
            f'[ ! -d {folder} ] || aws s3 sync {folder} {target[:-1]}/{folder}" --delete {hidden} '
            f"--cache-control {shlex.quote(area.cache)}"
        )
    others = " ".join(f'--exclude "{folder}/*"' for folder in folders)
    lines.append(
        f"aws s3 sync . {target} --delete {hidden} {others} "
        f"--cache-control {shlex.quote(REVALIDATE)}"
    )
    return "\n".join(lines) + "\n"
