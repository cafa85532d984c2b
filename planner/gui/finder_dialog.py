"""Find a Flight…: the flight finder (:mod:`planner.finder`) in the app. A form (vehicle type, crew, launch site,
earliest launch, length of stay, port, how many), Find, the proposals (launch, dock, port, undock, land) and below
them each earlier launch date turned down with the rule that turned it down; a chosen proposal is previewed on the
timeline (marked from launch to landing through the time cursor's highlights, and shown), and Add This Flight
(Enter, a double-click) adds its mission, with a person for each seat, as one undo step.

The search runs in a worker thread on a copy of the plan (``copy.deepcopy``: the user may edit meanwhile; for a
plan of thousands of missions the copy itself takes a moment, on the GUI thread), so the window stays usable; a
busy bar says so, and Cancel or Esc stops it (:func:`~planner.finder.find_flights`'s ``stop``, asked before each
launch is tried). The worker never touches a Qt object, nor holds the dialog: it leaves its outcome in a dict that a
timer on the GUI thread collects. Closing the dialog stops the search and waits for the thread.

Opened from Edit ▸ Find a Flight… (Ctrl+Shift+F; :mod:`planner.gui.finder_action`) with the earliest launch at the
time cursor, and by a double-click on empty time on the timeline, with the earliest launch at the time clicked.
"""

from __future__ import annotations

import copy
import threading
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QListWidget,
    QProgressBar, QPushButton, QSpinBox, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from planner.gui.commands import InsertItem
from planner.gui.launch_dialog import choose_usual_site, site_combo
from planner.gui.time_edit import UtcDateTimeEdit
from planner.gui.widgets import kept_dialog, show_kept
from planner.model.display_time import format_in_zone
from planner.model.times import UTC

FIND = "Find"
ADD = "Add This Flight"
CANCEL = "Cancel"
SEARCHING = "Searching… (Esc or Cancel to stop)"
COLUMNS = ["Launch", "Dock", "Port", "Undock", "Land"]
ANY_PORT = "Any compatible port"
#: how often the GUI thread looks whether the search has ended
POLL_MS = 30
NO_ORBIT = ("the plan has no element sets of the station, so its launch and landing opportunities cannot be worked "
            "out: import one (the Map's Import Element Sets…) and try again")
#: the default length of stay, days
STAY_DAYS = 10.0


