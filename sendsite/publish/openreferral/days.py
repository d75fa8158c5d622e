"""Opening days in words ('Monday to Friday') as iCalendar BYDAY ('MO,TU,WE,TH,FR')."""

from __future__ import annotations

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def byday(days: str) -> str | None:
    """iCalendar BYDAY for text such as 'Monday to Friday', 'Tuesdays and Thursdays' or 'Saturday'."""
    text = days.lower().replace(",", " ").replace("&", " and ")
    words = [w.rstrip("s") if w.rstrip("s") in _DAY_NAMES else w for w in text.split()]
    if words in (["every", "day"], ["daily"]):
        return ",".join(_DAYS)
    if not any(w in _DAY_NAMES for w in words):
        return None
    chosen: list[int] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in _DAY_NAMES:
            start = _DAY_NAMES.index(word)
            if (
                index + 2 < len(words)
                and words[index + 1] in ("to", "-", "until", "through")
                and words[index + 2] in _DAY_NAMES
            ):
                end = _DAY_NAMES.index(words[index + 2])
                span = range(start, end + 1) if end >= start else range(start, start + 1)
                chosen.extend(span)
                index += 3
                continue
            chosen.append(start)
        elif word not in ("and", "to", "-", "until", "through"):
            return None  # words we do not understand: publish the description only
        index += 1
    return ",".join(_DAYS[i] for i in sorted(set(chosen)))
