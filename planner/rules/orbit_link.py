"""The rules' link to the orbit engine: sunlight and ground-site visibility from ``planner.orbit``.

:func:`orbit_conditions` builds the :class:`~planner.rules.orbit_needs.OrbitConditions` the activity rules
ask, from the project's element sets (None when it has none of the station).
"""

from __future__ import annotations

import numpy as np

from planner.model.project import Project
from planner.rules.orbit_needs import OrbitConditions


class ProjectOrbit:
    """Sunlit and in-view times of one :class:`planner.orbit.orbit.Orbit` (see :class:`OrbitConditions`)."""

    def __init__(self, orbit):
        self.orbit = orbit

    def sunlit(self, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` in sunlight (one computation for all of them)."""
        from planner.orbit.daylight import sunlit_within

        return sunlit_within(self.orbit, windows)

    def in_view(self, site, min_elevation_deg: float, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when ``site`` sees the station above ``min_elevation_deg``."""
        from planner.orbit.passes import in_view_within

        return in_view_within(self.orbit, site, windows, min_elevation_deg)


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
