"""Headcount: more people aboard than the station's warning level (a warning) or hard limit (a conflict)."""

from __future__ import annotations

import numpy as np

from planner.model.catalogue import StationSettings
from planner.rules.findings import Finding, Severity
from planner.model.time_text import span_text

HEADCOUNT = "headcount"


def headcount_findings(times: np.ndarray, people: np.ndarray, settings: StationSettings) -> list[Finding]:
    """One finding per maximal window above each level (a window above the limit is also above the warning);
    the series as columns: the times of its steps and the people aboard from each on."""
    findings = []
    for level, severity, what in ((settings.headcount_warning, Severity.WARNING, "warning level"),
                                  (settings.headcount_limit, Severity.CONFLICT, "limit")):
        above = people > level
        if not above.any():
            continue
        edges = np.diff(np.concatenate([[False], above, [False]]).astype(np.int8))
        starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        peaks = np.maximum.reduceat(people, starts)
        for first, stop, peak in zip(starts.tolist(), stops.tolist(), peaks.tolist()):
            end = times[stop] if stop < len(times) else np.inf
            findings.append(_finding(float(times[first]), float(end), int(peak), level, severity, what))
    return findings


def _finding(start: float, end: float, peak: int, level: int, severity: Severity, what: str) -> Finding:
    return Finding(HEADCOUNT, severity, start, end,
                   f"{peak} people aboard {span_text(start, end)}, above the station's {what} of {level}")
