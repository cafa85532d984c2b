"""The strip over the timeline's lanes that reads the time cursor on the station's three clocks (GMT with its day
of year, Houston, Moscow) and, on the right, now in GMT."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from planner.model.clocks import clocks_at


class ClockBar(QWidget):
    """``Cursor  GMT 279/08:55 · Houston 03:55 CDT · Moscow 11:55`` and ``Now GMT 336/09:41``."""

    def __init__(self, cursor, parent=None):
        super().__init__(parent)
        self.setObjectName("timelineClocks")
        self.cursor_label = QLabel(self)
        self.cursor_label.setAccessibleName("Time cursor on the station's clocks")
        self.cursor_label.setToolTip("The time cursor on the station's clocks: GMT (the station's time) with the day "
                                     "of year, Mission Control Houston (Central time, with its daylight-saving "
                                     "changes) and Mission Control Moscow; click empty time to move the cursor")
        self.cursor_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.now_label = QLabel(self)
        self.now_label.setAccessibleName("Now on the station's clock")
        self.now_label.setToolTip("Now, GMT day of year and time (the dashed line on the timeline when the plan "
                                  "spans today)")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.cursor_label)
        row.addStretch(1)
        row.addWidget(self.now_label)
        self.now_label.hide()
        cursor.timeChanged.connect(self.show_cursor)
        self.show_cursor(cursor.time())

    def show_cursor(self, when: float) -> None:
        """Read the cursor's instant on the three clocks."""
        self.cursor_label.setText(f"Cursor   {clocks_at(when).text('  ·  ')}")

    def follow(self, clock) -> None:
        """Show ``clock``'s now (a WallClock), minute by minute."""
        clock.ticked.connect(self.show_now)
        self.show_now(clock.now())

    def show_now(self, now: float) -> None:
        """Read now in GMT."""
        self.now_label.setText(f"Now   GMT {clocks_at(now).gmt}")
        self.now_label.show()
