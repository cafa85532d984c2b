"""The solar beta angle in words for the views: the timeline strip's tooltip, the map's status line, and which
high-beta threshold the timeline shades.

    readout = BetaReadout(orbit)       # the orbit of the project's element sets (None: there are none)
    readout.map_text(t)                # "β 24.1° · night 36 min", or "β unknown (no orbit data)"
    readout.describe(t, 70.0)          # "β −71.3°, no orbital night (threshold 70°)" / "β 24.1°, night 36 min"
    beta_threshold(project, mission_ids)   # (degrees, why that threshold)

No Qt here. Beyond the element sets' reach (:class:`planner.orbit.horizon.Horizon`) nothing is worked out: the
text says there is no orbit data, and why, rather than show a value the orbit cannot back.
"""

from __future__ import annotations

MINUS = "\u2212"


def signed_degrees(value: float) -> str:
    """``24.1°`` or ``−71.3°`` (a true minus sign), to a tenth of a degree."""
    text = f"{value:.1f}°"
    return MINUS + text[1:] if text.startswith("-") else text


def night_words(night_s: float, short: bool = False) -> str:
    """``night 36 min``, or ``no orbital night`` (``no night`` when ``short``) when the orbit has none."""
    if night_s <= 0.0:
        return "no night" if short else "no orbital night"
    return f"night {night_s / 60.0:.0f} min"


def tooltip_text(beta_deg: float, night_s: float, threshold_deg: float) -> str:
    """``β −71.3°, no orbital night (threshold 70°)`` above the threshold, ``β 24.1°, night 36 min`` below."""
    text = f"β {signed_degrees(beta_deg)}, {night_words(night_s)}"
    return f"{text} (threshold {threshold_deg:g}°)" if abs(beta_deg) > threshold_deg else text


def status_text(beta_deg: float, night_s: float) -> str:
    """The map's readout: ``β 24.1° · night 36 min``."""
    return f"β {signed_degrees(beta_deg)} · {night_words(night_s, short=True)}"


def beta_threshold(project, mission_ids=()) -> tuple[float, str]:
    """The |beta| the timeline shades above, and why: the lowest limit of the selected missions' vehicle types
    (what the high-beta warning of those dockings uses), or with none selected the lowest limit of any vehicle
    (nothing a vehicle would be warned about goes unshaded)."""
    settings = project.effective_settings
    chosen = set(mission_ids)
    limits = []
    for mission in project.missions:
        vehicle_type = project.station.vehicle_type(mission.vehicle_type) if mission.id in chosen else None
        if vehicle_type is not None:
            limits.append((settings.high_beta_limit_deg(vehicle_type), vehicle_type.name, mission.name))
    if limits:
        limit, vehicle, name = min(limits)
        whose = f"{name} selected" if len(limits) == 1 else "the lowest of the selected missions"
        return float(limit), f"the {vehicle} limit ({whose})"
    lowest = min(settings.high_beta_docking_deg, settings.high_beta_berthing_deg, settings.high_beta_russian_deg)
    return float(lowest), "the lowest vehicle limit (select a mission for its own)"


class BetaReadout:
    """The beta angle and the orbital night of one orbit at single times, where its element sets reach."""

    def __init__(self, orbit):
        self.orbit = orbit
        self._horizon = None

    @property
    def horizon(self):
        """The orbit's :class:`~planner.orbit.horizon.Horizon` (made when first needed: a few ms a set)."""
        if self._horizon is None:
            from planner.orbit.horizon import Horizon

            self._horizon = Horizon(self.orbit)
        return self._horizon

    def missing(self, t: float) -> str | None:
        """Why there is no orbit data at ``t`` (epoch seconds), or None when there is."""
        if self.orbit is None:
            return "the project has no element sets of the station"
        return self.horizon.reason(t, t)

    def at(self, t: float) -> tuple[float, float] | str:
        """``(beta_deg, night_s)`` at ``t``, or why there is no orbit data then."""
        reason = self.missing(t)
        if reason:
            return reason
        from planner.orbit.beta import beta_angle, night_length_s
        from planner.orbit.errors import CannotJudge

        try:
            beta = float(beta_angle(self.orbit, t)[0])
            return beta, float(night_length_s(self.orbit, t, beta)[0])
        except CannotJudge as exc:
            return str(exc)

    def describe(self, t: float, threshold_deg: float) -> str:
        """The timeline's tooltip line at ``t``."""
        found = self.at(t)
        return f"No orbit data: {found}" if isinstance(found, str) else tooltip_text(*found, threshold_deg)

    def map_text(self, t: float) -> str:
        """The map's readout at ``t``."""
        found = self.at(t)
        return "β unknown (no orbit data)" if isinstance(found, str) else status_text(*found)
