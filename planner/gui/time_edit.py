"""Editing UTC instants: a date-time field that always shows and returns UTC.

The field is a text field, not a section editor: what is typed or pasted is the instant, read whole when the
edit is finished (Enter, or leaving the field), and a text that is no instant is refused with a red field
and a sentence saying why, never half-applied. Over a complete time, digits type over the digits (Home +
``2021`` changes the year), Up/Down step the part under the cursor, and the calendar button picks a day.
Undo and Redo reach the plan unless the field holds typing of its own not yet finished.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, QPoint, QRect, Qt, QTimeZone, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QToolTip, QWidgetAction

from planner.model.times import UTC, TimeFormatError, format_typed_utc, parse_typed_utc

_UTC_ZONE = QTimeZone.utc()
# What the field shows: a complete instant, the form typing over works on.
_SHOWN = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})? UTC")
# The parts Up/Down step: (first, last) character of year, month, day, hour, minute, second.
_PARTS = ((0, 4), (5, 7), (8, 10), (11, 13), (14, 16), (17, 19))


def to_qdatetime(when: datetime) -> QDateTime:
    """An aware datetime as a UTC QDateTime (to the millisecond)."""
    return QDateTime.fromMSecsSinceEpoch(int(round(when.timestamp() * 1000)), _UTC_ZONE)


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime as an aware UTC datetime."""
    return datetime.fromtimestamp(value.toMSecsSinceEpoch() / 1000, UTC)


