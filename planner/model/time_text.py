"""Instants and spans worded as the planner's findings say them (``2021-10-05 12:22 UTC``)."""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

from planner.model.times import format_utc, from_epoch

_EPOCH_DAY = date(1970, 1, 1)


def utc_text(seconds: float) -> str | None:
    """Epoch seconds as ``2021-10-05T12:22:31Z``; None for an open end."""
    if seconds is None or math.isinf(seconds):
        return None
    return format_utc(from_epoch(seconds))


def short_time(seconds: float) -> str:
    """Epoch seconds as the planner reads them in a sentence: ``2021-10-05 12:22 UTC``."""
    if math.isinf(seconds):
        return "the end of the plan" if seconds > 0 else "the start of the plan"
    return _minute_text(seconds)


@lru_cache(maxsize=1 << 16)
def _minute_text(seconds: float) -> str:
    # Findings about one event repeat its time: a big plan words the same instants many times.
    # The instant is rounded to the microsecond as ``datetime.fromtimestamp`` does (half to even on the
    # fraction), then cut to the minute; the date is worded once per day. Same text as strftime, faster.
    fraction, whole = math.modf(seconds)
    micro = round(fraction * 1e6)
    minutes, rest = divmod(int(whole) * 1_000_000 + micro, 60_000_000)
    days, minute = divmod(minutes, 1440)
    return f"{_day_text(days)} {minute // 60:02d}:{minute % 60:02d} UTC"


def short_times(seconds) -> list[str]:
    """:func:`short_time` of many finite instants at once (the same words, from one array conversion)."""
    fraction, whole = np.modf(np.asarray(seconds, dtype=float))
    micro = whole.astype(np.int64) * 1_000_000 + np.round(fraction * 1e6).astype(np.int64)
    minutes = (micro // 60_000_000).astype("datetime64[m]")
    return [f"{day} {clock} UTC" for day, clock in
            (text.split("T") for text in np.datetime_as_string(minutes, unit="m").tolist())]


@lru_cache(maxsize=1 << 14)
def _day_text(days: int) -> str:
    return (_EPOCH_DAY + timedelta(days=days)).isoformat()


def span_text(start: float, end: float) -> str:
    """'from 2021-10-05 12:22 UTC to 2021-10-17 01:14 UTC' (or '... onwards' for an open end)."""
    if math.isinf(end):
        return f"from {short_time(start)} onwards"
    if end == start:
        return f"at {short_time(start)}"
    return f"from {short_time(start)} to {short_time(end)}"


def span_texts(starts, ends) -> list[str]:
    """:func:`span_text` of many spans with finite starts at once (their instants worded by one conversion)."""
    starts, ends = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    said_start = short_times(starts)
    said_end = short_times(np.where(np.isfinite(ends), ends, starts))
    out = []
    for start, end, said_s, said_e in zip(starts.tolist(), ends.tolist(), said_start, said_end):
        if math.isinf(end):
            out.append(f"from {said_s} onwards")
        elif end == start:
            out.append(f"at {said_s}")
        else:
            out.append(f"from {said_s} to {said_e}")
    return out


def hours_text(seconds: float) -> str:
    """A duration in hours, one decimal ('30.5 h')."""
    return f"{seconds / 3600:.1f} h"
