"""The time list: the coming activities in time order, each with its countdown, people and status, for the day's
coordinator.

What it lists is chosen above it: from now, or from the time cursor, over the next days; or the days of a visit
(a crewed mission's stay, docking to undocking). Countdowns follow the window's clock minute by minute. A
double-click selects the activity (in every view, the editor showing it) and puts the time cursor at its start;
the status is changed from the context menu or with a key (I in progress, D done, S skipped, P planned), one undo
step however many rows are selected.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QMenu, QSpinBox, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from planner.gui.commands import ReplaceItems
from planner.model import ActivityStatus, EventKind
from planner.model.clocks import clocks_at
from planner.model.countdown import coming, countdown, span_words
from planner.model.times import UTC

COLUMNS = ("When", "Start GMT", "Activity", "People", "Length", "Status")  # what and when first: a narrow dock
WHEN, START, TITLE, PEOPLE, LENGTH, STATUS = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole
FROM_NOW, FROM_CURSOR = "now", "cursor"

#: the status keys of the list (and its context menu)
STATUS_KEYS = {ActivityStatus.PLANNED: "P", ActivityStatus.IN_PROGRESS: "I", ActivityStatus.DONE: "D",
               ActivityStatus.SKIPPED: "S"}


def visit_span(mission, plan_end: datetime) -> tuple[datetime, datetime, bool] | None:
    """A crewed mission's days at the station: its first docking or berthing (its first event without one) to its
    last undocking or unberthing, or to ``plan_end`` when it has none (then the third item is False); None for a
    mission with no events."""
    if not mission.events:
        return None
    arrive = mission.first(EventKind.DOCK, EventKind.BERTH) or mission.events[0]
    leave = mission.last(EventKind.UNDOCK, EventKind.UNBERTH)
    if leave is None or leave.utc < arrive.utc:
        return arrive.utc, max(plan_end, arrive.utc), False
    return arrive.utc, leave.end, True


def _plan_end(project) -> datetime:
    """The last instant of the plan: its latest event or activity end."""
    ends = [e.end for m in project.missions for e in m.events] + [a.end for a in project.activities]
    return max(ends, default=datetime.fromtimestamp(0, UTC))


def _visit_text(name: str, start: datetime, end: datetime, leaves: bool) -> str:
    """``Soyuz MS-19 visit, 05 Oct 2021 – 30 Mar 2022`` (the first year left out when it is the last's too)."""
    if not leaves:
        return f"{name} visit, from {start:%d %b %Y}"
    first = f"{start:%d %b}" if start.year == end.year else f"{start:%d %b %Y}"
    return f"{name} visit, {first} – {end:%d %b %Y}"


class TimeListPanel(QWidget):
    """The coming activities of ``doc``'s plan with their countdowns at ``clock``'s now."""

    def __init__(self, doc, clock, cursor, select, parent=None):
        """``select(ids)`` selects activities in the window's views (a double-click)."""
        super().__init__(parent)
        self.setObjectName("timeList")
        self.doc, self.clock, self.cursor, self.select = doc, clock, cursor, select
        self.source = QComboBox(self)
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source.setMinimumContentsLength(8)
        self.source.setAccessibleName("List activities from")
        self.source.setToolTip("From now or from the time cursor over the next days, or the days of a crewed visit "
                               "(docking to undocking)")
        self.days = QSpinBox(self)
        self.days.setAccessibleName("Days listed")
        self.days.setRange(1, 60)
        self.days.setValue(2)
        self.days.setSuffix(" days")
        self.days.setToolTip("How many days from the start to list")
        # (In the context menu, not beside them: the panel stays narrow enough for a 1024 px window.)
        self.finished = QAction("Show Done and Skipped", self)
        self.finished.setCheckable(True)
        self.finished.setChecked(True)
        self.finished.setToolTip("List the activities that are done or skipped too (greyed)")
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.source, 1)
        tools.addWidget(self.days)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Coming activities")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.activate(item.data(TITLE, ID_ROLE)))
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.empty.customContextMenuRequested.connect(
            lambda pos: self.context_menu().exec(self.empty.mapToGlobal(pos)))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status_actions: dict[ActivityStatus, QAction] = {}
        for status, key in STATUS_KEYS.items():
            action = QAction(f"Mark {status.label.title()}", self.tree)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, status=status: self.set_status(status))
            self.tree.addAction(action)
            self.status_actions[status] = action
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(tools)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self._fill_sources()
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        self.days.valueChanged.connect(lambda v: self.days.setSuffix(" day" if v == 1 else " days"))
        self.days.valueChanged.connect(lambda _v: self.refresh())
        self.finished.toggled.connect(lambda _on: self.refresh())
        doc.itemsChanged.connect(self._items_changed)
        doc.projectReset.connect(self._reset)
        clock.ticked.connect(self._tick)
        cursor.timeChanged.connect(lambda _t: self._source() == FROM_CURSOR and self._shown() and self.refresh())
        # Hidden (a tab behind the others), the list follows nothing: it is brought up to date when next shown, so
        # an edit of a big plan costs nothing here.
        self._stale_rows = self._stale_sources = False
        self._on_screen: bool | None = None  # told by its dock (a tabbed dock behind another is still "visible")
        self._source_changed()

    # ------------------------------------------------------------------ what is listed

    def _fill_sources(self) -> None:
        current = self.source.currentData()
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem("From the time cursor", FROM_CURSOR)
        self.source.addItem("From now", FROM_NOW)
        project = self.doc.project
        plan_end = _plan_end(project)
        visits = sorted(((span, m.name, m.id) for m in project.missions if m.crewed
                         and (span := visit_span(m, plan_end))), key=lambda v: v[0][0])
        for (start, end, leaves), name, mission_id in visits:
            self.source.addItem(_visit_text(name, start, end, leaves), mission_id)
        found = self.source.findData(current) if current is not None else -1
        self.source.setCurrentIndex(max(found, 0))  # a visit gone: from the time cursor
        self.source.blockSignals(False)
        self.days.setEnabled(self._source() in (FROM_NOW, FROM_CURSOR))

    def _source(self) -> str:
        return self.source.currentData()

    def choose(self, source: str) -> None:
        """List from ``"now"``, ``"cursor"`` or a crewed mission's id (its visit)."""
        self.source.setCurrentIndex(self.source.findData(source))

    def _source_changed(self) -> None:
        self.days.setEnabled(self._source() in (FROM_NOW, FROM_CURSOR))
        self.refresh()

    def span(self) -> tuple[datetime, datetime, datetime | None]:
        """The span listed (start, end) and now when it is listed from now (else None)."""
        source = self._source()
        if source in (FROM_NOW, FROM_CURSOR):
            now = datetime.fromtimestamp(self.clock.now(), UTC)
            start = now if source == FROM_NOW else datetime.fromtimestamp(self.cursor.time(), UTC)
            return start, start + timedelta(days=self.days.value()), now if source == FROM_NOW else None
        project = self.doc.project
        mission = project.mission(source)
        span = visit_span(mission, _plan_end(project)) if mission is not None else None
        if span is None:
            return datetime.fromtimestamp(0, UTC), datetime.fromtimestamp(0, UTC), None
        return span[0], span[1], None

    def listed(self) -> list:
        """The activities listed, in time order."""
        start, end, now = self.span()
        found = coming(self.doc.project.activities, start, end, now)
        if not self.finished.isChecked():
            found = [a for a in found if a.status not in (ActivityStatus.DONE, ActivityStatus.SKIPPED)]
        return found

    # ------------------------------------------------------------------ showing

    def refresh(self) -> None:
        """List again. The same activities listed: their rows are rewritten in place (the selection, the current
        row and the scroll stay); others: listed anew, the selection kept."""
        listed = self.listed()
        rows = [self.tree.topLevelItem(r) for r in range(self.tree.topLevelItemCount())]
        names = self.doc.project.person_names()
        if [a.id for a in listed] == [item.data(TITLE, ID_ROLE) for item in rows]:
            for item, activity in zip(rows, listed):
                self._write(item, activity, names)
            self._tick_texts()
            return
        chosen = set(self.selected_ids())
        self.tree.clear()
        items = []
        for activity in listed:
            item = QTreeWidgetItem()
            item.setData(TITLE, ID_ROLE, activity.id)
            self._write(item, activity, names)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._tick_texts()
        for item in items:
            item.setSelected(item.data(TITLE, ID_ROLE) in chosen)
        for column in (WHEN, START, LENGTH, STATUS):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(TITLE, max(self.tree.columnWidth(TITLE), 220))
        self._say_empty(not items)
        # A long list (a visit's weeks) opens at what is on or next, not at its first day.
        now = datetime.fromtimestamp(self.clock.now(), UTC)
        first = next((item for item, a in zip(items, listed) if a.end > now
                      and a.status not in (ActivityStatus.DONE, ActivityStatus.SKIPPED)), None)
        if first is not None:
            self.tree.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtTop)

    @staticmethod
    def _write(item: QTreeWidgetItem, activity, names: dict) -> None:
        """An activity's texts into its row (the countdown is :meth:`_tick_texts`')."""
        item.setText(START, clocks_at(activity.start).gmt)
        item.setToolTip(START, clocks_at(activity.start).text("\n"))
        item.setText(LENGTH, span_words(activity.duration_s))
        item.setText(TITLE, activity.title)
        item.setToolTip(TITLE, activity.title)
        people = ", ".join(names.get(p, p) for p in activity.people)
        item.setText(PEOPLE, people)
        item.setToolTip(PEOPLE, people)
        item.setText(STATUS, activity.status.label)

    def _say_empty(self, empty: bool) -> None:
        self.tree.setVisible(not empty)
        self.empty.setVisible(empty)
        if empty:
            start, end, _now = self.span()
            hidden = "" if self.finished.isChecked() else " (done and skipped ones not shown)"
            self.empty.setText(f"No activities from {start:%d %b %Y %H:%M} GMT to {end:%d %b %Y %H:%M} GMT"
                               f"{hidden}. Choose another start or a visit above, or more days.")

    def _shown(self, sources: bool = False) -> bool:
        """True when the list is on screen; else what is to be redone (the rows, and the sources too) is noted for
        when it is shown."""
        if self.isVisible() and self._on_screen is not False:
            return True
        self._stale_rows = True
        self._stale_sources = self._stale_sources or sources
        return False

    def set_on_screen(self, shown: bool) -> None:
        """Its dock's tab came to the front (or went behind): connect to ``QDockWidget.visibilityChanged``."""
        self._on_screen = shown
        if shown:
            self._catch_up()

    def showEvent(self, event):  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        if self._stale_sources:
            self._fill_sources()
        if self._stale_rows or self._stale_sources:
            self._stale_rows = self._stale_sources = False
            self.refresh()

    def _tick(self, _now: float = 0.0) -> None:
        if not self._shown():
            return
        if self._source() == FROM_NOW:
            self.refresh()  # the span moves with now
        else:
            self._tick_texts()

    def _tick_texts(self) -> None:
        """The countdowns at the clock's now (the running ones bold, the finished ones greyed)."""
        now = datetime.fromtimestamp(self.clock.now(), UTC)
        acts = {a.id: a for a in self.doc.project.activities}
        grey = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            activity = acts.get(item.data(TITLE, ID_ROLE))
            if activity is None:
                continue
            item.setText(WHEN, countdown(activity, now))
            finished = activity.status in (ActivityStatus.DONE, ActivityStatus.SKIPPED)
            running = not finished and activity.start <= now < activity.end
            for column in range(len(COLUMNS)):
                font = item.font(column)
                font.setBold(running or activity.status is ActivityStatus.IN_PROGRESS)
                font.setStrikeOut(activity.status is ActivityStatus.SKIPPED and column == TITLE)
                item.setFont(column, font)
                item.setData(column, Qt.ItemDataRole.ForegroundRole, grey if finished else None)

    def texts(self) -> list[list[str]]:
        """Every row's texts, column by column (what a reader sees)."""
        return [[self.tree.topLevelItem(r).text(c) for c in range(len(COLUMNS))]
                for r in range(self.tree.topLevelItemCount())]

    # ------------------------------------------------------------------ following the plan and the views

    def _items_changed(self, collection: str, ids) -> None:
        if collection not in ("activities", "missions", "people") or not self._shown(collection == "missions"):
            return
        if collection == "missions":
            # The visits change when a crewed mission (or one listed) does; the rows when the visit shown does.
            listed = {self.source.itemData(i) for i in range(self.source.count())}
            edited, before = set(ids), self._source()
            if edited & listed or any(m.crewed for m in self.doc.project.missions if m.id in edited):
                self._fill_sources()
            if before not in edited and self._source() == before:
                return
        self.refresh()

    def _reset(self) -> None:
        if self._shown(True):
            self._fill_sources()
            self.refresh()

    def show_selection(self, collection: str, ids: list) -> None:
        """Select the rows of the activities selected elsewhere (nothing is sent back)."""
        if collection != "activities":
            return
        wanted = set(ids)
        self.tree.blockSignals(True)
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            item.setSelected(item.data(TITLE, ID_ROLE) in wanted)
        self.tree.blockSignals(False)

    # ------------------------------------------------------------------ acting

    def selected_ids(self) -> list[str]:
        """The ids of the selected rows, in list order."""
        return [self.tree.topLevelItem(r).data(TITLE, ID_ROLE) for r in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(r).isSelected()]

    def activate(self, activity_id: str) -> None:
        """A double-click: the activity selected in every view and the time cursor at its start."""
        activity = next((a for a in self.doc.project.activities if a.id == activity_id), None)
        if activity is None:
            return
        self.select([activity_id])
        self.cursor.set_time(activity.start.timestamp())

    def set_status(self, status: ActivityStatus) -> None:
        """Give the selected activities ``status``: one undo step."""
        wanted = set(self.selected_ids())
        changed = []
        for activity in self.doc.project.activities:
            if activity.id in wanted and activity.status is not status:
                new = copy.deepcopy(activity)
                new.status = status
                changed.append(new)
        if not changed:
            return
        word = status.label.lower()
        text = f"Mark {changed[0].title} {word}" if len(changed) == 1 else f"Mark {len(changed)} activities {word}"
        self.doc.undo_stack.push(ReplaceItems(self.doc, [("activities", new.id, new) for new in changed], text))

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is not None and not item.isSelected():
            self.tree.setCurrentItem(item)
        self.context_menu().exec(self.tree.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The menu of the selected rows: Select and Show, a status each (the current one checked), then whether
        done and skipped activities are listed."""
        menu = QMenu(self)
        ids = self.selected_ids()
        show = menu.addAction("Select and Show")
        show.setEnabled(len(ids) == 1)
        show.triggered.connect(lambda: self.activate(ids[0]))
        menu.addSeparator()
        statuses = {a.status for a in self.doc.project.activities if a.id in set(ids)}
        for status, action in self.status_actions.items():
            action.setCheckable(True)
            action.setChecked(statuses == {status})
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.finished)
        return menu
