"""The map tab: the canvas under a time bar (slider, play, speed, now) and a bar of layers and places."""

from __future__ import annotations

import math
import time as wallclock

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy, QSlider, QToolButton, QVBoxLayout, QWidget,
)

from planner.gui.beta_readout import BetaReadout
from planner.gui.map.canvas import MapCanvas
from planner.gui.map.renderer import Layers, MapRenderer

SPEEDS = (1, 10, 60, 300, 1000, 3600)
SLIDER_STEP_S = 10.0
#: what the time slider can span, centred on the time shown (None: the whole plan)
SLIDER_SPANS = (("± 3 h", 6 * 3600.0), ("± 12 h", 86400.0), ("± 3.5 days", 7 * 86400.0),
                ("± 2 weeks", 28 * 86400.0), ("whole plan", None))
PAD_S = 86400.0
NO_ELEMENTS = ("This project has no element sets of the station, so there is no track to draw.\n"
               "Use Element Sets > Import Element Sets… to add a TLE or OMM file, or Update From Source… to "
               "download one.")
LAYER_TITLES = {"graticule": "Graticule", "terminator": "Night side", "track": "Track", "arrows": "Direction arrows",
                "footprint": "Station footprint", "sites": "Ground sites and their circles",
                "overflights": "Overflights of the chosen place", "windows": "Filming windows",
                "coverage": "Out of link coverage (TDRS; Luch and Russian sites)", "legend": "Legend"}


