"""Access facts written only in a location's own words: 'Level access' in `accessibility` is what
`access: [step-free]` says, but only `access` reaches the search's filters and the lists of
services with step-free access, so a family filtering for it never finds the place."""

from __future__ import annotations

from collections.abc import Iterator

from sendsite import model
from sendsite.check.advice import Advice
from sendsite.model import venue
from sendsite.text import in_sentence


def check_access_notes(site: model.Site) -> Iterator[Advice]:
    for s in site.active_services:
        for n, location in enumerate(s.locations):
            for k, note in enumerate(location.accessibility):
                fact = venue.access_noted(note)
                if fact is None or fact in location.access:
                    continue
                yield Advice(
                    s.lines.origin(
                        f"locations.{n}.accessibility.{k}",
                        s.lines.origin(f"locations.{n}", s.origin),
                    ),
                    "access-note",
                    f"the note '{note}' says what 'access: [{fact}]' says, but only 'access' "
                    f"reaches the filter for {in_sentence(venue.label('access', fact))}",
                    f"If families can count on it at {location.name or 'this place'}, add "
                    f"{fact} to the location's access list.",
                )
