"""The rules' link to the orbit engine: sunlight and ground-site visibility from ``planner.orbit``.

:func:`orbit_conditions` builds the :class:`~planner.rules.orbit_needs.OrbitConditions` the activity rules
ask, from the project's element sets (None when it has none of the station).
"""

from __future__ import annotations

from planner.model.project import Project
from planner.rules.orbit_needs import OrbitConditions


class ProjectOrbit:
    """Sunlit and in-view intervals of one :class:`planner.orbit.orbit.Orbit`, as epoch-second pairs."""

    def __init__(self, orbit):
        self.orbit = orbit

    def sunlit(self, start: float, end: float) -> list[tuple[float, float]]:
        """The parts of ``[start, end]`` in sunlight."""
        from planner.orbit.daylight import sunlit_intervals

        return [(float(s), float(e)) for s, e in sunlit_intervals(self.orbit, start, end)]

    def in_view(self, site, min_elevation_deg: float, start: float, end: float) -> list[tuple[float, float]]:
        """The parts of ``[start, end]`` when ``site`` sees the station above ``min_elevation_deg``."""
        from planner.orbit.passes import in_view_intervals

        return [(float(s), float(e)) for s, e in in_view_intervals(self.orbit, site, start, end, min_elevation_deg)]


def orbit_conditions(project: Project) -> OrbitConditions | None:
    """The orbit conditions of the project's element sets, or None when there are none to use."""
    if not project.element_sets:
        return None
    from planner.orbit.orbit import Orbit

    try:
        orbit = Orbit.from_sets(list(project.element_sets))
    except ValueError:  # no set of the station, or sets of several satellites: the age rule still warns
        return None
    return ProjectOrbit(orbit)
