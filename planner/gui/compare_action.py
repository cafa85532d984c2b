"""File ▸ Compare With…: the plan in the window compared with a project file (as ``planner diff``), the differences
shown in a dialog and the changed missions and activities marked on the timeline until the dialog closes.

The dialog's module (:mod:`planner.gui.compare_dialog`) is loaded when it is first opened, not at start-up.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from planner.gui.files import PROJECT_FILTER
from planner.gui.user_folders import start_folder
from planner.gui.widgets import busy, kept_dialog, show_kept

TEXT = "Compare With…"
TITLE = "Compare With"


def install(window) -> QAction:
    """Put the action in ``window``'s File menu after Open Recent."""
    action = QAction("Compare &With…", window)
    action.setStatusTip("Compare this plan with a project file: what differs, record by record, and the findings each "
                        "has; the changed missions and activities are marked on the timeline")
    action.triggered.connect(lambda *_: compare_with(window))
    menu = window.file_menu
    actions = menu.actions()
    after = actions.index(window.recent_menu.menuAction()) + 1
    menu.insertAction(actions[after] if after < len(actions) else None, action)
    window.act_compare = action
    return action


def compare_with(window, path: Path | str | None = None):
    """Ask for a project file (unless ``path`` is given), compare the window's plan with it and show the dialog;
    None (and a message saying why) when the file cannot be read: then nothing changes."""
    from planner.compare import diff_projects
    from planner.store import read_project

    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, TITLE, str(start_folder(window.doc.path)), PROJECT_FILTER)
        if not name:
            return None
        path = name
    path = Path(path)
    with busy(window, f"Comparing this plan with {path.name}…"):
        other, problem = read_project(path)
        diff = None if other is None else diff_projects(copy.deepcopy(window.doc.project), other)
    if problem:
        window.show_error(TITLE, problem)
        return None
    from planner.gui.compare_dialog import CompareDialog

    previous = kept_dialog(window, "compare_dialog")
    if previous is not None:
        previous.close()
    return show_kept(window, "compare_dialog", CompareDialog(window, path, diff,
                                                             again=lambda: compare_with(window, path)))
