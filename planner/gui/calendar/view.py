"""The calendar tab: month, week and day pages of stays, dockings and undockings, and activities.

Click an entry to select its record (the editor follows), double-click to open it; busy days are marked. An
activity looks as its status makes it on the timeline (:func:`~planner.gui.timeline.layout.activity_look`): done
faded and ticked, in progress marked ▶, skipped grey and struck through; hovering an entry tells its times, people
and status.
"""

from __future__ import annotations

import html
import math
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QEvent, QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QToolBar, QVBoxLayout, QWidget

from planner.exports.schedule import Schedule
from planner.gui.calendar.days import DayIndex, day_start, local_day, tz_of
from planner.gui.timeline.layout import (
    OTHER_VEHICLE_COLOR, VEHICLE_COLORS, ActivityBar, activity_heading, activity_look,
)
from planner.gui.timeline.frame import HIGHLIGHT
from planner.gui.timeline.layers.bars import strike_pen, text_on
from planner.gui.widgets import answer_tooltip
from planner.model.display_time import format_in_zone
from planner.model.times import from_epoch

MODES = ("month", "week", "day")
_EVENT_COLOR = "#5a6b7d"
_HEADER_H = 24
_STAY_ROW_H = 16


def _bar(entry) -> ActivityBar:
    return ActivityBar(entry.item_id, entry.title, entry.detail, entry.status or "planned")


def entry_look(entry) -> tuple[QColor, str, bool]:
    """How an entry is drawn: (fill, label, struck through). An activity as the timeline draws its bar by its
    status; a stay in its vehicle's colour; a station event in slate."""
    if entry.kind == "activity":
        color, label, struck = activity_look(_bar(entry))
        return QColor(color), label, struck
    if entry.kind == "stay":
        return QColor(VEHICLE_COLORS.get(entry.detail, OTHER_VEHICLE_COLOR)), entry.title, False
    return QColor(_EVENT_COLOR), entry.title, False


