"""What the activity rules need from the orbit: when the station is sunlit and when a ground site sees it.

The rules call an object with this interface (the engine takes it as ``orbit=``); ``planner.orbit``
provides the real one (:mod:`planner.rules.orbit_link`). Times are epoch seconds; ``windows`` and the answers
are interval sets of :mod:`planner.intervals` ((n, 2) arrays, sorted, disjoint). An answer for times the
orbit cannot judge is :class:`planner.orbit.errors.CannotJudge`.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from planner.model.site import GroundSite


class OrbitConditions(Protocol):
    """Sunlight and ground-site visibility over many windows of time, from the project's element sets."""

    def sunlit(self, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when the station is in sunlight."""

    def in_view(self, site: GroundSite, min_elevation_deg: float, windows: np.ndarray) -> np.ndarray:
        """The times inside ``windows`` when ``site`` sees the station above ``min_elevation_deg``."""
