"""The app's clock: now from the computer's clock or held by a test, ticking just after each whole minute."""

from __future__ import annotations

import time

from planner.gui import wall_clock
from planner.gui.wall_clock import WallClock


def test_it_ticks_just_after_the_next_whole_minute(qtbot, monkeypatch):
    # 59.9 s into a minute: the next tick comes a tenth of a second later, not a minute.
    monkeypatch.setattr(wall_clock.wallclock, "time", lambda: 1_633_424_100.0 + 59.9)
    clock = WallClock()
    with qtbot.waitSignal(clock.ticked, timeout=2000) as ticked:
        pass
    assert ticked.args == [1_633_424_159.9]


def test_a_test_holds_the_time_and_lets_it_go(qtbot):
    clock = WallClock(now=1_633_424_102.0)
    assert clock.now() == 1_633_424_102.0
    with qtbot.waitSignal(clock.ticked, timeout=100) as ticked:
        clock.set_now(1_633_500_000.0)
    assert ticked.args == [1_633_500_000.0] and clock.now() == 1_633_500_000.0
    clock.set_now(None)
    assert abs(clock.now() - time.time()) < 5
