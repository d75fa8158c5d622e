"""Reading typed fields out of a YAML mapping, recording every mistake with its line and a fix.

Each method returns the value, or None when the field is absent or wrong (the mistake is logged),
so a validator can read every field of an item and report all of its problems in one go.
`Fields` is the mapping (source/fieldmap.py) with the readers of single values
(source/scalar_fields.py) and lists (source/list_fields.py), and, here, of the groups of fields
inside it, which are Fields too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sendsite.source.list_fields import ListFields
from sendsite.source.scalar_fields import ScalarFields

# The validators import this from here with Fields.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Fields(ScalarFields, ListFields):
    """The fields of one YAML mapping, read with checks. `what` names the thing in messages."""

    def group(
        self, key: str, *, allowed: Sequence[str], required: Sequence[str] = ()
    ) -> Fields | None:
        if self._claim(key, allowed) and self._blank(key):
            return None  # every field of the group slipped out of it: that is the one mistake
        if self._blank(key):
            return None
        return Fields(
            self.data[key],
            self.path,
            self.log,
            allowed=allowed,
            required=required,
            what=f"'{key}'",
            line=self.data.line_of(key),
            today=self.today,
        )

    def _claim(self, key: str, allowed: Sequence[str], item: str = "") -> bool:
        """Say so when unknown fields below `key` are fields of its group that lost their indent.

        An author who types `how:` at the left edge under `referral:` meant it to belong there;
        "unknown field" and the list of every field would not tell them that. True when some
        were claimed.
        """
        if key not in self.data:
            return False
        start = self.data.line_of(key)
        claimed = False
        for name, error in list(self.unknown.items()):
            line = self.data.line_of(name)
            if name not in allowed or line <= start:
                continue
            if item:
                error.message = (
                    f"'{name}' belongs under an item of '{key}' (line {start}), but is not indented"
                )
                error.hint = f"Indent it to line up with the other fields of {item} above it, after its '- '."
            else:
                error.message = (
                    f"'{name}' belongs under '{key}' (line {start}), but is not indented"
                )
                error.hint = (
                    f"Indent it by two spaces, to line up with the other fields of '{key}'."
                )
            claimed = True
            del self.unknown[name]
        if claimed and self._blank(key):
            self.log.errors[:] = [
                e
                for e in self.log.errors
                if not (e.origin == self.origin(key) and e.message.endswith("is empty"))
            ]
        return claimed

    def group_list(
        self, key: str, *, allowed: Sequence[str], required: Sequence[str] = (), what: str = ""
    ) -> list[Fields]:
        noun = what or f"an item of '{key}'"
        self._claim(key, allowed, item=noun)
        items = self._list(key)
        if items is None:
            return []
        return [
            Fields(
                item,
                self.path,
                self.log,
                allowed=allowed,
                required=required,
                what=noun,
                line=items.line_of(index),
                today=self.today,
            )
            for index, item in enumerate(items)
        ]
