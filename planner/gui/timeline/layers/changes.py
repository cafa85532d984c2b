"""The items File > Compare With… found changed: their bars edged in a colour of their own, tinted, with a small
triangle at their top left corner, until the comparison is cleared (the view puts ``ViewState.changed``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF

from planner.gui.timeline.frame import Frame
from planner.gui.timeline.layout import bar_style

CHANGED = QColor(120, 60, 210)  # apart from the findings' red and amber, the highlights' teal and the now-line
PAD = 3  # as the bars' (layers.bars.PAD)


@dataclass(frozen=True)
class ChangedItems:
    """What a comparison marks: mission and activity ids of the plan shown."""

    missions: frozenset = frozenset()
    activities: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.missions or self.activities)


class ChangedBars:
    """Each changed mission's stays and each changed activity's bars, edged and tinted."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the marks of the bars in view."""
        changed = f.state.changed
        if not changed:
            return
        found = []
        for _n, lane, top in f.lanes_in_view:
            spans = lane.spans
            if lane.kind not in ("port", "activity") or not len(spans):
                continue
            idx = spans.visible(f.t0, f.t1)
            if not len(idx):
                continue
            style = bar_style(spans)
            marked = (np.isin(style.ident[idx], list(changed.missions)) & ~style.activity[idx]) | (
                np.isin(style.ident[idx], list(changed.activities)) & style.activity[idx])
            for i in idx[marked]:
                x0 = max(f.scale.x(spans.start[i]), f.plot.left() - 4)
                end = spans.end[i]
                x1 = f.plot.right() + 4 if np.isinf(end) else min(f.scale.x(end), f.plot.right() + 4)
                found.append(QRectF(x0 - 2, top + PAD - 2, max(x1 - x0, 2.0) + 4, lane.height - 2 * PAD + 4))
        if not found:
            return
        p.save()
        fill = QColor(CHANGED)
        fill.setAlpha(40)
        p.setPen(QPen(CHANGED, 3))
        p.setBrush(fill)
        p.drawRects(found)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(CHANGED)
        for rect in found:
            corner = rect.topLeft()
            p.drawPolygon(QPolygonF([corner, corner + QPointF(11, 0), corner + QPointF(0, 11)]))
        p.restore()
