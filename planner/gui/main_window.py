"""The main window: the open project's missions (the full editor grows around this)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableView

from planner.gui.mission_table import MissionTableModel
from planner.model import Project


class MainWindow(QMainWindow):
    """One window, one project."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project = Project()
        self.path: Path | None = None
        self.missions_model = MissionTableModel(self.project, self)
        self.missions_view = QTableView(self)
        self.missions_view.setObjectName("missionsView")
        self.missions_view.setAccessibleName("Missions")
        self.missions_view.setModel(self.missions_model)
        self.missions_view.setAlternatingRowColors(True)
        self.missions_view.verticalHeader().setVisible(False)
        self.missions_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setCentralWidget(self.missions_view)
        self.resize(1100, 700)
        self._update_title()

    def open_path(self, path: Path) -> str | None:
        """Open a project file; return the loader's message when it cannot be read (the open project stays)."""
        from planner.store import ProjectFileError, load_project

        try:
            project = load_project(path)
        except ProjectFileError as exc:
            return str(exc)
        except OSError as exc:
            return f"{path}: {exc.strerror or exc}"
        self.set_project(project, Path(path))
        return None

    def set_project(self, project: Project, path: Path | None) -> None:
        """Show ``project`` (read from ``path``)."""
        self.project = project
        self.path = path
        self.missions_model.set_project(project)
        self._update_title()
        self.statusBar().showMessage(f"{len(project.missions)} missions, {len(project.people)} people, "
                                     f"{len(project.activities)} activities")

    def _update_title(self) -> None:
        name = self.path.name if self.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — {self.project.meta.title}")