class FinderDialog(QDialog):
    """The finder's form, its proposals and rejections; :meth:`add` adds the chosen proposal in one undo step."""

    def __init__(self, window, earliest: float | None = None, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window_, self.doc, self.zone = window, window.doc, window.zone
        self.setWindowTitle("Find a Flight")
        self.result = None  # the FinderResult listed
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._outcome: dict = {}  # the worker's {"outcome": (result, error)}; read once the thread has ended
        self._stale = False
        self._previewed = None  # the timeline canvas showing the chosen proposal's ghost bar
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._build()
        when = earliest if earliest else window.time_cursor.time()
        self.earliest_edit.set_utc(datetime.fromtimestamp(round(when), UTC) if when else
                                   datetime.now(UTC).replace(microsecond=0))
        self._type_chosen()
        self.doc.itemsChanged.connect(self._plan_changed)
        self.doc.projectReset.connect(self._plan_changed)
        self.finished.connect(lambda _r: self._finish())
        self._update_buttons()

    # ------------------------------------------------------------------ form

    def _build(self) -> None:
        station = self.doc.project.station
        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName("Vehicle type")
        for vtype in station.vehicle_types:
            if station.compatible_ports(vtype.id):
                self.type_combo.addItem(vtype.name, vtype.id)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData("soyuz-ms")))
        self.type_combo.activated.connect(lambda _i: self._type_chosen())
        self.crew_spin = QSpinBox(self)
        self.crew_spin.setAccessibleName("Crew")
        self.crew_spin.setSuffix(" people")
        self.site_combo = site_combo(self, self.doc.project)
        self.earliest_edit = UtcDateTimeEdit(self)
        self.earliest_edit.setAccessibleName("Earliest launch (UTC)")
        self.stay_spin = QDoubleSpinBox(self)
        self.stay_spin.setAccessibleName("Stay")
        self.stay_spin.setRange(0.5, 400.0)
        self.stay_spin.setDecimals(1)
        self.stay_spin.setSuffix(" days")
        self.stay_spin.setValue(STAY_DAYS)
        self.port_combo = QComboBox(self)
        self.port_combo.setAccessibleName("Port")
        self.count_spin = QSpinBox(self)
        self.count_spin.setAccessibleName("Flights")
        self.count_spin.setRange(1, 20)
        self.count_spin.setValue(3)
        form = QFormLayout()
        for label, widget in (("&Vehicle:", self.type_combo), ("C&rew:", self.crew_spin),
                              ("Launch &site:", self.site_combo), ("&Earliest launch:", self.earliest_edit),
                              ("S&tay:", self.stay_spin), ("P&ort:", self.port_combo),
                              ("&Flights to find:", self.count_spin)):
            form.addRow(label, widget)
        self.find_button = QPushButton(FIND, self)
        self.find_button.clicked.connect(lambda: self.find())
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # busy, no end known
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(160)
        self.cancel_button = QPushButton(CANCEL, self)
        self.cancel_button.setToolTip("Stop the search (Esc)")
        self.cancel_button.clicked.connect(lambda: self.cancel())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        search = QHBoxLayout()
        search.addWidget(self.find_button)
        search.addWidget(self.busy)
        search.addWidget(self.cancel_button)
        search.addWidget(self.message, 1)

        self.list = QTreeWidget(self)
        self.list.setAccessibleName("Proposed flights")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(COLUMNS)
        self.list.currentItemChanged.connect(lambda *_: self._chosen())
        self.list.itemDoubleClicked.connect(lambda *_: self.add())
        self.rejected_list = QListWidget(self)
        self.rejected_list.setAccessibleName("Rejected launch dates")
        self.rejected_list.setWordWrap(True)
        self.rejected_label = QLabel("Launch dates turned down:", self)
        self.rejected_label.setBuddy(self.rejected_list)
        lower = QWidget(self)
        below = QVBoxLayout(lower)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.rejected_label)
        below.addWidget(self.rejected_list, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        split.setSizes([3, 2])

        self.add_button = QPushButton(ADD, self)
        self.add_button.setDefault(True)
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(lambda: self.add())
        self.close_button = QPushButton("Close", self)
        self.close_button.setAutoDefault(False)
        self.find_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(search)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(820, 620)

    def vehicle_type(self):
        """The vehicle type chosen (the station's VehicleType)."""
        return self.doc.project.station.vehicle_type(self.type_combo.currentData())

    def _type_chosen(self) -> None:
        """A type chosen: its seats, its usual launch site and its ports."""
        vtype = self.vehicle_type()
        if vtype is None:
            return
        self.crew_spin.setRange(0, vtype.crew_seats)
        self.crew_spin.setValue(vtype.crew_seats)
        self.crew_spin.setEnabled(vtype.crew_seats > 0)
        choose_usual_site(self.site_combo, vtype.id, vtype.name)
        self.port_combo.clear()
        self.port_combo.addItem(ANY_PORT, None)
        for port in self.doc.project.station.compatible_ports(vtype.id):
            self.port_combo.addItem(port.name, port.id)

    def choose(self, vehicle_type: str, crew: int, earliest: datetime, stay_days: float) -> None:
        """Fill the form as a user would (tests, and openers that know the flight wanted)."""
        self.type_combo.setCurrentIndex(self.type_combo.findData(vehicle_type))
        self._type_chosen()
        self.crew_spin.setValue(crew)
        self.earliest_edit.set_utc(earliest)
        self.stay_spin.setValue(stay_days)

    def request(self):
        """The form as a :class:`~planner.finder.FlightRequest` (RequestError saying what is wrong)."""
        from planner.finder import FlightRequest, RequestError

        earliest = self.earliest_edit.utc()
        if earliest is None:
            raise RequestError("type the earliest launch, e.g. 2021-10-20 00:00 UTC")
        return FlightRequest(self.type_combo.currentData(), self.crew_spin.value(), self.site_combo.currentData(),
                             earliest, (float(self.stay_spin.value()),), port=self.port_combo.currentData())

    # ------------------------------------------------------------------ the search

    def searching(self) -> bool:
        """Whether a search is running."""
        return self._thread is not None

    def find(self) -> bool:
        """Start a search of the form's request over a copy of the plan in a worker thread (False when the form
        cannot be searched: said in words)."""
        from planner.finder import RequestError

        if self.searching():
            return False
        try:
            request = self.request()
        except RequestError as exc:
            self._say(f"Cannot search: {exc}.", problem=True)
            return False
        self._show_result(None)
        project = copy.deepcopy(self.doc.project)  # the user may edit the plan while the search runs
        count = self.count_spin.value()
        self._stop.clear()
        self._outcome = box = {}
        self._stale = False
        self._thread = threading.Thread(target=search, args=(project, request, count, self._stop, box),
                                        name="flight-finder", daemon=True)
        self._thread.start()
        self._poll.start()
        self._say(SEARCHING)
        self._update_buttons()
        return True

    def cancel(self) -> None:
        """Stop the search (it ends before the next launch it would try; what it found is listed)."""
        if self.searching():
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self._say("Stopping…")

    def _collect(self) -> None:
        """The timer, on the GUI thread: once the worker has ended, join it and list what it found."""
        thread = self._thread
        if thread is None or thread.is_alive():
            return
        self._end_thread()
        result, error = self._outcome.get("outcome", (None, "the search ended without a result"))
        if error is not None:
            self._say(f"Cannot search: {error}.", problem=True)
        else:
            self._show_result(result)
        self._update_buttons()

    def _end_thread(self) -> None:
        self._poll.stop()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _finish(self) -> None:
        """The dialog closed (any way): stop and join the search, take the preview off the timeline."""
        if self._thread is not None:
            self._stop.set()
            self._end_thread()
        self.window_.time_cursor.set_highlights([])
        self._clear_preview()
        for signal in (self.doc.itemsChanged, self.doc.projectReset):
            try:
                signal.disconnect(self._plan_changed)
            except (RuntimeError, TypeError):
                pass

    # ------------------------------------------------------------------ the results

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if problem else "")

    def _time(self, when: datetime) -> str:
        return format_in_zone(when, self.zone(), seconds=False)

    def _show_result(self, result) -> None:
        """List ``result``'s proposals and rejections (None: empty both), the first proposal chosen."""
        self.result = result
        self.list.clear()
        self.rejected_list.clear()
        station = self.doc.project.station
        flights = result.flights if result is not None else ()
        for flight in flights:
            port = station.port(flight.port)
            item = QTreeWidgetItem([self._time(flight.launch), self._time(flight.dock),
                                    port.name if port is not None else flight.port, self._time(flight.undock),
                                    self._time(flight.land)])
            item.setToolTip(2, flight.port)
            self.list.addTopLevelItem(item)
        for column in range(len(COLUMNS)):
            self.list.resizeColumnToContents(column)
        rejected = result.rejected if result is not None else ()
        for rejection in rejected:
            self.rejected_list.addItem(rejection.line)
        self.rejected_label.setText(f"Launch dates turned down ({len(rejected)}):" if result is not None else
                                    "Launch dates turned down:")
        if result is not None:
            found = f"{len(flights)} flight{'s' if len(flights) != 1 else ''} found"
            if result.stopped:
                self._say(f"{found}; the search stopped: {result.stopped}.", problem=not flights)
            else:
                self._say(f"{found}. Choose one to see it on the timeline; Add This Flight puts it in the plan.")
        if flights:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        else:
            self.window_.time_cursor.set_highlights([])
            self._clear_preview()
        self._update_buttons()

    def current_row(self) -> int:
        """The proposal chosen in the list, or -1."""
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else -1

    def chosen_flight(self):
        """The proposal chosen (a :class:`~planner.finder.Flight`), or None."""
        row = self.current_row()
        flights = self.result.flights if self.result is not None else ()
        return flights[row] if 0 <= row < len(flights) else None

    def _chosen(self) -> None:
        """A proposal chosen: marked on the time views from launch to landing, and shown. (Only the chosen one:
        flights a day apart that last weeks, all marked, shade the whole view.)"""
        self._update_buttons()
        flight = self.chosen_flight()
        if flight is None:
            return
        cursor = self.window_.time_cursor
        port = self.doc.project.station.port(flight.port)
        label = (f"Proposed {self.type_combo.currentText()} #{self.current_row() + 1} at "
                 f"{port.name if port is not None else flight.port}")
        cursor.set_highlights([(flight.launch.timestamp(), flight.land.timestamp(), label)], 0)
        canvas = self._show_on_timeline()
        if canvas is not None:  # the stay itself, a ghost bar in its port's lane
            canvas.set_preview((flight.port, flight.dock.timestamp(), flight.undock.timestamp(), label))
        cursor.show_window(flight.launch.timestamp(), flight.land.timestamp())

    def _show_on_timeline(self):
        """The Timeline tab in front (the preview is drawn there); its canvas, or None without one."""
        window = self.window_
        tabs = getattr(window, "central_tabs", None)
        if tabs is None or not hasattr(window, "timeline_view"):
            return None
        view = window.timeline_view
        if tabs.currentWidget() is not view:
            tabs.setCurrentWidget(view)
        self._previewed = view.canvas
        return view.canvas

    def _clear_preview(self) -> None:
        if self._previewed is not None:
            self._previewed.set_preview(None)

    def _plan_changed(self, *_args) -> None:
        if self.result is not None and self.result.flights:
            self._stale = True
            self._say("The plan changed since this search: Find again before adding a flight.", problem=True)
            self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.searching()
        self.find_button.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy and not self._stop.is_set())
        self.add_button.setEnabled(not busy and not self._stale and self.chosen_flight() is not None)

    # ------------------------------------------------------------------ adding

    def add(self) -> bool:
        """Add the chosen proposal's mission, and a person for each of its seats, as one undo step, and close."""
        from planner.finder.records import flight_records

        flight = self.chosen_flight()
        if flight is None or self.searching() or self._stale:
            return False
        mission, people = flight_records(self.doc.project, flight, self.type_combo.currentText())
        stack = self.doc.undo_stack
        stack.beginMacro(f"Add {mission.name} (found flight)")
        for person in people:
            stack.push(InsertItem(self.doc, "people", person))
        stack.push(InsertItem(self.doc, "missions", mission))
        stack.endMacro()
        views = getattr(self.window_, "views", {})
        if "missions" in views:
            views["missions"].select_ids([mission.id])
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.searching():
            self.cancel()  # Esc stops the search; a second Esc, once it has stopped, closes
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() in (
                self.earliest_edit, self.stay_spin, self.crew_spin, self.count_spin):
            event.accept()  # Enter in the form searches; it does not add a proposal of the last search
            self.find()
            return
        super().keyPressEvent(event)


