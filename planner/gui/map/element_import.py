"""Element Sets > Import Element Sets: TLE or OMM files into the project, as one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.gui.user_folders import start_folder

ELEMENTS_FILTER = "Element sets (*.tle *.txt *.3le *.json *.csv *.xml);;All files (*)"


def import_elements_dialog(window) -> bool:
    """Ask for a file, then import it."""
    name, _ = QFileDialog.getOpenFileName(window, "Import Element Sets", str(start_folder(window.doc.path)),
                                          ELEMENTS_FILTER)
    return import_elements(window, Path(name)) if name else False


def import_elements(window, path: Path) -> bool:
    """Add the element sets of a TLE/OMM file to the project (sets already there are skipped)."""
    from planner.gui.commands import InsertItem
    from planner.orbit import ElementSetError, read_elements

    try:
        sets = read_elements(path)
    except ElementSetError as exc:
        window.show_error("Cannot import element sets", str(exc))
        return False
    if not sets:
        window.show_error("Cannot import element sets", f"{path}: the file holds no element sets")
        return False
    have = {s.id for s in window.doc.project.element_sets}
    new = [s for s in sets if s.id not in have]
    if not new:
        window.statusBar().showMessage(f"The element sets of {path.name} are already in the project", 5000)
        return True
    stack = window.doc.undo_stack
    stack.beginMacro(f"Import element sets from {path.name}")
    for element_set in new:
        stack.push(InsertItem(window.doc, "element_sets", element_set))
        have.add(element_set.id)
    stack.endMacro()
    window.statusBar().showMessage(f"Imported {len(new)} element set{'s' if len(new) != 1 else ''} from {path.name}", 5000)
    return True
