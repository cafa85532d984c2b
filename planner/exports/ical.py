"""The schedule as an iCalendar file (RFC 5545), written with the ``icalendar`` library."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import icalendar

from planner import __version__
from planner.exports.schedule import ScheduleEntry, schedule_entries
from planner.model import Project
from planner.model.times import UTC, from_epoch
from planner.store.atomic import atomic_write_bytes

_PRODID = f"-//ISS Visit Planner//planner {__version__}//EN"


def ics_bytes(project: Project, entries: list[ScheduleEntry] | None = None, stamp: datetime | None = None,
              name: str | None = None) -> bytes:
    """The project's schedule as the bytes of a .ics calendar (one VEVENT per schedule entry).

    ``stamp`` is the DTSTAMP of every event (now by default; tests pass a fixed one so output is repeatable);
    ``name`` the calendar's name (the project's title by default).
    """
    entries = schedule_entries(project) if entries is None else entries
    stamp = stamp or datetime.now(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", _PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", project.meta.title if name is None else name)
    for entry in entries:
        cal.add_component(_event(entry, stamp))
    return cal.to_ical()


def write_ics(project: Project, path, stamp: datetime | None = None) -> None:
    """Write the project's schedule to ``path`` as iCalendar (atomically, keeping the previous file)."""
    atomic_write_bytes(Path(path), ics_bytes(project, stamp=stamp))


def _event(entry: ScheduleEntry, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@iss-planner")
    event.add("dtstamp", stamp)
    event.add("dtstart", from_epoch(entry.start))
    # An open-ended stay has no planned end: RFC 5545 lets DTEND be left out.
    if not entry.open_ended:
        event.add("dtend", from_epoch(entry.end))
    event.add("summary", entry.title)
    lines = [f"{entry.kind}: {entry.detail}" if entry.detail else entry.kind]
    if entry.people:
        lines.append("People: " + ", ".join(entry.people))
    if entry.open_ended:
        lines.append("No departure planned yet.")
    if entry.status and entry.status != "planned":
        lines.append(f"Status: {entry.status.replace('-', ' ')}")
    event.add("description", "\n".join(lines))
    if entry.status == "skipped":  # calendars strike a cancelled event through, or hide it
        event.add("status", "CANCELLED")
    if entry.port:
        event.add("location", entry.port)
    event.add("categories", [entry.kind])
    if entry.collection:  # (a filming window is no record of the plan)
        event.add("x-planner-record", f"{entry.collection}/{entry.item_id}")
    return event
