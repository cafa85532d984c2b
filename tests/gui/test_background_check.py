"""The full check of a plan runs on a worker thread (issue 14, start-up): the window opens and can be used while
the rules check the whole plan; the clash panel and the status bar say "Checking the plan…" until the result is in;
an edit made meanwhile waits for that check and is then checked as any other edit."""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from planner.gui.main_window import MainWindow
from planner.resources import example_project_path
from planner.rules import RuleEngine
from planner.rules.orbit_link import orbit_conditions
from planner.store import load_project, save_project


@pytest.fixture
def held_check(monkeypatch):
    """Full checks wait for ``release.set()`` before they start (the names of the threads they ran on are in
    ``threads``)."""
    release = threading.Event()
    threads: list[str] = []
    real_init = RuleEngine.__init__

    def held(self, *args, **kwargs):
        threads.append(threading.current_thread().name)
        assert release.wait(10), "the test never released the check"
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(RuleEngine, "__init__", held)
    yield release, threads
    release.set()


@pytest.fixture
def plan(tmp_path):
    path = tmp_path / "challenge.issplan"
    shutil.copyfile(example_project_path(), path)
    return path


def _messages(findings) -> list[str]:
    return [f.message for f in findings]


def _full_check(project) -> list:
    """The findings of a full check of ``project`` here, on the test's thread (the check is released by then)."""
    return RuleEngine(project, orbit_conditions(project)).findings()


def test_the_window_opens_and_says_checking_until_the_check_of_the_plan_is_done(qtbot, plan, held_check, show_active):
    release, threads = held_check
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(plan) is None
    show_active(window)  # shown and taking keys while the rules are still at work
    assert window.checker.checking
    assert window.clash_status.text() == "Checking the plan…"
    assert window.clash_panel.summary.text() == "Checking the plan…"
    assert window.windowTitle().startswith("challenge.issplan")

    release.set()
    qtbot.waitUntil(lambda: not window.checker.checking)
    assert threads and all(name == "planner full check" for name in threads)  # (new MainWindow, the open)
    expected = _full_check(load_project(plan))
    assert _messages(window.checker.findings) == _messages(expected)
    conflicts = sum(f.is_conflict for f in expected)
    warnings = len(expected) - conflicts
    assert conflicts == 0 and warnings > 1  # the example: no conflict, a few warnings
    assert window.clash_status.text() == f"0 conflicts · {warnings} warnings"
    assert window.clash_panel.model.rowCount() == len(expected)


def test_an_edit_made_while_the_plan_is_checked_waits_for_that_check_then_is_checked_itself(qtbot, plan, held_check,
                                                                                          show_active):
    release, _threads = held_check
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(plan) is None
    show_active(window)
    window.views["missions"].select_ids(["crew-3"])
    field = window.mission_editor.name_edit
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    threading.Timer(0.2, release.set).start()  # the check ends while the first key waits for it
    QTest.keyClicks(field, " (Endurance)")
    assert window.doc.project.mission("crew-3").name == "Crew-3 (Endurance)"
    assert not window.checker.checking  # the edit waited for the check and was then checked at once
    assert _messages(window.checker.findings) == _messages(_full_check(window.doc.project))
    assert window.clash_status.text() != "Checking the plan…"


def test_opening_another_plan_during_a_check_shows_only_the_new_plans_result(qtbot, plan, tmp_path, held_check):
    release, _threads = held_check
    other = load_project(plan)
    other.missions = other.missions[:3]
    other_path = tmp_path / "small.issplan"
    save_project(other, other_path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(plan) is None
    assert window.files.open_path(other_path) is None  # the first plan's check is still held
    release.set()
    qtbot.waitUntil(lambda: not window.checker.checking)
    qtbot.wait(50)  # (the first check's late result, if it were used, would arrive now)
    assert _messages(window.checker.findings) == _messages(_full_check(load_project(other_path)))


def test_closing_the_window_during_a_check_waits_for_it_and_leaves_no_thread_behind(qtbot, plan, held_check):
    release, _threads = held_check
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(plan) is None
    window.show()
    threading.Timer(0.1, release.set).start()
    window.close()
    assert not [t for t in threading.enumerate() if t.name == "planner full check"]


def test_a_timeline_shown_during_the_check_fits_the_plan_once_its_stays_are_known(qtbot, plan, held_check, show_active):
    release, _threads = held_check
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.files.open_path(plan) is None
    show_active(window)
    timeline = window.timeline_view  # the Timeline tab opened while the rules are at work
    window.central_tabs.setCurrentWidget(timeline)
    qtbot.wait(20)
    lo, hi = timeline.canvas.visible_span()
    assert lo <= window.time_cursor.time() <= hi  # meanwhile: the week from the plan's start
    release.set()
    qtbot.waitUntil(lambda: not window.checker.checking)
    timeline.canvas.layout_  # noqa: B018 (laid out when painted or read)
    fitted = timeline.canvas.visible_span()
    assert fitted != (lo, hi)
    window.timeline_view.canvas.fit_all()  # what View > Fit All (Ctrl+0) shows
    assert timeline.canvas.visible_span() == pytest.approx(fitted, abs=1.0)


def test_the_window_loads_neither_the_rules_nor_numpy_on_the_gui_thread():
    """What the window needs to open is the model, the files and Qt: the rules, the station state and numpy (a
    third of the start-up) load on the full check's worker thread, in parallel with the window being built."""
    import subprocess
    import sys

    code = ("import sys\n"
            "import planner.cli, planner.gui.app, planner.gui.main_window\n"
            "print(sorted(m for m in ('numpy', 'planner.rules', 'planner.station', 'skyfield') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
