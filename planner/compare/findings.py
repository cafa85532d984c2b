"""The findings of a plan, as ``planner check`` finds them, and which of them one plan has and another has not.

Findings are matched by their rule, severity, what they are about (missions, people, ports, activities) and
their message, which names the times involved: a docking moved by an hour gives a finding with another message,
so the old one is listed as gone and the new one as come.
"""

from __future__ import annotations

from planner.model import Project
from planner.rules import Finding, RuleEngine
from planner.rules.orbit_link import orbit_conditions


def plan_findings(project: Project) -> list[Finding]:
    """Every finding of the plan, conflicts first (what ``planner check`` lists, without fixes)."""
    return RuleEngine(project, orbit=orbit_conditions(project)).findings()


def finding_key(finding: Finding) -> tuple:
    """What tells a finding apart from another plan's: the rule, severity, subjects and message."""
    return (finding.rule, finding.severity.value, finding.vehicles, finding.people, finding.ports,
            finding.activities, finding.message)


def finding_line(finding: Finding) -> str:
    """A finding on one line, as a diff, a merge and a plan's text list it: 'warning [spacing] CRS-24 docking ...'."""
    return f"{finding.severity.value} [{finding.rule}] {finding.message}"


def findings_not_in(findings: list[Finding], *others: list[Finding]) -> list[Finding]:
    """The findings of ``findings`` that none of ``others`` has."""
    known = {finding_key(f) for other in others for f in other}
    return [f for f in findings if finding_key(f) not in known]
