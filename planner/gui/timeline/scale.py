"""Time along x: where an instant is drawn at the current zoom, and the ticks of the time axis."""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from planner.model.times import UTC

MIN_SECONDS_PER_PX = 0.5  # a minute is 120 px wide at the closest zoom
MAX_SECONDS_PER_PX = 20 * 365.25 * 86400 / 400  # twenty years in 400 px at the farthest

_MINUTE, _HOUR, _DAY = 60.0, 3600.0, 86400.0
# (step in seconds, calendar unit) from fine to coarse; month and year steps follow the calendar.
_STEPS = [
    (1, None), (5, None), (15, None), (30, None), (_MINUTE, None), (5 * _MINUTE, None), (15 * _MINUTE, None),
    (30 * _MINUTE, None), (_HOUR, None), (3 * _HOUR, None), (6 * _HOUR, None), (12 * _HOUR, None),
    (_DAY, None), (2 * _DAY, None), (7 * _DAY, None), (30 * _DAY, "month"), (91 * _DAY, "quarter"),
    (365 * _DAY, "year"), (5 * 365 * _DAY, "5 years"),
]


class TimeScale:
    """A linear map from epoch seconds to x pixels: ``x = origin_x + (t - start) / seconds_per_px``."""

    def __init__(self, start: float = 0.0, seconds_per_px: float = 3600.0, origin_x: float = 0.0):
        self.start = float(start)
        self.seconds_per_px = float(seconds_per_px)
        self.origin_x = float(origin_x)

    def copy(self) -> "TimeScale":
        """An independent copy."""
        return TimeScale(self.start, self.seconds_per_px, self.origin_x)

    def x(self, t: float) -> float:
        """The x of an instant (may lie outside the widget)."""
        return self.origin_x + (t - self.start) / self.seconds_per_px

    def t(self, x: float) -> float:
        """The instant at ``x``."""
        return self.start + (x - self.origin_x) * self.seconds_per_px

    def span(self, right_x: float) -> tuple[float, float]:
        """The instants at the left edge of the drawing area and at ``right_x``."""
        return self.start, self.t(right_x)

    def zoom(self, factor: float, around_x: float) -> None:
        """Zoom in (``factor`` > 1) or out, keeping the instant under ``around_x`` in place."""
        anchor = self.t(around_x)
        spp = self.seconds_per_px / factor
        self.seconds_per_px = min(MAX_SECONDS_PER_PX, max(MIN_SECONDS_PER_PX, spp))
        self.start = anchor - (around_x - self.origin_x) * self.seconds_per_px

    def pan(self, dx_px: float) -> None:
        """Move the view ``dx_px`` pixels later (negative: earlier)."""
        self.start += dx_px * self.seconds_per_px

    def fit(self, t0: float, t1: float, width_px: float) -> None:
        """Show ``[t0, t1]`` across ``width_px`` pixels."""
        width_px = max(width_px, 10.0)
        spp = max(t1 - t0, 60.0) / width_px
        self.seconds_per_px = min(MAX_SECONDS_PER_PX, max(MIN_SECONDS_PER_PX, spp))
        self.start = (t0 + t1) / 2 - width_px / 2 * self.seconds_per_px


def _zone(zone: str):
    return UTC if zone == "UTC" else ZoneInfo(zone)


def tick_step(seconds_per_px: float, min_px: float = 90.0) -> tuple[float, str | None]:
    """The finest tick step (seconds, calendar unit) whose ticks are at least ``min_px`` apart."""
    for step, unit in _STEPS:
        if step / seconds_per_px >= min_px:
            return step, unit
    return _STEPS[-1]


def ticks(t0: float, t1: float, seconds_per_px: float, zone: str = "UTC", min_px: float = 90.0):
    """Labelled ticks in ``[t0, t1]``: a list of (epoch seconds, label), aligned to the local clock of ``zone``."""
    step, unit = tick_step(seconds_per_px, min_px)
    tz = _zone(zone)
    out: list[tuple[float, str]] = []
    t0 = max(t0, -2_000_000_000.0)
    t1 = min(t1, 7_000_000_000.0)
    if unit is None:
        # Align to the zone's clock: local midnight plus whole steps.
        first = datetime.fromtimestamp(t0, tz)
        offset = first.utcoffset().total_seconds() if first.utcoffset() else 0.0
        k = math.ceil((t0 + offset) / step)
        t = k * step - offset
        fmt = "%H:%M:%S" if step < _MINUTE else ("%H:%M" if step < _DAY else "%d %b")
        while t <= t1 and len(out) < 2000:
            local = datetime.fromtimestamp(t, tz)
            label = local.strftime(fmt)
            if step < _DAY and local.hour == 0 and local.minute == 0 and local.second == 0:
                label = local.strftime("%d %b")
            out.append((t, label))
            t += step
        return out
    months = {"month": 1, "quarter": 3, "year": 12, "5 years": 60}[unit]
    local = datetime.fromtimestamp(t0, tz)
    index = local.year * 12 + local.month - 1
    index = (index // months) * months
    while len(out) < 2000:
        year, month = divmod(index, 12)
        when = datetime(year, month + 1, 1, tzinfo=tz)
        t = when.timestamp()
        if t > t1:
            break
        if t >= t0:
            label = when.strftime("%Y" if months >= 12 else ("%b %Y" if month == 0 or months == 3 else "%b"))
            out.append((t, label))
        index += months
    return out


def snap_step(seconds_per_px: float, px: float = 6.0) -> float:
    """A round number of seconds about ``px`` pixels long: drags move times in such steps."""
    want = seconds_per_px * px
    for step in (1, 10, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 86400):
        if step >= want:
            return float(step)
    return 86400.0


def day_label(t: float, zone: str = "UTC") -> str:
    """``Tue 05 Oct 2021`` in ``zone``."""
    return datetime.fromtimestamp(t, _zone(zone)).strftime("%a %d %b %Y")


