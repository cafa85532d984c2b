"""The now-line: where the current time is, across every lane, with a mark on the axis; drawn only when the plan
spans today (the view puts ``ViewState.now``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRect, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from planner.gui.timeline.frame import AXIS_H, LABEL_W, Frame

NOW = QColor(214, 40, 120)  # a hue of its own: apart from the cursor's highlight and the findings' red and amber


def now_x(f: Frame) -> float | None:
    """The x of the now-line in this paint, or None when it is not drawn."""
    now = f.state.now
    if now is None or not f.t0 <= now <= f.t1:
        return None
    return f.scale.x(now)


class NowLine:
    """The line down the lanes."""

    def paint(self, p: QPainter, f: Frame) -> None:
        x = now_x(f)
        if x is None:
            return
        p.setPen(QPen(NOW, 2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, AXIS_H), QPointF(x, f.height))


class NowMark:
    """A small triangle on the axis above the line, pointing at it."""

    def paint(self, p: QPainter, f: Frame) -> None:
        x = now_x(f)
        if x is None or x < LABEL_W:
            return
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(NOW)
        p.drawPolygon(QPolygonF([QPointF(x - 6, AXIS_H - 9), QPointF(x + 6, AXIS_H - 9), QPointF(x, AXIS_H - 1)]))
        p.restore()


def shown_now(clock, extent: tuple[float, float]) -> float | None:
    """Now, when the plan (its ``extent``, widened to whole GMT days) spans it; else None (no line). ``clock`` is a
    :class:`~planner.gui.wall_clock.WallClock` or None."""
    if clock is None:
        return None
    now = clock.now()
    lo, hi = extent
    return now if lo - lo % 86400 <= now < hi - hi % 86400 + 86400 else None


class _Follower(QObject):
    """Moves the line on a canvas as a clock ticks (a child of the canvas: gone with it, and its connection too)."""

    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvas = canvas
        self.drawn: float | None = None

    @Slot(float)
    def moved(self, now: float) -> None:
        canvas = self.canvas
        for t in (self.drawn, now):
            if t is not None:
                x = canvas.scale.x(t)
                if LABEL_W - 8 <= x <= canvas.width() + 8:
                    canvas.update(QRect(int(x) - 8, 0, 16, canvas.height()))
        self.drawn = now


def follow_clock(canvas, clock) -> None:
    """Draw ``clock``'s now on ``canvas`` (a TimelineCanvas), moving the line as the clock ticks: only the strips
    it leaves and comes to are repainted."""
    canvas.clock = clock
    follower = _Follower(canvas)
    clock.ticked.connect(follower.moved)
    follower.moved(clock.now())
