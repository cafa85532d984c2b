"""Launch at an Opportunity…: a site's launch opportunities for the weeks around a mission, one of them chosen to set
the mission's launch and its docking (or berthing) together, as one undo step.

The dialog lists each opportunity's day, estimated liftoff, in-plane moment, direction and azimuth, and the arrival
the chosen rendezvous profile gives (:mod:`planner.orbit.launch`, :mod:`planner.model.rendezvous`). The site is the
one the vehicle type usually launches from (:func:`~planner.model.launch_sites.usual_launch_site`), the profile
the type's default, the span two weeks either side of the mission's launch. A span the element sets cannot judge
(too far from every epoch) is said in words; so is a docking that would come after the mission's undocking.

Opened from the mission editor's button and from Edit ▸ Launch at an Opportunity…
(:mod:`planner.gui.launch_action`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout,
)

from planner.gui.commands import ReplaceItem
from planner.gui.time_edit import UtcDateTimeEdit
from planner.model import EventKind, Mission
from planner.model.display_time import format_in_zone
from planner.model.launch_choice import LaunchChoiceError, launch_at
from planner.model.launch_sites import LaunchSite, from_ground_site, launch_sites, usual_launch_site
from planner.model.rendezvous import default_profile, profiles_for, rendezvous_profiles
from planner.model.times import UTC
from planner.orbit.timebase import to_datetime

USE = "Use This Opportunity"
#: the span shown either side of the mission's launch
AROUND = timedelta(days=14)
#: the longest span listed at once (element sets reach 90 days either side of their epoch anyway)
MAX_DAYS = 92
COLUMNS = ["Date", "Liftoff", "In plane", "Direction", "Azimuth", "Docking"]


class LaunchDialog(QDialog):
    """The opportunities of one site for one mission; :meth:`use` sets its launch and arrival in one undo step."""

    def __init__(self, doc, mission_id: str, zone=lambda: "UTC", around: float | None = None, parent=None):
        super().__init__(parent)
        self.doc, self.mission_id, self.zone = doc, mission_id, zone
        self.results: list = []
        self._orbit, self._orbit_sets, self._orbit_problem = None, None, ""
        self._target = 0.0
        mission = self.mission()
        self.setWindowTitle(f"Launch {mission.name} at an Opportunity")
        self._build(mission)
        start, end = self._default_span(mission, around)
        self.start_edit.set_utc(start)
        self.end_edit.set_utc(end)
        self.find()

    # ------------------------------------------------------------------ form

    def mission(self) -> Mission | None:
        """The mission the dialog launches (None once it is deleted)."""
        return self.doc.project.mission(self.mission_id)

    def _build(self, mission: Mission) -> None:
        self.site_combo = QComboBox(self)
        self.site_combo.setAccessibleName("Launch site")
        usual = usual_launch_site(mission.vehicle_type, self._type_name(mission.vehicle_type))
        for site in launch_sites():
            self.site_combo.addItem(site.name, site)
            ways = " or ".join(site.directions) if site.directions else "either way"
            self.site_combo.setItemData(self.site_combo.count() - 1, f"{site.vehicles}; launches fly {ways}",
                                        Qt.ItemDataRole.ToolTipRole)
        for ground in self.doc.project.sites:
            self.site_combo.addItem(f"{ground.name} (ground site, either way)", from_ground_site(ground))
        self.site_combo.setCurrentIndex(max(0, next((i for i in range(self.site_combo.count())
                                                     if usual is not None and self.site_combo.itemData(i) == usual), 0)))
        self.site_combo.activated.connect(lambda _i: self.find())
        self.profile_combo = QComboBox(self)
        self.profile_combo.setAccessibleName("Rendezvous profile")
        own = profiles_for(mission.vehicle_type)
        for profile in own or rendezvous_profiles():
            m = profile.minutes if profile.capture is None else None
            span = (f"{m.min:.0f}-{m.max:.0f} min, usually {m.typical:.0f}" if m is not None else
                    f"capture after {profile.capture.typical / 60:.1f} h, berthed {profile.minutes.typical:.0f} min later")
            self.profile_combo.addItem(f"{profile.name} ({span})", profile)
            self.profile_combo.setItemData(self.profile_combo.count() - 1, profile.source, Qt.ItemDataRole.ToolTipRole)
        default = default_profile(mission.vehicle_type)
        self.profile_combo.setCurrentIndex(max(0, self.profile_combo.findData(default)) if default else 0)
        self.profile_combo.activated.connect(lambda _i: self._fill())
        self.start_edit, self.end_edit = UtcDateTimeEdit(self), UtcDateTimeEdit(self)
        self.start_edit.setAccessibleName("From (UTC)")
        self.end_edit.setAccessibleName("To (UTC)")
        for edit in (self.start_edit, self.end_edit):
            edit.utcChanged.connect(lambda _when: self.find())
        span = QHBoxLayout()
        span.addWidget(self.start_edit, 1)
        span.addWidget(QLabel("to", self))
        span.addWidget(self.end_edit, 1)
        form = QFormLayout()
        form.addRow("Launch &site:", self.site_combo)
        form.addRow("&Rendezvous:", self.profile_combo)
        span_label = QLabel("S&pan:", self)
        span_label.setBuddy(self.start_edit)
        form.addRow(span_label, span)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not own:
            self.profile_note = f"The catalogue has no rendezvous profile for {self._type_name(mission.vehicle_type)}: " \
                                "choose the one nearest its flight."
        else:
            self.profile_note = ""
        self.list = QTreeWidget(self)
        self.list.setAccessibleName("Launch opportunities")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(COLUMNS)
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
        """Two weeks either side of the launch; without one, of the liftoff its arrival implies; else of ``around``
        (the time cursor), else of now."""
        launch = mission.first(EventKind.LAUNCH)
        arrive = mission.first(EventKind.DOCK, EventKind.BERTH)
        profile = self.profile()
        if launch is not None:
            middle = launch.utc
        elif arrive is not None and profile is not None:
            middle = arrive.utc - (self._arrival_after(profile))
        elif around:
            middle = datetime.fromtimestamp(around, UTC)
        else:
            middle = datetime.now(UTC)
        self._target = middle.timestamp()  # the row nearest it is chosen first
        middle = middle.replace(minute=0, second=0, microsecond=0)
        return middle - AROUND, middle + AROUND

    @staticmethod
    def _arrival_after(profile) -> timedelta:
        capture = profile.capture.typical if profile.capture is not None else 0.0
        return timedelta(minutes=capture + profile.minutes.typical)

    def site(self) -> LaunchSite:
        """The launch site chosen."""
        return self.site_combo.currentData()

    def profile(self):
        """The rendezvous profile chosen."""
        return self.profile_combo.currentData()

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
        """List the chosen site's opportunities over the span (a busy cursor meanwhile: about 0.1 s for weeks)."""
        from planner.orbit.errors import CannotJudge
        from planner.orbit.horizon import Horizon
        from planner.orbit.launch import launch_opportunities, out_of_reach

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
                spans = horizon.spans
                inside = [(max(t0, a), min(t1, b)) for a, b in spans if b > t0 and a < t1]
                if not inside:
                    return self._show(f"No opportunities can be listed from {_day(start)} to {_day(end)}: "
                                      f"{reason}.", problem=True)
                t0, t1 = max(inside, key=lambda s: s[1] - s[0])
                notes.append(f"Only {_day(t0)} to {_day(t1)} is listed: {reason}.")
            try:
                self.results = launch_opportunities(orbit, self.site(), t0, t1, self.profile_vehicle())
            except CannotJudge as exc:
                return self._show(f"No opportunities can be listed: {exc}.", problem=True)
            if not self.results:
                why = out_of_reach(orbit, self.site(), t0)
                ways = " or ".join(self.site().directions) if self.site().directions else "either way"
                notes.insert(0, f"No launch opportunities from {self.site().name} in this span: "
                                + (f"{why}." if why else f"launches from there fly {ways}."))
        finally:
            QApplication.restoreOverrideCursor()
        if self.results:
            lead = self.results[0].lead
            side = "at the moment" if round(lead.seconds) == 0 else (
                f"{abs(lead.seconds):.0f} s {'before' if lead.seconds > 0 else 'after'}")
            notes.insert(0, f"{len(self.results)} opportunities from {self.site().name}; liftoff {side} the site "
                            f"passes through the station's plane"
                            + ("" if lead.derived else " (the default lead: no launch of this type in the data)")
                            + ".")
        self._fill()
        return self._show(" ".join(n for n in (*notes, self.profile_note) if n), keep=True)

    def profile_vehicle(self) -> str:
        """The vehicle type whose lead sets the liftoff: the mission's."""
        mission = self.mission()
        return mission.vehicle_type if mission is not None else ""

    def _show(self, text: str, keep: bool = False, problem: bool = False) -> list:
        """Say ``text`` above the list (in red for a ``problem``); the list is emptied unless ``keep``."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if problem else "")
        if not keep:
            self.results = []
            self._fill()
        return self.results

    def _fill(self) -> None:
        """The rows, the arrival column after the profile chosen; the row nearest the mission's launch current."""
        profile, zone = self.profile(), self.zone()
        self.list.clear()
        berth = profile is not None and profile.arrival == "berth"
        self.list.headerItem().setText(5, "Capture → berthing" if berth else "Docking")
        mission = self.mission()
        launch = mission.first(EventKind.LAUNCH) if mission is not None else None
        for o in self.results:
            # To the second as set: the liftoff used is rounded (LaunchOpportunity.arrival).
            liftoff = format_in_zone(to_datetime(round(o.launch)), zone).split(" ")
            in_plane = format_in_zone(to_datetime(round(o.in_plane)), zone).split(" ")
            cells = [f"{liftoff[0]} {to_datetime(round(o.launch)).strftime('%a')}", f"{liftoff[1]} {liftoff[2]}",
                     f"{in_plane[1]} {in_plane[2]}", o.direction, f"{o.azimuth_deg:.1f}°",
                     self._arrival_text(o, profile, zone)]
            item = QTreeWidgetItem(cells)
            for column in (1, 2, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        if self.results:
            target = launch.utc.timestamp() if launch is not None else self._target
            nearest = min(range(len(self.results)), key=lambda k: abs(self.results[k].launch - target))
            if launch is not None and abs(self.results[nearest].launch - target) < 1800:
                current = self.list.topLevelItem(nearest)  # the one the mission launches at now: in bold
                font = current.font(0)
                font.setBold(True)
                for column in range(len(COLUMNS)):
                    current.setFont(column, font)
                    current.setToolTip(column, f"{mission.name} launches at this opportunity now")
            self.list.setCurrentItem(self.list.topLevelItem(nearest))
            self.list.scrollToItem(self.list.currentItem(), QAbstractItemView.ScrollHint.PositionAtCenter)
        for column in range(len(COLUMNS)):
            self.list.resizeColumnToContents(column)
        self._update_button()

    @staticmethod
    def _arrival_text(opportunity, profile, zone: str) -> str:
        if profile is None:
            return ""
        when = opportunity.arrival(profile)
        text = format_in_zone(when.typical, zone, seconds=False)
        if when.capture is not None:
            text = f"{format_in_zone(when.capture[1], zone, seconds=False)} → {text.split(' ', 1)[1]}"
        return text

    def current_row(self) -> int:
        """The row chosen in the list, or -1."""
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else -1

    def _update_button(self) -> None:
        self.use_button.setEnabled(0 <= self.current_row() < len(self.results) and self.profile() is not None)

    # ------------------------------------------------------------------ choosing

    def use(self) -> bool:
        """Set the mission's launch to the chosen opportunity's liftoff and its arrival to the profile's typical
        time, as one undo step, and close; a docking that would come after the undocking is refused in words."""
        row, mission, profile = self.current_row(), self.mission(), self.profile()
        if mission is None:
            self._show("The mission was deleted.", keep=True, problem=True)
            return False
        if not 0 <= row < len(self.results) or profile is None:
            return False
        chosen = self.results[row]
        arrival = chosen.arrival(profile)
        ports = self.doc.project.station.compatible_ports(mission.vehicle_type)
        try:
            new = launch_at(mission, arrival, chosen.site.name, to_datetime(round(chosen.in_plane)),
                            port=ports[0].id if ports else None)
        except LaunchChoiceError as exc:
            self._show(f"Cannot use this opportunity: {exc}.", keep=True, problem=True)
            return False
        if new != mission:
            when = format_in_zone(arrival.launch, self.zone(), seconds=False)
            self.doc.undo_stack.push(ReplaceItem(self.doc, "missions", mission.id, new,
                                                 f"Launch {mission.name} at {when}"))
        self.accept()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        # Enter in a span field lists that span (its edit is finished); it does not use the chosen row.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() in (self.start_edit,
                                                                                             self.end_edit):
            event.accept()
            return
        super().keyPressEvent(event)


def _day(when) -> str:
    if isinstance(when, datetime):
        return f"{when.astimezone(UTC):%Y-%m-%d}"
    return f"{datetime.fromtimestamp(when, UTC):%Y-%m-%d}"


def open_dialog(editor, around: float | None = None) -> LaunchDialog | None:
    """Open the dialog for the mission in ``editor`` (a MissionEditor), window-modal; None without a mission."""
    mission = editor.mission()
    if mission is None:
        return None
    dialog = LaunchDialog(editor.doc, mission.id, editor.zone, around, editor.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.launch_dialog = dialog
    dialog.open()
    return dialog