class UtcDateTimeEdit(QLineEdit):
    """``2021-10-05 12:22:31 UTC``; emits :attr:`utcChanged` only when the user finishes an edit with an instant
    other than the one shown. :attr:`undo_stack`, when set, takes Undo/Redo keys no window shortcut took."""

    utcChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = None
        self._last: datetime | None = None
        self._shown = ""  # the text last shown for the value: unchanged text is no edit
        self._problem = ""
        self.setPlaceholderText("YYYY-MM-DD HH:MM:SS UTC")
        width = self.fontMetrics().horizontalAdvance("2021-10-05 12:22:31.000 UTC") + 48
        self.setMinimumWidth(width)
        self.calendar_action = QAction(_calendar_icon(self), "Pick a day", self)
        self.calendar_action.setToolTip("Pick a day on a calendar (the time of day stays)")
        self.calendar_action.triggered.connect(self._pick_day)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._finished)
        self.textEdited.connect(lambda _text: self._set_problem(""))

    # ------------------------------------------------------------------ the value

    def set_utc(self, when: datetime | None) -> None:
        """Show ``when`` (None: an empty field)."""
        self._last = when
        self._show(when)

    def utc(self) -> datetime | None:
        """The instant the field holds: the text when it is one, else the last instant accepted."""
        try:
            return parse_typed_utc(self.text())
        except TimeFormatError:
            return self._last

    def problem(self) -> str:
        """Why the text was refused when the edit was last finished ('' when it was not)."""
        return self._problem

    def setDateTime(self, value: QDateTime) -> None:  # noqa: N802 (the QDateTimeEdit name)
        """Put ``value`` in the field as if typed; it counts once the edit is finished."""
        self.setText(format_typed_utc(from_qdatetime(value)))

    def dateTime(self) -> QDateTime:  # noqa: N802 (the QDateTimeEdit name)
        """:meth:`utc` as a QDateTime (an invalid one for an empty field)."""
        when = self.utc()
        return QDateTime() if when is None else to_qdatetime(when)

    def _show(self, when: datetime | None) -> None:
        self._shown = "" if when is None else format_typed_utc(when)
        self.setText(self._shown)  # also clears isModified(): no typing of its own
        self._set_problem("")

    def _finished(self) -> None:
        text = self.text()
        if text == self._shown:
            return
        try:
            value = parse_typed_utc(text)
        except TimeFormatError as exc:
            self._set_problem(str(exc))
            return
        self._set_problem("")
        changed = self._last is None or abs((value - self._last).total_seconds()) >= 0.001
        self._last = value
        self._show(value)
        if changed:
            self.utcChanged.emit(value)

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        self.setPalette(QPalette())  # the inherited colours (light or dark theme)
        if problem:  # the field's background turns towards red, readable in either theme
            palette = self.palette()
            base, red = palette.color(QPalette.ColorRole.Base), QColor("#e53935")
            palette.setColor(QPalette.ColorRole.Base, QColor.fromRgbF(*(0.7 * b + 0.3 * r for b, r in zip(
                base.getRgbF()[:3], red.getRgbF()[:3]))))
            self.setPalette(palette)
            if self.isVisible():
                QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), problem, self)
        self.setToolTip(f"{problem} (Escape puts back {self._shown or 'the empty field'})" if problem else "")
        self.setAccessibleDescription(problem)

    # ------------------------------------------------------------------ keys

    def event(self, event) -> bool:
        # A line edit claims Undo/Redo for its own text. With no typing of its own pending, let them through
        # to the window's Undo/Redo: they undo the plan, as everywhere else in the window.
        if (event.type() == QEvent.Type.ShortcutOverride and not self.isModified()
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if not self.isModified() and self.undo_stack is not None:
            # No window shortcut took the key (e.g. a window that binds Redo to Ctrl+Y only): undo the plan here.
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo_stack.undo()
                return
            if event.matches(QKeySequence.StandardKey.Redo):
                self.undo_stack.redo()
                return
        if event.matches(QKeySequence.StandardKey.Paste):
            self._paste()
            return
        if event.key() == Qt.Key.Key_Escape and self.text() != self._shown:
            self._show(self._last)
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._step(1 if event.key() == Qt.Key.Key_Up else -1):
            return
        if self._type_over(event.text()):
            return
        super().keyPressEvent(event)

    def _type_over(self, char: str) -> bool:
        """Over a complete time, a digit replaces the digit at the cursor and a separator steps over its twin."""
        text, pos = self.text(), self.cursorPosition()
        if len(char) != 1 or self.hasSelectedText() or not _SHOWN.fullmatch(text):
            return False
        if not char.isdigit():
            if pos < len(text) and text[pos] == char and char in "-: .":
                self.setCursorPosition(pos + 1)
                return True
            return False
        while pos < len(text) and text[pos] in "-: .":
            pos += 1
        if pos >= len(text) or not text[pos].isdigit():
            return False
        self.setSelection(pos, 1)
        self.insert(char)  # through the line edit: textEdited, its own undo, isModified()
        return True

    def _step(self, direction: int) -> bool:
        """Up/Down: the year, month, day, hour, minute or second under the cursor, one up or down."""
        text = self.text()
        if not _SHOWN.fullmatch(text):
            return False
        when = parse_typed_utc(text)
        pos = self.cursorPosition()
        part = next((i for i, (a, b) in enumerate(_PARTS) if a <= pos <= b), len(_PARTS) - 1)
        if part == 0:
            when = _with_year_month(when, when.year + direction, when.month)
        elif part == 1:
            months = when.year * 12 + when.month - 1 + direction
            when = _with_year_month(when, months // 12, months % 12 + 1)
        else:
            when += direction * (timedelta(days=1), timedelta(hours=1), timedelta(minutes=1), timedelta(seconds=1))[part - 2]
        self.selectAll()
        self.insert(format_typed_utc(when))
        self.setCursorPosition(pos)
        return True

    # ------------------------------------------------------------------ paste and the calendar

    def _paste(self) -> None:
        """A pasted instant replaces the whole field (typed over in the middle of another, it makes no sense);
        other text is pasted as in any field, to be read when the edit is finished."""
        pasted = QGuiApplication.clipboard().text().strip()
        try:
            when = parse_typed_utc(pasted)
        except TimeFormatError:
            self.paste()
            return
        self.selectAll()
        self.insert(format_typed_utc(when))

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = self.createStandardContextMenu()
        paste = menu.findChild(QAction, "edit-paste")
        if paste is not None:
            paste.triggered.disconnect()
            paste.triggered.connect(self._paste)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _pick_day(self) -> None:
        """The calendar button: a day picked keeps the time of day, and counts as a finished edit."""
        current = self.utc() or datetime.now(UTC).replace(microsecond=0)
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(day: QDate) -> None:
            menu.close()
            self.setText(format_typed_utc(current.replace(year=day.year(), month=day.month(), day=day.day())))
            self._finished()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        menu.exec(self.mapToGlobal(QPoint(0, self.height())))
        menu.deleteLater()


def _with_year_month(when: datetime, year: int, month: int) -> datetime:
    """``when`` in another month, its day cut to that month's last (31 January + 1 month: 28/29 February)."""
    first_of_next = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    last_day = (first_of_next - timedelta(days=1)).day
    return when.replace(year=year, month=month, day=min(when.day, last_day))


def _calendar_icon(widget) -> QIcon:
    """The system's calendar icon, or a small drawn one (a page with a header and a grid)."""
    icon = QIcon.fromTheme("x-office-calendar")
    if not icon.isNull():
        return icon
    size = 16
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    color = widget.palette().color(QPalette.ColorRole.Text)
    painter.setPen(color)
    painter.drawRect(QRect(1, 2, size - 3, size - 4))
    painter.fillRect(QRect(1, 2, size - 3, 3), color)
    for x in (4, 7, 10):
        for y in (7, 10):
            painter.fillRect(QRect(x, y, 2, 2), color)
    painter.end()
    return QIcon(pixmap)
