"""The open project as Qt sees it: the core Project, its file, its undo stack, and change signals.

Views observe the document; they never change the project themselves. Every edit is an undo command
(``planner.gui.commands``) that calls the document's ``apply_*`` methods, which change the core project
through ``planner.model.edits`` and announce what changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from planner.gui import heap
from planner.model import Project
from planner.model import edits


class ProjectDocument(QObject):
    """One project, one file, one undo stack."""

    #: an edit is about to change the project (sent before each ``apply_*``: a reader on another thread waits)
    aboutToEdit = Signal()
    #: collection name, ids of the items inserted, removed or replaced (coarse: for checkers)
    itemsChanged = Signal(str, list)
    #: precise, for table models: (collection, row) after the insert / before the remove / of the change
    itemInserted = Signal(str, int)
    itemRemoved = Signal(str, int)
    itemReplaced = Signal(str, int)
    #: a top-level part changed: "settings", "meta", "port_blocks", "station"
    partChanged = Signal(str)
    #: the whole project was replaced (open, revert, new)
    projectReset = Signal()
    pathChanged = Signal()

    def __init__(self, project: Project | None = None, path: Path | None = None, parent=None):
        super().__init__(parent)
        self.project = project or Project()
        self.path = Path(path) if path else None
        self.undo_stack = QUndoStack(self)

    # -- whole-document changes (not undoable: they start a new history) --

    def reset(self, project: Project, path: Path | None) -> None:
        """Show another project (opened, reverted or new): the undo history starts again."""
        self.project = project
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.set_path(path)
        self.projectReset.emit()
        if heap.worth_settling(project):
            QTimer.singleShot(0, heap.settle)  # when idle, after the views have been built for it

    def set_path(self, path: Path | None) -> None:
        """The file the project is saved to."""
        self.path = Path(path) if path else None
        self.pathChanged.emit()

    @property
    def modified(self) -> bool:
        """True when there are changes since the last save (or open)."""
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        """The file name, or 'Untitled'."""
        return self.path.name if self.path else "Untitled"

    # -- primitive edits; only undo commands call these --

    def apply_insert(self, collection: str, index: int, item) -> None:
        self.aboutToEdit.emit()
        edits.insert_item(self.project, collection, index, item)
        self.itemInserted.emit(collection, edits.index_of(self.project, collection, item.id))
        self.itemsChanged.emit(collection, [item.id])

    def apply_remove(self, collection: str, item_id: str) -> tuple[int, object]:
        self.aboutToEdit.emit()
        where = edits.remove_item(self.project, collection, item_id)
        self.itemRemoved.emit(collection, where[0])
        self.itemsChanged.emit(collection, [item_id])
        return where

    def apply_replace(self, collection: str, item_id: str, new_item) -> object:
        self.aboutToEdit.emit()
        old = edits.replace_item(self.project, collection, item_id, new_item)
        self.itemReplaced.emit(collection, edits.index_of(self.project, collection, new_item.id))
        self.itemsChanged.emit(collection, sorted({item_id, new_item.id}))
        return old

    def apply_part(self, part: str, value) -> object:
        """Set a top-level attribute of the project (``settings``, ``meta``, ``port_blocks``); return the old value."""
        if part not in ("settings", "meta", "port_blocks", "station_id", "crew_day"):
            raise KeyError(part)
        self.aboutToEdit.emit()
        old = getattr(self.project, part)
        setattr(self.project, part, value)
        self.partChanged.emit(part)
        return old
