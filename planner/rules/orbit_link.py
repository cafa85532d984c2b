"""Where the rules get the orbit from: ``planner.orbit`` once it offers sunlight and ground-site visibility.

Until then :func:`orbit_conditions` returns None and the daylight and site-in-view rules do not run
(the element-set age rule still does).
"""

from __future__ import annotations

from planner.model.project import Project
from planner.rules.orbit_needs import OrbitConditions


def orbit_conditions(project: Project) -> OrbitConditions | None:
    """An :class:`OrbitConditions` for the project's element sets, or None when it cannot be had."""
    return None
