"""The checker's findings as a flat Qt table model: a row per finding, its message and time window.

A flat model shown in a table view: a plan with tens of thousands of findings refreshes in one reset and
the view asks only for the rows on screen (a tree view lays out every row after a reset).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from planner.model.display_time import format_in_zone
from planner.model.times import from_epoch

if TYPE_CHECKING:  # (the rules load on the full check's worker thread, not while the window opens)
    from planner.rules import Finding

# An instant as the rules write it in a sentence: "2021-12-22 08:41 UTC" (seconds optional).
_UTC_IN_TEXT = re.compile(r"\b(\d{4}-\d\d-\d\d) (\d\d:\d\d)(:\d\d)? UTC\b")


def message_in_zone(message: str, zone: str) -> str:
    """A finding's sentence with the instants it names shown in the display time zone (the rules write UTC)."""
    if zone == "UTC":
        return message

    def local(match: re.Match) -> str:
        when = datetime.fromisoformat(f"{match[1]}T{match[2]}{match[3] or ''}+00:00")
        return format_in_zone(when, zone, seconds=bool(match[3]))

    return _UTC_IN_TEXT.sub(local, message)


class FindingsModel(QAbstractTableModel):
    """One row per finding: message (with a severity icon) and time window."""

    HEADERS = ("Finding", "When")

    def __init__(self, zone, icons: dict, parent=None):
        super().__init__(parent)
        self.zone, self._icons = zone, icons
        self.rows: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Show these findings."""
        self.beginResetModel()
        self.rows = list(findings)
        self.endResetModel()

    def finding(self, index: QModelIndex) -> Finding | None:
        """The finding of a row, or None."""
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def window_text(self, finding: Finding) -> str:
        """The finding's time window in the display time zone."""
        start = format_in_zone(from_epoch(finding.start), self.zone(), seconds=False)
        if math.isinf(finding.end):
            return f"{start} onwards"
        if finding.end <= finding.start:
            return start
        return f"{start} → {format_in_zone(from_epoch(finding.end), self.zone(), seconds=False)}"

    def message(self, finding: Finding) -> str:
        """The finding's sentence, its instants in the display time zone."""
        return message_in_zone(finding.message, self.zone())

    def zone_changed(self) -> None:
        """The display time zone changed: every cell's text did."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.HEADERS) - 1))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        finding = self.finding(index)
        if finding is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.message(finding) if index.column() == 0 else self.window_text(finding)
        if role == Qt.ItemDataRole.ToolTipRole:
            severity = "Conflict" if finding.is_conflict else "Warning"
            return (f"{severity} ({finding.rule}): {self.message(finding)}" if index.column() == 0
                    else self.window_text(finding))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._icons[finding.is_conflict]
        return None
