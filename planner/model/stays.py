"""A mission's stays at the station as its events name them: the arrival at a port and the departure from it.

A stay runs from a docking or berthing (or a relocation's redocking) to the undocking or unberthing (or the
next relocation, whose ``from_port`` is the port left). Every event of one stay names the same port, so a
change of that port is a change of all of them.
"""

from __future__ import annotations

from planner.model.mission import EventKind, Mission

_ARRIVE = (EventKind.DOCK, EventKind.BERTH)
_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)


def stays(mission: Mission) -> list[list[tuple[int, str]]]:
    """The mission's stays in event order, each the ``(event index, attribute)`` pairs that name its port.

    A departure with no arrival before it (a vehicle docked before the plan starts) makes a stay of its own.
    """
    found: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    for index, event in enumerate(mission.events):
        if event.kind in _ARRIVE:
            current = [(index, "port")]
            found.append(current)
        elif event.kind is EventKind.RELOCATE:
            if current is None:
                found.append(current := [])
            current.append((index, "from_port"))
            current = [(index, "port")]
            found.append(current)
        elif event.kind in _LEAVE:
            if current is None:
                found.append(current := [])
            current.append((index, "port"))
            current = None
    return found


def set_stay_port(mission: Mission, index: int, attr: str, port: str | None) -> None:
    """Put the stay that event ``index`` names with ``attr`` (``port`` or ``from_port``) at ``port``: the
    events of that stay that named its old port (or none) follow. Changes ``mission`` in place."""
    events = mission.events
    old = getattr(events[index], attr)
    setattr(events[index], attr, port)
    stay = next((s for s in stays(mission) if (index, attr) in s), [])
    for other, other_attr in stay:
        if getattr(events[other], other_attr) in (old, None, ""):
            setattr(events[other], other_attr, port)
