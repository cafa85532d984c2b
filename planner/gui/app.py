"""Create the QApplication and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from planner import __version__
from planner.resources import resource_path

ORGANIZATION = "ISS Visit Planner"
APPLICATION = "planner"


def example_project_path() -> Path:
    """The bundled example: "The Challenge, 2021"."""
    return resource_path("examples", "the-challenge-2021.issplan")


def configure_application(app: QApplication) -> None:
    """Names used by QSettings and the window system."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("ISS Visit Planner")
    app.setApplicationVersion(__version__)


def run_app(file: str | None) -> int:
    """Show the main window on ``file`` (default: the bundled example) and run the event loop."""
    from planner.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    window = MainWindow()
    path = Path(file) if file else example_project_path()
    error = window.open_path(path)
    if error and file:
        QMessageBox.critical(window, "Cannot open project", error)
    window.show()
    return app.exec()
