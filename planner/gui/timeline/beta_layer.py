"""The solar beta angle for the timeline's beta strip, sampled hourly in ten-day chunks and cached, so that a
paint only gathers what its span needs (worked out once per view, kept while the view stays).

    beta = BetaLayer(orbit)                    # the project's orbit (OrbitLayer.orbit)
    view = beta.view(t0, t1, 60.0, seconds_per_px)
    view.segments   # [(seconds, beta_deg)]: runs of samples where there is orbit data, thinned to the pixels
    view.spans      # [HighBeta]: when |beta| is above the threshold (planner.orbit.beta.high_beta_spans)
    view.gaps       # [(start, end)]: no orbit data (beyond the element sets' reach, planner.orbit.horizon)

No Qt here. Beta moves at most a few degrees a day, so hourly samples draw it at any zoom; the high-beta spans'
edges are the core's own (each crossing refined between the samples), so the shading is exact at any zoom.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from planner.gui.beta_readout import BetaReadout
from planner.gui.timeline.layout import Lane

CHUNK_S = 10 * 86400.0
STEP_S = 3600.0
BETA_LANE_H = 30
_MAX_CHUNKS = 400  # about eleven years of hourly samples (a chunk holds ~20 kB)
# planner.orbit.beta closes dips below the threshold shorter than an hour; spans cut at a chunk's edge are
# joined back the same way.
_JOIN_S = 3600.0
_MIN_PIECE_S = 60.0  # shorter stretches of orbit data (at a reach's edge) are left as no data


@dataclass
class _Piece:
    """A stretch of one chunk with orbit data: its samples and, per threshold, its high-beta spans."""

    samples: object  # planner.orbit.beta.BetaSamples
    spans: dict = field(default_factory=dict)


@dataclass
class BetaView:
    """What the strip draws for one view (see the module's docstring)."""

    segments: list
    spans: list
    gaps: list


class BetaLayer:
    """The beta angle of one orbit over the timeline's spans (``orbit`` None: no orbit data anywhere)."""

    def __init__(self, orbit):
        self.orbit = orbit
        self.readout = BetaReadout(orbit)
        self._chunks: dict[int, tuple[list[_Piece], list[tuple[float, float]]]] = {}
        self._view_key = None
        self._view: BetaView | None = None
        self.computed = 0  # chunks worked out (tests check a paint does not redo them)

    def covered(self, t0: float, t1: float) -> np.ndarray:
        """(n, 2) spans of ``[t0, t1]`` the element sets reach."""
        if self.orbit is None:
            return np.empty((0, 2))
        spans = self.readout.horizon.spans
        lo, hi = np.maximum(spans[:, 0], t0), np.minimum(spans[:, 1], t1)
        keep = hi > lo
        return np.stack((lo[keep], hi[keep]), axis=1)

    def _chunk(self, k: int) -> tuple[list[_Piece], list[tuple[float, float]]]:
        """Chunk ``k``'s stretches with orbit data, and those where SGP4 failed (no data after all)."""
        found = self._chunks.get(k)
        if found is None:
            from planner.orbit.beta import beta_samples
            from planner.orbit.errors import CannotJudge

            pieces, failed = [], []
            for a, b in self.covered(k * CHUNK_S, (k + 1) * CHUNK_S).tolist():
                if b - a < _MIN_PIECE_S:
                    failed.append((a, b))
                    continue
                try:
                    pieces.append(_Piece(beta_samples(self.orbit, a, b, STEP_S)))
                except CannotJudge:
                    failed.append((a, b))
            if len(self._chunks) >= _MAX_CHUNKS:
                self._chunks.pop(next(iter(self._chunks)))
            found = self._chunks[k] = (pieces, failed)
            self.computed += 1
        return found

    def _spans(self, piece: _Piece, threshold: float) -> list:
        spans = piece.spans.get(threshold)
        if spans is None:
            from planner.orbit.beta import high_beta_spans

            s = piece.samples
            spans = piece.spans[threshold] = high_beta_spans(self.orbit, s.seconds[0], s.seconds[-1], threshold, s)
        return spans

    def view(self, t0: float, t1: float, threshold: float, seconds_per_px: float) -> BetaView:
        """What to draw over ``[t0, t1]`` at ``seconds_per_px``, with spans above ``threshold`` (kept while asked
        again for the same)."""
        key = (t0, t1, threshold, seconds_per_px)
        if key == self._view_key and self._view is not None:
            return self._view
        if not (math.isfinite(t0) and math.isfinite(t1)) or t1 <= t0:
            view = BetaView([], [], [])
        else:
            view = self._make_view(t0, t1, threshold, seconds_per_px)
        self._view_key, self._view = key, view
        return view

    def _make_view(self, t0: float, t1: float, threshold: float, seconds_per_px: float) -> BetaView:
        covered = self.covered(t0, t1)
        chunks = sorted({k for a, b in covered.tolist()
                         for k in range(math.floor(a / CHUNK_S) - 1, math.floor(b / CHUNK_S) + 2)})
        segments, spans, failed = [], [], []
        # Keep about two samples a pixel: more draw nothing more (beta is smooth over hours).
        stride = max(1, int(seconds_per_px / STEP_S / 2))
        for k in chunks:
            pieces, bad = self._chunk(k)
            failed += bad
            for piece in pieces:
                s = piece.samples
                spans += self._spans(piece, threshold)
                if s.seconds[-1] < t0 or s.seconds[0] > t1:
                    continue
                lo = max(0, int(np.searchsorted(s.seconds, t0)) - 1)
                hi = min(len(s.seconds), int(np.searchsorted(s.seconds, t1, side="right")) + 1)
                pick = np.unique(np.r_[np.arange(lo, hi, stride), hi - 1])
                if segments and segments[-1][0][-1] == s.seconds[lo]:  # continues the piece before (a chunk edge)
                    before = segments.pop()
                    segments.append((np.r_[before[0], s.seconds[pick][1:]], np.r_[before[1], s.beta_deg[pick][1:]]))
                else:
                    segments.append((s.seconds[pick], s.beta_deg[pick]))
        return BetaView(segments, [s for s in _joined(spans) if s.end >= t0 and s.start <= t1],
                        _gaps(t0, t1, covered, failed))

    def describe(self, t: float, threshold: float) -> str:
        """The tooltip line at ``t``: beta and the night, or why there is no orbit data."""
        return self.readout.describe(t, threshold)


def _joined(spans: list) -> list:
    """The spans in time order, those cut at a chunk's edge (or apart by less than an hour) joined."""
    from planner.orbit.beta import HighBeta

    out = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.start - out[-1].end < _JOIN_S:
            last = out[-1]
            peak = last.peak_deg if abs(last.peak_deg) >= abs(span.peak_deg) else span.peak_deg
            out[-1] = HighBeta(last.start, max(last.end, span.end), peak)
        else:
            out.append(span)
    return out


def _gaps(t0: float, t1: float, covered: np.ndarray, failed: list) -> list[tuple[float, float]]:
    """The parts of ``[t0, t1]`` outside ``covered``, and the ``failed`` stretches within it, in time order."""
    gaps, at = [], t0
    for a, b in covered.tolist():
        if a > at:
            gaps.append((at, a))
        at = max(at, b)
    if at < t1:
        gaps.append((at, t1))
    gaps += [(max(a, t0), min(b, t1)) for a, b in failed if b >= t0 and a <= t1]
    return sorted(gaps)


@dataclass
class BetaLane(Lane):
    """The timeline's beta strip: a lane above the ports, drawn from ``data`` with spans above ``threshold``
    shaded (``why``: whose limit that is)."""

    data: BetaLayer | None = None
    threshold: float = 60.0
    why: str = ""

    @classmethod
    def make(cls, data: BetaLayer, threshold: float, why: str) -> "BetaLane":
        """The lane, titled with its threshold."""
        lane = cls("beta", "beta", "", BETA_LANE_H, data=data)
        lane.set_threshold(threshold, why)
        return lane

    def set_threshold(self, threshold: float, why: str) -> None:
        """Shade above another threshold (the selection changed)."""
        self.threshold, self.why = float(threshold), why
        self.title = f"Beta angle (>{self.threshold:g}°)"

    def describe(self, t: float) -> str:
        """The tooltip at ``t``: beta and the night there, and what is shaded."""
        return (f"{self.data.describe(t, self.threshold)}<br>Shaded: |β| above {self.threshold:g}°, {self.why}")
