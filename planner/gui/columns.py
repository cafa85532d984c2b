"""What the tables show for each kind of record."""

from __future__ import annotations

from collections.abc import Callable

from planner.gui.record_table import Column
from planner.model import Activity, EventKind, Mission, Project
from planner.model.display_time import format_in_zone
from planner.model.times import format_utc

_ARRIVE = (EventKind.DOCK, EventKind.BERTH)
_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)


def _sortable(when) -> str:
    return format_utc(when) if when is not None else ""


def _event_time(mission: Mission, kinds, last=False):
    event = mission.last(*kinds) if last else mission.first(*kinds)
    return event.utc if event else None


def mission_columns(project: Callable[[], Project], zone: Callable[[], str]) -> list[Column]:
    """Vehicle, type, launch, port, arrival, departure, crew."""

    def vtype(m: Mission) -> str:
        found = project().station.vehicle_type(m.vehicle_type)
        return found.name if found else m.vehicle_type

    def port(m: Mission) -> str:
        event = m.first(*_ARRIVE)
        return (event.port or "") if event else ""

    def crew_up(m: Mission) -> int:
        event = m.first(*_ARRIVE)
        return len(event.crew) if event else 0

    def crew_down(m: Mission) -> int:
        event = m.last(*_LEAVE)
        return len(event.crew) if event else 0

    def crew(m: Mission) -> str:
        up, down = crew_up(m), crew_down(m)
        return f"{up} up · {down} down" if up or down else ""

    def crew_tip(m: Mission) -> str:
        names = project().person_names()
        arrive, leave = m.first(*_ARRIVE), m.last(*_LEAVE)
        lines = []
        if arrive and arrive.crew:
            lines.append("Arrive: " + ", ".join(names.get(p, p) for p in arrive.crew))
        if leave and leave.crew:
            lines.append("Leave: " + ", ".join(names.get(p, p) for p in leave.crew))
        return "\n".join(lines) or "Uncrewed"

    def time_column(header, kinds, last=False):
        return Column(header, lambda m: format_in_zone(_event_time(m, kinds, last), zone()),
                      sort=lambda m: _sortable(_event_time(m, kinds, last)))

    return [
        Column("Vehicle", lambda m: m.name, tooltip=lambda m: m.note or m.name),
        Column("Type", vtype),
        time_column("Launch", (EventKind.LAUNCH,)),
        Column("Port", port),
        time_column("Arrival", _ARRIVE),
        time_column("Departure", _LEAVE, last=True),
        Column("Crew", crew, sort=lambda m: crew_up(m) * 100 + crew_down(m), tooltip=crew_tip),
    ]


def activity_columns(project: Callable[[], Project], zone: Callable[[], str]) -> list[Column]:
    """Title, kind, start, end, people, module, needs."""

    def people(a: Activity) -> str:
        names = project().person_names()
        return ", ".join(names.get(p, p) for p in a.people)

    def needs(a: Activity) -> str:
        return ", ".join(n.kind.value + (f" ({n.site or n.network})" if n.site or n.network else "") for n in a.needs)

    return [
        Column("Title", lambda a: a.title, tooltip=lambda a: a.note or a.title),
        Column("Kind", lambda a: a.kind.value),
        Column("Start", lambda a: format_in_zone(a.start, zone()), sort=lambda a: _sortable(a.start)),
        Column("End", lambda a: format_in_zone(a.end, zone()), sort=lambda a: _sortable(a.end)),
        Column("People", people),
        Column("Module", lambda a: a.module),
        Column("Needs", needs),
    ]


def people_columns() -> list[Column]:
    """Name, role, agency."""
    return [Column("Name", lambda p: p.name), Column("Role", lambda p: p.role), Column("Agency", lambda p: p.agency)]


def site_columns() -> list[Column]:
    """Name, latitude, longitude, altitude, minimum elevation."""
    return [
        Column("Name", lambda s: s.name),
        Column("Latitude", lambda s: f"{s.lat_deg:.4f}°", sort=lambda s: s.lat_deg, align_right=True),
        Column("Longitude", lambda s: f"{s.lon_deg:.4f}°", sort=lambda s: s.lon_deg, align_right=True),
        Column("Altitude", lambda s: f"{s.alt_m:.0f} m", sort=lambda s: s.alt_m, align_right=True),
        Column("Min. elevation", lambda s: f"{s.min_elevation_deg:.1f}°", sort=lambda s: s.min_elevation_deg, align_right=True),
    ]


def element_set_columns(zone: Callable[[], str]) -> list[Column]:
    """Name, catalogue number, epoch, format, source, when it was downloaded (blank for a file's)."""
    return [
        Column("Name", lambda e: e.name or e.id),
        Column("NORAD", lambda e: e.norad_id or "", sort=lambda e: e.norad_id or 0, align_right=True),
        Column("Epoch", lambda e: format_in_zone(e.epoch, zone()), sort=lambda e: _sortable(e.epoch)),
        Column("Format", lambda e: e.format.value),
        Column("Source", lambda e: e.source),
        Column("Fetched", lambda e: format_in_zone(e.fetched, zone()), sort=lambda e: _sortable(e.fetched)),
    ]


