"""Launch opportunities for the timeline: which sites to mark, and their opportunities over the span on screen,
computed a UTC day at a time and cached per (site, vehicle type, day).

The timeline marks them for the selected missions only (each at the site its vehicle type usually launches from,
:func:`planner.model.launch_sites.usual_launch_site`), and only when zoomed to days (:data:`SHOW_BELOW_S`): a
site has one or two a day, so a month would be a comb.
"""

from __future__ import annotations

import math

from planner.model import Project
from planner.model.launch_sites import LaunchSite, usual_launch_site

#: Opportunities are marked while less than this much time is on screen (10 days).
SHOW_BELOW_S = 10 * 86400.0
DAY_S = 86400.0
_MAX_DAYS = 512  # cached (site, vehicle type, day) entries kept
_MAX_SITES = 4  # distinct sites marked at once (a selection of many missions marks the first few)


def marked_sites(project: Project, mission_ids) -> list[tuple[LaunchSite, str]]:
    """``(site, vehicle type)`` to mark for the selected missions: each one's usual launch site, once per pair, in
    the plan's order; types whose site the catalogue does not know are left out."""
    names = {v.id: v.name for v in project.station.vehicle_types}
    chosen = set(mission_ids)
    out: list[tuple[LaunchSite, str]] = []
    for mission in project.missions:
        if mission.id not in chosen:
            continue
        site = usual_launch_site(mission.vehicle_type, names.get(mission.vehicle_type, ""))
        if site is not None and (site, mission.vehicle_type) not in out:
            out.append((site, mission.vehicle_type))
    return out[:_MAX_SITES]


class LaunchMarks:
    """The launch opportunities of one orbit (None: none), by site, vehicle type and UTC day."""

    def __init__(self, orbit):
        self.orbit = orbit
        self._horizon = None
        self._days: dict[tuple[str, str, int], list] = {}
        #: why the last span asked for could not be judged, in part or whole ('' when it could)
        self.problem = ""

    @property
    def horizon(self):
        """The orbit's :class:`planner.orbit.Horizon` (made when first needed)."""
        if self._horizon is None:
            from planner.orbit.horizon import Horizon

            self._horizon = Horizon(self.orbit)
        return self._horizon

    def opportunities(self, site: LaunchSite, vehicle_type: str, t0: float, t1: float) -> list:
        """The :class:`~planner.orbit.launch.LaunchOpportunity` of ``site`` for ``vehicle_type`` whose liftoff or
        in-plane moment lies in ``t0..t1`` (epoch seconds), in time order. Days the element sets cannot judge give
        none; :attr:`problem` then says why."""
        self.problem = ""
        if self.orbit is None or not (math.isfinite(t0) and math.isfinite(t1)) or t1 < t0:
            return []
        from planner.orbit.errors import CannotJudge
        from planner.orbit.launch import launch_opportunities

        # A liftoff a few minutes before midnight belongs to the next day's in-plane moment: look one day on.
        found, seen = [], set()
        for day in range(math.floor(t0 / DAY_S), math.floor(t1 / DAY_S) + 2):
            key = (site.id or site.name, vehicle_type, day)
            if key not in self._days:
                start, end = day * DAY_S, (day + 1) * DAY_S
                reason = self.horizon.reason(start, end)
                if reason:
                    self._days[key] = reason
                else:
                    try:
                        self._days[key] = launch_opportunities(self.orbit, site, start, end, vehicle_type)
                    except CannotJudge as exc:
                        self._days[key] = str(exc)
                if len(self._days) > _MAX_DAYS:
                    self._days.pop(next(iter(self._days)))
            entry = self._days[key]
            if isinstance(entry, str):
                if day * DAY_S <= t1:
                    self.problem = self.problem or entry
                continue
            for o in entry:
                if (t0 <= o.launch <= t1 or t0 <= o.in_plane <= t1) and o.in_plane not in seen:
                    seen.add(o.in_plane)
                    found.append(o)
        return sorted(found, key=lambda o: o.in_plane)
