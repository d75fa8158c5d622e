"""Web addresses as an author writes them, made into valid http(s) URIs or refused in plain words."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# RFC 3986: what may stand unencoded in a path, a query and a fragment ('%' only before two hex
# digits). Everything else is percent-encoded as UTF-8.
_PATH_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
)
_QUERY_SAFE = _PATH_SAFE | {"?"}
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _encode(text: str, safe: frozenset[str]) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char in safe or (char == "%" and _PERCENT.match(text, index)):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def web_address(value: str) -> tuple[str | None, str]:
    """(the address as a valid http(s) URI, "") or (None, what is wrong with it, in plain words,
    or "" when it is not an http(s) address at all).

    Characters a URI may not hold are percent-encoded in the path, query and fragment, and a
    host name in another script becomes its xn-- form; what cannot be encoded is refused."""
    # Browsers drop tabs and newlines inside a URL, so no space or control character may hide
    # another address (or a script) inside one that starts with https://.
    # A plain space is encoded like any other character (in the path; not in the site's name).
    if any((c.isspace() and c != " ") or ord(c) < 32 or 127 <= ord(c) < 160 for c in value):
        return None, "it has a line break, a tab or an invisible character in it"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None, "the part after the last ':' before the path is not a port number"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None, ""  # the hint says it: start with https://
    host = parts.hostname or ""
    if "@" in parts.netloc:
        return None, "it has a user name or password before the site's name"
    if host.startswith("["):
        return None, "the site's name is an IP address"
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None, f"'{host}' is not a site name"
    labels = ascii_host.lower().rstrip(".").split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return None, f"'{host}' is not a site name (only letters, digits, '-' and '.')"
    netloc = ".".join(labels) + (f":{port}" if port is not None else "")
    address = f"{parts.scheme.lower()}://{netloc}{_encode(parts.path, _PATH_SAFE)}"
    if parts.query or value.rstrip("#").endswith("?"):
        address += "?" + _encode(parts.query, _QUERY_SAFE)
    if parts.fragment:
        address += "#" + _encode(parts.fragment, _QUERY_SAFE)
    return address, ""


def is_web_address(value: str) -> bool:
    return web_address(value)[0] is not None
