"""The frame of the dialogs that list a mission's opportunities and set its events from one, as one undo step:
Launch at an Opportunity… (:mod:`planner.gui.launch_dialog`) and Land at an Opportunity…
(:mod:`planner.gui.landing_dialog`).

What they share: the span (two weeks either side of the mission's launch or landing, typed over in two fields),
the station's orbit from the plan's element sets, the part of the span the element sets can judge (the rest said
in a sentence above the table), the table with the row nearest the mission's event chosen (in bold when the
mission is at it now), Use This Opportunity (Enter, a double-click) making one :class:`ReplaceItem`, Esc cancelling,
and a refusal of the edit said in words. A subclass says what is listed and what a row sets:

    _fields(mission)          the rows of the form above the span ([(label, widget)])
    _middle(mission)          the instant the span is centred on by default (None: the time cursor, else now)
    _current(mission)         the instant the rows are compared with (the mission's launch, its landing)
    _opportunities(orbit, t0, t1)   the opportunities between two epoch seconds, and the sentences about them
    _when(opportunity)        an opportunity's instant (epoch seconds) to compare with _current
    _cells(opportunity)       a row's texts; _style(item, opportunity) marks it further
    _edited(mission, opportunity)   the edited copy and the undo step's text (CHOICE_ERRORS refused in words)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout,
)

from planner.gui.commands import ReplaceItem
from planner.gui.time_edit import UtcDateTimeEdit
from planner.model import Mission
from planner.model.display_time import format_in_zone
from planner.model.times import UTC
from planner.orbit.timebase import to_datetime

USE = "Use This Opportunity"
#: the span shown either side of the mission's event
AROUND = timedelta(days=14)
#: the longest span listed at once (element sets reach 90 days either side of their epoch anyway)
MAX_DAYS = 92
#: a row this close to the mission's event is the one the mission is at now (shown in bold)
CURRENT_S = 1800.0


class OpportunityDialog(QDialog):
    """Opportunities over a span for one mission; :meth:`use` sets the mission's events from the chosen one."""

    #: the window's title ({name}: the mission's)
    TITLE = "{name} at an Opportunity"
    #: the table's headings
    COLUMNS: list[str] = []
    #: the columns whose texts are aligned right (times, numbers)
    RIGHT: tuple[int, ...] = ()
    #: the table's accessible name
    LIST_NAME = "Opportunities"
    #: the bold row's tooltip ({name}: the mission's)
    CURRENT_TIP = "{name} is at this opportunity now"
    #: the errors of the edit that are said in words (their message says why and what to do)
    CHOICE_ERRORS: tuple[type[Exception], ...] = ()

    def __init__(self, doc, mission_id: str, zone=lambda: "UTC", around: float | None = None, parent=None):
        super().__init__(parent)
        self.doc, self.mission_id, self.zone = doc, mission_id, zone
        self.results: list = []
        self._orbit, self._orbit_sets, self._orbit_problem = None, None, ""
        self._target = 0.0
        mission = self.mission()
        self.setWindowTitle(self.TITLE.format(name=mission.name))
        self._build(mission)
        start, end = self._default_span(mission, around)
        self.start_edit.set_utc(start)
        self.end_edit.set_utc(end)
        self.find()

    # ------------------------------------------------------------------ what a subclass says

    def _fields(self, mission: Mission) -> list[tuple[str, object]]:
        raise NotImplementedError

    def _middle(self, mission: Mission) -> datetime | None:
        raise NotImplementedError

    def _current(self, mission: Mission | None) -> datetime | None:
        raise NotImplementedError

    def _opportunities(self, orbit, t0: float, t1: float) -> tuple[list, list[str]]:
        raise NotImplementedError

    def _when(self, opportunity) -> float:
        raise NotImplementedError

    def _cells(self, opportunity) -> list[str]:
        raise NotImplementedError

    def _style(self, item: QTreeWidgetItem, opportunity) -> None:
        """Mark a row further (colours, tooltips); nothing by default."""

    def _edited(self, mission: Mission, opportunity) -> tuple[Mission, str]:
        raise NotImplementedError

    def _ready(self) -> bool:
        """Whether a row can be used with the form's choices (True by default)."""
        return True

    def _footnote(self) -> str:
        """A sentence said after the others above the table (none by default)."""
        return ""

    # ------------------------------------------------------------------ form

    def mission(self) -> Mission | None:
        """The mission the dialog edits (None once it is deleted)."""
        return self.doc.project.mission(self.mission_id)

    def _build(self, mission: Mission) -> None:
        form = QFormLayout()
        for label, widget in self._fields(mission):
            form.addRow(label, widget)
        self.start_edit, self.end_edit = UtcDateTimeEdit(self), UtcDateTimeEdit(self)
        self.start_edit.setAccessibleName("From (UTC)")
        self.end_edit.setAccessibleName("To (UTC)")
        for edit in (self.start_edit, self.end_edit):
            edit.utcChanged.connect(lambda _when: self.find())
        span = QHBoxLayout()
        span.addWidget(self.start_edit, 1)
        span.addWidget(QLabel("to", self))
        span.addWidget(self.end_edit, 1)
        span_label = QLabel("S&pan:", self)
        span_label.setBuddy(self.start_edit)
        form.addRow(span_label, span)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.LIST_NAME)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(self.COLUMNS)
        self.list.currentItemChanged.connect(lambda *_: self._update_button())
        self.list.itemDoubleClicked.connect(lambda *_: self.use())
        self.use_button = QPushButton(USE, self)
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(lambda: self.use())
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(760, 520)

    def _type_name(self, vehicle_type: str) -> str:
        found = self.doc.project.station.vehicle_type(vehicle_type)
        return found.name if found is not None else vehicle_type

    def _default_span(self, mission: Mission, around: float | None) -> tuple[datetime, datetime]:
        """Two weeks either side of the subclass's middle; without one, of ``around`` (the time cursor), else of
        now."""
        middle = self._middle(mission)
        if middle is None:
            middle = datetime.fromtimestamp(around, UTC) if around else datetime.now(UTC)
        self._target = middle.timestamp()  # the row nearest it is chosen first
        middle = middle.replace(minute=0, second=0, microsecond=0)
        return middle - AROUND, middle + AROUND

    # ------------------------------------------------------------------ the opportunities

    def orbit(self):
        """The station's orbit from the plan's element sets (made again when they change), or None with a reason."""
        from planner.orbit import ElementSetError, Orbit

        sets = list(self.doc.project.element_sets)
        if sets != self._orbit_sets:
            self._orbit_sets, self._orbit, self._orbit_problem = sets, None, ""
            if not sets:
                self._orbit_problem = ("The plan has no element sets, so the station's orbit is unknown: import one "
                                       "(the Map's Import Element Sets…) and try again.")
            else:
                try:
                    self._orbit = Orbit.from_sets(sets)
                except (ElementSetError, ValueError) as exc:
                    self._orbit_problem = f"The plan's element sets cannot be used: {exc}"
        return self._orbit

    def find(self) -> list:
        """List the opportunities over the span (a busy cursor meanwhile: about 0.1 s for weeks)."""
        from planner.orbit.errors import CannotJudge
        from planner.orbit.horizon import Horizon

        self.results = []
        start, end = self.start_edit.utc(), self.end_edit.utc()
        notes = []
        if start is None or end is None or end <= start:
            return self._show("The end of the span must come after its start.", problem=True)
        if end - start > timedelta(days=MAX_DAYS):
            return self._show(f"List at most {MAX_DAYS} days at a time: choose a shorter span.", problem=True)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            orbit = self.orbit()
            if orbit is None:
                return self._show(self._orbit_problem, problem=True)
            horizon = Horizon(orbit)
            reason = horizon.reason(start, end)
            t0, t1 = start.timestamp(), end.timestamp()
            if reason:
                # List the part the element sets can judge, and say why the rest is not listed.
                inside = [(max(t0, a), min(t1, b)) for a, b in horizon.spans if b > t0 and a < t1]
                if not inside:
                    return self._show(f"No opportunities can be listed from {day_text(start)} to {day_text(end)}: "
                                      f"{reason}.", problem=True)
                t0, t1 = max(inside, key=lambda s: s[1] - s[0])
                notes.append(f"Only {day_text(t0)} to {day_text(t1)} is listed: {reason}.")
            try:
                self.results, said = self._opportunities(orbit, t0, t1)
            except CannotJudge as exc:
                return self._show(f"No opportunities can be listed: {exc}.", problem=True)
        finally:
            QApplication.restoreOverrideCursor()
        self._fill()
        return self._show(" ".join(n for n in (*said, *notes, self._footnote()) if n), keep=True)

    def _show(self, text: str, keep: bool = False, problem: bool = False) -> list:
        """Say ``text`` above the list (in red for a ``problem``); the list is emptied unless ``keep``."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if problem else "")
        if not keep:
            self.results = []
            self._fill()
        return self.results

    def _fill(self) -> None:
        """The rows; the one nearest the mission's event current, in bold when the mission is at it now."""
        self.list.clear()
        mission = self.mission()
        current = self._current(mission)
        for opportunity in self.results:
            item = QTreeWidgetItem(self._cells(opportunity))
            for column in self.RIGHT:
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._style(item, opportunity)
            self.list.addTopLevelItem(item)
        if self.results:
            target = current.timestamp() if current is not None else self._target
            nearest = min(range(len(self.results)), key=lambda k: abs(self._when(self.results[k]) - target))
            if current is not None and abs(self._when(self.results[nearest]) - target) < CURRENT_S:
                item = self.list.topLevelItem(nearest)  # the one the mission is at now: in bold
                font = item.font(0)
                font.setBold(True)
                tip = self.CURRENT_TIP.format(name=mission.name)
                for column in range(len(self.COLUMNS)):
                    item.setFont(column, font)
                    item.setToolTip(column, "\n".join(t for t in (tip, item.toolTip(column)) if t))
            self.list.setCurrentItem(self.list.topLevelItem(nearest))
            self.list.scrollToItem(self.list.currentItem(), QAbstractItemView.ScrollHint.PositionAtCenter)
        for column in range(len(self.COLUMNS)):
            self.list.resizeColumnToContents(column)
        self._update_button()

    def day_and_time(self, seconds: float) -> tuple[str, str]:
        """An instant (epoch seconds, to the second) as a row's day and time in the display zone:
        ('2021-10-17 Sun', '04:34:21 UTC')."""
        day, clock, name = format_in_zone(to_datetime(round(seconds)), self.zone()).split(" ")
        return f"{day} {date.fromisoformat(day):%a}", f"{clock} {name}"

    def current_row(self) -> int:
        """The row chosen in the list, or -1."""
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else -1

    def _update_button(self) -> None:
        self.use_button.setEnabled(0 <= self.current_row() < len(self.results) and self._ready())

    # ------------------------------------------------------------------ choosing

    def use(self) -> bool:
        """Edit the mission after the chosen opportunity, as one undo step, and close; an edit the mission's other
        events rule out is refused in words and the dialog stays."""
        row, mission = self.current_row(), self.mission()
        if mission is None:
            self._show("The mission was deleted.", keep=True, problem=True)
            return False
        if not 0 <= row < len(self.results) or not self._ready():
            return False
        try:
            new, text = self._edited(mission, self.results[row])
        except self.CHOICE_ERRORS as exc:
            self._show(f"Cannot use this opportunity: {exc}.", keep=True, problem=True)
            return False
        if new != mission:
            self.doc.undo_stack.push(ReplaceItem(self.doc, "missions", mission.id, new, text))
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter in a span field lists that span (its edit is finished); it does not use the chosen row.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() in (self.start_edit,
                                                                                             self.end_edit):
            event.accept()
            return
        super().keyPressEvent(event)


def day_text(when) -> str:
    """A datetime or epoch seconds as its UTC day, ``2021-10-17``."""
    if isinstance(when, datetime):
        return f"{when.astimezone(UTC):%Y-%m-%d}"
    return f"{datetime.fromtimestamp(when, UTC):%Y-%m-%d}"


def open_dialog(editor, dialog_class, attribute: str, around: float | None = None):
    """Open a ``dialog_class`` for the mission in ``editor`` (a MissionEditor), window-modal, kept as the editor's
    ``attribute``; None without a mission."""
    mission = editor.mission()
    if mission is None:
        return None
    dialog = dialog_class(editor.doc, mission.id, editor.zone, around, editor.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    setattr(editor, attribute, dialog)
    dialog.open()
    return dialog
