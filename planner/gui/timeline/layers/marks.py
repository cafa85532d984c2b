"""Marks across every lane: candidate windows (e.g. filming windows, the chosen one stronger) and the shared
time cursor."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from planner.gui.timeline.frame import AXIS_H, HIGHLIGHT, Frame, ViewState
from planner.gui.timeline.scale import TimeScale


def highlight_rects(state: ViewState, plot: QRectF, scale: TimeScale) -> list[tuple[int, QRectF]]:
    """``(index, rect)`` of each candidate window drawn across the lanes (an instant gets three pixels)."""
    out = []
    for k, (start, end, _label) in enumerate(state.highlights):
        x0, x1 = scale.x(start), scale.x(end)
        if x1 - x0 < 3:
            x0, x1 = x0 - 1.5, x0 + 1.5
        x0, x1 = max(x0, plot.left() - 2), min(x1, plot.right() + 2)
        if x1 > x0:
            out.append((k, QRectF(x0, plot.top(), x1 - x0, plot.height())))
    return out


class Highlights:
    """Candidate windows as translucent bands over every lane, the chosen one stronger and edged."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the candidate windows (the chosen one last)."""
        state = f.state
        if not state.highlights:
            return
        p.save()
        for k, rect in sorted(highlight_rects(state, f.plot, f.scale), key=lambda item: item[0] == state.chosen_highlight):
            chosen = k == state.chosen_highlight
            fill = QColor(HIGHLIGHT)
            fill.setAlpha(90 if chosen else 40)
            p.fillRect(rect, fill)
            edge = QColor(HIGHLIGHT)
            edge.setAlpha(230 if chosen else 120)
            p.setPen(QPen(edge, 2 if chosen else 1, Qt.PenStyle.SolidLine if chosen else Qt.PenStyle.DashLine))
            p.drawLine(rect.topLeft(), rect.bottomLeft())
            p.drawLine(rect.topRight(), rect.bottomRight())
        p.restore()


class PreviewBar:
    """A proposed stay not in the plan (Find a Flight…'s chosen proposal): a ghost bar, dashed and translucent, in
    its port's lane, with its label."""

    def paint(self, p: QPainter, f: Frame) -> None:
        preview = f.state.preview
        if preview is None:
            return
        port, start, end, label = preview
        for _n, lane, top in f.lanes_in_view:
            if lane.kind != "port" or lane.port != port:
                continue
            x0, x1 = f.scale.x(start), f.scale.x(end)
            x0, x1 = max(x0, f.plot.left() - 2), min(x1, f.plot.right() + 2)
            if x1 <= x0:
                continue
            rect = QRectF(x0, top + 3, max(x1 - x0, 3.0), lane.height - 6)
            p.save()
            fill = QColor(HIGHLIGHT)
            fill.setAlpha(110)
            p.fillRect(rect, fill)
            p.setPen(QPen(QColor(HIGHLIGHT).darker(140), 2, Qt.PenStyle.DashLine))
            p.drawRect(rect)
            p.setPen(f.palette.color(QPalette.ColorRole.Text))
            p.drawText(rect.adjusted(4, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            p.restore()


class Cursor:
    """The shared time cursor, a line down the plot."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the cursor when it is in view."""
        cursor = f.state.cursor
        if cursor is not None and f.t0 <= cursor <= f.t1:
            p.setPen(QPen(f.palette.color(QPalette.ColorRole.Highlight), 2))
            x = f.scale.x(cursor)
            p.drawLine(QPointF(x, AXIS_H), QPointF(x, f.height))
