"""The interval toolkit (:mod:`planner.intervals`) as the orbit modules use it, with datetime adapters."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from planner.intervals import (EMPTY, any_overlap, clip, complement, duration, from_crossings, from_samples,
                               intersect, normalise, pairs, subtract, union)
from planner.orbit.timebase import epoch_seconds, to_datetime

__all__ = ["EMPTY", "any_overlap", "as_datetimes", "clip", "complement", "duration", "from_crossings",
           "from_samples", "intersect", "make", "normalise", "pairs", "subtract", "union"]


def make(rows) -> np.ndarray:
    """Intervals from (start, end) pairs of datetimes or seconds: empty ones dropped, sorted, merged."""
    return normalise([(float(epoch_seconds(a)), float(epoch_seconds(b))) for a, b in rows])


def as_datetimes(a: np.ndarray) -> list[tuple[datetime, datetime]]:
    """The intervals as (start, end) aware UTC datetimes."""
    return [(to_datetime(s), to_datetime(e)) for s, e in np.asarray(a).reshape(-1, 2)]
