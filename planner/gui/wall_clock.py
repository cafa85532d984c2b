"""Now, for the views that show it (the timeline's now-line and clocks, the time list's countdowns).

It ticks once a minute, on the minute (what is shown is worded to the minute), so the views follow the time
without a repaint a second. Tests set the time (:meth:`WallClock.set_now`) rather than wait for it.
"""

from __future__ import annotations

import time as wallclock

from PySide6.QtCore import QObject, QTimer, Signal


class WallClock(QObject):
    """The current instant (epoch seconds UTC), from the computer's clock or set by a test."""

    #: the minute changed (or the time was set): now, epoch seconds
    ticked = Signal(float)

    def __init__(self, now: float | None = None, parent=None):
        super().__init__(parent)
        self._fixed = now
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._arm()

    def now(self) -> float:
        """The current instant, epoch seconds UTC."""
        return wallclock.time() if self._fixed is None else self._fixed

    def set_now(self, when: float | None) -> None:
        """Hold the clock at ``when`` (None: follow the computer's clock again) and tell the views."""
        self._fixed = None if when is None else float(when)
        self.ticked.emit(self.now())

    def _tick(self) -> None:
        self.ticked.emit(self.now())
        self._arm()

    def _arm(self) -> None:
        # Just past the next whole minute of the computer's clock.
        self._timer.start(int((60.0 - wallclock.time() % 60.0) * 1000) + 50)
