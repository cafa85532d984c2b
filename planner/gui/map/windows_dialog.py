"""Filming windows: choose the constraints, see the ranked windows on the map, add one as an activity, move an
existing activity into one, or export the chosen windows (.ics, KML, GeoJSON).

The ranked windows go to the shared time cursor as highlights, so the map and the timeline both mark
them (labelled "#1 daylight over Russia, 7.2 min"), the selected row as the chosen one; closing the
dialog clears them.

A window searched within a stay is filmed by that stay's crew: an activity added from it gets the people who
came on that vehicle and are aboard for all of the window (:func:`stay_crew`).
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
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
        self._searched_stay = None  # (start, end, mission id) of the stay they were searched in, or None
        self._build()
        self._fill()
        self._fill_activities()
        # Close button, Escape and the title bar's close all end in finished().
        self.finished.connect(lambda _result: self.window.time_cursor.set_highlights([]))
        self.doc.itemsChanged.connect(self._items_changed)
        self.doc.projectReset.connect(lambda: self._items_changed("activities", []))

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
        self.link_combo = QComboBox(self)
        self.link_combo.setAccessibleName("Live link to the ground the window needs")
        for text, value in (("(none)", None), ("Any network", "any"), ("US (TDRS)", "us"),
                            ("Russian (Luch, Russian sites)", "ru")):
            self.link_combo.addItem(text, value)
        form.addRow("Live link:", self.link_combo)
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
        # Several windows can be chosen for an export; adding and re-timing use the current one.
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.currentItemChanged.connect(lambda *_: self._selected())
        self.title_edit = QLineEdit("Filming window", self)
        self.kind_combo = QComboBox(self)
        for kind in ActivityKind:
            self.kind_combo.addItem(kind.value.replace("-", " "), kind.value)  # Qt turns a str enum into str
        self.add_button = QPushButton("Add as Activity", self)
        self.add_button.setEnabled(False)
        self.add_button.setToolTip("A new activity over the chosen window (searched within a stay: with its crew)")
        self.add_button.clicked.connect(lambda: self.add_activity())
        self.activity_combo = _ActivityCombo(self._fill_activities, self)
        self.activity_combo.setAccessibleName("Activity to re-time")
        self.activity_combo.setToolTip("An activity of the plan to move into the chosen window")
        self.activity_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.retime_button = QPushButton("Re-time Activity", self)
        self.retime_button.setEnabled(False)
        self.retime_button.setToolTip("Move the activity into the chosen window, keeping its length if it fits "
                                      "(one undoable step)")
        self.retime_button.clicked.connect(lambda: self.retime_activity())
        self.export_button = QPushButton("Export Windows…", self)
        self.export_button.setEnabled(False)
        self.export_button.setToolTip("Write the chosen windows (all of them when none is chosen) as a calendar "
                                      "(.ics) or a map (KML, GeoJSON)")
        self.export_button.clicked.connect(lambda: self.export_windows())
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        rows = QGridLayout()
        rows.addWidget(QLabel("New activity:", self), 0, 0)
        rows.addWidget(self.title_edit, 0, 1)
        rows.addWidget(self.kind_combo, 0, 2)
        rows.addWidget(self.add_button, 0, 3)
        rows.addWidget(QLabel("Existing activity:", self), 1, 0)
        rows.addWidget(self.activity_combo, 1, 1, 1, 2)
        rows.addWidget(self.retime_button, 1, 3)
        rows.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.find_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addLayout(rows)
        layout.addLayout(buttons)
        self.resize(680, 660)

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
                self.stay_combo.addItem(f"{mission.name} at {stay.port} ({when})", (stay.start, stay.end, mission.id))
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

    def _fill_activities(self) -> None:
        """The plan's activities to re-time, by start; the one chosen stays chosen, else the one selected in the
        Activities table, else none."""
        combo = self.activity_combo
        keep = combo.currentData()
        if keep is None and "activities" in self.window.views:
            selected = self.window.views["activities"].selected_ids()
            keep = selected[0] if selected else None
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("(choose an activity to move into the window)", None)
        for activity in sorted(self.doc.project.activities, key=lambda a: (a.start, a.title)):
            combo.addItem(self._activity_text(activity), activity.id)
        found = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        combo.stale = False
        self._update_buttons()

    def _activity_text(self, activity) -> str:
        from planner.model.display_time import format_in_zone

        return f"{activity.title} ({format_in_zone(activity.start, self.window.zone(), seconds=False)})"

    def _items_changed(self, collection: str, _ids) -> None:
        """The plan's activities changed: the chosen one is shown as it is now; the list is made again when it is
        next opened (a plan of 100,000 activities takes most of a second to list)."""
        if collection != "activities":
            return
        combo = self.activity_combo
        combo.stale = True
        chosen = combo.currentData()
        if chosen is None:
            return
        activity = next((a for a in self.doc.project.activities if a.id == chosen), None)
        if activity is None:  # deleted: nothing to move any more
            self._fill_activities()
        else:
            combo.setItemText(combo.currentIndex(), self._activity_text(activity))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.activity_combo.stale:
            self._fill_activities()

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
                             min_duration_s=self.min_minutes.value() * 60.0, link=self.link_combo.currentData(),
                             link_sites=tuple(self.doc.project.sites))

    def find(self) -> list:
        """Search with the form's constraints; the windows are listed, ranked, and marked on the map."""
        from PySide6.QtWidgets import QApplication

        from planner.orbit import filming_windows
        from planner.orbit.overflights import PlaceError

        self.list.clear()
        self.results = []
        self._update_buttons()
        self.window.time_cursor.set_highlights([])  # until new results replace them
        start, end = self.start_edit.utc(), self.end_edit.utc()
        if end <= start:
            return self._say("The end of the span must be after its start.")
        if end - start > timedelta(days=MAX_SEARCH_DAYS):
            return self._say(f"Search at most {MAX_SEARCH_DAYS:.0f} days at a time (choose a stay or a shorter span).")
        if self.panel.orbit is None:
            return self._say("The project has no usable element sets: import one first (Element Sets > Import Element Sets).")
        request = self.request()
        if request.place is not None and not isinstance(request.place, str) and request.radius_km <= 0:
            return self._say("A ground site as the place below needs a radius above 0 km.")
        self._searched = request
        self._searched_stay = self.stay_combo.currentData()
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

    def current_row(self) -> int:
        """The row of the current (last clicked) window, or -1."""
        item = self.list.currentItem()
        return self.list.indexOfTopLevelItem(item) if item is not None else -1

    def chosen_rows(self) -> list[int]:
        """The rows of the windows chosen (selected) in the list, in rank order."""
        return sorted(self.list.indexOfTopLevelItem(item) for item in self.list.selectedItems())

    def _update_buttons(self) -> None:
        has_row = 0 <= self.current_row() < len(self.results)
        self.add_button.setEnabled(has_row)
        self.retime_button.setEnabled(has_row and self.activity_combo.currentData() is not None)
        self.export_button.setEnabled(bool(self.results))

    def _selected(self) -> None:
        row = self.current_row()
        self._update_buttons()
        if 0 <= row < len(self.results):
            crew = self.crew_for(row)
            names = self.doc.project.person_names()
            self.add_button.setToolTip(f"A new activity over window #{row + 1}"
                                       + (f" for {', '.join(names.get(p, p) for p in crew)}" if crew else ""))
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
            if request.link is not None:
                link = {"us": "US link", "ru": "Russian link", "any": "live link"}[request.link]
                seen = f"{seen}, {link}" if seen else link
        minutes = w.duration_s / 60.0
        length = f"{minutes:.1f} min" if minutes < 10 else f"{minutes:.0f} min"
        what = ", ".join(part for part in (" ".join(x for x in (light, where) if x), seen) if part)
        return f"#{row + 1} {what}, {length}" if what else f"#{row + 1} {length}"

    # ------------------------------------------------------------------ result to plan

    def crew_for(self, row: int) -> tuple[str, ...]:
        """The people who film in window ``row``: searched within a stay, that stay's crew aboard for all of it."""
        if self._searched_stay is None:
            return ()
        w = self.results[row]
        return stay_crew(self.station.timeline, self.doc.project.mission(self._searched_stay[2]), w.start, w.end)

    def activity_for(self, row: int) -> Activity:
        """A new activity over window ``row`` (whole seconds inside it), its needs taken from the form, its people
        the crew of the stay it was searched in (:meth:`crew_for`)."""
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
        if request.link is not None:
            needs.append(Need(NeedKind.LIVE_LINK, network=request.link))
        if self.dynamic_check.isChecked():
            needs.append(Need(NeedKind.NO_DYNAMIC_EVENT))
        note = "Found by the filming-window search"
        if request.place is not None:
            where = request.place if isinstance(request.place, str) else (request.place.name or request.place.id)
            note += f"; over {where}" + (f" within {request.radius_km:.0f} km" if request.radius_km else "")
        title = self.title_edit.text().strip() or "Filming window"
        taken = {a.id for a in self.doc.project.activities}
        return Activity(id=unique_slug(title, taken), title=title, kind=ActivityKind(self.kind_combo.currentData()),
                        start=start, end=end, people=self.crew_for(row), needs=tuple(needs), note=note + ".")

    def add_activity(self, row: int | None = None) -> Activity | None:
        """Add the chosen window as an activity: one undoable step."""
        from planner.gui.commands import InsertItem

        row = self.current_row() if row is None else row
        if not 0 <= row < len(self.results):
            return None
        activity = self.activity_for(row)
        self.doc.undo_stack.push(InsertItem(self.doc, "activities", activity, text=f"Add {activity.title}"))
        names = self.doc.project.person_names()
        crew = f" for {', '.join(names.get(p, p) for p in activity.people)}" if activity.people else ""
        self._say(f"Added the activity '{activity.title}'{crew}.")
        if "activities" in self.window.views:
            self.window.views["activities"].select_ids([activity.id])
        return activity

    def retime_activity(self, activity_id: str | None = None, row: int | None = None) -> Activity | None:
        """Move an activity of the plan (the one chosen in the combo) into window ``row`` (the current one): it
        starts at the window's first whole second and keeps its length, or fills the window when it is longer.
        Its people and needs stay as they are. One undoable step; the moved activity, or None."""
        from planner.gui.commands import ReplaceItem
        from planner.model.display_time import format_in_zone

        row = self.current_row() if row is None else row
        activity_id = self.activity_combo.currentData() if activity_id is None else activity_id
        activity = next((a for a in self.doc.project.activities if a.id == activity_id), None)
        if activity is None or not 0 <= row < len(self.results):
            return None
        w = self.results[row]
        start, last = math.ceil(w.start), max(math.floor(w.end), math.ceil(w.start))
        length = activity.duration_s
        end = start + length if start + length <= last else last
        moved = replace(activity, start=to_datetime(start), end=to_datetime(end))
        if moved == activity:
            self._say(f"'{activity.title}' is in this window already.")
            return None
        self.doc.undo_stack.push(ReplaceItem(self.doc, "activities", activity.id, moved,
                                             text=f"Re-time {activity.title}"))
        zone = self.window.zone()
        text = f"Moved '{activity.title}' to {format_in_zone(moved.start, zone)} – {format_in_zone(moved.end, zone)}"
        if end - start < length:
            text += (f", shortened from {length / 60.0:.1f} to {(end - start) / 60.0:.1f} min to fit the window "
                     "(choose a longer window to keep its length)")
        self._say(text + ".")
        if "activities" in self.window.views:
            self.window.views["activities"].select_ids([activity.id])
        return moved

    # ------------------------------------------------------------------ export

    def chosen_windows(self) -> list:
        """The chosen windows as :class:`planner.exports.ChosenWindow` (every window found when none is chosen)."""
        from planner.exports import ChosenWindow

        rows = [r for r in self.chosen_rows() if 0 <= r < len(self.results)] or list(range(len(self.results)))
        return [ChosenWindow(self.results[r].start, self.results[r].end, self.label(r)) for r in rows]

    def window_selection(self):
        """The chosen windows as a :class:`planner.exports.Selection`, with the ground sites the search named."""
        from planner.exports import select
        from planner.model import GroundSite

        windows = self.chosen_windows()
        request = self._searched
        sites = [] if request is None else [x.id for x in (request.site, request.place) if isinstance(x, GroundSite)]
        first = to_datetime(min(w.start for w in windows)) if windows else None
        name = f"Filming windows {first:%Y-%m-%d}" if first is not None else "Filming windows"
        return select(self.doc.project, sites=sites, windows=windows, name=name)

    def export_windows(self, path=None) -> bool:
        """Export Windows…: the chosen windows (and the sites searched for) as .ics, KML or GeoJSON (``path``: the
        name the file dialog would give, in which case it is not shown)."""
        from pathlib import Path

        from planner.exports import format_of
        from planner.gui.selection_export import ask_where, export_selection

        if not self.results:
            return False
        selection = self.window_selection()
        if path is None:
            answer = ask_where(self.window, selection, self, "Export Filming Windows")
            if answer is None:
                return False
            path, fmt = answer
        else:
            path, fmt = Path(path), format_of(path)
        if not export_selection(self.window, selection, path, fmt):
            return False
        self._say(f"Wrote {Path(path).name}: {selection.summary()}.")
        return True


class _ActivityCombo(QComboBox):
    """The plan's activities to choose from, listed again when opened after the plan changed (``stale``)."""

    def __init__(self, fill, parent=None):
        super().__init__(parent)
        self._fill, self.stale = fill, False

    def showPopup(self) -> None:  # noqa: N802
        if self.stale:
            self._fill()
        super().showPopup()


def stay_crew(timeline, mission, start: float, end: float) -> tuple[str, ...]:
    """A stay's crew over ``start..end``: the people who came on ``mission``'s vehicle and are aboard for all of it,
    in the order its events name them (empty without a mission). Those who only leave on it (a Soyuz's return
    crew, months later) are not its crew yet."""
    if mission is None:
        return ()
    named = list(dict.fromkeys(p for event in mission.events for p in event.crew))
    crew = []
    for person in named:
        track = timeline.people.get(person)
        stays = track.stays if track is not None else ()
        if any(s.start <= start and end <= s.end and s.came_on == mission.id for s in stays):
            crew.append(person)
    return tuple(crew)


def _name(place) -> str:
    """A place or site as a label says it: a country's name, a site's name (or id)."""
    if isinstance(place, str):
        return place
    return getattr(place, "name", "") or getattr(place, "id", "") or "the place"
