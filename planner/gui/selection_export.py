"""File > Export Selection… (also in the tables' context menus): the missions, activities and ground sites selected
in the tables, with each mission's crew's activities and the ground sites they need, as .ics, KML or GeoJSON.

The file is named after the selection ("soyuz-ms-19.ics") in :func:`planner.gui.user_folders.start_folder`; the
format is the one of the file dialog's filter (Qt's save dialog puts the filter's extension on the name). The
filming-window dialog exports its chosen windows through :func:`ask_where` and :func:`export_selection` too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from planner.gui.user_folders import start_folder
from planner.gui.widgets import busy

#: format -> the file dialog's filter for it (the first pattern's extension is the one Qt puts on the name)
FILTERS = {"ics": "iCalendar (*.ics)", "kml": "KML, for Google Earth (*.kml)", "geojson": "GeoJSON (*.geojson *.json)"}
#: the tables whose selection is exported
TABLES = ("missions", "activities", "sites")


def current_selection(window):
    """The :class:`planner.exports.Selection` of what is selected in ``window``'s tables (empty when nothing is)."""
    from planner.exports import select

    ids = {name: window.views[name].selected_ids() for name in TABLES}
    return select(window.doc.project, ids["missions"], ids["activities"], ids["sites"])


def ask_where(window, selection, parent=None, title: str = "Export Selection") -> tuple[Path, str] | None:
    """Ask where to write ``selection`` (offered: its name, in the user's folder); (path, format), or None."""
    from planner.exports import SUFFIXES, format_of

    last = getattr(window, "selection_export_format", "ics")
    suggested = start_folder(window.doc.path) / f"{selection.stem}{SUFFIXES[last]}"
    name, chosen = QFileDialog.getSaveFileName(parent or window, title, str(suggested), ";;".join(FILTERS.values()),
                                               FILTERS[last])
    if not name:
        return None
    path = Path(name)
    fmt = format_of(path) or next((f for f, text in FILTERS.items() if text == chosen), last)
    if format_of(path) is None:  # "soyuz-ms-19" typed without an extension: the filter's
        path = path.with_name(path.name + SUFFIXES[fmt])
    window.selection_export_format = fmt
    return path, fmt


def export_selection(window, selection, path: Path, fmt: str | None = None) -> bool:
    """Write ``selection`` to ``path`` and say in the status bar what was written; False when it could not be
    (the user was told why)."""
    from planner.exports import write_selection

    path = Path(path)
    with busy(window, f"Writing {path.name}…"):
        try:
            notes = write_selection(window.doc.project, selection, path, fmt)
        except OSError as exc:
            window.show_error("Cannot export the selection", f"{path}: {exc.strerror or exc}")
            return False
    message = f"Wrote {path}: {selection.summary()}"
    if notes:
        message += " — " + " ".join(notes)
    window.statusBar().showMessage(message, 15000)
    return True


def export_selection_dialog(window, path: Path | None = None) -> bool:
    """File > Export Selection… (``path``: the name the dialog would give, in which case it is not shown)."""
    from planner.exports import format_of

    selection = current_selection(window)
    if selection.empty:
        window.statusBar().showMessage("Select missions, activities or ground sites to export first", 5000)
        return False
    if path is None:
        answer = ask_where(window, selection)
        if answer is None:
            return False
        path, fmt = answer
    else:
        fmt = format_of(path) or "ics"
    return export_selection(window, selection, path, fmt)


def make_action(window) -> QAction:
    """The Export Selection… action of ``window``, also in the missions', activities' and sites' context menus;
    enabled while something is selected there."""
    action = QAction("Export Se&lection…", window)
    tip = ("Write the selected missions (with their crew's activities), activities and ground sites as a calendar "
           "(.ics) or a map (KML, GeoJSON) named after them")
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda *_: export_selection_dialog(window))
    for name in TABLES:
        table = window.views[name].table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addAction(action)

    def update(*_):
        action.setEnabled(any(window.views[name].selected_ids() for name in TABLES))

    window.selectionChanged.connect(update)
    window.doc.projectReset.connect(update)
    update()
    return action
