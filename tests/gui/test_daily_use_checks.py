"""A check that fails is never shown as a clean plan (issue 15 item 15): the status bar and the clash panel say
the results are not current, with the error in one sentence, until the next check that works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.rules import RuleEngine


@pytest.fixture
def shown(example_window, qtbot):
    example_window.show()
    qtbot.waitExposed(example_window)
    example_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is example_window)
    return example_window


def _rules_crash(*_args, **_kwargs):
    raise KeyError("soyuz-ms-19")


def _type_in_name(window, text: str) -> None:
    field = window.mission_editor.name_edit
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClicks(field, text)


def test_a_failed_check_says_so_and_the_next_check_that_works_clears_it(shown, monkeypatch, checked):
    window, panel = shown, shown.clash_panel
    window.views["missions"].select_ids(["crew-3"])
    conflicts, warnings = window.checker.counts()
    assert warnings and not conflicts and not panel.failure.isVisible()
    listed = panel.model.rowCount()
    working_changed, working_init = RuleEngine.changed, RuleEngine.__init__

    # The rules stop on this plan, however it is checked: after an edit, or whole (which the next edit tries).
    monkeypatch.setattr(RuleEngine, "changed", _rules_crash)
    monkeypatch.setattr(RuleEngine, "__init__", _rules_crash)
    _type_in_name(window, " (Endurance)")
    assert window.doc.project.mission("crew-3").name == "Crew-3 (Endurance)"  # the edit itself is kept
    checked(window)  # (after the first failure, each keystroke checks the whole plan again, on a worker thread)

    status = window.clash_status.text()
    assert "failed" in status and "not current" in status and "0 conflicts" not in status
    assert "KeyError" in window.clash_status.toolTip() and "soyuz-ms-19" in window.clash_status.toolTip()
    assert panel.failure.isVisible()
    text = panel.failure.text()
    assert text.startswith("Results not current: The check stopped with an error in the rules (KeyError: 'soyuz-ms-19').")
    assert panel.summary.text() == "Check failed"
    assert panel.model.rowCount() == listed  # the last check's findings stay listed, marked as not current

    # The rules work again: the next edit checks the whole plan.
    monkeypatch.setattr(RuleEngine, "changed", working_changed)
    monkeypatch.setattr(RuleEngine, "__init__", working_init)
    _type_in_name(window, "!")
    assert window.clash_status.text() == "Checking the plan…"  # the whole plan, on a worker thread
    checked(window)
    assert window.clash_status.text() == f"0 conflicts · {warnings} warning{'s' if warnings != 1 else ''}"
    assert not panel.failure.isVisible() and panel.summary.text().startswith("0 conflicts")
    assert window.checker.error == ""


def test_a_plan_whose_check_fails_on_opening_is_not_shown_clean(qtbot, example_window, monkeypatch, checked):
    def crash(self, *args, **kwargs):
        raise ValueError("cannot judge 2060-01-01\nsecond line")

    monkeypatch.setattr(RuleEngine, "__init__", crash)
    assert example_window.files.open_path(example_window.doc.path) is None
    checked(example_window)
    assert example_window.clash_status.text() == "Check failed · results not current"
    assert example_window.checker.error == ("The check stopped with an error in the rules "
                                            "(ValueError: cannot judge 2060-01-01).")
