"""Rules about one person: in two places at once (two vehicles, two stays), leaving while not aboard."""

from __future__ import annotations

from planner.rules.findings import Finding, Severity, short_time, span_text
from planner.rules.timeline import MissionTrack, PersonTrack

OVERLAP = "person-overlap"
NOT_ABOARD = "person-not-aboard"


def person_findings(track: PersonTrack, tracks: dict[str, MissionTrack], names: dict[str, str]) -> list[Finding]:
    """Every finding about one person's whereabouts."""
    who = names.get(track.person, track.person)
    places = [(s.start, s.end, f"aboard the station (came on {_name(s.came_on, tracks)})", s.came_on)
              for s in track.stays]
    places += [(f.start, f.end, f"on {_name(f.mission, tracks)} in flight", f.mission) for f in track.flights]
    places.sort(key=lambda p: (p[0], p[1], p[2]))
    findings = []
    active: list[tuple] = []
    for place in places:
        active = [a for a in active if a[1] > place[0]]
        if place[1] <= place[0]:
            continue
        for other in active:
            start, end = place[0], min(place[1], other[1])
            findings.append(Finding(OVERLAP, Severity.CONFLICT, start, end,
                                    f"{who} is {other[2]} and {place[2]} at once {span_text(start, end)}",
                                    tuple(dict.fromkeys((other[3], place[3]))), (track.person,)))
        active.append(place)
    for move in track.stray:
        findings.append(Finding(NOT_ABOARD, Severity.CONFLICT, move.time, move.time,
                                f"{who} leaves on {_name(move.mission, tracks)} at {short_time(move.time)} "
                                "but is not aboard then", (move.mission,), (track.person,)))
    return findings


def _name(mission: str, tracks) -> str:
    track = tracks.get(mission)
    return track.name if track else mission
