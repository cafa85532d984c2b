"""A notice above the views: something the user must know that does not stop the work.

Unlike a message box it takes neither the keyboard nor the mouse, so the answer to most notices (Ctrl+S, an
edit) still reaches the window; it stays until dismissed or until what it is about is done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton


class NoticeBar(QFrame):
    """One line (wrapped when long) with a warning icon and a close button; hidden until :meth:`show_notice`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A warning's amber, readable in the light and the dark theme alike (dark text on a light fill).
        self.setStyleSheet("#noticeBar { background: #fff3cd; border: 1px solid #e0b84c; }"
                           "#noticeBar QLabel { color: #3b2f00; }")
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # file names are shown as they are
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("Dismiss")
        close.setToolTip("Hide this notice")
        close.setAutoRaise(True)
        close.clicked.connect(self.dismiss)
        self.close_button = close
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 3, 3)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.title = ""
        self.hide()

    def show_notice(self, title: str, text: str) -> None:
        """Show ``title: text`` (replacing any notice shown)."""
        self.title = title
        self.label.setText(f"{title}: {text}")
        self.show()

    def text(self) -> str:
        """What the notice says ('' when none is shown)."""
        return self.label.text() if self.isVisible() else ""

    def dismiss(self) -> None:
        """Hide the notice."""
        self.title = ""
        self.hide()
