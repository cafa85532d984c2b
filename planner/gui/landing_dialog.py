"""Land at an Opportunity…: a zone's landing opportunities for the weeks around a mission's landing, one of them
chosen to set the mission's landing and its undocking together, as one undo step.

The dialog lists each opportunity's day, estimated landing (the station's pass over the zone plus the zone's lead,
:mod:`planner.orbit.landing`), the undocking it implies (the zone's time from undocking to landing earlier,
:mod:`planner.model.landing_choice`), the Sun's elevation at the zone's centre then, and whether that is daylight:
NASA's ground rules ask for a Soyuz landing between sunrise and sunset, so the night rows are greyed and say No (they
can still be chosen: waivers exist, and the rules warn). The zone is the one the vehicle type lands in, the span two
weeks either side of the mission's landing. A span the element sets cannot judge is said in words, and so are
landing times rough for being far from every element set (the station's place along its orbit drifts within
weeks); so is an undocking that would come before the mission's docking or relocation.

Opened from the mission editor's button and from Edit ▸ Land at an Opportunity… (:mod:`planner.gui.landing_action`),
for vehicles whose type lands in a zone that gives a time from undocking to landing (Soyuz).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTreeWidgetItem

from planner.gui import opportunity_dialog
from planner.gui.opportunity_dialog import OpportunityDialog, day_text
from planner.model import EventKind, Mission
from planner.model.display_time import format_in_zone
from planner.model.landing_choice import (
    LandingChoiceError, duration_text, land_at, return_zones, sun_text, undock_to_land,
)
from planner.orbit.timebase import to_datetime

COLUMNS = ["Date", "Landing", "Undocking", "Sun", "Daylight"]


class LandingDialog(OpportunityDialog):
    """The landing opportunities of one zone for one mission; :meth:`use` sets its landing and undocking in one
    undo step."""

    TITLE = "Land {name} at an Opportunity"
    COLUMNS = COLUMNS
    RIGHT = (1, 2, 3)
    LIST_NAME = "Landing opportunities"
    CURRENT_TIP = "{name} lands at this opportunity now"
    CHOICE_ERRORS = (LandingChoiceError,)

    # ------------------------------------------------------------------ form

    def _fields(self, mission: Mission) -> list:
        self.zone_combo = QComboBox(self)
        self.zone_combo.setAccessibleName("Landing zone")
        for zone in return_zones(mission.vehicle_type):
            within = f"{zone.direction} passes" if zone.direction != "any" else "passes"
            place = (f"{abs(zone.lat_deg):.1f}° {'N' if zone.lat_deg >= 0 else 'S'}, "
                     f"{abs(zone.lon_deg):.1f}° {'E' if zone.lon_deg >= 0 else 'W'}")
            self.zone_combo.addItem(f"{zone.name} ({place}; {within} within {zone.radius_km:.0f} km)", zone)
            self.zone_combo.setItemData(self.zone_combo.count() - 1, zone.source, Qt.ItemDataRole.ToolTipRole)
        self.zone_combo.activated.connect(lambda _i: self.find())
        self._far_s = self.doc.project.effective_settings.element_set_max_age_days * 86400.0
        return [("Landing &zone:", self.zone_combo)]

    def landing_zone(self):
        """The landing zone chosen (None: the vehicle type lands in none that gives an undocking time)."""
        return self.zone_combo.currentData()

    def _ready(self) -> bool:
        return self.landing_zone() is not None

    def _middle(self, mission: Mission) -> datetime | None:
        """The landing; without one, the landing its undocking implies."""
        landing = self._current(mission)
        if landing is not None:
            return landing
        leave = mission.last(EventKind.UNDOCK, EventKind.UNBERTH)
        zone = self.landing_zone()
        return leave.utc + undock_to_land(zone) if leave is not None and zone is not None else None

    def _current(self, mission: Mission | None) -> datetime | None:
        land = mission.last(EventKind.LAND) if mission is not None else None
        return land.utc if land is not None else None

    # ------------------------------------------------------------------ the opportunities

    def find(self) -> list:
        """List the chosen zone's opportunities over the span; without a zone, say why."""
        mission = self.mission()
        if self.landing_zone() is None and mission is not None:
            return self._show(f"No landing zone of the catalogue gives a time from undocking to landing for "
                              f"{self._type_name(mission.vehicle_type)}: set its undocking and landing by hand.",
                              problem=True)
        return super().find()

    def _opportunities(self, orbit, t0: float, t1: float) -> tuple[list, list[str]]:
        """The zone's opportunities, a sentence on them (how many, how many in daylight, the lead and the undocking
        time) or on why there are none, and one on those far from every element set."""
        from planner.orbit.landing import landing_opportunities

        zone = self.landing_zone()
        results = landing_opportunities(orbit, zone, t0, t1)
        if not results:
            way = f"{zone.direction} " if zone.direction != "any" else ""
            return results, [f"No landing opportunities at {zone.name} in this span: no {way}pass of the station "
                             f"comes within {zone.radius_km:.0f} km of it."]
        light = sum(o.daylight for o in results)
        rules = (" (NASA's ground rules ask for a landing between sunrise and sunset)" if zone.daylight_landing
                 else "")
        said = [f"{len(results)} opportunities at {zone.name}, {light} in daylight{rules}; each lands about "
                f"{zone.lead_min:g} min after the station's pass and undocks {duration_text(undock_to_land(zone))} "
                f"before landing."]
        far = [o.landing for o in results if self._far(o.landing)]
        if far:
            which = "All of them" if len(far) == len(results) else \
                f"{len(far)} of them ({day_text(far[0])} to {day_text(far[-1])})"
            said.append(f"{which} are more than {self._far_s / 86400:g} days from an element set: their times are "
                        "rough, as the station's place along its orbit drifts by minutes within weeks; import one "
                        "nearer.")
        return results, said

    def _far(self, seconds: float) -> bool:
        """Whether an instant is farther than the project's element-set age from every element set."""
        epochs = [s.epoch.timestamp() for s in self.doc.project.element_sets]
        return bool(epochs) and min(abs(seconds - e) for e in epochs) > self._far_s

    def _when(self, opportunity) -> float:
        return opportunity.landing

    def _cells(self, o) -> list[str]:
        day, landing = self.day_and_time(o.landing)
        undock = to_datetime(round(o.landing)) - undock_to_land(self.landing_zone())
        undock_day, undock_time = self.day_and_time(undock.timestamp())
        return [day, landing, undock_time if undock_day == day else f"{undock_day[:10]} {undock_time}",
                f"{o.sun_elevation_deg:.1f}°", "Yes" if o.daylight else "No"]

    def _style(self, item: QTreeWidgetItem, o) -> None:
        """A night row greyed; each row's tooltip says the Sun in words, and whether its times are rough."""
        zone = self.landing_zone()
        tip = f"{sun_text(o.sun_elevation_deg, o.daylight)} at {zone.name} at the landing"
        if not o.daylight:
            tip += (": NASA's ground rules ask for a landing between sunrise and sunset" if zone.daylight_landing
                    else "")
            grey = self.palette().placeholderText()
            for column in range(len(COLUMNS)):
                item.setForeground(column, grey)
        if self._far(o.landing):
            tip += f"\nRough: more than {self._far_s / 86400:g} days from an element set"
            font = item.font(1)
            font.setItalic(True)
            for column in (1, 2):
                item.setFont(column, font)
        for column in range(len(COLUMNS)):
            item.setToolTip(column, tip)

    # ------------------------------------------------------------------ choosing

    def _edited(self, mission: Mission, chosen) -> tuple[Mission, str]:
        """The mission landing at the chosen opportunity and undocking the zone's time before; an undocking before
        its docking or relocation is a LandingChoiceError."""
        landing = to_datetime(round(chosen.landing))
        new = land_at(mission, landing, self.landing_zone(), chosen.sun_elevation_deg, chosen.daylight)
        return new, f"Land {mission.name} at {format_in_zone(landing, self.zone(), seconds=False)}"


def open_dialog(editor, around: float | None = None) -> LandingDialog | None:
    """Open the dialog for the mission in ``editor`` (a MissionEditor), window-modal; None without a mission."""
    return opportunity_dialog.open_dialog(editor, LandingDialog, "landing_dialog", around)
