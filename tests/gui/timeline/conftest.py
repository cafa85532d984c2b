"""A main window with the bundled 2021 example, the timeline tab in front."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication



@pytest.fixture
def window(example_window, example_tab):
    """A main window over a copy of the bundled example, the timeline tab shown."""
    return example_tab(example_window.timeline_view)


@pytest.fixture
def canvas(window):
    return window.timeline_view.canvas


def _mouse(widget, kind: str, pos: QPointF, double: bool = False) -> None:
    """Send a left-button mouse event straight to ``widget`` (press, move with the button held, release)."""
    types = {"press": QEvent.Type.MouseButtonPress, "move": QEvent.Type.MouseMove,
             "release": QEvent.Type.MouseButtonRelease, "double": QEvent.Type.MouseButtonDblClick}
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == "move" else left
    held = Qt.MouseButton.NoButton if kind == "release" else left
    global_pos = QPointF(widget.mapToGlobal(pos.toPoint()))
    event = QMouseEvent(types[kind], pos, global_pos, button, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _lane_y(canvas, key: str) -> float:
    """The middle of a lane, in canvas coordinates."""
    from planner.gui.timeline.frame import AXIS_H

    lane = canvas.layout_.lane(key)
    return AXIS_H - canvas.scroll_y + lane.top + lane.height / 2


@pytest.fixture
def mouse():
    """Send mouse events: ``mouse(widget, "press" | "move" | "release" | "double", QPointF)``."""
    return _mouse


@pytest.fixture
def lane_y():
    """The middle of a lane: ``lane_y(canvas, key)``."""
    return _lane_y
