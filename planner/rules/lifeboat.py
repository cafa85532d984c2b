"""The lifeboat rule: everyone aboard has a seat home on a docked vehicle, and no vehicle is the lifeboat
of more people than it has seats. A person's lifeboat is the vehicle they leave on while it is docked,
otherwise the one they came on (see :func:`planner.station.timeline.lifeboat_pieces`)."""

from __future__ import annotations

from planner.rules.findings import Finding, Severity
from planner.model.time_text import span_text
from planner.station import MissionTrack

MISSING = "lifeboat-missing"
SEATS = "lifeboat-seats"


def missing_findings(person: str, pieces, names: dict[str, str]) -> list[Finding]:
    """Windows where the person has no seat home (touching windows merged)."""
    windows: list[list[float]] = []
    for vehicle, start, end in sorted(pieces, key=lambda p: p[1]):
        if vehicle is not None:
            continue
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    who = names.get(person, person)
    return [Finding(MISSING, Severity.CONFLICT, s, e,
                    f"{who} is aboard {span_text(s, e)} with no seat home on a docked vehicle", (), (person,))
            for s, e in windows]


def seat_findings(track: MissionTrack, assigned: list[tuple[str, float, float]],
                  names: dict[str, str]) -> list[Finding]:
    """Windows where more people have this vehicle as lifeboat than it has seats (``assigned``: person, start, end)."""
    if len(assigned) <= track.seats:
        return []  # never more windows at once than there are
    changes: dict[float, int] = {}
    for _person, start, end in assigned:
        changes[start] = changes.get(start, 0) + 1
        changes[end] = changes.get(end, 0) - 1
    windows: list[list[float]] = []
    count = 0
    times = sorted(changes)
    for k, when in enumerate(times):
        count += changes[when]
        if count > track.seats:
            nxt = times[k + 1] if k + 1 < len(times) else float("inf")
            if windows and windows[-1][1] == when:
                windows[-1][1] = nxt
                windows[-1][2] = max(windows[-1][2], count)
            else:
                windows.append([when, nxt, count])
    findings = []
    for start, end, peak in windows:
        people = tuple(sorted({p for p, s, e in assigned if s < end and e > start}))
        findings.append(Finding(SEATS, Severity.CONFLICT, start, end,
                                f"{track.name} is the lifeboat of {peak} people but has {track.seats} seats "
                                f"{span_text(start, end)} ({', '.join(names.get(p, p) for p in people)})",
                                (track.mission,), people))
    return findings
