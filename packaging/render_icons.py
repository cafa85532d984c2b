"""Render the SVG icons of ``resources/icons`` to PNGs of the sizes the installers need.

    python packaging/render_icons.py OUT_DIR

writes ``OUT_DIR/<size>x<size>/<name>.png`` for every SVG and size. The PNGs are made at build time (with
the Qt of the build environment) so that only the SVG sources live in git.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"  # the app uses them too
#: hicolor sizes for Linux; 512 also feeds the macOS .icns and 256 the Windows .ico.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_all(out_dir: Path, sizes=SIZES) -> list[Path]:
    """Render every SVG icon at every size; the written PNG paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["render_icons"])  # noqa: F841 - painting needs it
    written = []
    for svg in sorted(ICONS.glob("*.svg")):
        renderer = QSvgRenderer(str(svg))
        if not renderer.isValid():
            raise SystemExit(f"{svg}: not a valid SVG")
        for size in sizes:
            image = QImage(size, size, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            target = out_dir / f"{size}x{size}" / f"{svg.stem}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(target), "PNG"):
                raise SystemExit(f"cannot write {target}")
            written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/render_icons.py OUT_DIR")
    for path in render_all(Path(sys.argv[1])):
        print(path)
