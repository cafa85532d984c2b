"""The crew's day behind each person's lane: sleep shaded, post-sleep and pre-sleep lighter, days off faintly, while
the person is aboard, and only when zoomed in to hours (a day is then wide enough to tell them apart)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from planner import intervals
from planner.gui.timeline.frame import Frame
from planner.model.crew_day import BlockKind

#: Drawn when a pixel holds at most this many seconds (a day about 100 px wide or more).
SHOW_BELOW_SECONDS_PER_PX = 900.0
#: A night blue, apart from the findings' red and amber, the stays' highlight and the links' blue and violet.
SLEEP = QColor(40, 50, 110)
ALPHA = {BlockKind.SLEEP: 70, BlockKind.POST_SLEEP: 34, BlockKind.PRE_SLEEP: 34, BlockKind.DAY_OFF: 16}
LABELS = {BlockKind.SLEEP: "sleep", BlockKind.DAY_OFF: "day off"}


def _person(lane) -> str | None:
    return lane.key[len("person:"):] or None if lane.key.startswith("person:") else None


class CrewDayBlocks:
    """Each person lane's sleep, post-sleep, pre-sleep and day-off blocks (under the bars)."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the blocks of the person lanes in view (nothing zoomed out, or without a crew day)."""
        day = getattr(f.layout, "crew_day", None)
        if day is None or f.scale.seconds_per_px > SHOW_BELOW_SECONDS_PER_PX:
            return
        plot, scale = f.plot, f.scale
        left, right = plot.left() - 2, plot.right() + 2
        p.save()
        font = p.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        p.setFont(font)
        for _n, lane, top in f.lanes_in_view:
            person = _person(lane)
            if person is None or not len(lane.background):
                continue
            aboard = np.stack((lane.background.start, lane.background.end), axis=1)
            aboard = intervals.clip(aboard, f.t0, f.t1)
            if not len(aboard):
                continue
            blocks = day.blocks(person, f.t0, f.t1)
            for kind, alpha in ALPHA.items():
                shown = intervals.intersect(blocks.of(kind), aboard)
                if not len(shown):
                    continue
                colour = QColor(SLEEP)
                colour.setAlpha(alpha)
                label = LABELS.get(kind)
                for s, e in shown.tolist():
                    x0, x1 = max(scale.x(s), left), min(scale.x(e), right)
                    if x1 <= x0:
                        continue
                    rect = QRectF(x0, top, x1 - x0, lane.height)
                    p.fillRect(rect, colour)
                    if label and x1 - x0 > 60:
                        p.setPen(QColor(SLEEP.red(), SLEEP.green(), SLEEP.blue(), 150))
                        p.drawText(rect.adjusted(4, 1, -2, 0), int(Qt.AlignmentFlag.AlignLeft
                                                                  | Qt.AlignmentFlag.AlignBottom), label)
        p.restore()
