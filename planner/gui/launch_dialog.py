"""Launch at an Opportunity…: a site's launch opportunities for the weeks around a mission, one of them chosen to set
the mission's launch and its docking (or berthing) together, as one undo step.

The dialog lists each opportunity's day, estimated liftoff, in-plane moment, direction and azimuth, and the arrival
the chosen rendezvous profile gives (:mod:`planner.orbit.launch`, :mod:`planner.model.rendezvous`). The site is the
one the vehicle type usually launches from (:func:`~planner.model.launch_sites.usual_launch_site`), the profile
the type's default, the span two weeks either side of the mission's launch. A span the element sets cannot judge
(too far from every epoch) is said in words; so is a docking that would come after the mission's undocking.

Opened from the mission editor's button and from Edit ▸ Launch at an Opportunity…
(:mod:`planner.gui.launch_action`). The span, the table, choosing and undo are the frame it shares with Land at an
Opportunity… (:mod:`planner.gui.opportunity_dialog`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from planner.gui import opportunity_dialog
from planner.gui.opportunity_dialog import OpportunityDialog
from planner.model import EventKind, Mission
from planner.model.display_time import format_in_zone
from planner.model.launch_choice import LaunchChoiceError, launch_at
from planner.model.launch_sites import LaunchSite, from_ground_site, launch_sites, usual_launch_site
from planner.model.rendezvous import default_profile, profiles_for, rendezvous_profiles
from planner.orbit.timebase import to_datetime

COLUMNS = ["Date", "Liftoff", "In plane", "Direction", "Azimuth", "Docking"]


class LaunchDialog(OpportunityDialog):
    """The opportunities of one site for one mission; :meth:`use` sets its launch and arrival in one undo step."""

    TITLE = "Launch {name} at an Opportunity"
    COLUMNS = COLUMNS
    RIGHT = (1, 2, 4)
    LIST_NAME = "Launch opportunities"
    CURRENT_TIP = "{name} launches at this opportunity now"
    CHOICE_ERRORS = (LaunchChoiceError,)

    # ------------------------------------------------------------------ form

    def _fields(self, mission: Mission) -> list:
        self.site_combo = site_combo(self, self.doc.project)
        choose_usual_site(self.site_combo, mission.vehicle_type, self._type_name(mission.vehicle_type))
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
        if not own:
            self.profile_note = f"The catalogue has no rendezvous profile for {self._type_name(mission.vehicle_type)}: " \
                                "choose the one nearest its flight."
        else:
            self.profile_note = ""
        return [("Launch &site:", self.site_combo), ("&Rendezvous:", self.profile_combo)]

    def _middle(self, mission: Mission) -> datetime | None:
        """The launch; without one, the liftoff its arrival implies."""
        launch = mission.first(EventKind.LAUNCH)
        arrive = mission.first(EventKind.DOCK, EventKind.BERTH)
        profile = self.profile()
        if launch is not None:
            return launch.utc
        if arrive is not None and profile is not None:
            return arrive.utc - (self._arrival_after(profile))
        return None

    def _current(self, mission: Mission | None) -> datetime | None:
        launch = mission.first(EventKind.LAUNCH) if mission is not None else None
        return launch.utc if launch is not None else None

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

    def _ready(self) -> bool:
        return self.profile() is not None

    def _footnote(self) -> str:
        return self.profile_note

    # ------------------------------------------------------------------ the opportunities

    def _opportunities(self, orbit, t0: float, t1: float) -> tuple[list, list[str]]:
        """The chosen site's opportunities, and a sentence on them (how many, the lead) or on why there are none."""
        from planner.orbit.launch import launch_opportunities, out_of_reach

        results = launch_opportunities(orbit, self.site(), t0, t1, self.profile_vehicle())
        if not results:
            why = out_of_reach(orbit, self.site(), t0)
            ways = " or ".join(self.site().directions) if self.site().directions else "either way"
            return results, [f"No launch opportunities from {self.site().name} in this span: "
                             + (f"{why}." if why else f"launches from there fly {ways}.")]
        lead = results[0].lead
        side = "at the moment" if round(lead.seconds) == 0 else (
            f"{abs(lead.seconds):.0f} s {'before' if lead.seconds > 0 else 'after'}")
        return results, [f"{len(results)} opportunities from {self.site().name}; liftoff {side} the site passes "
                         f"through the station's plane"
                         + ("" if lead.derived else " (the default lead: no launch of this type in the data)") + "."]

    def profile_vehicle(self) -> str:
        """The vehicle type whose lead sets the liftoff: the mission's."""
        mission = self.mission()
        return mission.vehicle_type if mission is not None else ""

    def _fill(self) -> None:
        """The rows, the arrival column after the profile chosen."""
        profile = self.profile()
        self.list.headerItem().setText(5, "Capture → berthing" if profile is not None and profile.arrival == "berth"
                                       else "Docking")
        super()._fill()

    def _when(self, opportunity) -> float:
        return opportunity.launch

    def _cells(self, o) -> list[str]:
        # To the second as set: the liftoff used is rounded (LaunchOpportunity.arrival).
        day, liftoff = self.day_and_time(o.launch)
        return [day, liftoff, self.day_and_time(o.in_plane)[1], o.direction, f"{o.azimuth_deg:.1f}°",
                self._arrival_text(o, self.profile(), self.zone())]

    @staticmethod
    def _arrival_text(opportunity, profile, zone: str) -> str:
        if profile is None:
            return ""
        when = opportunity.arrival(profile)
        text = format_in_zone(when.typical, zone, seconds=False)
        if when.capture is not None:
            text = f"{format_in_zone(when.capture[1], zone, seconds=False)} → {text.split(' ', 1)[1]}"
        return text

    # ------------------------------------------------------------------ choosing

    def _edited(self, mission: Mission, chosen) -> tuple[Mission, str]:
        """The mission launched at the chosen opportunity's liftoff and arriving at the profile's typical time;
        a docking that would come after the undocking is a LaunchChoiceError."""
        arrival = chosen.arrival(self.profile())
        ports = self.doc.project.station.compatible_ports(mission.vehicle_type)
        new = launch_at(mission, arrival, chosen.site.name, to_datetime(round(chosen.in_plane)),
                        port=ports[0].id if ports else None)
        return new, f"Launch {mission.name} at {format_in_zone(arrival.launch, self.zone(), seconds=False)}"


