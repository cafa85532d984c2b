"""GUI tests never block on a modal dialog: questions are answered by the test, and recorded."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from planner.gui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch):
    """Every MainWindow records its questions and errors instead of showing dialogs.

    ``MainWindow.questions`` lists the Save/Discard/Cancel questions asked (answered with
    ``save_answer``, Discard unless a test sets it), ``confirms`` the yes/no questions (answered from the
    ``answers`` list, No when it is empty), ``errors`` the error dialogs.
    """

    def ask(self):
        self.__dict__.setdefault("questions", []).append(self.doc.display_name)
        return self.__dict__.get("save_answer", QMessageBox.StandardButton.Discard)

    def confirm(self, title, text):
        self.__dict__.setdefault("confirms", []).append((title, text))
        answers = self.__dict__.setdefault("answers", [])
        return answers.pop(0) if answers else False

    def show_error(self, title, text):
        self.__dict__.setdefault("errors", []).append((title, text))

    monkeypatch.setattr(MainWindow, "ask_save_changes", ask)
    monkeypatch.setattr(MainWindow, "confirm", confirm)
    monkeypatch.setattr(MainWindow, "show_error", show_error)
