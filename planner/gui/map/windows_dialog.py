"""Filming windows: choose the constraints, see the ranked windows on the map, add one as an activity.

The ranked windows go to the shared time cursor as highlights, so the map and the timeline both mark
them (labelled "#1 daylight over Russia, 7.2 min"), the selected row as the chosen one; closing the
dialog clears them.
"""

from __future__ import annotations

import math
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from planner.gui.time_edit import UtcDateTimeEdit
from planner.model import Activity, ActivityKind, Need, NeedKind
from planner.orbit.timebase import to_datetime

MAX_SEARCH_DAYS = 31.0
RANK_TITLES = {"longest": "Longest first", "elevation": "Highest site elevation first", "earliest": "Earliest first"}


class FilmingWindowsDialog(QDialog):
    """A form over :func:`planner.orbit.filming_windows` whose results show on the map and can become activities."""

    def __init__(self, window, panel, station, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Filming Windows")
        self.window, self.panel, self.station, self.doc = window, panel, station, window.doc
        self.results: list = []
        self._searched = None  # the request the listed results answer (the form may change since)
        self._build()
        self._fill()
        # Close button, Escape and the title bar's close all end in finished().
        self.finished.connect(lambda _result: self.window.time_cursor.set_highlights([]))

    # ------------------------------------------------------------------ form

    def _build(self) -> None:
        form = QFormLayout()
        self.stay_combo = QComboBox(self)
        self.stay_combo.setToolTip("Search only while this vehicle is at the station")
        self.stay_combo.activated.connect(lambda _i: self._stay_chosen())
        form.addRow("Within a stay:", self.stay_combo)
        self.start_edit, self.end_edit = UtcDateTimeEdit(self), UtcDateTimeEdit(self)
        span = QHBoxLayout()
        span.addWidget(self.start_edit)
        span.addWidget(QLabel("to", self))
        span.addWidget(self.end_edit)
        form.addRow("From:", span)
        self.light_combo = QComboBox(self)
        for text, value in (("Any light", None), ("Station sunlit", "sunlit"), ("Station in shadow", "shadow")):
            self.light_combo.addItem(text, value)
        form.addRow("Light:", self.light_combo)
        self.place_combo = QComboBox(self)
        self.place_radius = QDoubleSpinBox(self)
        self.place_radius.setRange(0.0, 3000.0)
        self.place_radius.setDecimals(0)
        self.place_radius.setSingleStep(50.0)
        self.place_radius.setSuffix(" km")
        place = QHBoxLayout()
        place.addWidget(self.place_combo, 1)
        place.addWidget(QLabel("within", self))
        place.addWidget(self.place_radius)
        form.addRow("Below:", place)
        self.site_combo = QComboBox(self)
        self.site_elevation = QDoubleSpinBox(self)
        self.site_elevation.setRange(-1.0, 89.0)
        self.site_elevation.setDecimals(1)
        self.site_elevation.setSpecialValueText("site's own minimum")
        self.site_elevation.setValue(-1.0)
        self.site_elevation.setSuffix("°")
        site = QHBoxLayout()
        site.addWidget(self.site_combo, 1)
        site.addWidget(QLabel("above", self))
        site.addWidget(self.site_elevation)
        form.addRow("Ground site in view:", site)
        self.dynamic_check = QCheckBox("Away from dockings, undockings and relocations by", self)
        self.dynamic_margin = QDoubleSpinBox(self)
        self.dynamic_margin.setRange(0.0, 48.0)
        self.dynamic_margin.setValue(2.0)
        self.dynamic_margin.setSuffix(" h")
        dyn = QHBoxLayout()
        dyn.addWidget(self.dynamic_check)
        dyn.addWidget(self.dynamic_margin)
        dyn.addStretch(1)
        form.addRow("", dyn)
        self.min_minutes = QDoubleSpinBox(self)
        self.min_minutes.setRange(0.1, 600.0)
        self.min_minutes.setValue(1.0)
        self.min_minutes.setSuffix(" min")
        form.addRow("At least:", self.min_minutes)
        self.rank_combo = QComboBox(self)
        for key, text in RANK_TITLES.items():
            self.rank_combo.addItem(text, key)
        form.addRow("Order:", self.rank_combo)

        self.find_button = QPushButton("Find Windows", self)
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self.find)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["#", "Start", "End", "Minutes", "Max elevation"])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Filming windows found")
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        self.title_edit = QLineEdit("Filming window", self)
        self.kind_combo = QComboBox(self)
        for kind in ActivityKind:
            self.kind_combo.addItem(kind.value.replace("-", " "), kind.value)  # Qt turns a str enum into str
        self.add_button = QPushButton("Add as Activity", self)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(lambda: self.add_activity())
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Title:", self))
        add_row.addWidget(self.title_edit, 1)
        add_row.addWidget(self.kind_combo)
        add_row.addWidget(self.add_button)
        add_row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(add_row)
        self.resize(640, 620)

    def _fill(self) -> None:
        from planner.orbit.geography import countries

        project = self.doc.project
        self.stay_combo.addItem("(the span below)", None)
        timeline = self.station.timeline
        for mission in project.missions:
            track = timeline.missions.get(mission.id)
            for stay in track.stays if track is not None else ():
                # An open-ended stay is listed as one: no end is made up for it (the search is capped anyway).
                when = (f"{to_datetime(stay.start):%Y-%m-%d} to {to_datetime(stay.end):%Y-%m-%d}"
                        if math.isfinite(stay.end) else f"from {to_datetime(stay.start):%Y-%m-%d}, no departure planned")
                self.stay_combo.addItem(f"{mission.name} at {stay.port} ({when})", (stay.start, stay.end))
        self.place_combo.addItem("(anywhere)", None)
        self.site_combo.addItem("(none)", None)
        for site in project.sites:
            self.place_combo.addItem(f"Site: {site.name or site.id}", site)
            self.site_combo.addItem(site.name or site.id, site)
        for name in sorted(c.name for c in countries()):
            self.place_combo.addItem(name, name)
        start = self.window.time_cursor.time()
        self.start_edit.set_utc(to_datetime(start))
        self.end_edit.set_utc(to_datetime(start + 86400.0))

    def _stay_chosen(self) -> None:
        span = self.stay_combo.currentData()
        if span is not None:
            end = min(span[1], span[0] + MAX_SEARCH_DAYS * 86400.0)
            self.start_edit.set_utc(to_datetime(span[0]))
            self.end_edit.set_utc(to_datetime(end))
            if end < span[1]:
                rest = "it has no departure planned" if math.isinf(span[1]) else "it lasts longer"
                self._say(f"Searching the stay's first {MAX_SEARCH_DAYS:.0f} days ({rest}); change the span to "
                          f"search later.")
            else:
                self._say("")

    # ------------------------------------------------------------------ search

    def request(self):
        """The :class:`WindowRequest` the form describes."""
        from planner.orbit import WindowRequest, busy_around_dynamic_events

        elevation = self.site_elevation.value()
        busy = []
        if self.dynamic_check.isChecked():
            busy = [tuple(p) for p in busy_around_dynamic_events(self.doc.project.missions,
                                                                 self.dynamic_margin.value() * 3600.0)]
        return WindowRequest(light=self.light_combo.currentData(), place=self.place_combo.currentData(),
                             radius_km=self.place_radius.value(), site=self.site_combo.currentData(),
                             min_elevation_deg=None if elevation < 0 else elevation, busy=busy,
                             min_duration_s=self.min_minutes.value() * 60.0)

    def find(self) -> list:
        """Search with the form's constraints; the windows are listed, ranked, and marked on the map."""
        from PySide6.QtWidgets import QApplication

        from planner.orbit import filming_windows
        from planner.orbit.overflights import PlaceError

        self.list.clear()
        self.results = []
        self.add_button.setEnabled(False)
        self.window.time_cursor.set_highlights([])  # until new results replace them
        start, end = self.start_edit.utc(), self.end_edit.utc()
        if end <= start:
            return self._say("The end of the span must be after its start.")
        if end - start > timedelta(days=MAX_SEARCH_DAYS):
            return self._say(f"Search at most {MAX_SEARCH_DAYS:.0f} days at a time (choose a stay or a shorter span).")
        if self.panel.orbit is None:
            return self._say("The project has no usable element sets: import one first (File > Import Element Sets).")
        request = self.request()
        if request.place is not None and not isinstance(request.place, str) and request.radius_km <= 0:
            return self._say("A ground site as the place below needs a radius above 0 km.")
        self._searched = request
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.results = filming_windows(self.panel.orbit, start, end, request, rank=self.rank_combo.currentData())
        except (PlaceError, ValueError) as exc:
            return self._say(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        zone = self.window.zone()
        from planner.model.display_time import format_in_zone

        for i, w in enumerate(self.results):
            el = "" if w.max_elevation_deg is None else f"{w.max_elevation_deg:.1f}°"
            item = QTreeWidgetItem([str(i + 1), format_in_zone(to_datetime(w.start), zone),
                                    format_in_zone(to_datetime(w.end), zone), f"{w.duration_s / 60.0:.1f}", el])
            self.list.addTopLevelItem(item)
        for col in range(5):
            self.list.resizeColumnToContents(col)
        self._say(f"{len(self.results)} window{'s' if len(self.results) != 1 else ''} found."
                  if self.results else "No window meets every constraint in this span.")
        self._mark(-1)
        if self.results:
            self.list.setCurrentItem(self.list.topLevelItem(0))
        return self.results

    def _say(self, text: str) -> list:
        self.message.setText(text)
        return []

    def _selected(self) -> None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem()) if self.list.currentItem() else -1
        self.add_button.setEnabled(0 <= row < len(self.results))
        if 0 <= row < len(self.results):
            w = self.results[row]
            self._mark(row)
            # The timeline and the map both follow the shared cursor's window request.
            self.window.time_cursor.show_window(w.start, w.end)

    def _mark(self, chosen: int) -> None:
        """The results as highlights on every time view (the map and the timeline), ``chosen`` marked."""
        windows = [(w.start, w.end, self.label(i)) for i, w in enumerate(self.results)]
        self.window.time_cursor.set_highlights(windows, chosen)

    def label(self, row: int) -> str:
        """A short description of result ``row``: "#1 daylight over Russia, Moscow in view, 7.2 min"."""
        w, request = self.results[row], self._searched
        light = where = seen = ""
        if request is not None:
            light = {"sunlit": "daylight", "shadow": "shadow"}.get(request.light, "")
            where = f"over {_name(request.place)}" if request.place is not None else ""
            seen = f"{_name(request.site)} in view" if request.site is not None else ""
        minutes = w.duration_s / 60.0
        length = f"{minutes:.1f} min" if minutes < 10 else f"{minutes:.0f} min"
        what = ", ".join(part for part in (" ".join(x for x in (light, where) if x), seen) if part)
        return f"#{row + 1} {what}, {length}" if what else f"#{row + 1} {length}"

    # ------------------------------------------------------------------ result to plan

    def activity_for(self, row: int) -> Activity:
        """A new activity over window ``row`` (whole seconds inside it), its needs taken from the form."""
        from planner.model.people import unique_slug

        w = self.results[row]
        start = to_datetime(math.ceil(w.start))
        end = to_datetime(max(math.floor(w.end), math.ceil(w.start)))
        request = self.request()
        needs = []
        if request.light == "sunlit":
            needs.append(Need(NeedKind.DAYLIGHT))
        elif request.light == "shadow":
            needs.append(Need(NeedKind.SHADOW))
        if request.site is not None:
            needs.append(Need(NeedKind.SITE_IN_VIEW, site=request.site.id, min_elevation_deg=request.min_elevation_deg))
        if self.dynamic_check.isChecked():
            needs.append(Need(NeedKind.NO_DYNAMIC_EVENT))
        note = "Found by the filming-window search"
        if request.place is not None:
            where = request.place if isinstance(request.place, str) else (request.place.name or request.place.id)
            note += f"; over {where}" + (f" within {request.radius_km:.0f} km" if request.radius_km else "")
        title = self.title_edit.text().strip() or "Filming window"
        taken = {a.id for a in self.doc.project.activities}
        return Activity(id=unique_slug(title, taken), title=title, kind=ActivityKind(self.kind_combo.currentData()),
                        start=start, end=end, needs=tuple(needs), note=note + ".")

    def add_activity(self, row: int | None = None) -> Activity | None:
        """Add the chosen window as an activity: one undoable step."""
        from planner.gui.commands import InsertItem

        if row is None:
            item = self.list.currentItem()
            row = self.list.indexOfTopLevelItem(item) if item is not None else -1
        if not 0 <= row < len(self.results):
            return None
        activity = self.activity_for(row)
        self.doc.undo_stack.push(InsertItem(self.doc, "activities", activity, text=f"Add {activity.title}"))
        self._say(f"Added the activity '{activity.title}'.")
        if "activities" in self.window.views:
            self.window.views["activities"].select_ids([activity.id])
        return activity


def _name(place) -> str:
    """A place or site as a label says it: a country's name, a site's name (or id)."""
    if isinstance(place, str):
        return place
    return getattr(place, "name", "") or getattr(place, "id", "") or "the place"
