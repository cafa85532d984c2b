"""Writing a project's traffic as a traffic CSV: one row per event, sorted by time then vehicle."""

from __future__ import annotations

import re

from planner.model.project import Project
from planner.model.times import format_utc
from planner.traffic.columns import COLUMNS, CREW_SEPARATOR


def write_traffic_csv(project: Project) -> str:
    """The project's missions as traffic CSV text (header first; stable: equal projects give equal text).

    Raises ValueError when the project cannot be written faithfully: two missions with one name (the CSV
    ties rows together by vehicle name) or a person whose name is empty or holds ';'.
    """
    names = _crew_names(project)
    _check_vehicle_names(project)
    rows = []
    for mission in project.missions:
        for event in mission.events:
            rows.append((event.utc, mission.name, {
                "vehicle": mission.name,
                "vehicle_type": mission.vehicle_type,
                "event": event.kind.value,
                "utc": format_utc(event.utc),
                "end_utc": format_utc(event.end_utc) if event.end_utc is not None else "",
                "port": event.port or "",
                "from_port": event.from_port or "",
                "crew": CREW_SEPARATOR.join(names.get(pid, pid) for pid in event.crew),
                "note": event.note,
                "source": event.source,
            }))
    # A stable sort: same-time events of one vehicle keep the mission's order.
    rows.sort(key=lambda r: (r[0], r[1]))
    lines = [",".join(COLUMNS)]
    lines.extend(",".join(_cell(row[name]) for name in COLUMNS) for _, _, row in rows)
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # RFC 4180 quoting. Not csv.writer: with "\n" line ends it leaves a lone "\r" in a note unquoted,
    # which splits the row on reading; "\n" line ends are what the team's files in git use.
    if _SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


_SPECIAL = re.compile('[,"\r\n]')


def _crew_names(project: Project) -> dict[str, str]:
    names = {}
    for person in project.people:
        name = person.name.strip()
        if not name or CREW_SEPARATOR in name:
            raise ValueError(f"person '{person.id}' has the name '{person.name}', which the traffic CSV cannot "
                             f"hold (names are separated by '{CREW_SEPARATOR}'); rename them before exporting")
        names[person.id] = name
    return names


def _check_vehicle_names(project: Project) -> None:
    seen: dict[str, str] = {}
    for mission in project.missions:
        name = mission.name.strip()
        if not name:
            raise ValueError(f"mission '{mission.id}' has no name; the traffic CSV needs a vehicle name on every row")
        if name in seen:
            raise ValueError(f"missions '{seen[name]}' and '{mission.id}' are both named '{name}'; the traffic CSV "
                             "ties rows together by vehicle name, so rename one before exporting")
        seen[name] = mission.id
