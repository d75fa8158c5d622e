"""Addresses that answer with a file of another name: the one list every host's configuration
is made from.

Each host writes these in its own words (a rewrite rule, a `try_files`, a route), so an address
added here answers on every host at once. The Open Referral UK API paths
(`/openreferral/services` answering with `openreferral/services.json`, and so on) belong here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rewrite:
    """`address` (site-relative, as requested) is answered with `file` (site-relative)."""

    address: str  # '/openreferral/services'
    file: str  # '/openreferral/services.json'
    content_type: str = "application/json; charset=utf-8"


REWRITES: tuple[Rewrite, ...] = ()
