"""The clash panel: every finding with its severity and time window; the selected one's suggested fixes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QSizePolicy, QSplitter, QStyle, QTableView, QVBoxLayout, QWidget,
)

from planner.gui.clash_checker import ClashChecker
from planner.gui.findings_model import FindingsModel

if TYPE_CHECKING:  # (the rules load on the full check's worker thread, not while the window opens)
    from planner.rules import Finding, Suggestion

NO_FIX = "No automatic fix: edit the plan to resolve it."


class ClashPanel(QWidget):
    """Lists the checker's findings, conflicts first; selecting one reports it and lists its fixes."""

    findingSelected = Signal(object)  # Finding
    applyRequested = Signal(object, object)  # Finding, Suggestion

    def __init__(self, checker: ClashChecker, zone, parent=None):
        super().__init__(parent)
        self.checker = checker
        self.show_warnings = QCheckBox("Show &warnings", self)
        self.show_warnings.setChecked(True)
        self.show_warnings.toggled.connect(self.refresh)
        self.summary = QLabel(self)
        # Said when the last check failed: the findings listed are then an older check's, not the plan's.
        self.failure = QLabel(self)
        self.failure.setObjectName("checkFailed")
        self.failure.setWordWrap(True)
        self.failure.setTextFormat(Qt.TextFormat.PlainText)
        self.failure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.failure.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.failure.setStyleSheet("#checkFailed { background: #fdecea; color: #8e1b1b; border: 1px solid #c62828;"
                                   " padding: 3px; }")
        self.failure.setAccessibleName("Check failed")
        self.failure.setVisible(False)
        style = self.style()
        icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self._fix_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self.model = FindingsModel(zone, icons, self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Clashes")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self._when_width = self.fontMetrics().horizontalAdvance("2021-12-22 08:41 UTC → 2021-12-22") + 24
        self.table.setColumnWidth(1, self._when_width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.fixes = QListWidget(self)
        self.fixes.setAccessibleName("Suggested fixes")
        # A fix says where and why in one sentence: wrapped to the panel's width, never cut off.
        self.fixes.setWordWrap(True)
        self.fixes.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.fixes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        small = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.fixes.setIconSize(QSize(small, small))
        self.fixes.currentRowChanged.connect(lambda _row: self.apply_button.setEnabled(self.selected_suggestion() is not None))
        self.fixes.itemDoubleClicked.connect(lambda _item: self.apply_selected())
        self.apply_button = QPushButton("&Apply Fix", self)
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip("Apply the selected suggested fix (one undoable step)")
        self.apply_button.clicked.connect(self.apply_selected)
        # The selected finding's whole sentence (the table has room for its start only).
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.detail.setAccessibleName("Selected finding")
        self.detail.setVisible(False)
        fixes_box = QWidget(self)
        fixes_layout = QVBoxLayout(fixes_box)
        fixes_layout.setContentsMargins(0, 0, 0, 0)
        fixes_layout.addWidget(self.detail)
        fixes_head = QHBoxLayout()
        fixes_head.addWidget(QLabel("Suggested fixes:", self), 1)
        fixes_head.addWidget(self.apply_button)
        fixes_layout.addLayout(fixes_head)
        fixes_layout.addWidget(self.fixes)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(fixes_box)
        self._splitter, self._fixes_box = splitter, fixes_box
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_warnings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.failure)
        layout.addWidget(splitter)
        self._fixed: Finding | None = None  # the selected finding with its fixes worked out
        checker.findingsChanged.connect(self.refresh)
        checker.checkStarted.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        # In a narrow panel the sentence keeps at least half the row; the time window gives way.
        self.table.setColumnWidth(1, max(80, min(self._when_width, self.table.viewport().width() // 2)))

    # ------------------------------------------------------------------ showing

    def refresh(self) -> None:
        """Redraw from the checker (keeps the selected finding selected when it is still there)."""
        conflicts, warnings = self.checker.counts()
        error = self.checker.error
        self.failure.setText(f"Results not current: {error} The findings listed are from the last check that "
                             f"worked; the next edit checks the plan again." if error else "")
        self.failure.setVisible(bool(error))
        self.summary.setText("Checking the plan…" if self.checker.checking else "Check failed" if error else
                             f"{conflicts} conflict{'s' if conflicts != 1 else ''}, "
                             f"{warnings} warning{'s' if warnings != 1 else ''}")
        findings = self.checker.findings
        shown = findings if self.show_warnings.isChecked() else [f for f in findings if f.is_conflict]
        if shown == self.model.rows:
            return  # an edit that changed no finding: keep the selection and its fixes as they are
        selected = self.selected_finding()
        self.table.selectionModel().blockSignals(True)
        self.model.set_findings(shown)
        row = None
        if selected is not None:
            key = _key(selected)
            row = next((r for r, f in enumerate(shown) if _key(f) == key), None)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                                                        | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().blockSignals(False)
        self._show_fixes(shown[row] if row is not None else None)

    def _show_fixes(self, finding: Finding | None) -> None:
        self.fixes.clear()
        self.detail.setText(self.model.message(finding) if finding is not None else "")
        self.detail.setVisible(finding is not None)
        self._fixed = self.checker.with_fixes(finding) if finding is not None else None
        if self._fixed is not None:
            for suggestion in self._fixed.suggestions:
                item = QListWidgetItem(self._fix_icon, suggestion.text)
                item.setToolTip(f"{suggestion.text}\n\nDouble-click or press Apply Fix to apply it (undo with Ctrl+Z)")
                self.fixes.addItem(item)
            if not self._fixed.suggestions:
                item = QListWidgetItem(NO_FIX)
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.fixes.addItem(item)
            elif len(self._fixed.suggestions) == 1:
                self.fixes.setCurrentRow(0)
        self.apply_button.setEnabled(self.selected_suggestion() is not None)
        if finding is not None:
            self._fit_fixes()

    def _fit_fixes(self) -> None:
        """Give the selected finding's sentence and its fixes the room they need, up to half the panel (the list
        of findings gives way): a splitter keeps its sizes when what it holds grows, and would cut them off."""
        top, bottom = self._splitter.sizes()
        width = self._fixes_box.width()
        layout = self._fixes_box.layout()
        detail = self.detail.heightForWidth(width) if self.detail.isVisibleTo(self) else 0
        self.fixes.doItemsLayout()  # the items' wrapped heights at the list's width, now rather than when painted
        rows = sum(self.fixes.visualItemRect(self.fixes.item(i)).height() for i in range(self.fixes.count()))
        listed = max(rows, self.fontMetrics().lineSpacing()) + 2 * self.fixes.frameWidth() + 4
        need = max(detail, 0) + self.apply_button.sizeHint().height() + listed + 2 * layout.spacing()
        need = min(need, (top + bottom) // 2)
        if bottom < need:
            self._splitter.setSizes([top + bottom - need, need])

    def zone_changed(self) -> None:
        """The display time zone changed: the sentences and time windows are shown in it."""
        self.model.zone_changed()
        finding = self.selected_finding()
        self.detail.setText(self.model.message(finding) if finding is not None else "")

    # ------------------------------------------------------------------ selection

    def selected_finding(self) -> Finding | None:
        """The finding selected."""
        return self.model.finding(self.table.currentIndex())

    def selected_suggestion(self) -> Suggestion | None:
        """The fix selected in the fixes list."""
        row = self.fixes.currentRow()
        if self._fixed is None or not 0 <= row < len(self._fixed.suggestions):
            return None
        return self._fixed.suggestions[row]

    def select_row(self, row: int) -> None:
        """Select the finding in ``row`` (as a click does)."""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.model.finding(current)
        self._show_fixes(finding)
        if finding is not None:
            self.findingSelected.emit(finding)

    def apply_selected(self) -> None:
        """Apply the selected fix."""
        suggestion = self.selected_suggestion()
        if suggestion is not None:
            self.applyRequested.emit(self._fixed, suggestion)


def _key(finding: Finding) -> tuple:
    return (finding.rule, finding.vehicles, finding.people, finding.ports, finding.activities, finding.start)
