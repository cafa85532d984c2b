"""Text on the timeline: labels laid out once, and cut to fit a width without measuring them again."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QStaticText


class Texts:
    """Laid-out labels and the widths of their beginnings, for the painter's font (a new font starts afresh)."""

    def __init__(self):
        self._advances: dict[str, np.ndarray] = {}  # widths of each label's beginnings
        self._char_widths: dict[str, int] = {}
        self._static: dict[str, QStaticText] = {}  # laid-out text, drawn twice as fast as a string
        self._font_key = ""

    def use_font_of(self, p: QPainter) -> None:
        """Measure in ``p``'s font from now on (what was kept for another font goes)."""
        key = p.font().key()
        if key != self._font_key:
            self._font_key, self._advances, self._char_widths, self._static = key, {}, {}, {}

    def static(self, text: str) -> QStaticText:
        """``text`` laid out once for the painter's font."""
        static = self._static.get(text)
        if static is None:
            if len(self._static) > 50_000:  # labels of a whole plan zoomed through: start afresh
                self._static.clear()
            static = self._static[text] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
        return static

    def fit(self, fm, label: str, avail: float) -> str:
        """``label``, or as much of it as fits in ``avail`` pixels followed by an ellipsis ("" if none does).

        Widths of each label's beginnings are kept (from the font's advances, character by character), so
        a zoom that changes every bar's width measures no text."""
        widths = self._advances.get(label)
        if widths is None:
            chars = self._char_widths
            for ch in set(label) - chars.keys():
                chars[ch] = fm.horizontalAdvance(ch)
            widths = self._advances[label] = np.cumsum([chars[ch] for ch in label] or [0])
        if widths[-1] <= avail:
            return label
        dots = self._char_widths.get("…")
        if dots is None:
            dots = self._char_widths["…"] = fm.horizontalAdvance("…")
        n = int(np.searchsorted(widths, avail - dots, side="right"))
        return label[:n] + "…" if n else ""
