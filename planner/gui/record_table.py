"""A table model over one list of a project (missions, people, activities, sites, element sets).

The model mirrors the list in its own row list, updated from the document's precise signals inside
begin/end notifications, so views and proxies always see a consistent table, also during removals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from planner.gui.document import ProjectDocument
from planner.model import edits

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the item's id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (times as text sort fine; numbers as numbers)


@dataclass(frozen=True)
class Column:
    """A column: its header, the text shown for an item, and optionally a sort key and a tooltip."""

    header: str
    text: Callable[[object], object]
    sort: Callable[[object], object] | None = None
    tooltip: Callable[[object], str] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    """Rows are the items of ``collection``; columns are given."""

    def __init__(self, doc: ProjectDocument, collection: str, columns: list[Column], parent=None):
        super().__init__(parent)
        self.doc, self.collection, self.columns = doc, collection, columns
        self._rows = list(edits.items(doc.project, collection))
        doc.itemInserted.connect(self._inserted)
        doc.itemRemoved.connect(self._removed)
        doc.itemReplaced.connect(self._replaced)
        doc.projectReset.connect(self._reset)

    # -- following the document --

    def _inserted(self, collection: str, row: int) -> None:
        if collection != self.collection:
            return
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, edits.items(self.doc.project, collection)[row])
        self.endInsertRows()

    def _removed(self, collection: str, row: int) -> None:
        if collection != self.collection:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _replaced(self, collection: str, row: int) -> None:
        if collection != self.collection:
            return
        self._rows[row] = edits.items(self.doc.project, collection)[row]
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _reset(self) -> None:
        self.beginResetModel()
        self._rows = list(edits.items(self.doc.project, self.collection))
        self.endResetModel()

    def refresh(self) -> None:
        """Redraw every cell (e.g. after the display time zone changed)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    # -- lookups for views --

    def item(self, row: int):
        """The item shown in ``row``."""
        return self._rows[row]

    def row_of(self, item_id: str) -> int:
        """The row of the item with this id, or -1."""
        return next((r for r, item in enumerate(self._rows) if item.id == item_id), -1)

    # -- Qt model interface --

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.text(item)
            return "" if value is None else value
        if role == SORT_ROLE:
            return (column.sort or column.text)(item)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def filtered(model: RecordTableModel, parent=None) -> QSortFilterProxyModel:
    """A sorting, filtering proxy over ``model``: the filter text matches any column, case-insensitively."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    return proxy
