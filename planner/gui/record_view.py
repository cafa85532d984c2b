"""A filterable, sortable table of one list of the project, with the selection reported by id."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from planner.gui.record_table import ID_ROLE, RecordTableModel, filtered


class RecordView(QWidget):
    """Filter box over a table; emits the ids of the selected items."""

    selectionChangedIds = Signal(list)
    activatedId = Signal(str)

    def __init__(self, model: RecordTableModel, noun: str, parent=None):
        super().__init__(parent)
        self.model = model
        self.proxy = filtered(model, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(f"Filter {noun}…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(f"Filter {noun}")
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName(f"{noun.replace(' ', '_')}_table")
        self.table.setAccessibleName(noun.capitalize())
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.activatedId.emit(index.data(ID_ROLE)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        self.tools = QHBoxLayout()  # the filter box, and any buttons a list adds beside it (add_tool)
        self.tools.setContentsMargins(0, 0, 0, 0)
        self.tools.addWidget(self.filter_edit, 1)
        layout.addLayout(self.tools)
        layout.addWidget(self.table)
        model.modelReset.connect(self.fit_columns)
        # Rows added (an import, a new record) widen the columns once the batch is in: one fit for a
        # thousand inserted rows, not a thousand.
        self._fit_pending = self._fit_fully = self._fit_on_show = False
        model.rowsInserted.connect(self._rows_inserted)

    def add_tool(self, widget: QWidget) -> None:
        """Put a button of this list (e.g. the ground sites' Add Usual Ground Sites) beside the filter box."""
        self.tools.addWidget(widget)

    def fit_columns(self) -> None:
        """Size the columns to their contents (the first 50 rows, so huge projects stay quick).

        A hidden table (a tab or dock not shown) is fitted when it is next shown: at start-up only the tables
        on screen are measured."""
        if not self.isVisible():
            self._fit_on_show = True
            return
        self._fit_on_show = False
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(50)
        self.table.resizeColumnsToContents()

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._fit_on_show:
            self.fit_columns()

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        # The first rows of an empty table fit exactly; later ones only widen, so a width the user chose stays.
        self._fit_fully = self._fit_fully or self.model.rowCount() == last - first + 1
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_inserted)

    def _fit_inserted(self) -> None:
        self._fit_pending = False
        if self._fit_fully:
            self._fit_fully = False
            self.fit_columns()
            return
        self.widen_columns()

    def widen_columns(self) -> None:
        """Widen the columns whose contents no longer fit (a width the user chose that still fits stays)."""
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(50)
        for column in range(self.model.columnCount() - 1):  # the last column stretches
            wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            if wanted > header.sectionSize(column):
                header.resizeSection(column, wanted)

    def selected_ids(self) -> list[str]:
        """Ids of the selected rows, in view order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(row, 0).data(ID_ROLE) for row in rows]

    def select_ids(self, ids: list[str]) -> None:
        """Select these items (and scroll to the first)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for item_id in ids:
            row = self.model.row_of(item_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            first = first or index
        if first is not None:
            self.table.scrollTo(first)
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)

    def _selection_changed(self, *_):
        self.selectionChangedIds.emit(self.selected_ids())
