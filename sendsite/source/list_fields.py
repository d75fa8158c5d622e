"""Fields that hold a list of text or of references to other items. A single value is taken as a
list of one; a list written '-English -Polish' (no space after the dash), which YAML reads as
one text, is said rather than published.
"""

from __future__ import annotations

import re

from sendsite.errors import Origin
from sendsite.source.fieldmap import FieldMap
from sendsite.source.wording import describe, shown
from sendsite.source.yamldoc import YamlList

_DASH_WITHOUT_SPACE = re.compile(r"^-[^\s\d-]")


class ListFields(FieldMap):
    """The readers of fields that hold a list."""

    def _list(self, key: str) -> YamlList | None:
        if self._blank(key):
            return None
        value = self.data[key]
        if isinstance(value, list):
            return value  # type: ignore[return-value]
        self.error(
            key,
            f"'{key}' should be a list, not {self.shown(key)}",
            "Write each item on its own line starting with '- ', or as [first, second].",
        )
        return None

    def text_list(self, key: str) -> list[str]:
        """A list of text; a single text value is taken as a list of one."""
        if self._blank(key):
            return []
        value = self.data[key]
        if isinstance(value, str):
            return [] if self._dash_without_space(key, value) else [value.strip()]
        items = self._list(key)
        if items is None:
            return []
        result: list[str] = []
        for index, item in enumerate(items):
            if isinstance(item, (list, dict)) or item is None:
                self.log.add(
                    Origin(self.path, items.line_of(index)),
                    f"each item of '{key}' should be text, but item {index + 1} is "
                    + ("empty" if item is None else f"a {describe(item)}"),
                    "Write each item as plain text after '- '.",
                )
                continue
            raw = items.raw[index] if index < len(items.raw) else None
            result.append((item if isinstance(item, str) else (raw or str(item))).strip())
        return result

    def _dash_without_space(self, key: str, value: str) -> bool:
        """A list written '-English' (no space after the '-') is one text to YAML: '-English
        -Polish'. Said, rather than published as it is."""
        first = value.strip()
        if not _DASH_WITHOUT_SPACE.match(first):
            return False
        item = first.split()[0]
        self.error(
            key,
            f"'{key}' is read as the text '{first}', not as a list, because there is no space "
            f"after the '-' in '{item}'",
            f"Put a space after each '-', like '- {item[1:]}'.",
        )
        return True

    def id_list(self, key: str) -> list[tuple[str, Origin]]:
        """References to other items: each id with the line it is written on."""
        if self._blank(key):
            return []
        value = self.data[key]
        if isinstance(value, str):
            if self._dash_without_space(key, value):
                return []
            return [(value.strip(), self.origin(key))]
        items = self._list(key)
        if items is None:
            return []
        result = []
        for index, item in enumerate(items):
            origin = Origin(self.path, items.line_of(index))
            if not isinstance(item, str):
                raw = items.raw[index] if index < len(items.raw) else None
                if raw is None:
                    self.log.add(origin, f"each item of '{key}' should be an id, not {shown(item)}")
                    continue
                item = raw
            result.append((item.strip(), origin))
        return result
