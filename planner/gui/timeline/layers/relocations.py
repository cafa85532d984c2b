"""A relocation as a dashed line from the port left to the port reached, a dot at each end."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPalette, QPen

from planner.gui.timeline.frame import Frame


class Relocations:
    """Links between port lanes for the relocations in view."""

    def paint(self, p: QPainter, f: Frame) -> None:
        """Draw the relocation links."""
        layout = f.layout
        if not layout.relocations:
            return
        p.setPen(QPen(f.palette.color(QPalette.ColorRole.Text), 1.2, Qt.PenStyle.DashLine))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for r in layout.relocations:
            if r.redock < f.t0 or r.undock > f.t1:
                continue
            a, b = layout.lane(f"port:{r.from_port}"), layout.lane(f"port:{r.to_port}")
            if a is None or b is None:
                continue
            xa, xb = f.scale.x(r.undock), f.scale.x(r.redock)
            ya, yb = f.y0 + a.top + a.height / 2, f.y0 + b.top + b.height / 2
            p.drawLine(QPointF(xa, ya), QPointF(xb, yb))
            p.drawEllipse(QPointF(xa, ya), 2.5, 2.5)
            p.drawEllipse(QPointF(xb, yb), 2.5, 2.5)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
