"""The timeline tab: a toolbar (zoom, fit, today, go to date, lane grouping, orbit layer, launch opportunities)
over the canvas."""

from __future__ import annotations

import time

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QScrollBar, QToolBar, QVBoxLayout, QWidget

from planner.gui.timeline.canvas import TimelineCanvas
from planner.gui.timeline.clock_bar import ClockBar
from planner.gui.timeline.layers.now import follow_clock


class TimelineView(QWidget):
    """The station timeline with its controls."""

    def __init__(self, doc, station, checker, cursor, zone=lambda: "UTC", parent=None):
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.canvas = TimelineCanvas(doc, station, checker, cursor, zone, self)
        self.scrollbar = QScrollBar(Qt.Orientation.Vertical, self)
        self.scrollbar.valueChanged.connect(self.canvas.set_scroll)
        self.canvas.viewChanged.connect(self._sync_scrollbar)
        self.toolbar = QToolBar("Timeline", self)
        self.toolbar.setObjectName("timelineToolbar")
        self.actions_by_name: dict[str, QAction] = {}
        # The keys zoom around the time cursor or the selection (the wheel: around the mouse).
        self._add("zoom_in", "Zoom In", lambda: self.canvas.zoom(2.0), ["Ctrl+=", "Ctrl++"],
                  "Show a shorter span around the time cursor or the selection")
        self._add("zoom_out", "Zoom Out", lambda: self.canvas.zoom(0.5), ["Ctrl+-"],
                  "Show a longer span around the time cursor or the selection")
        self._add("fit", "Fit All", self.canvas.fit_all, ["Ctrl+0"], "Show every stay and activity")
        self._add("today", "Today", self.today, ["Ctrl+T"], "Show today")
        self.toolbar.addSeparator()
        self.toolbar.addWidget(QLabel(" Go to ", self))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Go to date")
        self._show_cursor_date(cursor.time())
        cursor.timeChanged.connect(self._show_cursor_date)
        self._shown_day = self.date_edit.date()
        self.date_edit.editingFinished.connect(self._date_finished)
        self.date_edit.dateChanged.connect(lambda d: self.date_edit.calendarWidget().isVisible() and self.go_to_date(d))
        self.toolbar.addWidget(self.date_edit)
        self._add("go_to", "Go to Date", self.focus_date, ["Ctrl+G"], "Type a date and press Enter to show that day")
        self.toolbar.addSeparator()
        self.toolbar.addWidget(QLabel(" Activities by ", self))
        self.mode_combo = QComboBox(self)
        self.mode_combo.setAccessibleName("Activity lanes")
        self.mode_combo.addItem("person", "person")
        self.mode_combo.addItem("kind", "kind")
        self.mode_combo.currentIndexChanged.connect(lambda _i: self.canvas.set_mode(self.mode_combo.currentData()))
        self.toolbar.addWidget(self.mode_combo)
        orbit = self._add("orbit", "Day/Night && Passes", self._toggle_orbit, [],
                          "Show the station's day and night, ground-site passes and links to the ground (a band per "
                          "network) when zoomed to hours")
        orbit.setCheckable(True)
        orbit.setChecked(True)
        beta = self._add("beta", "Beta Angle", lambda: self.canvas.set_show_beta(beta.isChecked()), [],
                         "Show the station's solar beta angle in a strip above the ports, the spans when it is "
                         "above the high-beta threshold shaded")
        beta.setCheckable(True)
        beta.setChecked(True)
        launches = self._add("launches", "Launch Opportunities", self._toggle_launches, [],
                             "Mark the launch opportunities of the selected missions' launch sites when under 10 "
                             "days are shown")
        launches.setCheckable(True)
        launches.setChecked(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.canvas)
        row.addWidget(self.scrollbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        self.clock_bar = ClockBar(cursor, self)
        layout.addWidget(self.clock_bar)
        layout.addLayout(row)
        self._sync_scrollbar()

    def set_clock(self, clock) -> None:
        """Show now from ``clock`` (a WallClock): the now-line while the plan spans today, and now in GMT."""
        follow_clock(self.canvas, clock)
        self.clock_bar.follow(clock)

    def _add(self, name: str, text: str, slot, keys: list[str], tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Shortcuts act only while the timeline has focus: the calendar uses the same keys.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({', '.join(keys)})" if keys else tip)
        action.triggered.connect(lambda *_: slot())
        self.toolbar.addAction(action)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _toggle_launches(self) -> None:
        self.canvas.state.show_launches = self.actions_by_name["launches"].isChecked()
        self.canvas.update()

    def _toggle_orbit(self) -> None:
        self.canvas.state.show_orbit = self.actions_by_name["orbit"].isChecked()
        self.canvas.set_show_links(self.canvas.state.show_orbit)  # the links lane goes with them
        self.canvas.update()

    def _sync_scrollbar(self) -> None:
        self.scrollbar.blockSignals(True)
        self.scrollbar.setRange(0, self.canvas.max_scroll())
        self.scrollbar.setPageStep(max(1, self.canvas.height()))
        self.scrollbar.setValue(int(self.canvas.scroll_y))
        self.scrollbar.blockSignals(False)
        self.scrollbar.setVisible(self.canvas.max_scroll() > 0)

    def _show_cursor_date(self, when: float) -> None:
        # The box shows the day the views look at (without going there again).
        day = QDateTime.fromSecsSinceEpoch(int(when), QTimeZone.utc()).date() if when else QDate.currentDate()
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(day)
        self.date_edit.blockSignals(False)
        self._shown_day = self.date_edit.date()

    def focus_date(self) -> None:
        """Go to Date (Ctrl+G): the keyboard in the date box, its date selected to be typed over."""
        self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.date_edit.selectAll()

    def _date_finished(self) -> None:
        # Enter goes to the day in the box; leaving the box goes there only when a new day was typed (going
        # there again would undo whatever zoom or scroll came since: the view snapped back on the next click).
        day = self.date_edit.date()
        if self.date_edit.hasFocus() or day != self._shown_day:
            self.go_to_date(day)

    def today(self) -> None:
        """Show the two days around now."""
        now = self.canvas.clock.now() if self.canvas.clock is not None else time.time()
        self.canvas.show_window(now - 86400, now + 86400, margin=0.0)

    def go_to_date(self, date: QDate) -> None:
        """Show that day (UTC) from midnight to midnight and put the cursor at its start."""
        start = QDateTime(date, QTime(0, 0), QTimeZone.utc()).toSecsSinceEpoch()
        self.canvas.show_window(start, start + 86400, margin=0.02)
        self.canvas.cursor.set_time(float(start))
        self._shown_day = date


