"""The traffic CSV's columns and which of them each event kind uses."""

from __future__ import annotations

from planner.model.mission import EventKind

#: The header of a traffic CSV, in the order the planner writes it.
COLUMNS: tuple[str, ...] = (
    "vehicle", "vehicle_type", "event", "utc", "end_utc", "port", "from_port", "crew", "note", "source",
)

#: Events that happen at a port, so the ``port`` column must name one.
PORT_EVENTS = frozenset({EventKind.DOCK, EventKind.BERTH, EventKind.UNDOCK, EventKind.UNBERTH, EventKind.RELOCATE})

#: Separator between names in the ``crew`` column.
CREW_SEPARATOR = ";"

#: Files larger than this are refused: real traffic files are a few kilobytes, so anything this big is
#: almost certainly the wrong file, and reading it whole would only waste memory.
MAX_TRAFFIC_BYTES = 8 * 1024 * 1024

#: How many problems one error reports; a planner fixes a file in rounds, not all 500 typos at once.
MAX_REPORTED_PROBLEMS = 20
