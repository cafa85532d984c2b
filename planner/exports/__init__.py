"""Exporters without Qt: the schedule as iCalendar (.ics) and as CSV; a selection as .ics, KML or GeoJSON.

    entries = schedule_entries(project)         # stays, dockings and undockings, activities, in time order
    write_ics(project, "plan.ics")              # one VEVENT per entry (RFC 5545, via ``icalendar``)
    write_schedule_csv(project, "plan.csv")     # one row per entry

    chosen = select(project, missions=["soyuz-ms-19"])      # with its crew's activities and the sites they need
    write_selection(project, chosen, f"{chosen.stem}.kml")  # also .ics and .geojson
"""

from planner.exports.schedule import ScheduleEntry, schedule_entries
from planner.exports.schedule_csv import SCHEDULE_COLUMNS, schedule_csv_text, write_schedule_csv
from planner.exports.selection import ChosenWindow, Selection, select, whole_plan
from planner.exports.selection_files import SUFFIXES, format_of, selection_bytes, write_selection


def __getattr__(name: str):
    # icalendar takes a quarter of a second to import: load it when an .ics is written, not at start-up.
    if name in ("ics_bytes", "write_ics"):
        from planner.exports import ical

        return getattr(ical, name)
    raise AttributeError(f"module 'planner.exports' has no attribute {name!r}")


__all__ = ["SCHEDULE_COLUMNS", "SUFFIXES", "ChosenWindow", "ScheduleEntry", "Selection", "format_of", "ics_bytes",
           "schedule_csv_text", "schedule_entries", "select", "selection_bytes", "whole_plan", "write_ics",
           "write_schedule_csv", "write_selection"]
