"""The checker's findings as a Qt tree model: a row per finding, its suggested fixes as child rows.

A model (not a tree of items) so that a plan with tens of thousands of findings refreshes in one reset
and the view asks only for the rows it shows. Fixes are worked out when a finding is first expanded.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from planner.model.display_time import format_in_zone
from planner.model.times import from_epoch
from planner.rules import Finding, Suggestion

_TOP = 0  # internal id of finding rows; a fix row's id is its finding's row + 1

NO_FIX = "No automatic fix: edit the plan to resolve it"


class FindingsModel(QAbstractItemModel):
    """Findings (top level) and their fixes (children)."""

    HEADERS = ("Finding", "When")

    def __init__(self, with_fixes, zone, icons: dict, fix_icon, parent=None):
        super().__init__(parent)
        self._with_fixes, self.zone = with_fixes, zone
        self._icons, self._fix_icon = icons, fix_icon
        self.rows: list[Finding] = []
        self._fixed: dict[int, Finding] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings (fixes are forgotten: the plan changed)."""
        self.beginResetModel()
        self.rows = list(findings)
        self._fixed = {}
        self.endResetModel()

    # -- lookups ---------------------------------------------------------------------------------------

    def finding(self, index: QModelIndex) -> Finding | None:
        """The finding of a row (a fix row gives its finding, with fixes)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == _TOP else index.internalId() - 1
        return self._fixed.get(row, self.rows[row])

    def suggestion(self, index: QModelIndex) -> Suggestion | None:
        """The fix of a fix row (None for finding rows and 'no fix' rows)."""
        if not index.isValid() or index.internalId() == _TOP:
            return None
        fixes = self.fixed(index.internalId() - 1).suggestions
        return fixes[index.row()] if index.row() < len(fixes) else None

    def fixed(self, row: int) -> Finding:
        """The finding of ``row`` with its fixes worked out (once)."""
        if row not in self._fixed:
            self._fixed[row] = self._with_fixes(self.rows[row])
        return self._fixed[row]

    def window_text(self, finding: Finding) -> str:
        """The finding's time window in the display time zone."""
        start = format_in_zone(from_epoch(finding.start), self.zone(), seconds=False)
        if math.isinf(finding.end):
            return f"{start} onwards"
        if finding.end <= finding.start:
            return start
        return f"{start} → {format_in_zone(from_epoch(finding.end), self.zone(), seconds=False)}"

    # -- Qt model interface ----------------------------------------------------------------------------

    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid():
            if parent.internalId() != _TOP or not 0 <= row < self.rowCount(parent):
                return QModelIndex()
            return self.createIndex(row, column, parent.row() + 1)
        if not 0 <= row < len(self.rows) or not 0 <= column < len(self.HEADERS):
            return QModelIndex()
        return self.createIndex(row, column, _TOP)

    def parent(self, index=QModelIndex()):  # noqa: D102 (Qt)
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self.rows)
        if parent.internalId() != _TOP or parent.column() != 0:
            return 0
        return max(1, len(self.fixed(parent.row()).suggestions))

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802
        # Every finding can be expanded (to its fixes or 'no fix'), without working the fixes out yet.
        if not parent.isValid():
            return bool(self.rows)
        return parent.internalId() == _TOP and parent.column() == 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index):
        if index.isValid() and index.internalId() != _TOP and self.suggestion(index) is None:
            return Qt.ItemFlag.NoItemFlags  # the 'no automatic fix' line
        return super().flags(index)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            finding = self.rows[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return finding.message if index.column() == 0 else self.window_text(finding)
            if role == Qt.ItemDataRole.ToolTipRole:
                severity = "Conflict" if finding.is_conflict else "Warning"
                return f"{severity} ({finding.rule}): {finding.message}" if index.column() == 0 else self.window_text(finding)
            if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
                return self._icons[finding.is_conflict]
            return None
        if index.column() != 0:
            return None
        suggestion = self.suggestion(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"Fix: {suggestion.text}" if suggestion else NO_FIX
        if role == Qt.ItemDataRole.ToolTipRole and suggestion:
            return "Double-click or press Apply Fix to apply it (undo with Ctrl+Z)"
        if role == Qt.ItemDataRole.DecorationRole and suggestion:
            return self._fix_icon
        return None
