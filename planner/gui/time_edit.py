"""Editing UTC instants: a date-time field that always shows and returns UTC."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QTimeZone, Signal
from PySide6.QtWidgets import QDateTimeEdit

from planner.model.times import UTC

_UTC_ZONE = QTimeZone.utc()


def to_qdatetime(when: datetime) -> QDateTime:
    """An aware datetime as a UTC QDateTime (to the millisecond)."""
    return QDateTime.fromMSecsSinceEpoch(int(round(when.timestamp() * 1000)), _UTC_ZONE)


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime as an aware UTC datetime."""
    return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, UTC)


class UtcDateTimeEdit(QDateTimeEdit):
    """``2021-10-05 12:22:31 UTC``; emits :attr:`utcChanged` only when the user finishes an edit."""

    utcChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTimeZone(_UTC_ZONE)
        self.setDisplayFormat("yyyy-MM-dd HH:mm:ss 'UTC'")
        self.setCalendarPopup(True)
        self.setMinimumDateTime(QDateTime.fromString("1957-10-04T00:00:00Z", "yyyy-MM-ddTHH:mm:ssZ"))
        self.editingFinished.connect(self._finished)
        self._last: datetime | None = None

    def set_utc(self, when: datetime | None) -> None:
        """Show ``when`` (None shows the minimum, blank-looking)."""
        self.blockSignals(True)
        if when is None:
            self.setDateTime(self.minimumDateTime())
        else:
            self.setDateTime(to_qdatetime(when))
        self.blockSignals(False)
        self._last = when

    def utc(self) -> datetime:
        """The instant shown."""
        return from_qdatetime(self.dateTime())

    def _finished(self) -> None:
        value = self.utc()
        if self._last is None or abs((value - self._last).total_seconds()) >= 0.001:
            self._last = value
            self.utcChanged.emit(value)
