"""Help > Keyboard Shortcuts: every shortcut the window's actions hold, read from the actions themselves.

The list is made when the page opens, from the menus (File, Edit, View, ...) and the actions the central views
add to themselves (the timeline's and the calendar's keys, which act while that view has the keyboard), then the
panels' own (the time list's status keys), so it never disagrees with what the keys do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)


def _keys(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def _menu_rows(menu, where: str, seen: set) -> list[tuple[str, str, str]]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), f"{where} ▸ {action.text().replace('&', '')}", seen)
        elif not action.isSeparator() and _keys(action) and id(action) not in seen:
            seen.add(id(action))
            rows.append((where, action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), _keys(action)))
    return rows


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(where, command, keys) for every action of ``window`` with a shortcut: the menus first, then each tab's."""
    seen: set = set()
    rows = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), action.text().replace("&", ""), seen)
    tabs = window.central_tabs
    for index in range(tabs.count()):
        page = window.lazy_tabs.widget(index)  # a view built when first shown is built now: its keys are listed
        for action in page.actions():
            if _keys(action) and id(action) not in seen:
                seen.add(id(action))
                command = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                rows.append((f"{tabs.tabText(index)} tab", command, _keys(action)))
    for dock in window.docks.values():  # keys of a panel's own (e.g. the time list's status keys)
        for widget in dock.widget().findChildren(QWidget):
            for action in widget.actions():
                if _keys(action) and id(action) not in seen:
                    seen.add(id(action))
                    rows.append((f"{dock.windowTitle()} panel", action.text().replace("&", ""), _keys(action)))
    return rows


class ShortcutsDialog(QDialog):
    """A table of the shortcuts: where they act, the command, the keys."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Where", "Command", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, min(640, 80 + 26 * len(rows)))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table lists."""
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]
