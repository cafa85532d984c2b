"""Timeline repaint times on a 10,000-stay / 100,000-activity plan, offscreen, from years down to minutes.

Target (issue 6): panning and zooming repaint in at most 33 ms. Each figure is printed with a ratio to a
baseline measured in the same run (sorting a million floats), since the machine is shared and noisy.
Run: ``python benchmarks/bench_timeline.py`` (building and checking the plan takes a while first).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

DAY = 86400.0


def sort_baseline() -> float:
    """Sorting a million floats: the yardstick for in-process figures."""
    data = [random.random() for _ in range(1_000_000)]
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        sorted(data)
        best = min(best, time.perf_counter() - t0)
    return best


def _repaints(view, steps) -> list[float]:
    canvas = view.canvas
    times = []
    for step in steps:
        step(canvas)
        t0 = time.perf_counter()
        canvas.repaint()
        times.append(time.perf_counter() - t0)
    return times


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from bench_files import big_project
    from planner.gui.clash_checker import ClashChecker
    from planner.gui.document import ProjectDocument
    from planner.gui.time_cursor import TimeCursor
    from planner.gui.timeline.view import TimelineView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    baseline = sort_baseline()
    t0 = time.perf_counter()
    project = big_project(10_000, 100_000)
    doc = ProjectDocument(project)
    checker = ClashChecker(doc)
    cursor = TimeCursor()
    built = time.perf_counter()
    view = TimelineView(doc, checker, cursor)
    view.resize(1600, 1000)
    view.show()
    app.processEvents()
    layout_s = time.perf_counter() - built
    print(f"plan built and checked in {built - t0:.1f} s; timeline layout {layout_s * 1000:.0f} ms "
          f"({layout_s / baseline:.1f}x sorting a million floats, {baseline * 1000:.0f} ms)")
    canvas = view.canvas
    lo, hi = canvas.layout_.extent
    mid = (lo + hi) / 2

    def at(span):
        return lambda c: c.show_window(mid - span / 2, mid + span / 2, margin=0.0)

    scenarios = {
        "fit all (years)": [lambda c: c.fit_all()] * 5,
        "zoom years -> minutes (wheel steps)": [at(hi - lo)] + [lambda c: c.zoom(1.6)] * 30,
        "pan a month view": [at(30 * DAY)] + [lambda c: c.pan(200)] * 20,
        "pan a day view": [at(DAY)] + [lambda c: c.pan(200)] * 20,
        "pan an hour view": [at(3600)] + [lambda c: c.pan(200)] * 20,
        "scroll the activity lanes": [at(7 * DAY)] + [lambda c: c.set_scroll(c.scroll_y + 300)] * 20,
    }
    worst = 0.0
    for name, steps in scenarios.items():
        times = _repaints(view, steps)[1:]  # the first frame of a scenario carries its jump
        median, top = statistics.median(times), max(times)
        worst = max(worst, top)
        print(f"{name}: median {median * 1000:.1f} ms, max {top * 1000:.1f} ms "
              f"(target <= 33 ms; median {median / baseline:.2f}x the baseline)")
    print(f"worst repaint {worst * 1000:.1f} ms ({worst / baseline:.2f}x sorting a million floats)")
    # The day/night layer is computed once per six hours of orbit: this plan has no element sets,
    # so the orbit layer is measured by bench_orbit.py, not here.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
