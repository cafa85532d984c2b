"""File > Import Traffic CSV and File > Export Traffic CSV of a main window.

The import is :func:`planner.traffic.merge.merge_traffic` (shared with ``planner import-traffic --into``) made
into one undo step: new people and flights inserted, the flights already in the plan replaced by their merge.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.gui.user_folders import start_folder, suggested_file

CSV_FILTER = "Traffic CSV (*.csv);;All files (*)"


def import_traffic_dialog(window) -> None:
    """File > Import Traffic CSV."""
    name, _ = QFileDialog.getOpenFileName(window, "Import Traffic CSV", str(start_folder(window.doc.path)),
                                          CSV_FILTER)
    if name:
        import_traffic(window, Path(name))


def import_traffic(window, path: Path) -> bool:
    """Add the missions and people of a traffic CSV to ``window``'s project as one undo step, merging the
    flights it holds already; False when the file cannot be imported (the user was told why)."""
    from planner.gui.commands import InsertItem, ReplaceItem
    from planner.traffic import TrafficCsvError, merge_traffic, read_traffic_csv

    path = Path(path)
    try:
        imported = read_traffic_csv(path)
    except TrafficCsvError as exc:
        window.show_error("Cannot import traffic", str(exc))
        return False
    except OSError as exc:
        window.show_error("Cannot import traffic", f"{path}: {exc.strerror or exc}")
        return False
    doc = window.doc
    merge = merge_traffic(doc.project, imported)
    if merge.changes_plan:  # one undo step, and none for an import that adds nothing
        stack = doc.undo_stack
        stack.beginMacro(f"Import {path.name}")
        for person in merge.people:
            stack.push(InsertItem(doc, "people", person))
        for mission in merge.missions:
            stack.push(InsertItem(doc, "missions", mission))
        for flight in merge.merged:
            stack.push(ReplaceItem(doc, "missions", flight.before.id, flight.after))
        stack.endMacro()
    summary = merge.summary(path.name)
    window.statusBar().showMessage(summary, 8000)
    if merge.merged or merge.differences:
        # Flights changed that the planner did not touch, or times that disagree: worth more than a status line.
        window.show_message("Traffic imported", summary)
    return True


def export_traffic_dialog(window) -> None:
    """File > Export Traffic CSV."""
    suggested = str(suggested_file(window.doc.path, "traffic", ".csv"))
    name, _ = QFileDialog.getSaveFileName(window, "Export Traffic CSV", suggested, CSV_FILTER)
    if name:
        export_traffic(window, Path(name))


def export_traffic(window, path: Path) -> bool:
    """Write ``window``'s traffic as CSV; False when it cannot be written (the user was told why)."""
    from planner.store.atomic import atomic_write_text
    from planner.traffic import write_traffic_csv

    try:
        atomic_write_text(path, write_traffic_csv(window.doc.project), keep_backup=False)
    except OSError as exc:
        window.show_error("Cannot export traffic", f"{path}: {exc.strerror or exc}")
        return False
    window.statusBar().showMessage(f"Exported traffic to {path}", 5000)
    return True
