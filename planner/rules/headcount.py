"""Headcount: more people aboard than the station's warning level (a warning) or hard limit (a conflict)."""

from __future__ import annotations

from planner.model.catalogue import StationSettings
from planner.rules.findings import Finding, Severity, span_text
from planner.rules.timeline import HeadcountStep

HEADCOUNT = "headcount"


def headcount_findings(series: list[HeadcountStep], settings: StationSettings) -> list[Finding]:
    """One finding per maximal window above each level (a window above the limit is also above the warning)."""
    findings = []
    for level, severity, what in ((settings.headcount_warning, Severity.WARNING, "warning level"),
                                  (settings.headcount_limit, Severity.CONFLICT, "limit")):
        start, peak = None, 0
        for k, step in enumerate(series):
            if step.people > level:
                if start is None:
                    start, peak = step.utc, step.people
                peak = max(peak, step.people)
            elif start is not None:
                findings.append(_finding(start, step.utc, peak, level, severity, what))
                start = None
        if start is not None:
            findings.append(_finding(start, float("inf"), peak, level, severity, what))
    return findings


def _finding(start: float, end: float, peak: int, level: int, severity: Severity, what: str) -> Finding:
    return Finding(HEADCOUNT, severity, start, end,
                   f"{peak} people aboard {span_text(start, end)}, above the station's {what} of {level}")