class MapPanel(QWidget):
    """The ground-track map of the window's project, following the shared time cursor."""

    def __init__(self, window, station, parent=None):
        """The map of ``window``'s document; a selected mission's stay is found in ``station`` (a StationState)."""
        super().__init__(parent)
        self.window = window
        self.station = station
        self.doc = window.doc
        self.cursor = window.time_cursor
        self.renderer = MapRenderer()
        self.canvas = MapCanvas(self.renderer, window.zone, self)
        self.orbit = None
        self._loaded = None  # the project the map was last loaded from
        self._range = (0.0, 1.0)
        self._build()
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(40)
        self.play_timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        # After the time stops moving, one smooth (antialiased) frame replaces the quick ones.
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(150)
        self.settle_timer.timeout.connect(self._settle)
        self.cursor.timeChanged.connect(self._time_changed)
        self.cursor.windowRequested.connect(self.show_span)
        # Candidate windows marked on the time views (the filming-window dialog's results) show on the track.
        self.cursor.highlightsChanged.connect(self._highlights_changed)
        self.doc.projectReset.connect(self.reload)
        self.doc.itemsChanged.connect(self._items_changed)
        window.selectionChanged.connect(self.show_selection)
        self.reload()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.play_button = QToolButton(self)
        self.play_button.setText("Play")
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Play or pause: the time runs at the chosen speed")
        self.play_button.toggled.connect(self.set_playing)
        self.speed_combo = QComboBox(self)
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{speed}×", speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(60))
        self.speed_combo.setToolTip("How many seconds of plan time pass per second when playing")
        self.now_button = QPushButton("Now", self)
        self.now_button.setToolTip("Move the time to the present moment")
        self.now_button.clicked.connect(lambda: self.cursor.set_time(wallclock.time()))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Time")
        self.slider.setToolTip("The time shown (shared with the timeline); arrow keys step 10 s, Page Up/Down an hour")
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self._recentre_later)
        self.span_combo = QComboBox(self)
        self.span_combo.setAccessibleName("Slider span")
        self.span_combo.setToolTip("How much time the slider spans, centred on the time shown: shorter spans "
                                   "scrub more finely")
        for label, seconds in SLIDER_SPANS:
            self.span_combo.addItem(label, seconds)
        self.span_combo.setCurrentIndex([s for _l, s in SLIDER_SPANS].index(86400.0))
        self.span_combo.currentIndexChanged.connect(lambda _i: self._update_range())
        self.time_label = QLabel(self)
        self.time_label.setMinimumWidth(190)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        for w in (self.play_button, self.speed_combo, self.now_button):
            top.addWidget(w)
        top.addWidget(self.span_combo)
        top.addWidget(self.slider, 1)
        top.addWidget(self.time_label)

        self.orbits_spin = QDoubleSpinBox(self)
        self.orbits_spin.setRange(0.5, 16.0)
        self.orbits_spin.setSingleStep(0.5)
        self.orbits_spin.setDecimals(1)
        self.orbits_spin.setValue(self.renderer.orbits)
        self.orbits_spin.setPrefix("± ")
        self.orbits_spin.setSuffix(" orbits")
        self.orbits_spin.setToolTip("How much track to draw before and after the time")
        self.orbits_spin.valueChanged.connect(self._orbits_changed)
        self.layers_button = QToolButton(self)
        self.layers_button.setText("Layers")
        self.layers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.layers_button)
        self.layer_actions: dict[str, QAction] = {}
        for name in Layers.names():
            action = menu.addAction(LAYER_TITLES[name])
            action.setCheckable(True)
            action.setChecked(getattr(self.renderer.layers, name))
            action.toggled.connect(lambda on, name=name: self.set_layer(name, on))
            self.layer_actions[name] = action
        self.layers_button.setMenu(menu)
        self.place_combo = QComboBox(self)
        self.place_combo.setToolTip("Highlight the station's overflights of a country or a ground site")
        # As wide as a dozen letters, not as the longest country name: the list itself opens wider.
        self.place_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.place_combo.setMinimumContentsLength(12)
        self.place_combo.view().setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.place_combo.activated.connect(lambda _i: self._place_changed())
        self.radius_spin = QDoubleSpinBox(self)
        self.radius_spin.setRange(0.0, 3000.0)
        self.radius_spin.setSingleStep(50.0)
        self.radius_spin.setDecimals(0)
        self.radius_spin.setSuffix(" km")
        self.radius_spin.setToolTip("Within this distance of the place (a ground site needs more than 0 km)")
        self.radius_spin.valueChanged.connect(lambda _v: self._place_changed())
        self.radius_spin.setVisible(False)  # until a place is chosen
        self.windows_button = QPushButton("Filming Windows…", self)
        self.windows_button.setToolTip("Find times that meet an activity's needs, and add one as an activity")
        self.windows_button.clicked.connect(self.open_windows_dialog)
        self.fit_button = QToolButton(self)
        self.fit_button.setText("Whole World")
        self.fit_button.clicked.connect(self.canvas.reset_view)
        self.import_button = QPushButton("Import Element Sets…", self)
        self.import_button.clicked.connect(self._import_elements)
        self.status_label = QLabel(self)
        # Where the station is; a line of its own, wrapped (beside the buttons it was cut off by them), which
        # never sets the window's minimum width.
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status_label.setContentsMargins(6, 0, 6, 2)
        # The element set is too far from the time shown: said where it cannot be missed, above the map.
        self.stale_label = QLabel(self)
        self.stale_label.setObjectName("staleElements")
        self.stale_label.setWordWrap(True)
        self.stale_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stale_label.setStyleSheet("#staleElements { background: #fff3cd; color: #5c4400; "
                                       "border: 1px solid #e0b84c; padding: 3px; }")
        self.stale_label.setAccessibleName("Element set warning")
        self.stale_label.hide()
        bottom = QHBoxLayout()
        bottom.setContentsMargins(4, 0, 4, 2)
        bottom.addWidget(self.orbits_spin)
        bottom.addWidget(self.layers_button)
        bottom.addWidget(QLabel("Overflights of:", self))
        bottom.addWidget(self.place_combo)
        bottom.addWidget(self.radius_spin)
        bottom.addWidget(self.windows_button)
        bottom.addWidget(self.import_button)
        bottom.addStretch(1)
        top.addWidget(self.fit_button)  # (the slider gives way; the row below has no room to spare at 1024 px)
        # A fixed small minimum: the bars' own minimum would otherwise set the whole window's, and
        # change it whenever the style polishes the buttons.
        self.setMinimumSize(360, 240)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addWidget(self.status_label)
        layout.addWidget(self.stale_label)
        layout.addWidget(self.canvas, 1)

    # ------------------------------------------------------------------ project

    def reload(self) -> None:
        """Read the project again: orbit, sites, places, the slider's range."""
        self._extents: dict[str, tuple[float, float] | None] = {}
        self._rebuild_orbit()
        self._fill_places()
        self.renderer.sites = list(self.doc.project.sites)
        self._loaded = self.doc.project
        self._update_range()
        # A plan opens where the shared cursor is: the window put it at the plan's start (time_cursor.plan_start).
        self._time_changed(self.cursor.time())

    def _rebuild_orbit(self) -> None:
        from planner.orbit import ElementSetError, Orbit

        sets = list(self.doc.project.element_sets)
        self.orbit = None
        self.renderer.message = NO_ELEMENTS
        if sets:
            try:
                self.orbit = Orbit.from_sets(sets)
            except (ElementSetError, ValueError) as exc:
                self.renderer.message = f"The element sets cannot be used: {exc}"
        self.renderer.set_orbit(self.orbit)
        self.beta = BetaReadout(self.orbit)  # the beta angle and night length in the status line
        self.import_button.setVisible(self.orbit is None)
        self.windows_button.setEnabled(self.orbit is not None)
        self.canvas.update()

    def _items_changed(self, collection: str, _ids: list) -> None:
        if collection == "element_sets":
            self._rebuild_orbit()
        elif collection == "sites":
            self.renderer.sites = list(self.doc.project.sites)
            self._fill_places()
        self._extents.pop(collection, None)
        # The slider's range follows the plan; while the map is hidden that waits until it is shown.
        if self.isVisible():
            self._update_range()
        else:
            self._range_stale = True
        self.canvas.update()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if getattr(self, "_range_stale", False):
            self._update_range()

    def _extent(self, collection: str) -> tuple[float, float] | None:
        """The first and last instant of one list of the plan (cached until that list changes)."""
        if collection not in self._extents:
            project = self.doc.project
            if collection == "missions":
                times = [e.utc for m in project.missions for e in m.events]
                found = (min(times), max(times)) if times else None
            elif collection == "activities":
                acts = project.activities
                found = (min(a.start for a in acts), max(a.end for a in acts)) if acts else None
            else:
                epochs = [s.epoch for s in project.element_sets]
                found = (min(epochs), max(epochs)) if epochs else None
            self._extents[collection] = None if found is None else (found[0].timestamp(), found[1].timestamp())
        return self._extents[collection]

    def _fill_places(self) -> None:
        from planner.orbit.geography import countries

        current = self.place_combo.currentText()
        self.place_combo.blockSignals(True)
        self.place_combo.clear()
        self.place_combo.addItem("(none)", None)
        for site in self.doc.project.sites:
            self.place_combo.addItem(f"Site: {site.name or site.id}", site)
        for name in sorted(c.name for c in countries()):
            self.place_combo.addItem(name, name)
        found = self.place_combo.findText(current)
        self.place_combo.setCurrentIndex(max(found, 0))
        self.place_combo.blockSignals(False)

    def _update_range(self) -> None:
        self._range_stale = False
        t = self.cursor.time()
        span = self.span_combo.currentData()
        if span is not None and t > 0:  # a window centred on the time (on a whole minute: steps stay round)
            lo = math.floor((t - span / 2) / 60.0) * 60.0
            self._set_range(lo, lo + span)
            return
        times = [t for c in ("missions", "activities", "element_sets") for t in (self._extent(c) or ())]
        if not times:
            now = wallclock.time()
            times = [now - 7 * 86400.0, now + 7 * 86400.0]
        lo, hi = min(times) - PAD_S, max(times) + PAD_S
        if t > 0:
            lo, hi = min(lo, t), max(hi, t)
        self._set_range(lo, hi)

    def _recentre_later(self) -> None:
        # After a drag ends near an end of a short span, centre the span again so the next drag can go on.
        if self.span_combo.currentData() is None:
            return
        lo, hi = self._range
        t = self.cursor.time()
        if min(t - lo, hi - t) < (hi - lo) / 8:
            self._update_range()

    def _set_range(self, lo: float, hi: float) -> None:
        self._range = (lo, hi)
        self.slider.blockSignals(True)
        self.slider.setRange(0, int(math.ceil((hi - lo) / SLIDER_STEP_S)))
        self.slider.setPageStep(int(3600 / SLIDER_STEP_S))
        self.slider.setSingleStep(1)
        self.slider.setValue(round((self.cursor.time() - lo) / SLIDER_STEP_S))
        self.slider.blockSignals(False)

    # ------------------------------------------------------------------ time

    def _slider_moved(self, value: int) -> None:
        self.cursor.set_time(self._range[0] + value * SLIDER_STEP_S)

    def _time_changed(self, t: float) -> None:
        if self._loaded is not self.doc.project:
            return  # a plan is being opened (the cursor goes to its start first): reload() follows and shows it
        if self.renderer.span is not None and not (self.renderer.span[0] <= t <= self.renderer.span[1]):
            self.renderer.span = None  # scrubbed away from the chosen span: back to orbits around the time
        if not self._range[0] <= t <= self._range[1]:
            self._update_range()
        if self.renderer.time != t and self.isVisible():
            self.renderer.moving = True
            self.settle_timer.start()
        self.renderer.time = t
        self.slider.blockSignals(True)
        self.slider.setValue(round((t - self._range[0]) / SLIDER_STEP_S))
        self.slider.blockSignals(False)
        self._update_labels()
        self.canvas.update()

    def _settle(self) -> None:
        self.renderer.moving = False
        self.canvas.update()

    def zone_changed(self) -> None:
        """The display time zone changed: the time shown follows it."""
        self._update_labels()

    def _update_labels(self) -> None:
        from planner.model.display_time import format_in_zone
        from planner.orbit.timebase import to_datetime

        t = self.renderer.time
        self.time_label.setText(format_in_zone(to_datetime(t), self.window.zone()))
        notes, stale = [], []
        if self.orbit is not None:
            # The blocks the next paint shows, in one pass, before the position below asks for one of them.
            self.renderer.cache.ensure(*self.renderer.track_span())
            lat, lon, _alt = self.renderer.cache.position(t)
            light = "sunlit" if self.renderer.cache.is_sunlit(t) else "in shadow"
            notes.append(f"{abs(lat):.1f}°{'N' if lat >= 0 else 'S'} {abs(lon):.1f}°{'E' if lon >= 0 else 'W'}, {light}")
            if self.renderer.layers.coverage:
                notes.append(self._links_text(t))
            notes.append(self.beta.map_text(t))  # "β 24.1° · night 36 min" (one beta_angle call)
            t0, t1 = self.renderer.track_span()
            stale = self.orbit.stale_spans(t0, t1)
        self.status_label.setText(" · ".join(notes))
        if stale:
            days = stale[0].days_from_epoch
            age = f"{days / 365.25:.1f} years" if days >= 365.25 else f"{days:.0f} days"
            self.stale_label.setText(f"Element set {stale[0].set_id} is {age} from the time shown: the station's "
                                     f"place and track may be far off. Import a set nearer this time (File > Import "
                                     f"Element Sets) or go to the plan's own dates.")
        self.stale_label.setVisible(bool(stale))

    def _links_text(self, t: float) -> str:
        """The links the station has at ``t``, as the coverage layer shades them: ``links US, RU``, ``link US only``,
        ``no link`` (with three relays a network leaves no gap, and the layer then has nothing to shade)."""
        from planner import intervals

        have = [label for network, label in (("us", "US"), ("ru", "RU"))
                if not intervals.covers(self.renderer.coverage_gaps(network, t, t), [t], [t])[0]]
        if not have:
            return "no link"
        return f"links {', '.join(have)}" if len(have) > 1 else f"link {have[0]} only"

    def set_playing(self, on: bool) -> None:
        """Play (the time runs at the chosen speed) or pause."""
        if self.play_button.isChecked() != on:
            self.play_button.setChecked(on)
            return
        self.play_button.setText("Pause" if on else "Play")
        if on:
            self._clock.start()
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def _tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self.cursor.set_time(self.cursor.time() + elapsed * self.speed_combo.currentData())

    def show_span(self, start: float, end: float) -> None:
        """Draw the track during ``start..end`` (an activity, a stay, a window) and put the time at its start."""
        self.renderer.span = (float(start), float(max(end, start)))
        if self.cursor.time() != start:
            self.cursor.set_time(start)
        else:
            self._time_changed(start)

    def show_selection(self, collection: str, ids: list) -> None:
        """Selecting one activity or one mission (its stay at the station) shows the track during it."""
        if len(ids) != 1:
            return
        project = self.doc.project
        if collection == "activities":
            activity = next((a for a in project.activities if a.id == ids[0]), None)
            if activity is not None:
                self.show_span(activity.start.timestamp(), activity.end.timestamp())
        elif collection == "missions":
            # A stay lasts days to months: the time goes to its arrival, and the track is the orbits around it
            # the user chose (± orbits), not a fixed span of days.
            track = self.station.timeline.missions.get(ids[0])
            if track is not None and track.stays:
                self.renderer.span = None
                start = track.stays[0].start
                if self.cursor.time() != start:
                    self.cursor.set_time(start)
                else:
                    self._time_changed(start)

    # ------------------------------------------------------------------ layers and places

    def set_layer(self, name: str, on: bool) -> None:
        """Show or hide a layer."""
        setattr(self.renderer.layers, name, on)
        if self.layer_actions[name].isChecked() != on:
            self.layer_actions[name].setChecked(on)
        if name == "graticule":
            self.canvas.invalidate_background()
        if name == "coverage":
            self._update_labels()  # the status line says the links while the layer is on
        self.canvas.update()

    def _orbits_changed(self, value: float) -> None:
        self.renderer.orbits = value
        self.renderer.span = None  # the user asks for orbits around the time: a chosen span gives way
        self._update_labels()
        self.canvas.update()

    def set_place(self, place, radius_km: float | None = None) -> None:
        """Highlight overflights of a country name or a ground site (None: no place)."""
        if radius_km is not None:
            self.radius_spin.blockSignals(True)
            self.radius_spin.setValue(radius_km)
            self.radius_spin.blockSignals(False)
        index = 0
        for i in range(self.place_combo.count()):
            data = self.place_combo.itemData(i)
            if data is place or (isinstance(place, str) and data == place):
                index = i
        self.place_combo.setCurrentIndex(index)
        self._place_changed()

    def _place_changed(self) -> None:
        place = self.place_combo.currentData()
        radius = self.radius_spin.value()
        if place is not None and not isinstance(place, str) and radius <= 0:
            radius = 500.0  # a point needs a radius: start with one a pass easily meets
            self.radius_spin.blockSignals(True)
            self.radius_spin.setValue(radius)
            self.radius_spin.blockSignals(False)
        self.renderer.place = place
        self.renderer.place_radius_km = radius
        self.radius_spin.setVisible(place is not None)  # a distance only means something from a place
        self.canvas.update()

    # ------------------------------------------------------------------ actions

    def _import_elements(self) -> None:
        from planner.gui.map.element_import import import_elements_dialog

        import_elements_dialog(self.window)

    def open_windows_dialog(self):
        """The filming-windows dialog over this map (non-modal)."""
        from planner.gui.map.windows_dialog import FilmingWindowsDialog

        dialog = FilmingWindowsDialog(self.window, self, self.station, self)
        dialog.show()
        self.windows_dialog = dialog
        return dialog

    def _highlights_changed(self, windows: list, chosen: int) -> None:
        self.show_windows([(start, end) for start, end, _label in windows], chosen if chosen >= 0 else None)

    def show_windows(self, spans: list[tuple[float, float]], selected: int | None = None) -> None:
        """Mark filming windows on the track (drawn where the shown track passes through them)."""
        self.renderer.windows = list(spans)
        self.renderer.selected_window = selected
        self.canvas.update()
