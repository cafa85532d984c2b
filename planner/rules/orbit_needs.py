"""What the activity rules need from the orbit: when the station is sunlit and when a ground site sees it.

The rules call an object with this interface (the engine takes it as ``orbit=``); ``planner.orbit``
provides the real one. Times are epoch seconds; intervals are ``(start, end)`` pairs, sorted, disjoint.
"""

from __future__ import annotations

from typing import Protocol

from planner.model.site import GroundSite


class OrbitConditions(Protocol):
    """Sunlight and ground-site visibility over a time span, from the project's element sets."""

    def sunlit(self, start: float, end: float) -> list[tuple[float, float]]:
        """The parts of ``[start, end]`` when the station is in sunlight."""

    def in_view(self, site: GroundSite, min_elevation_deg: float, start: float,
                end: float) -> list[tuple[float, float]]:
        """The parts of ``[start, end]`` when ``site`` sees the station above ``min_elevation_deg``."""

