"""Opening days in words ('Monday to Friday') as iCalendar BYDAY ('MO,TU,WE,TH,FR')."""

from __future__ import annotations

from sendsite.model.venue import weekdays

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def byday(days: str) -> str | None:
    """iCalendar BYDAY for text such as 'Monday to Friday', 'Tuesdays and Thursdays' or
    'Saturday'; None for words the model does not read as days (see model.venue.weekdays)."""
    found = weekdays(days)
    return ",".join(_DAYS[i] for i in found) if found else None
