"""Whether a fix is worth offering, from what its edit changes among the findings: it must take its own finding
away and bring no new conflict.

The findings an edit withdraws and files are compared by what they are about: the rule, and the vehicles, people,
ports and activities involved (:func:`subject`). A conflict the edit only shifts in time (the same rule, the same
things, as many of them as before) is not new; one more of any kind is. The finding itself must be withdrawn and
its subject must count one fewer afterwards (a fix that moves a double booking to another time has not fixed it).
So applying an offered fix always leaves fewer conflicts (as many, for a warning's fix) than before.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from planner.rules.findings import Finding


def subject(finding: Finding) -> tuple:
    """What a finding is about, whatever its time: (rule, vehicles, people, ports, activities)."""
    return (finding.rule, finding.vehicles, finding.people, finding.ports, finding.activities)


def fixes(finding: Finding, changes: Iterable[tuple[list[Finding], list[Finding]]]) -> bool:
    """True when an edit whose re-check withdrew and filed these findings ((withdrawn, filed) pairs, as the
    findings book records them) removes ``finding`` and adds no conflict."""
    gone: list[Finding] = []
    come: list[Finding] = []
    for withdrawn, filed in changes:
        gone += withdrawn
        come += filed
    own = finding.with_suggestions(())
    if Counter(gone)[own] <= Counter(come)[own]:
        return False  # still there
    mine = subject(own)
    net = Counter(subject(f) for f in come if f.is_conflict or subject(f) == mine)
    net.subtract(subject(f) for f in gone if f.is_conflict or subject(f) == mine)
    return net[mine] < 0 and all(n <= 0 for n in net.values())
