"""Create the QApplication and the main window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.resources import example_project_path, resource_path

ORGANIZATION = "ISS Visit Planner"
APPLICATION = "planner"


def configure_application(app: QApplication) -> None:
    """Names used by QSettings and the window system."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("ISS Visit Planner")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("planner")
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource_path("icons", "planner.svg"))))


def start_window(file: str | None):
    """Build the main window on ``file``, else the last project, else the bundled example."""
    from planner.gui.main_window import MainWindow

    window = MainWindow()
    from planner.gui.theme import apply_theme

    apply_theme(window.settings.get("theme"))
    if window.files.offer_recovery():
        return window
    if file:
        error = window.files.open_path(Path(file))
        if error:
            window.show_error("Cannot open project", error)
        return window
    last = window.settings.get("last_project")
    if last and Path(last).is_file() and window.files.open_path(Path(last)) is None:
        return window
    error = window.files.open_path(example_project_path())
    if error:
        window.show_error("Cannot open the bundled example", error)
    return window


def run_app(file: str | None) -> int:
    """Show the main window and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    window = start_window(file)
    window.show()
    # For the start-up benchmark: the moment the window is up and the event loop first idle (the system-wide
    # monotonic clock, which the benchmark reads too), written to this file.
    ready_stamp = os.environ.get("PLANNER_READY_STAMP")
    if ready_stamp:
        QTimer.singleShot(0, lambda: Path(ready_stamp).write_text(repr(time.monotonic()), encoding="utf-8"))
    # For smoke tests of the installed command: quit by itself after this many milliseconds.
    quit_after = os.environ.get("PLANNER_QUIT_AFTER_MS")
    if quit_after:
        QTimer.singleShot(int(quit_after), window.close)
    return app.exec()
