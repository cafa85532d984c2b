"""The schedule as CSV: one row per stay, station event and activity, times in ISO 8601 UTC.

Columns, in this order (scripts may read them by position; new ones are only ever added at the end):

- ``kind``: ``stay``, ``event`` or ``activity``;
- ``start_utc``, ``end_utc``: ISO 8601 UTC (``end_utc`` empty for a stay with no planned departure);
- ``title``; ``detail``: the event kind, the vehicle type or the activity kind; ``port``: the port id;
- ``people``: names, ``;``-separated; ``record``: ``missions/ID`` or ``activities/ID``; ``uid``: stable across exports;
- ``status``: an activity's status, ``planned``, ``in-progress``, ``done`` or ``skipped`` (empty for stays and
  events). A skipped activity is still listed, with status ``skipped``: the schedule is a record of the day, and a
  reader that wants only what will happen leaves those rows out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from planner.exports.schedule import ScheduleEntry, schedule_entries
from planner.model import Project
from planner.model.times import format_utc, from_epoch
from planner.store.atomic import atomic_write_bytes

SCHEDULE_COLUMNS = ("kind", "start_utc", "end_utc", "title", "detail", "port", "people", "record", "uid",
                    "status")


def schedule_csv_text(project: Project, entries: list[ScheduleEntry] | None = None) -> str:
    """The schedule as CSV text (header row first; an open-ended stay has an empty ``end_utc``)."""
    entries = schedule_entries(project) if entries is None else entries
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SCHEDULE_COLUMNS)
    for e in entries:
        end = "" if e.open_ended else format_utc(from_epoch(e.end))
        writer.writerow((e.kind, format_utc(from_epoch(e.start)), end, e.title, e.detail, e.port,
                         ";".join(e.people), f"{e.collection}/{e.item_id}", e.uid, e.status))
    return out.getvalue()


def write_schedule_csv(project: Project, path) -> None:
    """Write the schedule CSV to ``path`` (UTF-8, atomically, keeping the previous file)."""
    atomic_write_bytes(Path(path), schedule_csv_text(project).encode("utf-8"))
