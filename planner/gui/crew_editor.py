"""The mission editor's Crew group: who flies up and who flies home, seat by seat, set once per flight.

The seats are the vehicle type's (Soyuz: Commander, Flight Engineer 1, Flight Engineer 2; "Seat N" past the
named ones), as many as the flight has (the mission's Seats, else its type's). Each seat is a list of people;
the order of a crew is its seat order, changed with the ▲ and ▼ buttons beside a seat. Home is the same crew
unless "Same crew goes home" is cleared, which shows a list of its own.

Every change is one :class:`ReplaceItem` of the mission, written onto its events by
:func:`planner.model.crew.with_flight_crew`: events that carry the old crew (or nobody yet) follow, an event
whose crew was set on the event itself (a handover) keeps it, and the group names those events. More people
than seats can only come from elsewhere (the Seats field, per-event ticks, a file): the seats past the last
are flagged "No seat", and a full flight offers no empty seat.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QInputDialog, QLabel, QSizePolicy, QToolButton, QVBoxLayout,
    QWidget,
)

from planner.gui.commands import InsertItem, ReplaceItem
from planner.gui.document import ProjectDocument
from planner.model import Mission, Person
from planner.model.crew import flight_crew, own_crew_events, seat_count, seat_names, with_flight_crew
from planner.model.people import unique_slug

EMPTY = "— empty —"
_NEW = "\x00new-person"  # the "New Person…" entry's data: no person id can be this
_PROBLEM_STYLE = "color: #c62828; font-weight: bold;"


class SeatCombo(QComboBox):
    """A seat's list of people. The wheel scrolls the editor past it unless the list has the keyboard focus,
    so that scrolling the editor never changes a crew."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def wheelEvent(self, event):  # noqa: N802 (Qt name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ArrowButton(QToolButton):
    """A slim button showing one arrow: the people's names get the width of the narrow editor column."""

    def __init__(self, arrow: str, parent=None):
        super().__init__(parent)
        self.setText(arrow)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def sizeHint(self):  # noqa: N802 (Qt name)
        return QSize(self.fontMetrics().horizontalAdvance(self.text()) + 6, super().sizeHint().height())

    def minimumSizeHint(self):  # noqa: N802 (Qt name)
        return self.sizeHint()


class SeatRow:
    """One seat: its name, who sits in it, and the buttons that move them a seat up or down."""

    def __init__(self, parent: QWidget):
        self.label = QLabel(parent)
        self.combo = SeatCombo(parent)
        self.label.setBuddy(self.combo)
        self.up_button = ArrowButton("▲", parent)
        self.down_button = ArrowButton("▼", parent)

    def widgets(self) -> list[QWidget]:
        return [self.label, self.combo, self.up_button, self.down_button]


