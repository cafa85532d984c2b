"""The clash panel: every finding with its severity, time window and suggested fixes."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from planner.gui.clash_checker import ClashChecker
from planner.model.display_time import format_in_zone
from planner.model.times import from_epoch
from planner.rules import Finding, Suggestion

# Items keep row numbers into the panel's own lists, never Python objects (Qt item data holding Python
# objects that are freed while the tree is rebuilt has crashed PySide in the past).
_FINDING_ROLE = Qt.ItemDataRole.UserRole + 10
_SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 11


class ClashPanel(QWidget):
    """Lists the checker's findings, conflicts first; selecting one reports it, a fix can be applied."""

    findingSelected = Signal(object)  # Finding
    applyRequested = Signal(object, object)  # Finding, Suggestion

    def __init__(self, checker: ClashChecker, zone, parent=None):
        super().__init__(parent)
        self.checker, self.zone = checker, zone
        self.show_warnings = QCheckBox("Show &warnings", self)
        self.show_warnings.setChecked(True)
        self.show_warnings.toggled.connect(self.refresh)
        self.summary = QLabel(self)
        self.apply_button = QPushButton("&Apply Fix", self)
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip("Apply the selected suggested fix (one undoable step)")
        self.apply_button.clicked.connect(self.apply_selected)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Clashes")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Finding", "When"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(120)
        self.tree.setColumnWidth(1, self.fontMetrics().horizontalAdvance("2021-12-22 08:41 UTC → 2021-12-22") + 24)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemExpanded.connect(self._fill_suggestions)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_warnings)
        top.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        style = self.style()
        self._icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        self._fix_icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self._shown: list[Finding] = []  # what the tree shows, by top-level row
        self._fixes: dict[int, Finding] = {}  # findings whose fixes were worked out, by row
        checker.findingsChanged.connect(self.refresh)
        self.refresh()

    def window_text(self, finding: Finding) -> str:
        """The finding's time window in the display time zone."""
        start = format_in_zone(from_epoch(finding.start), self.zone(), seconds=False)
        if math.isinf(finding.end):
            return f"{start} onwards"
        if finding.end <= finding.start:
            return start
        return f"{start} → {format_in_zone(from_epoch(finding.end), self.zone(), seconds=False)}"

    def refresh(self) -> None:
        """Redraw from the checker (keeps the selected finding selected when it is still there)."""
        conflicts, warnings = self.checker.counts()
        self.summary.setText(f"{conflicts} conflict{'s' if conflicts != 1 else ''}, "
                             f"{warnings} warning{'s' if warnings != 1 else ''}")
        shown = [f for f in sorted(self.checker.findings, key=Finding.sort_key)
                 if f.is_conflict or self.show_warnings.isChecked()]
        if shown == self._shown and self.tree.topLevelItemCount() == len(shown):
            return  # an edit that changed no finding: keep the tree (and its expanded fixes) as it is
        selected = self.selected_finding()
        self.tree.blockSignals(True)
        self.tree.clear()
        self._shown, self._fixes = shown, {}
        keep = None
        for row, finding in enumerate(shown):
            item = QTreeWidgetItem([finding.message, self.window_text(finding)])
            item.setIcon(0, self._icons[finding.is_conflict])
            severity = "Conflict" if finding.is_conflict else "Warning"
            item.setToolTip(0, f"{severity} ({finding.rule}): {finding.message}")
            item.setToolTip(1, self.window_text(finding))
            item.setData(0, _FINDING_ROLE, row)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.tree.addTopLevelItem(item)
            if selected is not None and _same(finding, selected):
                keep = item
        if keep is not None:
            keep.setSelected(True)
        self.tree.blockSignals(False)
        self.apply_button.setEnabled(self.selected_suggestion() is not None)

    def _finding_of(self, item: QTreeWidgetItem) -> Finding:
        row = (item.parent() or item).data(0, _FINDING_ROLE)
        return self._fixes.get(row, self._shown[row])

    def selected_finding(self) -> Finding | None:
        """The finding selected (or whose fix is selected)."""
        items = self.tree.selectedItems()
        return self._finding_of(items[0]) if items else None

    def selected_suggestion(self) -> Suggestion | None:
        """The fix selected, if a fix row is selected."""
        items = self.tree.selectedItems()
        if not items or items[0].parent() is None or items[0].data(0, _SUGGESTION_ROLE) is None:
            return None
        return self._finding_of(items[0]).suggestions[items[0].data(0, _SUGGESTION_ROLE)]

    def _fill_suggestions(self, item: QTreeWidgetItem) -> None:
        if item.parent() is not None or item.childCount():
            return
        row = item.data(0, _FINDING_ROLE)
        finding = self.checker.with_fixes(self._shown[row])
        self._fixes[row] = finding
        if not finding.suggestions:
            child = QTreeWidgetItem(["No automatic fix: edit the plan to resolve it"])
            child.setFlags(Qt.ItemFlag.NoItemFlags)
            item.addChild(child)
            return
        for index, suggestion in enumerate(finding.suggestions):
            child = QTreeWidgetItem([f"Fix: {suggestion.text}"])
            child.setIcon(0, self._fix_icon)
            child.setToolTip(0, "Double-click or press Apply Fix to apply it (undo with Ctrl+Z)")
            child.setData(0, _SUGGESTION_ROLE, index)
            item.addChild(child)

    def _selection_changed(self) -> None:
        finding = self.selected_finding()
        self.apply_button.setEnabled(self.selected_suggestion() is not None)
        if finding is not None:
            self.findingSelected.emit(finding)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is not None and item.data(0, _SUGGESTION_ROLE) is not None:
            finding = self._finding_of(item)
            self.applyRequested.emit(finding, finding.suggestions[item.data(0, _SUGGESTION_ROLE)])

    def apply_selected(self) -> None:
        """Apply the selected fix."""
        suggestion = self.selected_suggestion()
        if suggestion is not None:
            self.applyRequested.emit(self.selected_finding(), suggestion)

    def expand_all(self) -> None:
        """Show every finding's fixes."""
        for index in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(index).setExpanded(True)


def _same(a: Finding, b: Finding) -> bool:
    return (a.rule, a.vehicles, a.people, a.ports, a.activities, a.start) == (b.rule, b.vehicles, b.people, b.ports, b.activities, b.start)