class CalendarCanvas(QWidget):
    """Paints one page (a month, a week or a day) and tells which entry is where."""

    itemClicked = Signal(str, str)
    itemActivated = Signal(str, str)

    def __init__(self, doc, station, zone=lambda: "UTC", parent=None):
        """Pages of ``doc``'s plan as ``station`` (a :class:`StationState`) derives it."""
        super().__init__(parent)
        self.doc, self.station, self.zone = doc, station, zone
        self.setObjectName("calendarCanvas")
        self.setAccessibleName("Calendar")
        self.setMinimumSize(400, 300)
        self.mode = "month"
        self.day = date.today()
        self._index: DayIndex | None = None
        self._index_zone = None
        self._stale = True
        self.hits: list[tuple[QRectF, object]] = []
        self._labels: list[tuple[object, str]] = []  # (entry, its label) as last painted
        self.selected: set[str] = set()
        self.highlights: list[tuple[float, float, str]] = []  # candidate windows (the time cursor's)
        self.chosen_highlight = -1
        station.changed.connect(self._invalidate)
        doc.projectReset.connect(self._invalidate)

    def _invalidate(self) -> None:
        # Rebuilt lazily at the next paint (once per change), so edits elsewhere cost nothing while hidden;
        # the old index is kept until then (freeing a big one is itself work).
        self._stale = True
        self.update()

    def index(self) -> DayIndex:
        """Entries by day in the display zone (built once per change of the plan or of the zone)."""
        zone = self.zone()
        if self._index is None or self._index_zone != zone or self._stale:
            self._stale = False
            self._index = DayIndex(Schedule(self.doc.project, self.station.timeline), zone)
            self._index_zone = zone
        return self._index

    def set_page(self, mode: str, day: date) -> None:
        """Show the month, week or day containing ``day``."""
        self.mode, self.day = mode, day
        self.update()

    def days_shown(self) -> list[date]:
        """The days on the page, in order (a month page runs Monday to Sunday over 6 weeks)."""
        if self.mode == "day":
            return [self.day]
        if self.mode == "week":
            monday = self.day - timedelta(days=self.day.weekday())
            return [monday + timedelta(days=i) for i in range(7)]
        first = self.day.replace(day=1)
        start = first - timedelta(days=first.weekday())
        return [start + timedelta(days=i) for i in range(42)]

    def paintEvent(self, _event):  # noqa: N802
        p = QPainter(self)
        self.hits, self._labels = [], []
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        if self.mode == "month":
            self._paint_month(p, pal)
        else:
            self._paint_columns(p, pal)
        p.end()

    def _entry_box(self, p, rect: QRectF, entry, timed: bool = True) -> None:
        """Draw ``entry`` filling ``rect``, its label after its start time when ``timed``."""
        color, label, struck = entry_look(entry)
        p.fillRect(rect, color)
        if entry.item_id in self.selected:
            p.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            p.drawRect(rect.adjusted(0, 0, -1, -1))
        p.setPen(text_on(color))
        fm = p.fontMetrics()
        text = f"{self._time_text(entry.start)} {label}" if timed else label
        self._labels.append((entry, text))
        # The label on the box's first line (a long activity's box may run past the page's bottom).
        line = QRectF(rect.left(), rect.top(), rect.width(), min(rect.height(), fm.height() + 2))
        p.drawText(line.adjusted(3, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()) - 5))
        if struck:  # a skipped activity: struck through across its label's line, as on the timeline
            p.setPen(strike_pen())
            p.drawLine(QLineF(line.left(), line.center().y(), line.right(), line.center().y()))
        self.hits.append((rect, entry))

    def _time_text(self, t: float) -> str:
        return datetime.fromtimestamp(t, tz_of(self.zone())).strftime("%H:%M")

    def _paint_month(self, p, pal):
        index = self.index()
        days = self.days_shown()
        w, h = self.width(), self.height()
        cw, ch = w / 7, (h - _HEADER_H) / 6
        text = pal.color(QPalette.ColorRole.Text)
        faint = pal.color(QPalette.ColorRole.PlaceholderText)
        p.fillRect(QRectF(0, 0, w, _HEADER_H), pal.color(QPalette.ColorRole.Window))
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        for i, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
            p.drawText(QRectF(i * cw, 0, cw, _HEADER_H), Qt.AlignmentFlag.AlignCenter, name)
        line_h = p.fontMetrics().height() + 2
        busy_colors = {1: QColor(60, 140, 220, 40), 2: QColor(230, 140, 30, 60)}
        for n, day in enumerate(days):
            cell = QRectF((n % 7) * cw, _HEADER_H + (n // 7) * ch, cw, ch)
            busy = index.busy(day)
            if busy:
                p.fillRect(cell, busy_colors[busy])
            p.setPen(pal.color(QPalette.ColorRole.Mid))
            p.drawRect(cell)
            bold = QFont(p.font())
            bold.setBold(day == date.today())
            p.save()
            p.setFont(bold)
            p.setPen(text if day.month == self.day.month else faint)
            label = day.strftime("%d") if day.day != 1 else day.strftime("%d %b")
            p.drawText(cell.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, label)
            p.restore()
            docked = index.stays_on(day)
            if docked:
                # "6 docked", or just "6" where the cell is too narrow to hold it beside the day's number
                room = cell.width() - 8 - p.fontMetrics().horizontalAdvance(label + "  ")
                count = f"{len(docked)} docked"
                if p.fontMetrics().horizontalAdvance(count) > room:
                    count = str(len(docked))
                p.setPen(faint)
                p.drawText(cell.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, count)
            y = cell.top() + line_h + 2
            entries = index.on(day)
            room = int((cell.bottom() - y - 2) // line_h)
            for k, entry in enumerate(entries):
                if k == room - 1 and len(entries) > room:
                    p.setPen(text)
                    p.drawText(QRectF(cell.left() + 4, y, cw - 8, line_h), Qt.AlignmentFlag.AlignLeft,
                               f"+{len(entries) - k} more")
                    break
                if k >= room:
                    break
                self._entry_box(p, QRectF(cell.left() + 2, y, cw - 4, line_h - 1), entry)
                y += line_h

    def _column_geometry(self) -> tuple[float, float, float, float]:
        """(top of the hour grid, height of an hour, left gutter, column width) of a day or week page."""
        index = self.index()
        days = self.days_shown()
        gutter = 48
        stay_rows = max((len(index.stays_on(d)) for d in days), default=0)
        top = _HEADER_H + stay_rows * _STAY_ROW_H + 4
        # The whole day fits the page (a short window lends the hours less room, not its evening).
        return top, max(4.0, (self.height() - top) / 24), gutter, (self.width() - gutter) / len(days)

    def _paint_columns(self, p, pal):
        index = self.index()
        days = self.days_shown()
        w, h = self.width(), self.height()
        top, hour_h, gutter, cw = self._column_geometry()
        stays_by_day = [index.stays_on(d) for d in days]
        p.fillRect(QRectF(0, 0, w, _HEADER_H), pal.color(QPalette.ColorRole.Window))
        p.setPen(pal.color(QPalette.ColorRole.WindowText))
        for i, day in enumerate(days):
            x = gutter + i * cw
            busy = index.busy(day)
            label = day.strftime("%a %d %b") + (" •" if busy == 2 else "")
            p.setPen(pal.color(QPalette.ColorRole.WindowText))
            p.drawText(QRectF(x, 0, cw, _HEADER_H), Qt.AlignmentFlag.AlignCenter, label)
            for k, stay in enumerate(stays_by_day[i]):
                self._entry_box(p, QRectF(x + 1, _HEADER_H + k * _STAY_ROW_H, cw - 2, _STAY_ROW_H - 1), stay,
                                timed=False)
        grid = pal.color(QPalette.ColorRole.Midlight)
        # Every hour named where there is room, else every 2nd, 3rd... (the labels must not overlap).
        every = next((n for n in (1, 2, 3, 4, 6) if n * hour_h >= 0.8 * p.fontMetrics().height()), 12)
        for hour in range(25):
            y = top + hour * hour_h
            p.setPen(grid)
            p.drawLine(QPointF(gutter, y), QPointF(w, y))
            if hour < 24 and hour % every == 0:
                p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                p.drawText(QRectF(0, y, gutter - 4, 14), Qt.AlignmentFlag.AlignRight, f"{hour:02d}:00")
        for i, day in enumerate(days):
            x = gutter + i * cw
            p.setPen(pal.color(QPalette.ColorRole.Mid))
            p.drawLine(QPointF(x, _HEADER_H), QPointF(x, h))
            t0 = day_start(day, self.zone())
            entries = index.on(day)
            for k, entry in enumerate(entries):
                y0 = top + (entry.start - t0) / 3600 * hour_h
                end = entry.end if not math.isinf(entry.end) else entry.start
                y1 = max(y0 + p.fontMetrics().height() + 2, top + min(end - t0, 86400) / 3600 * hour_h)
                # Entries at the same time sit side by side, a little indented.
                shift = min(k % 3, 2) * 8
                self._entry_box(p, QRectF(x + 2 + shift, y0, cw - 4 - shift, y1 - y0), entry)
        # Candidate windows (e.g. filming windows) over the entries, translucent, in a hue of their own, with
        # a solid edge on the left so that they show over a busy hour too.
        for k, rect in sorted(self.highlight_rects(), key=lambda item: item[0] == self.chosen_highlight):
            chosen = k == self.chosen_highlight
            band = QColor(HIGHLIGHT)
            band.setAlpha(80 if chosen else 40)
            p.fillRect(rect, band)
            band.setAlpha(255 if chosen else 150)
            p.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), band)

    def labels(self) -> list[tuple[object, str]]:
        """``(entry, label)`` of each entry on the page as last painted (the label before eliding)."""
        return list(self._labels)

    def entry_at(self, pos: QPointF):
        """The entry drawn at ``pos`` (the topmost), or None."""
        for rect, entry in reversed(self.hits):
            if rect.contains(pos):
                return entry
        return None

    def event(self, event):  # noqa: D401 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            return answer_tooltip(self, event, self.tooltip_at(QPointF(event.pos())))
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        """The text shown when hovering ``pos``: the entry there, its kind (an activity's status too, as on the
        timeline), its times in the display zone and its people; empty where there is none."""
        entry = self.entry_at(pos)
        if entry is None:
            return ""
        zone = self.zone()
        if entry.kind == "activity":
            lines = [activity_heading(_bar(entry))]
        else:
            lines = [f"<b>{html.escape(entry.title)}</b>"]
        start = format_in_zone(from_epoch(entry.start), zone)
        if entry.open_ended:
            lines.append(f"{start} → no departure planned")
        elif entry.end > entry.start:
            lines.append(f"{start} → {format_in_zone(from_epoch(entry.end), zone)}")
        else:
            lines.append(start)
        if entry.people:
            lines.append(html.escape(", ".join(entry.people)))
        return "<br>".join(lines)

    def day_at(self, pos: QPointF) -> date | None:
        """The day under ``pos`` on a month page."""
        if self.mode != "month" or pos.y() < _HEADER_H:
            return None
        col = int(pos.x() / (self.width() / 7))
        row = int((pos.y() - _HEADER_H) / ((self.height() - _HEADER_H) / 6))
        days = self.days_shown()
        n = row * 7 + col
        return days[n] if 0 <= n < len(days) else None

    def mousePressEvent(self, event):  # noqa: N802
        entry = self.entry_at(event.position())
        if entry is not None:
            self.itemClicked.emit(entry.collection, entry.item_id)

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        entry = self.entry_at(event.position())
        if entry is not None:
            self.itemActivated.emit(entry.collection, entry.item_id)
            return
        day = self.day_at(event.position())
        if day is not None:  # a double-click on a day of the month opens that day
            self.set_page("day", day)
            self.pageChanged()

    def pageChanged(self) -> None:  # replaced by the view to keep its controls in step
        return None

    def set_highlights(self, windows: list, chosen: int = -1) -> None:
        """Mark candidate windows ``(start, end, label)`` on the day and week pages; an empty list clears them."""
        self.highlights = [(float(s), float(e), str(label)) for s, e, label in windows]
        self.chosen_highlight = chosen if 0 <= chosen < len(windows) else -1
        self.update()

    def highlight_rects(self) -> list[tuple[int, QRectF]]:
        """``(index, rect)`` of each candidate window's piece in each day column shown (day and week pages)."""
        if self.mode == "month" or not self.highlights:
            return []
        top, hour_h, gutter, cw = self._column_geometry()
        out = []
        for i, day in enumerate(self.days_shown()):
            t0 = day_start(day, self.zone())
            for k, (start, end, _label) in enumerate(self.highlights):
                a, b = max(start, t0), min(end, t0 + 86400)
                if b > a or (start == end and t0 <= start < t0 + 86400):
                    y0 = top + (a - t0) / 3600 * hour_h
                    out.append((k, QRectF(gutter + i * cw + 1, y0, cw - 2, max(3.0, (b - a) / 3600 * hour_h))))
        return out

    def set_selection(self, collection: str, ids: list) -> None:
        """Outline the selected records."""
        if collection in ("missions", "activities"):
            self.selected = set(ids)
            self.update()


class CalendarView(QWidget):
    """Month / week / day pages with previous, next, today and go-to-date."""

    def __init__(self, doc, station, zone=lambda: "UTC", parent=None):
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.canvas = CalendarCanvas(doc, station, zone, self)
        self.canvas.pageChanged = self._sync_controls
        self.toolbar = QToolBar("Calendar", self)
        self.actions_by_name: dict[str, QAction] = {}
        self._add("previous", "◀", lambda: self.step(-1), ["Alt+Left"], "Previous page")
        self._add("today", "Today", self.today, ["Ctrl+T"], "Show today")
        self._add("next", "▶", lambda: self.step(1), ["Alt+Right"], "Next page")
        self.toolbar.addSeparator()
        self.mode_combo = QComboBox(self)
        self.mode_combo.setAccessibleName("Calendar page")
        for mode in MODES:
            self.mode_combo.addItem(mode.capitalize(), mode)
        self.mode_combo.currentIndexChanged.connect(lambda _i: self.set_mode(self.mode_combo.currentData()))
        self.toolbar.addWidget(self.mode_combo)
        self.toolbar.addWidget(QLabel(" Go to ", self))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("Go to date")
        self.date_edit.editingFinished.connect(lambda: self.go_to(self.date_edit.date().toPython()))
        self.toolbar.addWidget(self.date_edit)
        self._add("go_to", "Go to Date", self._focus_date, ["Ctrl+G"], "Type a date and press Enter to show it")
        self.title = QLabel(self)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas)
        self._sync_controls()

    def _add(self, name, text, slot, keys, tip) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{tip} ({', '.join(keys)})")
        action.triggered.connect(lambda *_: slot())
        self.toolbar.addAction(action)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _focus_date(self) -> None:
        # The keyboard in the date box, its date selected to be typed over.
        self.date_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.date_edit.selectAll()

    def _sync_controls(self) -> None:
        self.mode_combo.blockSignals(True)
        self.mode_combo.setCurrentIndex(MODES.index(self.canvas.mode))
        self.mode_combo.blockSignals(False)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.canvas.day))
        self.date_edit.blockSignals(False)
        day = self.canvas.day
        if self.canvas.mode == "month":
            text = day.strftime("%B %Y")
        elif self.canvas.mode == "week":
            days = self.canvas.days_shown()
            text = f"{days[0]:%d %b} – {days[-1]:%d %b %Y}"
        else:
            text = day.strftime("%A %d %B %Y")
        self.title.setText(f"  {text}")

    def set_mode(self, mode: str) -> None:
        """Month, week or day."""
        self.canvas.set_page(mode, self.canvas.day)
        self._sync_controls()

    def go_to(self, day: date) -> None:
        """Show the page holding ``day``."""
        self.canvas.set_page(self.canvas.mode, day)
        self._sync_controls()

    def today(self) -> None:
        """Show the page holding today."""
        self.go_to(date.today())

    def step(self, direction: int) -> None:
        """The previous (-1) or next (+1) month, week or day."""
        day = self.canvas.day
        if self.canvas.mode == "month":
            month = day.year * 12 + day.month - 1 + direction
            day = date(month // 12, month % 12 + 1, 1)
        else:
            day = day + timedelta(days=direction * (7 if self.canvas.mode == "week" else 1))
        self.go_to(day)

    def show_instant(self, t: float) -> None:
        """Show the page holding an instant (the shared time cursor)."""
        self.go_to(local_day(t, self.canvas.zone()))
