"""Parts of a group of made files (publish/plan.GROUPS) kept with the build's record between
builds, each by the one site file it is made from: a build after one service's edit makes again
only that service's part of the Open Referral UK feed and takes the other 3,999 as the last build
made them (at 4,000 services, making them all was ~0.65 s of CPU of every such build).

A part's key is the digest of the group's other inputs (`others`: the settings and the digest of
every site file the group may read, but the parts' own folder) with its own file's digest, so
an edit of anything but a part's own file (an organisation, the taxonomy, site.yaml, a new
content folder) makes every part again. A part's files are those of the previous output, which
the build takes as they are: parts are recalled only when that output is as the last build left
it (recall.Recalled.kept).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Kept = dict[str, tuple[str, Any]]  # site file -> (key, what its part came to)


@dataclass
class Parts:
    others: str  # digest of the settings and of every input the group reads but the parts' own
    inputs: Mapping[str, str]  # site file -> digest of its bytes
    before: Kept  # the last build's parts; empty when they cannot be used
    now: Kept = field(default_factory=dict)  # this build's, to keep for the next
    files: list[str] = field(default_factory=list)  # the group's files taken as `previous` has them

    def key(self, source: str) -> str | None:
        digest = self.inputs.get(source)
        if digest is None:  # not a site file the build knows: never kept
            return None
        made_from = f"{self.others}\0{source}\0{digest}".encode()
        return hashlib.blake2b(made_from, digest_size=20).hexdigest()

    def recall(self, source: str) -> Any | None:
        """What the part of `source` came to in the last build, if it is made from the same
        inputs now (kept for the next build too); else None."""
        found = self.before.get(source)
        if found is None or found[0] != self.key(source):
            return None
        self.now[source] = found
        return found[1]

    def keep(self, source: str, value: Any) -> None:
        key = self.key(source)
        if key is not None:
            self.now[source] = (key, value)
