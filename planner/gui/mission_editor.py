"""The mission editor: a vehicle's name, type, seats and tags, and its events with ports and crew.

Every change builds an edited copy of the mission and pushes one :class:`ReplaceItem` (typing in a text
field merges into one undo step). The editor redraws from the model whenever the mission changes, so undo
and redo show up here too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMenu, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QTableWidget,
    QTableWidgetItem, QToolButton, QVBoxLayout, QWidget,
)

from planner.gui import shift_offer
from planner.gui.commands import InsertItem, Naming, ReplaceItem
from planner.gui.crew_editor import CrewEditor
from planner.gui.document import ProjectDocument
from planner.gui.landing_action import can_land, landing_tip
from planner.gui.widgets import heading_label, set_plain_text
from planner.gui.record_actions import default_start
from planner.gui.time_edit import UtcDateTimeEdit
from planner.model import Event, EventKind, Mission, Person
from planner.model.display_time import format_in_zone
from planner.model.people import unique_slug
from planner.model.stays import set_stay_port

_PORT_KINDS = {EventKind.DOCK, EventKind.BERTH, EventKind.UNDOCK, EventKind.UNBERTH, EventKind.RELOCATE}


class MissionEditor(QWidget):
    """Edits one mission of the document (the one selected in the missions table)."""

    #: the event selected in the editor: (mission id, event index) — the timeline can follow it
    eventSelected = Signal(str, int)

    def __init__(self, doc: ProjectDocument, zone: Callable[[], str], parent=None):
        super().__init__(parent)
        self.doc, self.zone = doc, zone
        self.mission_id: str | None = None
        self._event_index = -1
        #: optional: (mission, event index, port) -> "free", "busy: …" (the main window wires the rules timeline)
        self.port_status: Callable[[Mission, int, object], str] | None = None
        #: optional: the shared time cursor's instant (a mission without launch looks for opportunities around it)
        self.cursor_time: Callable[[], float] | None = None
        self.launch_dialog = None  # the Launch at an Opportunity dialog last opened
        self.landing_dialog = None  # the Land at an Opportunity dialog last opened
        self.naming = Naming(doc, "missions")
        self._build()
        doc.itemReplaced.connect(self._mission_replaced)
        doc.itemRemoved.connect(self._mission_removed)
        doc.itemsChanged.connect(self._people_changed)
        doc.projectReset.connect(lambda: self.set_mission(None))
        self.set_mission(None)

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.heading = heading_label(self)

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Vehicle name")
        self.name_edit.textEdited.connect(self._name_edited)
        self.name_edit.editingFinished.connect(lambda: self.naming.finish())
        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName("Vehicle type")
        for vtype in self.doc.project.station.vehicle_types:
            self.type_combo.addItem(vtype.name, vtype.id)
        self.type_combo.activated.connect(self._type_chosen)
        self.seats_spin = QSpinBox(self)
        self.seats_spin.setAccessibleName("Crew seats")
        self.seats_spin.setRange(-1, 12)
        self.seats_spin.setSpecialValueText("as the type")
        self.seats_spin.valueChanged.connect(self._seats_changed)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setPlaceholderText("e.g. roll-out-solar-arrays, cygnus-xl")
        self.tags_edit.textEdited.connect(self._tags_edited)
        self.with_combo = QComboBox(self)
        self.with_combo.setAccessibleName("Arrives with")
        self.with_combo.setToolTip("The vehicle this one arrives attached to (e.g. the Progress tug that brought "
                                   "Prichal): their arrivals count as one dynamic event")
        self.with_combo.activated.connect(self._with_chosen)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Mission note")
        self.note_edit.setFixedHeight(self.fontMetrics().height() * 2 + 14)
        self.note_edit.textChanged.connect(self._note_changed)

        vehicle_form = QFormLayout()
        vehicle_form.addRow("&Name:", self.name_edit)
        vehicle_form.addRow("&Type:", self.type_combo)
        vehicle_form.addRow("&Seats:", self.seats_spin)
        vehicle_form.addRow("T&ags:", self.tags_edit)
        vehicle_form.addRow("Arrives &with:", self.with_combo)
        vehicle_form.addRow("N&ote:", self.note_edit)
        self.crew_editor = CrewEditor(self.doc, self)  # who flies up and home, seat by seat (the whole flight)

        self.events_table = QTableWidget(0, 5, self)
        self.events_table.setAccessibleName("Events")
        self.events_table.setHorizontalHeaderLabels(["When", "Event", "Port", "From", "Crew"])
        self.events_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_table.verticalHeader().setVisible(False)
        self.events_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.events_table.horizontalHeader().setStretchLastSection(True)
        self.events_table.itemSelectionChanged.connect(self._event_row_changed)
        row_height = self.fontMetrics().height() + 8
        self.events_table.verticalHeader().setDefaultSectionSize(row_height)
        self.events_table.setMinimumHeight(row_height * 6 + 8)

        self.add_event_button = QToolButton(self)
        self.add_event_button.setText("Add Event")
        self.add_event_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        add_menu = QMenu(self.add_event_button)
        for kind in EventKind:
            add_menu.addAction(kind.value.capitalize(), lambda kind=kind: self.add_event(kind))
        self.add_event_button.setMenu(add_menu)
        self.remove_event_button = QPushButton("Remove Event", self)
        self.remove_event_button.clicked.connect(self.remove_event)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_event_button)
        buttons.addWidget(self.remove_event_button)
        buttons.addStretch(1)
        self.launch_button = QPushButton("Launch at an Opportunity…", self)
        self.launch_button.setToolTip("Choose a launch opportunity from a site: the launch and the docking move "
                                      "together, in one undo step")
        self.launch_button.clicked.connect(lambda _checked=False: self.open_launch_dialog())
        self.land_button = QPushButton("Land at an Opportunity…", self)
        self.land_button.clicked.connect(lambda _checked=False: self.open_landing_dialog())
        launch_row = QVBoxLayout()  # one above the other: side by side they widen the editor's column at 1024 px
        launch_row.addWidget(self.launch_button, 0, Qt.AlignmentFlag.AlignLeft)
        launch_row.addWidget(self.land_button, 0, Qt.AlignmentFlag.AlignLeft)

        # The selected event's details.
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Event kind")
        for kind in EventKind:
            self.kind_combo.addItem(kind.value.capitalize(), kind)
        self.kind_combo.activated.connect(self._kind_chosen)
        self.time_edit = UtcDateTimeEdit(self)
        self.time_edit.undo_stack = self.doc.undo_stack
        self.time_edit.setAccessibleName("Event time (UTC)")
        self.time_edit.utcChanged.connect(self._time_edited)
        self.local_time_label = QLabel(self)
        self.end_edit = UtcDateTimeEdit(self)
        self.end_edit.undo_stack = self.doc.undo_stack
        self.end_edit.setAccessibleName("Redocking time (UTC)")
        self.end_edit.utcChanged.connect(lambda when: self._edit_event("end", lambda e: setattr(e, "end_utc", when)))
        self.port_combo = QComboBox(self)
        self.port_combo.setAccessibleName("Port")
        self.port_combo.activated.connect(lambda _: self._stay_port_chosen("port", self.port_combo.currentData()))
        self.from_port_combo = QComboBox(self)
        self.from_port_combo.setAccessibleName("Port left")
        self.from_port_combo.activated.connect(
            lambda _: self._stay_port_chosen("from_port", self.from_port_combo.currentData()))
        self.crew_list = QListWidget(self)
        self.crew_list.setAccessibleName("Crew on this event")
        self.crew_list.setToolTip("Who is on this event only, e.g. for a handover; the Crew group above sets "
                                  "the whole flight")
        self.crew_list.itemChanged.connect(self._crew_toggled)
        self.crew_list.setMinimumHeight((self.fontMetrics().height() + 4) * 6)
        self.new_person_button = QPushButton("New Person…", self)
        # clicked(bool) would hand its checked state to new_person as the name: ask for the name instead.
        self.new_person_button.clicked.connect(lambda _checked=False: self.new_person())
        self.event_note_edit = QLineEdit(self)
        self.event_note_edit.setAccessibleName("Event note")
        self.event_note_edit.textEdited.connect(
            lambda text: self._edit_event("note", lambda e: setattr(e, "note", text), merge=True))

        self.event_box = QGroupBox("Selected event", self)
        event_form = QFormLayout(self.event_box)
        event_form.addRow("&Kind:", self.kind_combo)
        event_form.addRow("T&ime:", self.time_edit)
        event_form.addRow("", self.local_time_label)
        self.end_label = QLabel("&Redocked:", self)
        self.end_label.setBuddy(self.end_edit)
        event_form.addRow(self.end_label, self.end_edit)
        self.port_label = QLabel("&Port:", self)
        self.port_label.setBuddy(self.port_combo)
        event_form.addRow(self.port_label, self.port_combo)
        self.from_label = QLabel("&From port:", self)
        self.from_label.setBuddy(self.from_port_combo)
        event_form.addRow(self.from_label, self.from_port_combo)
        crew_row = QVBoxLayout()
        crew_row.addWidget(QLabel("This event only (handovers):", self))
        crew_row.addWidget(self.crew_list)
        crew_row.addWidget(self.new_person_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.crew_label = QLabel("Cre&w:", self)
        self.crew_label.setBuddy(self.crew_list)
        event_form.addRow(self.crew_label, crew_row)
        event_form.addRow("No&te:", self.event_note_edit)

        self.body = QWidget(self)
        body_layout = QVBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(vehicle_form)
        body_layout.addWidget(self.crew_editor)
        self.local_time_label.setWordWrap(True)  # the editor column is narrow at 1024 px: the two clocks may wrap
        body_layout.addWidget(self.events_table, 1)
        body_layout.addLayout(buttons)
        body_layout.addLayout(launch_row)
        body_layout.addWidget(self.event_box)
        self.placeholder = QLabel("Select a mission to edit it, or choose Edit ▸ New Mission.", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.placeholder.setWordWrap(True)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.placeholder, 1)  # top-aligned: fills the space only while no mission is shown
        layout.addWidget(scroll, 1)
        # No fixed minimum (it was 420 px, 40% of a 1024-pixel window): the scroll area takes what does not fit.

    # ------------------------------------------------------------------ showing

    def mission(self) -> Mission | None:
        """The mission being edited (the model's object: never change it in place)."""
        if self.mission_id is None:
            return None
        return self.doc.project.mission(self.mission_id)

    def set_mission(self, mission_id: str | None) -> None:
        """Edit another mission (None: nothing)."""
        if mission_id != self.mission_id:
            self._event_index = 0
            self.naming.finish()
        self.mission_id = mission_id
        self.refresh()

    def edit_name(self) -> None:
        """Put the keyboard in the name field with the name selected, ready to be typed over."""
        self.scroll.ensureWidgetVisible(self.name_edit)
        self.name_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.name_edit.selectAll()

    def refresh(self) -> None:
        """Redraw every field from the model."""
        mission = self.mission()
        self.scroll.setVisible(mission is not None)
        self.placeholder.setVisible(mission is None)
        if mission is None:
            self.heading.setText("No mission selected")
            return
        self.heading.setText(mission.name)
        _set_text(self.name_edit, mission.name)
        self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(mission.vehicle_type)))
        self.seats_spin.blockSignals(True)
        self.seats_spin.setValue(-1 if mission.seats is None else mission.seats)
        vtype = self.doc.project.station.vehicle_type(mission.vehicle_type)
        self.seats_spin.setSpecialValueText(f"as the type ({vtype.crew_seats})" if vtype else "as the type")
        self.seats_spin.blockSignals(False)
        if not self.tags_edit.hasFocus():
            _set_text(self.tags_edit, ", ".join(mission.tags))
        self._fill_with(mission)
        set_plain_text(self.note_edit, mission.note)
        self.crew_editor.set_mission(mission)
        self._fill_events(mission)
        self._show_landing_button(mission)

    def _fill_with(self, mission: Mission) -> None:
        combo = self.with_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("(on its own)", None)
        for other in self.doc.project.missions:
            if other.id != mission.id:
                combo.addItem(f"{other.name} ({other.id})", other.id)
        if mission.arrives_with and combo.findData(mission.arrives_with) < 0:
            combo.addItem(f"{mission.arrives_with} (no such mission)", mission.arrives_with)
        combo.setCurrentIndex(max(0, combo.findData(mission.arrives_with)))
        combo.blockSignals(False)

    def _fill_events(self, mission: Mission) -> None:
        names = self.doc.project.person_names()
        table = self.events_table
        table.blockSignals(True)
        table.setRowCount(len(mission.events))
        for row, event in enumerate(mission.events):
            when = format_in_zone(event.utc, self.zone())
            if event.kind is EventKind.RELOCATE and event.end_utc:
                when += " → " + format_in_zone(event.end_utc, self.zone()).split(" ", 1)[1]
            cells = [when, event.kind.value, event.port or "", event.from_port or "",
                     ", ".join(names.get(p, p) for p in event.crew)]
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        self._event_index = min(self._event_index, len(mission.events) - 1)
        if self._event_index >= 0:
            table.selectRow(self._event_index)
        table.blockSignals(False)
        self._show_event()

    def _show_event(self) -> None:
        mission = self.mission()
        has_event = mission is not None and 0 <= self._event_index < len(mission.events)
        self.event_box.setEnabled(has_event)
        self.remove_event_button.setEnabled(has_event)
        if not has_event:
            return
        event = mission.events[self._event_index]
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(event.kind))
        self.time_edit.set_utc(event.utc)
        clocks = [format_in_zone(event.utc, z, seconds=False) for z in ("Europe/Moscow", "America/Chicago")]
        self.local_time_label.setText(" · ".join(clocks))
        relocate = event.kind is EventKind.RELOCATE
        for widget in (self.end_label, self.end_edit, self.from_label, self.from_port_combo):
            widget.setVisible(relocate)
        self.end_edit.set_utc(event.end_utc if relocate else None)
        with_port = event.kind in _PORT_KINDS
        self.port_label.setVisible(with_port)
        self.port_combo.setVisible(with_port)
        self._fill_ports(self.port_combo, mission, event, event.port)
        self._fill_ports(self.from_port_combo, mission, event, event.from_port)
        self.crew_label.setText({EventKind.DOCK: "Arrive:", EventKind.BERTH: "Arrive:", EventKind.UNDOCK: "Leave:",
                                 EventKind.UNBERTH: "Leave:"}.get(event.kind, "Ride:"))
        self._fill_crew(event)
        _set_text(self.event_note_edit, event.note)

    def _fill_ports(self, combo: QComboBox, mission: Mission, event: Event, current: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        station = self.doc.project.station
        compatible = station.compatible_ports(mission.vehicle_type)
        index = mission.events.index(event)
        for port in compatible:
            status = self.port_status(mission, index, port) if self.port_status else ""
            combo.addItem(f"{port.name}" + (f"  — {status}" if status else ""), port.id)
            if status and status != "free":
                combo.setItemData(combo.count() - 1, self.palette().placeholderText(), Qt.ItemDataRole.ForegroundRole)
        if current and combo.findData(current) < 0:
            combo.addItem(f"{current}  — not usable by this vehicle", current)
        combo.setCurrentIndex(combo.findData(current) if current else -1)
        combo.blockSignals(False)

    def _fill_crew(self, event: Event) -> None:
        self.crew_list.blockSignals(True)
        self.crew_list.clear()
        for person in sorted(self.doc.project.people, key=lambda p: p.name):
            item = QListWidgetItem(person.name + (f" ({person.role})" if person.role else ""))
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in event.crew else Qt.CheckState.Unchecked)
            self.crew_list.addItem(item)
        self.crew_list.blockSignals(False)

    # ------------------------------------------------------------------ following the document

    def _mission_replaced(self, collection: str, row: int) -> None:
        if collection == "missions" and self.mission_id is not None:
            if self.mission() is None:  # renamed id: follow the item in that row
                self.mission_id = self.doc.project.missions[row].id
            self.refresh()

    def _mission_removed(self, collection: str, _row: int) -> None:
        if collection == "missions" and self.mission_id is not None and self.mission() is None:
            self.set_mission(None)

    def _people_changed(self, collection: str, _ids: list) -> None:
        if collection == "people" and self.mission() is not None:
            self._fill_events(self.mission())

    def _event_row_changed(self) -> None:
        rows = self.events_table.selectionModel().selectedRows()
        if rows:
            self._event_index = rows[0].row()
            self._show_event()
            if self.mission_id:
                self.eventSelected.emit(self.mission_id, self._event_index)

    # ------------------------------------------------------------------ editing

    def _push(self, new: Mission, text: str, merge_key: str | None = None) -> None:
        self.doc.undo_stack.push(ReplaceItem(self.doc, "missions", self.mission_id, new, text, merge_key))

    def _edit(self, field: str, change, merge: bool = False) -> None:
        mission = self.mission()
        if mission is None:
            return
        new = copy.deepcopy(mission)
        change(new)
        if new != mission:
            self._push(new, f"Change {field} of {mission.name}", f"{mission.id}:{field}" if merge else None)

    def _edit_event(self, field: str, change, merge: bool = False) -> None:
        mission = self.mission()
        if mission is None or not 0 <= self._event_index < len(mission.events):
            return
        new = copy.deepcopy(mission)
        event = new.events[self._event_index]
        change(event)
        if new == mission:
            return
        new.sort_events()
        self._event_index = next(i for i, e in enumerate(new.events) if e is event)
        key = f"{mission.id}:event:{self._event_index}:{field}" if merge else None
        self._push(new, f"Change {event.kind.value} {field} of {mission.name}", key)

    def _time_edited(self, when) -> None:
        """A new time typed for the selected event. A launch offers to shift the whole mission (and its crew's
        activities) with it, as one undo step; Cancel puts the time back."""
        mission = self.mission()
        if mission is None or not 0 <= self._event_index < len(mission.events):
            return
        event = mission.events[self._event_index]
        if event.kind is EventKind.LAUNCH:
            answer = shift_offer.offer_launch_shift(self, self.doc, mission, when - event.utc, self.zone())
            if answer == shift_offer.CANCEL:
                self._show_event()
            if answer != shift_offer.ONLY_EVENT:
                return
        self._edit_event("time", lambda e: setattr(e, "utc", when))

    def _name_edited(self, text: str) -> None:
        mission = self.mission()
        if mission is None or mission.name == text:
            return
        new = copy.deepcopy(mission)
        new.name = text
        self.naming.push(mission, new, f"Change name of {mission.name}", f"{mission.id}:name")

    def _stay_port_chosen(self, attr: str, port: str | None) -> None:
        """A port picked for the selected event: the whole stay moves there (its docking, its undocking, the
        relocation that leaves it), as one undo step."""
        mission = self.mission()
        if mission is None or not 0 <= self._event_index < len(mission.events):
            return
        new = copy.deepcopy(mission)
        set_stay_port(new, self._event_index, attr, port)
        if new != mission:
            self._push(new, f"Move {mission.name} to {port}")

    def _type_chosen(self, _index: int) -> None:
        self._edit("type", lambda m: setattr(m, "vehicle_type", self.type_combo.currentData()))

    def _with_chosen(self, _index: int) -> None:
        self._edit("arrives with", lambda m: setattr(m, "arrives_with", self.with_combo.currentData()))

    def _seats_changed(self, value: int) -> None:
        self._edit("seats", lambda m: setattr(m, "seats", None if value < 0 else value))

    def _tags_edited(self, text: str) -> None:
        tags = tuple(t.strip() for t in text.split(",") if t.strip())
        self._edit("tags", lambda m: setattr(m, "tags", tags), merge=True)

    def _note_changed(self) -> None:
        text = self.note_edit.toPlainText()
        self._edit("note", lambda m: setattr(m, "note", text), merge=True)

    def _kind_chosen(self, _index: int) -> None:
        kind = self.kind_combo.currentData()

        def change(event: Event) -> None:
            event.kind = kind
            if kind is not EventKind.RELOCATE:
                event.end_utc, event.from_port = None, None
            elif event.end_utc is None:
                from datetime import timedelta
                event.end_utc = event.utc + timedelta(minutes=45)
            if kind in (EventKind.LAUNCH, EventKind.LAND):
                event.port = None

        self._edit_event("kind", change)

    def _crew_toggled(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked

        def change(event: Event) -> None:
            crew = [p for p in event.crew if p != person_id]
            if checked:
                crew.append(person_id)
            event.crew = tuple(crew)

        self._edit_event("crew", change)

    def add_event(self, kind: EventKind) -> None:
        """Add an event of ``kind`` after the last one (one hour later), and select it."""
        from datetime import timedelta

        mission = self.mission()
        if mission is None:
            return
        new = copy.deepcopy(mission)
        last = new.events[-1] if new.events else None
        when = (last.end if last else default_start(self.doc)) + timedelta(hours=1)
        port = None
        if kind in _PORT_KINDS:
            at = next((e.port for e in reversed(new.events) if e.port), None)
            port = at or next((p.id for p in self.doc.project.station.compatible_ports(new.vehicle_type)), None)
        event = Event(kind, when, port=port, crew=_new_event_crew(new, kind),
                      end_utc=when + timedelta(minutes=45) if kind is EventKind.RELOCATE else None)
        new.events.append(event)
        new.sort_events()
        self._event_index = next(i for i, e in enumerate(new.events) if e is event)
        self._push(new, f"Add {kind.value} to {mission.name}")

    def open_launch_dialog(self):
        """Launch at an Opportunity…: the launch opportunities around the mission, one of them to launch at."""
        from planner.gui import launch_dialog

        return launch_dialog.open_dialog(self, self.cursor_time() if self.cursor_time else None)

    def open_landing_dialog(self):
        """Land at an Opportunity…: the landing opportunities around the mission's landing, one of them to land at."""
        from planner.gui import landing_dialog

        return landing_dialog.open_dialog(self, self.cursor_time() if self.cursor_time else None)

    def _show_landing_button(self, mission: Mission) -> None:
        """Land at an Opportunity… is for the types landing in a zone that gives a time from undocking to landing."""
        self.land_button.setEnabled(can_land(mission))
        self.land_button.setToolTip(landing_tip(mission, self.doc.project.station))

    def remove_event(self) -> None:
        """Remove the selected event."""
        mission = self.mission()
        if mission is None or not 0 <= self._event_index < len(mission.events):
            return
        new = copy.deepcopy(mission)
        removed = new.events.pop(self._event_index)
        self._event_index = max(0, self._event_index - 1)
        self._push(new, f"Remove {removed.kind.value} from {mission.name}")

    def new_person(self, name: str | None = None) -> str | None:
        """Create a person and put them on the selected event, as one undo step; return the new id."""
        if name is None:
            name, ok = QInputDialog.getText(self, "New Person", "Name:")
            if not ok:
                return None
        name = name.strip()
        if not name:
            return None
        person = Person(unique_slug(name, {p.id for p in self.doc.project.people}), name)
        stack = self.doc.undo_stack
        stack.beginMacro(f"Add {name}")
        stack.push(InsertItem(self.doc, "people", person))
        self._edit_event("crew", lambda e: setattr(e, "crew", e.crew + (person.id,)))
        stack.endMacro()
        return person.id


def _set_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)
        if not edit.hasFocus():
            edit.setCursorPosition(0)  # show a long text from its start, not its end


def _new_event_crew(mission: Mission, kind: EventKind) -> tuple[str, ...]:
    """Who a new event of ``kind`` carries: its side's flight crew; a first undocking or landing of a crewed
    flight brings home the crew that flew up (the usual case; the Crew group changes it)."""
    from planner.model.crew import HOME_KINDS, flight_crew

    crew = flight_crew(mission)
    if kind in HOME_KINDS:
        return crew.home if crew.home else crew.up
    return crew.up  # a launch, docking or berthing, or a relocation (whoever is aboard rides along)
