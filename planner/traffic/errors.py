"""The error a traffic CSV import raises: where the problem is and what to do about it."""

from __future__ import annotations

from collections.abc import Sequence


class TrafficCsvError(ValueError):
    """A traffic CSV that cannot be imported, naming the file, line and column of the (first) problem.

    ``problems`` holds every problem found (this one first, at most a few dozen); the message lists them,
    one per line, each a sentence a planner can act on.
    """

    def __init__(self, problem: str, path: str | None = None, line: int | None = None,
                 column: str | None = None, more: Sequence["TrafficCsvError"] = (), not_shown: int = 0):
        self.problem = problem
        self.path = path
        self.line = line
        self.column = column
        self.problems: tuple[TrafficCsvError, ...] = (self, *more)
        self.not_shown = not_shown
        lines = [p.single_message for p in self.problems]
        if not_shown:
            lines.append(f"... and {not_shown} more problem{'s' if not_shown != 1 else ''} not shown")
        super().__init__("\n".join(lines))

    @property
    def location(self) -> str:
        """'events.csv, line 14, column utc' (the parts that are known)."""
        parts = [self.path] if self.path else []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    @property
    def single_message(self) -> str:
        """This problem alone, with its location."""
        return f"{self.location}: {self.problem}" if self.location else self.problem

    @classmethod
    def collect(cls, problems: Sequence["TrafficCsvError"], limit: int) -> "TrafficCsvError":
        """One error carrying the first ``limit`` of ``problems`` (which must not be empty)."""
        first, rest = problems[0], list(problems[1:limit])
        return cls(first.problem, first.path, first.line, first.column, more=rest,
                   not_shown=max(0, len(problems) - limit))
