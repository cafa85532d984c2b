"""The missions of a project as a Qt table model (one row a mission)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from planner.model import EventKind, Mission, Project
from planner.model.times import format_utc

_ARRIVE = (EventKind.DOCK, EventKind.BERTH)
_LEAVE = (EventKind.UNDOCK, EventKind.UNBERTH)


def _when(mission: Mission, *kinds: EventKind, last: bool = False) -> str:
    event = mission.last(*kinds) if last else mission.first(*kinds)
    return format_utc(event.utc).replace("T", " ").replace("Z", " UTC") if event else ""


def _port(mission: Mission) -> str:
    event = mission.first(*_ARRIVE)
    return event.port or "" if event else ""


class MissionTableModel(QAbstractTableModel):
    """Vehicle, type, launch, arrival port and time, departure time, crew size."""

    COLUMNS = ("Vehicle", "Type", "Launch", "Port", "Arrival", "Departure", "Crew")

    def __init__(self, project: Project | None = None, parent=None):
        super().__init__(parent)
        self._project = project or Project()

    def set_project(self, project: Project) -> None:
        """Show another project."""
        self.beginResetModel()
        self._project = project
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt name)
        return 0 if parent.isValid() else len(self._project.missions)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        mission = self._project.missions[index.row()]
        column = index.column()
        if column == 0:
            return mission.name
        if column == 1:
            vtype = self._project.station.vehicle_type(mission.vehicle_type)
            return vtype.name if vtype else mission.vehicle_type
        if column == 2:
            return _when(mission, EventKind.LAUNCH)
        if column == 3:
            return _port(mission)
        if column == 4:
            return _when(mission, *_ARRIVE)
        if column == 5:
            return _when(mission, *_LEAVE, last=True)
        crew = {person for event in mission.events for person in event.crew}
        return len(crew) or ""
