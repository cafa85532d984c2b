"""The clash panel: every finding with its severity, time window and suggested fixes."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle, QTreeView, QVBoxLayout,
    QWidget,
)

from planner.gui.clash_checker import ClashChecker
from planner.gui.findings_model import FindingsModel
from planner.rules import Finding, Suggestion


class ClashPanel(QWidget):
    """Lists the checker's findings, conflicts first; selecting one reports it, a fix can be applied."""

    findingSelected = Signal(object)  # Finding
    applyRequested = Signal(object, object)  # Finding, Suggestion

    def __init__(self, checker: ClashChecker, zone, parent=None):
        super().__init__(parent)
        self.checker = checker
        self.show_warnings = QCheckBox("Show &warnings", self)
        self.show_warnings.setChecked(True)
        self.show_warnings.toggled.connect(self.refresh)
        self.summary = QLabel(self)
        self.apply_button = QPushButton("&Apply Fix", self)
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip("Apply the selected suggested fix (one undoable step)")
        self.apply_button.clicked.connect(self.apply_selected)
        style = self.style()
        icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        self.model = FindingsModel(checker.with_fixes, zone, icons,
                                   style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), self)
        self.tree = QTreeView(self)
        self.tree.setAccessibleName("Clashes")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(120)
        self.tree.setColumnWidth(1, self.fontMetrics().horizontalAdvance("2021-12-22 08:41 UTC → 2021-12-22") + 24)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(self._double_clicked)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_warnings)
        top.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        checker.findingsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the checker (keeps the selected finding selected when it is still there)."""
        conflicts, warnings = self.checker.counts()
        self.summary.setText(f"{conflicts} conflict{'s' if conflicts != 1 else ''}, "
                             f"{warnings} warning{'s' if warnings != 1 else ''}")
        findings = self.checker.findings
        shown = findings if self.show_warnings.isChecked() else [f for f in findings if f.is_conflict]
        if shown == self.model.rows:
            return  # an edit that changed no finding: keep the view (and its expanded fixes) as it is
        selected = self.selected_finding()
        self.model.set_findings(shown)
        if selected is not None:
            key = _key(selected)
            row = next((r for r, f in enumerate(shown) if _key(f) == key), None)
            if row is not None:
                self.tree.setCurrentIndex(self.model.index(row, 0))
        self.apply_button.setEnabled(self.selected_suggestion() is not None)

    def selected_finding(self) -> Finding | None:
        """The finding selected (or whose fix is selected)."""
        return self.model.finding(self.tree.currentIndex())

    def selected_suggestion(self) -> Suggestion | None:
        """The fix selected, if a fix row is selected."""
        return self.model.suggestion(self.tree.currentIndex())

    def select_row(self, row: int) -> None:
        """Select the finding in ``row`` (as a click does)."""
        self.tree.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                   QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.apply_button.setEnabled(self.model.suggestion(current) is not None)
        finding = self.model.finding(current)
        if finding is not None:
            self.findingSelected.emit(finding)

    def _double_clicked(self, index: QModelIndex) -> None:
        suggestion = self.model.suggestion(index)
        if suggestion is not None:
            self.applyRequested.emit(self.model.finding(index), suggestion)

    def apply_selected(self) -> None:
        """Apply the selected fix."""
        suggestion = self.selected_suggestion()
        if suggestion is not None:
            self.applyRequested.emit(self.selected_finding(), suggestion)

    def expand_all(self) -> None:
        """Show every finding's fixes (works them all out: meant for small plans and tests)."""
        self.tree.expandAll()


def _key(finding: Finding) -> tuple:
    return (finding.rule, finding.vehicles, finding.people, finding.ports, finding.activities, finding.start)
