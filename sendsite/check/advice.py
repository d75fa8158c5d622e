"""One warning of `sendsite check`, and the report the checks make."""

from __future__ import annotations

from dataclasses import dataclass

from sendsite import model
from sendsite.check.levels import LEVEL_NAMES, level_of, rank
from sendsite.errors import Origin


@dataclass(frozen=True)
class Advice:
    """One warning: where, which check, what is wrong and what to do."""

    origin: Origin
    check: str
    message: str
    hint: str = ""

    @property
    def level(self) -> str:
        return level_of(self.check)

    def __str__(self) -> str:
        text = f"{self.origin}: {LEVEL_NAMES[self.level]}: {self.message}."
        return f"{text} {self.hint}" if self.hint else text

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Most important first; then by file and line, as an editor works through them."""
        return (rank(self.level), self.origin.path, self.origin.line or 0, self.check, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.origin.path,
            "line": self.origin.line,
            "level": self.level,
            "check": self.check,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class CheckReport:
    """Every warning, most important first, and the levels `--strict` fails on for this site."""

    advice: list[Advice]
    settings: model.CheckOptions  # site.yaml's `checks:`

    def fails_strict(self) -> bool:
        return any(a.level in self.settings.strict for a in self.advice)
