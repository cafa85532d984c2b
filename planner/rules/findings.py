"""What a rule reports: a finding (conflict or warning) over an exact time window, with fixes when one exists."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from planner.model.time_text import utc_text


class Severity(str, Enum):
    """How bad a finding is: a conflict breaks a station rule, a warning is worth a look."""

    CONFLICT = "conflict"
    WARNING = "warning"


class Suggestion(NamedTuple):
    """A possible fix: ``action`` names it (``use-port``, ``move-to``, ``use-seat``, ``move-activity``), ``text``
    says it. ``move-activity`` moves the activity ``activity`` to start at ``utc``, keeping its length."""

    action: str
    text: str
    port: str | None = None
    utc: float | None = None  # epoch seconds
    vehicle: str | None = None
    activity: str | None = None

    def to_json(self) -> dict:
        """The JSON form (``utc`` written as ISO 8601 with Z)."""
        data: dict = {"action": self.action, "text": self.text}
        if self.port is not None:
            data["port"] = self.port
        if self.utc is not None:
            data["utc"] = utc_text(self.utc)
        if self.vehicle is not None:
            data["vehicle"] = self.vehicle
        if self.activity is not None:
            data["activity"] = self.activity
        return data


class Finding(NamedTuple):
    """One broken or doubtful rule.

    ``start``/``end`` are epoch seconds (``end`` may be ``math.inf``: until the plan's end). ``vehicles``
    are mission ids, ``people`` person ids, ``ports`` port ids, ``activities`` activity ids. ``key`` tells
    findings of one rule apart (e.g. the pair of missions) so that a re-check can compare them.
    """

    rule: str
    severity: Severity
    start: float
    end: float
    message: str
    vehicles: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    ports: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()

    @property
    def is_conflict(self) -> bool:
        """True for conflicts (they make ``planner check`` exit 1)."""
        return self.severity is Severity.CONFLICT

    def sort_key(self) -> tuple:
        """Conflicts first, then by time, rule and what is involved (a stable, total order)."""
        return (self.severity is not Severity.CONFLICT, self.start, self.end, self.rule, self.vehicles,
                self.people, self.ports, self.activities, self.message)

    def with_suggestions(self, suggestions) -> "Finding":
        """A copy carrying these suggestions."""
        return Finding(*self[:-1], tuple(suggestions))

    def to_json(self) -> dict:
        """The JSON form ``planner check --json`` writes."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "start": utc_text(self.start),
            "end": utc_text(self.end),
            "vehicles": list(self.vehicles),
            "people": list(self.people),
            "ports": list(self.ports),
            "activities": list(self.activities),
            "message": self.message,
            "suggestions": [s.to_json() for s in self.suggestions],
        }
