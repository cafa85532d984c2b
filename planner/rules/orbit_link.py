"""The rules' link to the orbit engine: sunlight, ground-site visibility, the beta angle, landing opportunities
and the Sun's height at a place, from ``planner.orbit``.

:func:`orbit_conditions` builds the :class:`~planner.rules.orbit_needs.EventConditions` the rules ask, from the
project's element sets (None when it has none of the station).
"""

from __future__ import annotations

import numpy as np

from planner import intervals
from planner.model.project import Project
from planner.rules.orbit_needs import EventConditions


class ProjectOrbit:
    """Sunlit and in-view times, high beta and landings of one :class:`planner.orbit.orbit.Orbit` (see
    :class:`~planner.rules.orbit_needs.EventConditions`)."""

    def __init__(self, orbit):
        self.orbit = orbit
        self._beta: dict[tuple[float, float], object] = {}  # window -> its beta samples, shared by the limits

    def sunlit(self, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` in sunlight (one computation for all of them)."""
        from planner.orbit.daylight import sunlit_within

        return sunlit_within(self.orbit, windows)

    def in_view(self, site, min_elevation_deg: float, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when ``site`` sees the station above ``min_elevation_deg``."""
        from planner.orbit.passes import in_view_within

        return in_view_within(self.orbit, site, windows, min_elevation_deg)

    def link(self, network: str, sites, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when the station sees a relay or ground site of ``network`` (``us``, ``ru``
        or ``any``; ``sites``: the project's ground sites, of which the Russian ones count for ``ru``)."""
        from planner.orbit.coverage import link_within

        return link_within(self.orbit, network, windows, sites)

    def high_beta(self, threshold_deg: float, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when |beta| is above ``threshold_deg`` (each window on its own hourly
        samples, kept for the other limits asked about the same window: windows on whole hours give the same
        samples, so the same spans, however they are cut)."""
        from planner.orbit.beta import SPAN_STEP_S, beta_samples, high_beta_spans

        found = []
        for a, b in np.asarray(windows, float).reshape(-1, 2).tolist():
            samples = self._beta.get((a, b))
            if samples is None:
                if len(self._beta) > 64:
                    self._beta.clear()
                samples = self._beta[(a, b)] = beta_samples(self.orbit, a, b, SPAN_STEP_S)
            found += [(s.start, s.end) for s in high_beta_spans(self.orbit, a, b, threshold_deg, samples)]
        return intervals.normalise(found)

    def beta(self, seconds) -> np.ndarray:
        """The beta angle (degrees) at each time."""
        from planner.orbit.beta import beta_angle

        return beta_angle(self.orbit, np.asarray(seconds, float))

    def landings(self, zone, windows: np.ndarray) -> np.ndarray:
        """The estimated landings at ``zone`` inside ``windows``, sorted."""
        from planner.orbit.landing import landing_opportunities

        return np.array(sorted(o.landing for a, b in np.asarray(windows, float).reshape(-1, 2).tolist()
                               for o in landing_opportunities(self.orbit, zone, a, b)), dtype=float)

    def sun_elevation(self, lat_deg: float, lon_deg: float, seconds) -> np.ndarray:
        """The Sun's elevation (degrees) above the place's horizon at each time."""
        from planner.orbit.landing import sun_elevation_deg

        return sun_elevation_deg(lat_deg, lon_deg, np.asarray(seconds, float))


def orbit_conditions(project: Project) -> EventConditions | None:
    """The orbit conditions of the project's element sets, or None when there are none to use."""
    if not project.element_sets:
        return None
    from planner.orbit.orbit import Orbit

    try:
        orbit = Orbit.from_sets(list(project.element_sets))
    except ValueError:  # no set of the station, or sets of several satellites: the age rule still warns
        return None
    return ProjectOrbit(orbit)
