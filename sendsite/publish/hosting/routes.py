"""Addresses that answer with a file of another name: the one list every host's configuration
is made from.

Each host writes these in its own words (a rewrite rule, a `try_files`, a route), so an address
added here answers on every host at once. The Open Referral UK read API lives here: its base
(`/openreferral`, with or without the slash) answers with `index.json`, each list
(`/openreferral/services`) with its first page, `?page=N` with page N, and
`/openreferral/services/{id}` with that record's file (publish/openreferral's layout, `api_file`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sendsite.publish.openreferral import FOLDER, LISTS, NO_ID_ROUTING, NO_QUERY_ROUTING

__all__ = ["ID", "NO_ID_ROUTING", "NO_QUERY_ROUTING", "PAGE", "REWRITES", "Rewrite"]

ID = "{id}"  # in `address` and `file`: one path segment, without '/' or '.'
PAGE = "{page}"  # in `page_file`: the number given as ?page=N


@dataclass(frozen=True)
class Rewrite:
    """`address` (site-relative, as requested) is answered with `file` (site-relative). An
    address ending in '/{id}' stands for every address with one more segment there, answered
    by `file` with the same segment in place of '{id}'. With `page_file`, the address asked
    with ?page=N (N a whole number from 1) is answered by `page_file` with N in place of '{page}'."""

    address: str  # '/openreferral/services'
    file: str  # '/openreferral/services.json'
    page_file: str | None = None  # '/openreferral/services/page-{page}.json'
    content_type: str = "application/json; charset=utf-8"

    @property
    def by_id(self) -> bool:
        return self.address.endswith("/" + ID)

    @property
    def prefix(self) -> str:
        """The address without its '{id}': '/openreferral/services/'."""
        return self.address.removesuffix(ID)

    @property
    def file_parts(self) -> tuple[str, str]:
        """`file` around its '{id}': ('/openreferral/services/', '.json')."""
        before, _, after = self.file.partition(ID)
        return before, after

    @property
    def page_parts(self) -> tuple[str, str]:
        before, _, after = (self.page_file or "").partition(PAGE)
        return before, after


def _open_referral() -> tuple[Rewrite, ...]:
    base = f"/{FOLDER}"
    rewrites = [Rewrite(base, f"{base}/index.json"), Rewrite(f"{base}/", f"{base}/index.json")]
    for name in LISTS:
        rewrites.append(
            Rewrite(f"{base}/{name}", f"{base}/{name}.json", f"{base}/{name}/page-{PAGE}.json")
        )
        rewrites.append(Rewrite(f"{base}/{name}/{ID}", f"{base}/{name}/{ID}.json"))
    return tuple(rewrites)


REWRITES: tuple[Rewrite, ...] = _open_referral()
