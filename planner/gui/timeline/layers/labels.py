"""The lane titles down the left edge (the headcount's with its capacity settings), and the rules between lanes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette

from planner.gui.timeline.frame import AXIS_H, LABEL_W, Frame
from planner.gui.timeline.texts import Texts


class LaneLabels:
    """The column of lane titles."""

    def __init__(self, texts: Texts):
        self.texts = texts

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the titles of the lanes in view."""
        palette, height = f.palette, f.height
        p.save()
        p.setClipRect(QRectF(0, AXIS_H, LABEL_W, height - AXIS_H))
        p.fillRect(QRectF(0, AXIS_H, LABEL_W, height - AXIS_H), palette.color(QPalette.ColorRole.Window))
        fm = p.fontMetrics()
        title_pen = palette.color(QPalette.ColorRole.WindowText)
        rule_pen = palette.color(QPalette.ColorRole.Midlight)
        hc = f.layout.headcount
        for _n, lane, top in f.lanes_in_view:
            p.setPen(title_pen)
            text = self.texts.fit(fm, lane.title, LABEL_W - 12)
            text_top = top + 8 if lane.kind == "headcount" else top + (lane.height - fm.height()) / 2
            p.drawStaticText(QPointF(8, text_top), self.texts.static(text))
            if lane.kind == "headcount" and hc is not None:
                p.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
                small = QFont(p.font())
                small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
                p.save()
                p.setFont(small)
                p.drawText(QRectF(8, top + lane.height / 2 + 8, LABEL_W - 12, 16), Qt.AlignmentFlag.AlignLeft,
                           f"beds {hc.beds} · warn >{hc.warning} · max {hc.limit}")
                p.restore()
            p.setPen(rule_pen)
            p.drawLine(QPointF(0, top + lane.height), QPointF(LABEL_W, top + lane.height))
        p.setPen(palette.color(QPalette.ColorRole.Mid))
        p.drawLine(LABEL_W - 1, AXIS_H, LABEL_W - 1, height)
        p.restore()
