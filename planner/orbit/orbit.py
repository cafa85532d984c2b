"""A satellite's orbit from one or more element sets: positions at arrays of times, in TEME and Earth-fixed.

With several element sets, each time uses the set whose epoch is nearest. Times are UTC epoch seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.model.elements import ElementSet
from planner.orbit.elements import ElementSetError, select_satellite
from planner.orbit.propagator import satrec_of
from planner.orbit.frames import teme_to_earth_fixed
from planner.orbit.timebase import epoch_seconds, julian_split, to_datetime, ut1_minus_utc

#: Element sets are good for about two weeks around their epoch.
STALE_AFTER_DAYS = 14.0


@dataclass(frozen=True)
class StaleSpan:
    """Times farther than ``STALE_AFTER_DAYS`` from the epoch of the element set they use."""

    start: float
    end: float
    set_id: str
    days_from_epoch: float

    def message(self) -> str:
        """A warning a planner can act on."""
        return (f"{to_datetime(self.start):%Y-%m-%dT%H:%M:%SZ} to {to_datetime(self.end):%Y-%m-%dT%H:%M:%SZ} "
                f"is up to {self.days_from_epoch:.1f} days from the epoch of element set {self.set_id}: "
                f"positions may be off by many kilometres; import a newer element set")


class Orbit:
    """One satellite's element sets, ready to propagate at arrays of times."""

    def __init__(self, element_sets: list[ElementSet]):
        if not element_sets:
            raise ElementSetError("no element sets: import a TLE or OMM file first")
        ids = {s.norad_id for s in element_sets}
        if len(ids) > 1:
            raise ElementSetError(f"element sets of several satellites ({', '.join(map(str, sorted(ids)))}): "
                                  "pick one first")
        self.sets = sorted(element_sets, key=lambda s: s.epoch)
        self.satrecs = [satrec_of(s) for s in self.sets]
        self.epochs = np.array([s.epoch.timestamp() for s in self.sets])
        # A time uses the set whose epoch is nearest: the switch is halfway between consecutive epochs.
        self._switch = (self.epochs[1:] + self.epochs[:-1]) / 2.0
        self.norad_id = self.sets[0].norad_id
        self.name = next((s.name for s in self.sets if s.name), str(self.norad_id))

    @classmethod
    def from_sets(cls, element_sets: list[ElementSet], sat: str | int | None = None) -> "Orbit":
        """The orbit of one satellite picked from a list of sets (the ISS unless ``sat`` says otherwise)."""
        return cls(select_satellite(element_sets, sat))

    def set_index(self, seconds: np.ndarray) -> np.ndarray:
        """Index (into ``self.sets``) of the element set each time uses."""
        return np.searchsorted(self._switch, seconds)

    def stale_spans(self, start, end) -> list[StaleSpan]:
        """The parts of ``start..end`` that lie more than 14 days from their element set's epoch."""
        t0, t1 = float(epoch_seconds(start)), float(epoch_seconds(end))
        bounds = np.concatenate(([-np.inf], self._switch, [np.inf]))
        limit = STALE_AFTER_DAYS * 86400.0
        spans = []
        for k, epoch in enumerate(self.epochs):
            lo, hi = max(t0, bounds[k]), min(t1, bounds[k + 1])
            if lo > hi:
                continue
            for a, b in ((lo, min(hi, epoch - limit)), (max(lo, epoch + limit), hi)):
                if a < b or (a == b and abs(a - epoch) > limit):
                    far = max(abs(a - epoch), abs(b - epoch)) / 86400.0
                    spans.append(StaleSpan(a, b, self.sets[k].id, far))
        return spans

    def teme(self, seconds) -> tuple[np.ndarray, np.ndarray]:
        """TEME position (km) and velocity (km/s), each shaped (3, n); NaN where SGP4 fails (decay)."""
        seconds = np.atleast_1d(epoch_seconds(seconds))
        jd, fr = julian_split(seconds)
        if len(self.satrecs) == 1:
            err, r, v = self.satrecs[0].sgp4_array(jd, fr)
        else:
            which = self.set_index(seconds)
            r = np.empty((seconds.size, 3))
            v = np.empty((seconds.size, 3))
            err = np.zeros(seconds.size, dtype=np.uint8)
            for k in np.unique(which):
                mask = which == k
                err[mask], r[mask], v[mask] = self.satrecs[k].sgp4_array(jd[mask], fr[mask])
        if err.any():
            r[err != 0] = np.nan
            v[err != 0] = np.nan
        return r.T, v.T

    def ecef(self, seconds, velocity: bool = False):
        """Earth-fixed position (km, shape (3, n)); with ``velocity``, also the Earth-fixed velocity (km/s).

        TEME turns into the Earth-fixed frame by the GMST-1982 angle alone (``frames``: polar motion, some
        metres, is left out, as skyfield leaves it out by default).
        """
        seconds = np.atleast_1d(epoch_seconds(seconds))
        r, v = self.teme(seconds)
        pos, vel = teme_to_earth_fixed(r, v if velocity else None, seconds, ut1_minus_utc(seconds))
        return (pos, vel) if velocity else pos
