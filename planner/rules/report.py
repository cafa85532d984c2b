"""A check's result as ``planner check`` shows it: findings (conflicts first) and the headcount table, as
text for people or as JSON."""

from __future__ import annotations

from dataclasses import dataclass

from planner.rules.findings import Finding
from planner.model.time_text import utc_text
from planner.station import HeadcountStep


@dataclass(slots=True)
class CheckReport:
    """The findings of one check and the headcount series."""

    findings: list[Finding]
    headcount: list[HeadcountStep]

    @property
    def conflicts(self) -> list[Finding]:
        """The findings that break a rule."""
        return [f for f in self.findings if f.is_conflict]

    @property
    def warnings(self) -> list[Finding]:
        """The findings worth a look."""
        return [f for f in self.findings if not f.is_conflict]

    def to_json(self) -> dict:
        """``{"conflicts": [...], "warnings": [...], "headcount": [{"utc", "people", "seats"}, ...]}``."""
        return {
            "conflicts": [f.to_json() for f in self.conflicts],
            "warnings": [f.to_json() for f in self.warnings],
            "headcount": [{"utc": utc_text(s.utc), "people": s.people, "seats": s.seats} for s in self.headcount],
        }

    def to_text(self) -> str:
        """One line per finding, conflicts first, each with its fixes indented below; then the headcount."""
        lines = []
        for title, group in (("Conflicts", self.conflicts), ("Warnings", self.warnings)):
            lines.append(f"{title}: {len(group) or 'none'}")
            for f in group:
                lines.append(f"  [{f.rule}] {f.message}")
                for s in f.suggestions:
                    lines.append(f"      fix: {s.text}")
        lines.append("")
        lines.append("Headcount (people aboard, seats home):")
        if not self.headcount:
            lines.append("  nobody aboard")
        for step in self.headcount:
            mark = "  (seats short)" if step.seats < step.people else ""
            lines.append(f"  {utc_text(step.utc)}  {step.people:3d} people  {step.seats:3d} seats{mark}")
        return "\n".join(lines) + "\n"


def build_report(engine, fixes: bool = False) -> CheckReport:
    """The report of a :class:`~planner.rules.engine.RuleEngine`'s current state; with ``fixes``, each finding with
    the fixes that, re-checked, remove it and add no conflict (about an edit's re-check per fix tried: seconds for
    a plan with a thousand conflicts)."""
    return CheckReport(engine.findings(suggestions=fixes), list(engine.headcount()))
