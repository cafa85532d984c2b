"""Small widget helpers the editors share."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPlainTextEdit, QSizePolicy, QToolTip


def heading_label(parent) -> QLabel:
    """A bold, slightly larger plain-text label naming what an editor shows."""
    label = QLabel(parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    # A long name wraps within the dock instead of widening the dock (and the window with it).
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def set_plain_text(edit: QPlainTextEdit, text: str) -> None:
    """Show ``text`` without emitting textChanged, and only when it differs (the cursor stays put)."""
    if edit.toPlainText() != text:
        edit.blockSignals(True)
        edit.setPlainText(text)
        edit.blockSignals(False)


@contextmanager
def busy(window: QMainWindow, text: str):
    """A wait cursor and ``text`` in the status bar (painted at once) while slow work runs in the GUI thread."""
    window.statusBar().showMessage(text)
    window.statusBar().repaint()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
        if window.statusBar().currentMessage() == text:  # else the work left a message of its own
            window.statusBar().clearMessage()


def kept_dialog(window, name: str):
    """The non-modal dialog kept as ``window.<name>`` while it is open; None once it is closed (and deleted)."""
    dialog = getattr(window, name, None)
    try:
        return dialog if dialog is not None and dialog.isVisible() else None
    except RuntimeError:  # deleted when it closed
        return None


def show_kept(window, name: str, dialog):
    """Show ``dialog`` non-modal, kept as ``window.<name>`` and deleted when it closes; returns it."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    setattr(window, name, dialog)
    dialog.show()
    return dialog


def answer_tooltip(widget, event, text: str) -> bool:
    """Answer a ``ToolTip`` event of a painted view with ``text`` (what is under the mouse), hiding the tip where
    there is nothing; the return value of the view's ``event()``."""
    if text:
        QToolTip.showText(event.globalPos(), text, widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True