def site_combo(parent, project) -> QComboBox:
    """A launch site picker: the catalogue's pads (a tooltip: what flies from there, which way), then the plan's
    ground sites (either way); each item's data is its :class:`LaunchSite`."""
    combo = QComboBox(parent)
    combo.setAccessibleName("Launch site")
    for site in launch_sites():
        combo.addItem(site.name, site)
        ways = " or ".join(site.directions) if site.directions else "either way"
        combo.setItemData(combo.count() - 1, f"{site.vehicles}; launches fly {ways}", Qt.ItemDataRole.ToolTipRole)
    for ground in project.sites:
        combo.addItem(f"{ground.name} (ground site, either way)", from_ground_site(ground))
    return combo


def choose_usual_site(combo: QComboBox, vehicle_type: str, type_name: str = "") -> None:
    """Choose in ``combo`` (a :func:`site_combo`) the site the vehicle type usually launches from (the first site
    when the catalogue does not say)."""
    usual = usual_launch_site(vehicle_type, type_name)
    combo.setCurrentIndex(max(0, next((i for i in range(combo.count())
                                       if usual is not None and combo.itemData(i) == usual), 0)))


def open_dialog(editor, around: float | None = None) -> LaunchDialog | None:
    """Open the dialog for the mission in ``editor`` (a MissionEditor), window-modal; None without a mission."""
    return opportunity_dialog.open_dialog(editor, LaunchDialog, "launch_dialog", around)
