"""Rules about one person: in two places at once (two vehicles, two stays), leaving while not aboard."""

from __future__ import annotations

import math

from planner import intervals
from planner.rules.findings import Finding, Severity
from planner.model.time_text import short_time, span_text
from planner.station import MissionTrack, PersonTrack

OVERLAP = "person-overlap"
NOT_ABOARD = "person-not-aboard"


def person_findings(track: PersonTrack, tracks: dict[str, MissionTrack], names: dict[str, str]) -> list[Finding]:
    """Every finding about one person's whereabouts."""
    who = names.get(track.person, track.person)
    # Labels are written only for the rare places that clash.
    places = [(s.start, s.end, s.came_on, True) for s in track.stays]
    places += [(f.start, f.end, f.mission, False) for f in track.flights]
    places.sort(key=lambda p: (p[0], p[1], p[2], p[3]))
    if not track.stray and _apart(places):
        return []
    findings = []
    # One finding per run of time the person is in two places or more (not one per pair of places).
    for start, end, members in intervals.crowded([p[0] for p in places], [p[1] for p in places]):
        here = [places[k] for k in members]
        labels = [_label(place, tracks) for place in here]
        if len(labels) == 2:
            where = f"{labels[0]} and {labels[1]} at once"
        else:
            shown = labels[:4] + ([f"{len(labels) - 4} more"] if len(labels) > 4 else [])
            where = f"in {len(labels)} places at once ({', '.join(shown)})"
        findings.append(Finding(OVERLAP, Severity.CONFLICT, start, end, f"{who} is {where} {span_text(start, end)}",
                                tuple(dict.fromkeys(place[2] for place in here)), (track.person,)))
    for move in track.stray:
        findings.append(Finding(NOT_ABOARD, Severity.CONFLICT, move.time, move.time,
                                f"{who} leaves on {_name(move.mission, tracks)} at {short_time(move.time)} "
                                "but is not aboard then", (move.mission,), (track.person,)))
    return findings


def _apart(places) -> bool:
    """True when no two places (sorted by start) share a moment: the usual person, checked in one pass."""
    reached = -math.inf
    for start, end, _mission, _stay in places:
        if end <= start:
            continue
        if start < reached:
            return False
        reached = max(reached, end)
    return True


def _label(place, tracks) -> str:
    name = _name(place[2], tracks)
    return f"aboard the station (came on {name})" if place[3] else f"on {name} in flight"


def _name(mission: str, tracks) -> str:
    track = tracks.get(mission)
    return track.name if track else mission