class SeatList(QWidget):
    """The seats of one way (up or home) and who sits in each."""

    def __init__(self, editor: "CrewEditor", side: str, parent=None):
        super().__init__(parent)
        self.editor, self.side = editor, side
        self.rows: list[SeatRow] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(4)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.crew: tuple[str, ...] = ()
        self._shown = None  # what the rows show: a refresh that changes none of it leaves the lists alone

    def ensure_rows(self, count: int) -> None:
        """Have at least ``count`` rows."""
        while len(self.rows) < count:
            row, index = SeatRow(self), len(self.rows)
            row.combo.activated.connect(lambda i, index=index: self.editor.seat_chosen(self.side, index, i))
            row.up_button.clicked.connect(lambda _=False, index=index: self.editor.move(self.side, index, -1))
            row.down_button.clicked.connect(lambda _=False, index=index: self.editor.move(self.side, index, +1))
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, index, column)
            self.rows.append(row)

    def show_crew(self, crew: tuple[str, ...], names: list[str], seats: int, people: list[Person],
                  vehicle: str) -> None:
        """Show ``crew`` in ``seats`` seats named ``names`` (rows past the seats flag people without one)."""
        self.crew = crew
        # The mission editor redraws on every edit of the mission (each letter of its name): the lists are
        # filled again only when what they show changed, not once per keystroke for every person there is.
        shown_now = (crew, tuple(names), seats, vehicle, tuple((p.id, p.name, p.role) for p in people))
        if shown_now == self._shown:
            return
        self._shown = shown_now
        shown = max(seats, len(crew))
        self.ensure_rows(shown)
        by_id = {p.id: p for p in people}
        for index, row in enumerate(self.rows):
            visible = index < shown
            for widget in row.widgets():
                widget.setVisible(visible)
            if not visible:
                continue
            seated = crew[index] if index < len(crew) else None
            has_seat = index < seats
            row.label.setText(names[index] if has_seat else "No seat")
            row.label.setStyleSheet("" if has_seat else _PROBLEM_STYLE)
            row.label.setToolTip("" if has_seat else
                                 f"{vehicle} has {seats} seat{'s' if seats != 1 else ''}: take someone off, or "
                                 "raise the mission's Seats")
            combo = row.combo
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(EMPTY, None)
            open_seat = index <= len(crew)  # seats fill in order: only the next empty seat takes somebody
            if has_seat and open_seat:
                others = set(crew) - {seated}
                for person in people:
                    if person.id not in others:
                        combo.addItem(person.name, person.id)
                        if person.role:
                            combo.setItemData(combo.count() - 1, f"{person.name} ({person.role})",
                                              Qt.ItemDataRole.ToolTipRole)
                combo.addItem("New Person…", _NEW)
            if seated is not None and combo.findData(seated) < 0:  # seated past the seats, or not a known person
                combo.addItem(by_id[seated].name if seated in by_id else f"{seated} (not in People)", seated)
            combo.setCurrentIndex(combo.findData(seated) if seated is not None else 0)
            combo.blockSignals(False)
            seat_name = names[index] if has_seat else f"No seat {index + 1}"
            combo.setAccessibleName(f"{self.side.capitalize()}: {seat_name}")
            combo.setEnabled(open_seat)
            combo.setToolTip("" if open_seat else "Fill the seats above first: the crew's order is its seat order")
            who = by_id[seated].name if seated in by_id else (seated or "")
            row.up_button.setEnabled(0 < index < len(crew))
            row.down_button.setEnabled(index < len(crew) - 1)
            row.up_button.setAccessibleName(f"Move {who} up a seat" if who else "Move up a seat")
            row.down_button.setAccessibleName(f"Move {who} down a seat" if who else "Move down a seat")
            row.up_button.setToolTip(row.up_button.accessibleName())
            row.down_button.setToolTip(row.down_button.accessibleName())

    def forget(self) -> None:
        """Fill the lists again at the next refresh (they show a choice the model did not take)."""
        self._shown = None

    def focus_chain(self) -> list[QWidget]:
        return [w for row in self.rows for w in (row.combo, row.up_button, row.down_button)]


