"""`sendsite feed-check URL`: ask a hosted Open Referral UK feed what the official validator
asks (check/feedcheck.py), over HTTP, and say in plain words what fails.

URL is the feed's base, as it would be registered with a directory: for a site built by
sendsite, its base_url followed by `openreferral` (https://example.org/dorset-send/openreferral).
Redirects are followed, as the validator's HTTP client follows them.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

from sendsite import __version__
from sendsite.check.feedcheck import Answer, Reader, Report, check_feed, summary
from sendsite.check.oruk import OPENAPI_URL, SCHEMA_COMMIT

TIMEOUT = 30  # seconds for one answer; the validator allows 10 for the first


def is_feed_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def http_reader(base: str) -> Reader:
    base = base.rstrip("/")

    def get(address: str) -> Answer:
        request = urllib.request.Request(
            base + address,
            headers={
                "Accept": "application/json",
                "User-Agent": f"sendsite/{__version__} feed-check",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                return Answer(response.status, headers, response.read())
        except urllib.error.HTTPError as exc:
            headers = {k.lower(): v for k, v in exc.headers.items()}
            return Answer(exc.code, headers, exc.read())
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Answer(0, {}, b"", f"no answer ({reason})")

    return get


def run(base: str, *, every_record: bool = False) -> tuple[Report, list[str]]:
    """The report, and what to print."""
    report = check_feed(http_reader(base), every_record=every_record)
    lines = [
        f"Open Referral UK feed {base.rstrip('/')}",
        f"checked against {OPENAPI_URL} (copies from tpximpact/oruk-standard-and-website "
        f"{SCHEMA_COMMIT[:7]}), with the official validator's requests "
        f"({len(report.requests)} made).",
        "",
        *summary(report),
        "",
        *_verdict(report),
    ]
    return report, lines


def _verdict(report: Report) -> Iterator[str]:
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        yield (
            f"{errors} problem{'s' * (errors != 1)} a harvester or the official validator would "
            "fail on; fix them before registering the feed."
        )
    elif warnings:
        yield f"The feed passes; {warnings} warning{'s' * (warnings != 1)} about optional endpoints or headers."
    else:
        yield "Every endpoint answers with valid JSON, and every record is reachable through the pages."
