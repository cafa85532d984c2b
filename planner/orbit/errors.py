"""The orbit package's two refusals: element sets it cannot use, and times it cannot judge."""

from __future__ import annotations


class ElementSetError(ValueError):
    """Element set text that cannot be used; the message names the place (file, line) and the problem."""


class CannotJudge(ValueError):
    """A time span the orbit engine cannot judge, or too long to work through at once.

    The message is the reason, to follow "cannot be judged: " (it names the time, and the element set
    when one is to blame); ``start`` and ``end`` are the span asked about, in UTC epoch seconds.
    """

    def __init__(self, reason: str, start: float = float("nan"), end: float = float("nan")):
        super().__init__(reason)
        self.reason, self.start, self.end = reason, start, end
