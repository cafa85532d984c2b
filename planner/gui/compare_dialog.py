"""The Compare With… dialog: what differs between the plan in the window and a project file, grouped as the planner
thinks of it (missions, events, people, activities, ...), each record with its changed fields side by side, and
the findings each plan has that the other has not.

While it is open the changed missions and activities of the window's plan are marked on the timeline
(:mod:`planner.gui.timeline.layers.changes`); Clear Marks or closing the dialog takes the marks off. Clicking a
mission, event or activity selects it in the window. An edit of the plan meanwhile is said, and Compare Again
compares anew; a new plan opened in the window closes the dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from planner.compare.diff import ADDED, CHANGED, REMOVED, ProjectDiff
from planner.compare.findings import finding_line
from planner.compare.words import change_words, field_words, list_change_words, value_words
from planner.gui.timeline.layers.changes import ChangedItems

HERE = "This plan"
_EDITED = "This plan has been edited since: Compare Again compares it as it is now."
_RECORD = Qt.ItemDataRole.UserRole  # a record row's (section, id, mission id)
#: what a record's row says in the two plans' columns
_STATES = {CHANGED: ("", ""), REMOVED: ("only here", "—"), ADDED: ("—", "only there")}


class CompareDialog(QDialog):
    """The differences from the window's plan (A) to the file (B), and the timeline marks of A's changed items."""

    def __init__(self, window, path: Path, diff: ProjectDiff, again=None):
        """``again``: what Compare Again calls (File > Compare With… gives its comparison of the same file)."""
        super().__init__(window)
        self.window_, self.path, self.diff, self._again = window, Path(path), diff, again
        self.setWindowTitle(f"Compare With {self.path.name}")
        self.marked: ChangedItems | None = None
        self._canvas = None
        self._build()
        self.finished.connect(lambda _r: self.clear_marks())
        window.doc.projectReset.connect(self.close)
        window.doc.itemsChanged.connect(self._plan_edited)
        self.resize(860, 560)
        self.mark()

    # ------------------------------------------------------------------ contents

    def _build(self) -> None:
        diff, other = self.diff, self.path.name
        self.summary = QLabel(self._summary(), self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Differences")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["", HERE, other])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        bold = QFont(self.font())
        bold.setBold(True)
        for title, changes in diff.by_section():
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(changes)})"])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            for change in changes:
                here, there = _STATES[change.change]
                row = QTreeWidgetItem(group, [change.record.heading, here, there])
                row.setToolTip(0, change.record.heading)
                row.setData(0, _RECORD, (change.section, change.record.id, change.record.parent))
                if change.change == CHANGED:
                    for item in change.fields:
                        old, new = change_words(item.old, item.new, item.field, diff.names)
                        change = list_change_words(item.old, item.new, item.field, diff.names)
                        label = field_words(item.field) + (f" ({change})" if change else "")  # what a list lost
                        leaf = QTreeWidgetItem(row, [label, old, new])
                        leaf.setToolTip(0, label)
                        for column, value in ((1, item.old), (2, item.new)):  # the whole value
                            leaf.setToolTip(column, value_words(value, item.field, diff.names, limit=None))
                    row.setExpanded(True)
            group.setExpanded(True)
        for title, found in ((f"Findings only in {HERE.lower()}", diff.only_a),
                             (f"Findings only in {other}", diff.only_b)):
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(found)})"])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            for finding in found:
                leaf = QTreeWidgetItem(group, [finding_line(finding)])
                leaf.setFirstColumnSpanned(True)
                leaf.setToolTip(0, finding.message)
            group.setExpanded(True)
        self.tree.setColumnWidth(0, 310)
        self.tree.setColumnWidth(1, 260)
        self.tree.currentItemChanged.connect(self._picked)

        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.clear_button = QPushButton("Clear Marks", self)
        self.clear_button.setToolTip("Take the marks of the changed missions and activities off the timeline")
        self.clear_button.setAutoDefault(False)  # Enter closes; clearing is asked for
        self.clear_button.clicked.connect(self.clear_marks)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.again_button = QPushButton("Compare Again", self)
        self.again_button.setAutoDefault(False)
        self.again_button.setToolTip(f"Read {self.path.name} again and compare it with the plan as it is now")
        self.again_button.clicked.connect(self.compare_again)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.legend)
        layout.addWidget(buttons)

    def _summary(self) -> str:
        diff, other = self.diff, self.path.name
        if diff.same:
            return f"This plan and {other} are the same plan."
        count = sum(1 for c in diff.changes if c.section != "events")
        events = len(diff.changes) - count
        records = f"{count} record{'s' if count != 1 else ''}" + (
            f" and {events} event{'s' if events != 1 else ''}" if events else "")
        return (f"This plan compared with {self.path}: {records} differ. Findings: {len(diff.only_a) or 'none'} only "
                f"in this plan, {len(diff.only_b) or 'none'} only in {other}.")

    def _plan_edited(self, *_args) -> None:
        if not self.summary.text().endswith(_EDITED):
            self.summary.setText(self.summary.text() + " " + _EDITED)

    def compare_again(self):
        """Compare the file, read again, with the plan as it is now (this dialog gives way to the new one)."""
        return self._again() if self._again is not None else None

    # ------------------------------------------------------------------ the timeline

    def mark(self) -> None:
        """Mark this plan's changed missions and activities on the timeline."""
        marked = ChangedItems(frozenset(self.diff.changed_ids("missions", "a")),
                              frozenset(self.diff.changed_ids("activities", "a")))
        canvas = self._timeline_canvas()
        if not marked or canvas is None:
            self.legend.setText("Nothing of this plan to mark on the timeline: what differs is listed above.")
            self.clear_button.setEnabled(False)
            return
        self.marked, self._canvas = marked, canvas
        canvas.state.changed = marked
        canvas.update()
        self.clear_button.setEnabled(True)
        missions, activities = len(marked.missions), len(marked.activities)
        self.legend.setText(f"{missions} mission{'s' if missions != 1 else ''} and {activities} activit"
                            f"{'y' if activities == 1 else 'ies'} of this plan that differ "
                            f"{'is' if missions + activities == 1 else 'are'} marked on the timeline (edged in "
                            "violet) until the marks are cleared or this dialog is closed.")

    def clear_marks(self) -> None:
        """Take the marks off the timeline."""
        canvas, self._canvas, self.marked = self._canvas, None, None
        if canvas is not None:
            try:
                canvas.state.changed = None
                canvas.update()
            except RuntimeError:  # the window went first
                pass
        try:
            self.clear_button.setEnabled(False)
            self.legend.setText("The timeline's marks are cleared.")
        except RuntimeError:
            pass

    def _timeline_canvas(self):
        window = self.window_
        tabs = getattr(window, "central_tabs", None)
        if tabs is None:
            return None
        view = window.timeline_view
        if view is None:
            return None
        tabs.setCurrentWidget(view)
        return view.canvas

    def _picked(self, item, _previous) -> None:
        if item is None:
            return
        found = item.data(0, _RECORD) or (item.parent().data(0, _RECORD) if item.parent() is not None else None)
        if not found:
            return
        section, ident, parent = found
        if section == "events":
            section, ident = "missions", parent
        views = getattr(self.window_, "views", {})
        if section in ("missions", "activities", "people", "sites", "element_sets") and section in views:
            views[section].select_ids([ident])