class CrewEditor(QGroupBox):
    """Who flies up and who flies home on the mission shown, seat by seat (see the module's docstring)."""

    def __init__(self, doc: ProjectDocument, parent=None):
        super().__init__("Crew", parent)
        self.doc = doc
        self.mission_id: str | None = None
        #: missions whose home list is shown although it is the up crew (the user cleared "Same crew goes home")
        self._own_home: set[str] = set()

        self.up_heading = QLabel(self)
        self.up_seats = SeatList(self, "up", self)
        self.same_check = QCheckBox("Same crew &goes home", self)
        self.same_check.setToolTip("Clear it when someone arrives on this vehicle and leaves on another "
                                   "(a handover): home then has a list of its own")
        self.same_check.toggled.connect(self._same_toggled)
        self.home_heading = QLabel(self)
        self.home_seats = SeatList(self, "home", self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.own_note = QLabel(self)
        self.own_note.setWordWrap(True)
        self.own_note.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.up_heading, self.home_heading):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.setContentsMargins(6, layout.contentsMargins().top(), 4, 6)
        layout.addWidget(self.note)
        layout.addWidget(self.up_heading)
        layout.addWidget(self.up_seats)
        layout.addWidget(self.same_check)
        layout.addWidget(self.home_heading)
        layout.addWidget(self.home_seats)
        layout.addWidget(self.own_note)
        # Rows for a four-seat flight on both ways from the start, so that they sit in the tab order here.
        self.up_seats.ensure_rows(4)
        self.home_seats.ensure_rows(4)
        self._mend_tab_order()
        doc.itemsChanged.connect(self._items_changed)
        doc.projectReset.connect(self._own_home.clear)
        self.set_mission(None)

    # ------------------------------------------------------------------ showing

    def mission(self) -> Mission | None:
        """The mission shown (the model's object: never change it in place)."""
        return None if self.mission_id is None else self.doc.project.mission(self.mission_id)

    def set_mission(self, mission: Mission | None) -> None:
        """Show the crew of ``mission`` (None: nothing)."""
        self.mission_id = None if mission is None else mission.id
        self.refresh()

    def own_home(self) -> bool:
        """True when home has a list of its own (it differs from up, or the user asked for one)."""
        mission = self.mission()
        if mission is None:
            return False
        crew = flight_crew(mission)
        return crew.has_home and (not crew.has_up or not crew.same or mission.id in self._own_home)

    def refresh(self) -> None:
        """Redraw from the model."""
        mission = self.mission()
        self.setVisible(mission is not None)
        if mission is None:
            return
        station = self.doc.project.station
        vtype = station.vehicle_type(mission.vehicle_type)
        vehicle = vtype.name if vtype else mission.vehicle_type
        crew = flight_crew(mission)
        seats = seat_count(mission, station)
        people = sorted(self.doc.project.people, key=lambda p: (p.name.casefold(), p.id))
        own_home = self.own_home()
        rows_before = len(self.up_seats.rows) + len(self.home_seats.rows)
        uncrewed = seats == 0 and not any(e.crew for e in mission.events)

        if uncrewed:
            note = f"{vehicle} carries no crew (no seats)." if mission.seats is None else \
                "This flight has no seats (its Seats are 0)."
        elif not crew.has_up and not crew.has_home:
            note = "Add a launch, docking or undocking to the events to set who flies."
        elif not crew.has_home:
            note = "No undocking or landing planned yet: the way home is set once one is added."
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))

        show_up = crew.has_up and not uncrewed
        show_home = crew.has_home and not uncrewed and own_home
        if show_up:
            self.up_seats.show_crew(crew.up, seat_names(mission, station, max(seats, len(crew.up))), seats, people,
                                    vehicle)
            self.up_heading.setText(self._heading("Up: launch and arrival", crew.up, seats))
        if show_home:
            self.home_seats.show_crew(crew.home, seat_names(mission, station, max(seats, len(crew.home))), seats,
                                      people, vehicle)
            self.home_heading.setText(self._heading("Home: departure and landing", crew.home, seats))
        for heading, seat_list, style_crew, shown in ((self.up_heading, self.up_seats, crew.up, show_up),
                                                      (self.home_heading, self.home_seats, crew.home, show_home)):
            heading.setVisible(shown)
            seat_list.setVisible(shown)
            heading.setStyleSheet(_PROBLEM_STYLE if shown and len(style_crew) > seats else "")
        self.up_heading.setBuddy(self.up_seats.rows[0].combo)
        self.home_heading.setBuddy(self.home_seats.rows[0].combo)
        self.same_check.setVisible(crew.has_up and crew.has_home and not uncrewed)
        self.same_check.blockSignals(True)
        self.same_check.setChecked(not own_home)
        self.same_check.blockSignals(False)
        self._show_own_crew_events(mission)
        if len(self.up_seats.rows) + len(self.home_seats.rows) != rows_before:
            self._mend_tab_order()

    @staticmethod
    def _heading(text: str, crew: tuple[str, ...], seats: int) -> str:
        # The mnemonic goes on the first letter of "Up" / the "m" of "Home" (Alt+H opens the Help menu).
        mnemonic = "&" + text if text.startswith("Up") else text.replace("Home", "Ho&me", 1)
        if len(crew) > seats:
            return f"{mnemonic} — {len(crew)} people, {seats} seat{'s' if seats != 1 else ''}"
        return f"{mnemonic} — {len(crew)} of {seats} seat{'s' if seats != 1 else ''}"

    def _show_own_crew_events(self, mission: Mission) -> None:
        names = self.doc.project.person_names()
        lines = []
        for index in own_crew_events(mission):
            event = mission.events[index]
            who = ", ".join(names.get(p, p) for p in event.crew)
            lines.append(f"{event.kind.value.capitalize()} {event.utc:%Y-%m-%d}: {who}")
        self.own_note.setText("Set on the event itself (kept when the crew changes):\n" + "\n".join(lines)
                              if lines else "")
        self.own_note.setVisible(bool(lines))

    def _mend_tab_order(self) -> None:
        """Rows added later would come last in the window's tab order: put every row in reading order."""
        chain = self.up_seats.focus_chain() + [self.same_check] + self.home_seats.focus_chain()
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _items_changed(self, collection: str, _ids: list) -> None:
        if collection == "people" and self.mission() is not None:
            self.refresh()  # a renamed, new or deleted person

    # ------------------------------------------------------------------ editing

    def seat_chosen(self, side: str, index: int, item: int) -> None:
        """The user chose entry ``item`` of seat ``index``'s list (a person, the empty seat, or a new person)."""
        seat_list = self.up_seats if side == "up" else self.home_seats
        choice = seat_list.rows[index].combo.itemData(item)
        if choice == _NEW:
            if self.new_person(side, index) is None:
                self._redraw()  # cancelled: show who sits there again
            return
        crew = list(seat_list.crew)
        if choice is None:
            if index >= len(crew):
                return
            crew.pop(index)
        elif index < len(crew):
            crew[index] = choice
        else:
            crew.append(choice)
        self._set_crew(side, tuple(crew), self._seat_text(side, index, choice), f"{side}:{index}")

    def move(self, side: str, index: int, step: int) -> None:
        """Swap the person in seat ``index`` with the one ``step`` seats away (-1: up, +1: down)."""
        seat_list = self.up_seats if side == "up" else self.home_seats
        crew, other = list(seat_list.crew), index + step
        if not (0 <= index < len(crew) and 0 <= other < len(crew)):
            return
        crew[index], crew[other] = crew[other], crew[index]
        mission = self.mission()
        names = self.doc.project.person_names()
        seat = seat_names(mission, self.doc.project.station, other + 1)[other]
        self._set_crew(side, tuple(crew), f"Move {names.get(crew[other], crew[other])} to {seat} of {mission.name}")
        # The keyboard stays with the person moved: the same button of their new seat, or its list at the end.
        row = seat_list.rows[other]
        button = row.up_button if step < 0 else row.down_button
        (button if button.isEnabled() else row.combo).setFocus(Qt.FocusReason.OtherFocusReason)

    def new_person(self, side: str, index: int, name: str | None = None) -> str | None:
        """Create a person and seat them in seat ``index`` (or the next free one), as one undo step; return
        the new id (None: no name given)."""
        if name is None:
            name, ok = QInputDialog.getText(self, "New Person", "Name:")
            if not ok:
                return None
        name = name.strip()
        mission = self.mission()
        if not name or mission is None:
            return None
        person = Person(unique_slug(name, {p.id for p in self.doc.project.people}), name)
        seat_list = self.up_seats if side == "up" else self.home_seats
        crew = list(seat_list.crew)
        if index < len(crew):
            crew[index] = person.id
        else:
            crew.append(person.id)
        stack = self.doc.undo_stack
        stack.beginMacro(f"Add {name} to {mission.name}")
        stack.push(InsertItem(self.doc, "people", person))
        self._set_crew(side, tuple(crew), f"Seat {name}")
        stack.endMacro()
        return person.id

    def _set_crew(self, side: str, crew: tuple[str, ...], text: str, merge: str | None = None) -> None:
        """Push the mission with ``crew`` as its ``side`` crew (both ways while home is the same crew)."""
        mission = self.mission()
        if mission is None:
            return
        if side == "up":
            edited = with_flight_crew(mission, up=crew, home=None if self.own_home() else crew)
        else:
            edited = with_flight_crew(mission, home=crew)
        if edited == mission:
            self._redraw()  # nothing to change: the lists show the model again, not the choice just made
            return
        key = f"{mission.id}:crew:{merge}" if merge else None  # browsing one seat's list with the keys: one step
        self.doc.undo_stack.push(ReplaceItem(self.doc, "missions", mission.id, edited, text, key))

    def _redraw(self) -> None:
        self.up_seats.forget()
        self.home_seats.forget()
        self.refresh()

    def _seat_text(self, side: str, index: int, person: str | None) -> str:
        mission = self.mission()
        seat = seat_names(mission, self.doc.project.station, index + 1)[index]
        way = "" if side == "up" else " home"
        if person is None:
            return f"Empty {seat}{way} of {mission.name}"
        return f"Seat {self.doc.project.person_names().get(person, person)} as {seat}{way} of {mission.name}"

    def _same_toggled(self, same: bool) -> None:
        mission = self.mission()
        if mission is None:
            return
        if not same:  # a list of its own, starting as the up crew: nothing changes until it is edited
            self._own_home.add(mission.id)
            self.refresh()
            self.home_seats.rows[0].combo.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._own_home.discard(mission.id)
        crew = flight_crew(mission)
        if crew.same:
            self.refresh()
            return
        edited = with_flight_crew(mission, home=crew.up)
        self.doc.undo_stack.push(ReplaceItem(self.doc, "missions", mission.id, edited,
                                             f"Same crew home as up on {mission.name}"))
