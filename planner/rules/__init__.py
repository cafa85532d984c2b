"""The station rules: what a plan must not do (conflicts) and what deserves a look (warnings).

``check_project(project)`` runs every rule once; :class:`RuleEngine` keeps the findings current while a
project is edited. The station's state over time (stays at ports, people aboard, lifeboats, headcount)
is derived in :mod:`planner.station.timeline`, which views can draw from too.
"""

from planner.rules.engine import RuleEngine, check_project
from planner.rules.findings import Finding, Severity, Suggestion
from planner.rules.orbit_needs import OrbitConditions
from planner.rules.report import CheckReport, build_report
from planner.station import HeadcountStep, StationTimeline

__all__ = ["CheckReport", "Finding", "HeadcountStep", "OrbitConditions", "RuleEngine", "Severity",
           "StationTimeline", "Suggestion", "build_report", "check_project"]
