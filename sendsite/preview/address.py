"""Where the preview listens: the first free port from the one asked for, on this computer only
unless --host says otherwise, answering only to its own address."""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Any

import tornado.routing
import tornado.web

PORTS_TO_TRY = 20


class PortInUse(Exception):
    """No free port in the range tried."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> tuple[socket.socket, int]:
    """A listening socket on the first free port from `port` (0: any free port), and that port."""
    last = port if port == 0 else min(port + PORTS_TO_TRY - 1, 65535)
    for candidate in range(port, last + 1):
        try:
            listener = _listen(host, candidate)
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            if candidate == last:
                raise PortInUse(
                    f"port {port} is in use"
                    if port == last
                    else f"ports {port} to {last} are all in use; choose a free one with --port"
                ) from None
            continue
        return listener, listener.getsockname()[1]
    raise PortInUse(f"port {port} is in use")  # pragma: no cover - the loop always returns


def _listen(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, 0, socket.SOCK_STREAM, 0, socket.AI_PASSIVE
    )[0]
    listener = socket.socket(family, kind, proto)
    try:
        # Lets a restarted preview take its port back at once; a port that another program is
        # listening on is still refused.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
        listener.setblocking(False)
    except BaseException:
        listener.close()
        raise
    return listener


_LOOPBACK_NAMES = r"(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])"


class OtherHostHandler(tornado.web.RequestHandler):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(403, reason="Not this preview's address")


def own_address_only(host: str, rules: list[Any]) -> list[Any]:
    """Answer only to the preview's own address. A web page elsewhere can point its own name at
    127.0.0.1 (DNS rebinding) and then read the preview, drafts and all, or save through the
    editor, as if it were its own site; its requests carry its name in Host. A `--host` other
    than a loopback address lets every name in."""
    if not is_loopback(host):
        return rules
    return [
        (tornado.routing.HostMatches(_LOOPBACK_NAMES + "$"), rules),
        (tornado.routing.AnyMatches(), OtherHostHandler),
    ]