def search(project, request, count: int, stop: threading.Event, box: dict) -> None:
    """The worker thread's work: the search, its ``(result, None)`` or ``(None, error)`` left in ``box["outcome"]``.
    It holds no Qt object (not even the dialog: it may be gone before the search ends)."""
    from planner.finder import find_flights
    from planner.orbit.errors import CannotJudge
    from planner.rules.orbit_link import orbit_conditions

    try:
        conditions = orbit_conditions(project)
        if conditions is None:  # the finder would try a launch a day: not what a user asks for
            box["outcome"] = (None, NO_ORBIT)
            return
        box["outcome"] = (find_flights(project, request, count, conditions=conditions, stop=stop.is_set), None)
    except (ValueError, CannotJudge) as exc:  # RequestError is a ValueError
        box["outcome"] = (None, str(exc))
    except Exception as exc:  # noqa: BLE001 (said in the dialog rather than lost in a thread)
        box["outcome"] = (None, f"the search failed: {type(exc).__name__}: {exc}")


def open_finder(window, earliest: float | None = None) -> FinderDialog:
    """Open the dialog over ``window`` (a MainWindow), non-modal so the timeline can be looked at meanwhile, kept as
    ``window.finder_dialog``; ``earliest``: the earliest launch (epoch seconds; default the time cursor)."""
    old = kept_dialog(window, "finder_dialog")
    if old is not None:
        old.close()
    return show_kept(window, "finder_dialog", FinderDialog(window, earliest))
