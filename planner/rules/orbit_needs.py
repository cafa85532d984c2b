"""What the rules need from the orbit: when the station is sunlit and when a ground site sees it (the activity
rules), and the beta angle, the landing opportunities and the Sun's height at a place (the rules on dynamic events
and landings).

The rules call an object with this interface (the engine takes it as ``orbit=``); ``planner.orbit``
provides the real one (:mod:`planner.rules.orbit_link`). Times are epoch seconds; ``windows`` and the answers
are interval sets of :mod:`planner.intervals` ((n, 2) arrays, sorted, disjoint). An answer for times the
orbit cannot judge is :class:`planner.orbit.errors.CannotJudge`. An orbit that answers only
:class:`OrbitConditions` (a test's stand-in) judges activities only; one that also answers
:class:`EventConditions` judges the dynamic events and the landings too.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from planner.model.site import GroundSite


class OrbitConditions(Protocol):
    """Sunlight and ground-site visibility over many windows of time, from the project's element sets."""

    def sunlit(self, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when the station is in sunlight."""

    def in_view(self, site: GroundSite, min_elevation_deg: float, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when ``site`` sees the station above ``min_elevation_deg``."""

    # An orbit may also answer ``link(network, sites, windows)``: the times inside ``windows`` when the station sees
    # a relay or ground site of ``network`` (``planner.rules.orbit_link.ProjectOrbit`` does); without it, an
    # activity that needs a live link cannot be judged.


@runtime_checkable
class EventConditions(OrbitConditions, Protocol):
    """What the rules on dynamic events and landings ask beside :class:`OrbitConditions`."""

    def high_beta(self, threshold_deg: float, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when the station's solar beta angle is above ``threshold_deg`` either way."""

    def beta(self, seconds: np.ndarray) -> np.ndarray:
        """The beta angle (degrees, signed) at each time."""

    def landings(self, zone, windows: np.ndarray) -> np.ndarray:
        """The estimated landing times (sorted) at ``zone`` (a :class:`planner.model.landing_zones.LandingZone`)
        that lie inside ``windows``: one per landing opportunity."""

    def sun_elevation(self, lat_deg: float, lon_deg: float, seconds: np.ndarray) -> np.ndarray:
        """The elevation (degrees) of the Sun's centre above a place's horizon at each time."""
