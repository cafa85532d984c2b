"""The timeline as PNG, PDF and on paper (File > Export Schedule is planner.gui.timeline.export_menu)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter
from PySide6.QtWidgets import QApplication

from planner.gui.timeline.frame import AXIS_H, ViewState

EXPORT_WIDTH = 1600  # logical pixels across a PDF or printed page


def _light_palette() -> QPalette:
    # Paper is white: PDF and print use the style's standard (light) palette whatever the screen uses.
    return QApplication.style().standardPalette()


def full_height(canvas) -> int:
    """The height that shows every lane at once (exports are not scrolled)."""
    return int(AXIS_H + canvas.layout_.height + 6)


def _paint(canvas, painter: QPainter, width: int, height: int, palette: QPalette, pixel_font: bool) -> None:
    scale = canvas.scale.copy()
    # The export shows the same span as the screen, spread over its own width.
    t0, t1 = canvas.visible_span()
    scale.fit(t0, t1, width - (canvas.width() - canvas.plot_width()))
    scale.start = t0
    if pixel_font:
        font = painter.font()
        font.setPixelSize(12)
        painter.setFont(font)
    state = ViewState(set(canvas.state.selected_missions), set(canvas.state.selected_activities),
                      canvas.state.cursor, None, canvas.state.show_orbit, show_launches=canvas.state.show_launches,
                      launch_sites=list(canvas.state.launch_sites))
    canvas.renderer.paint(painter, width, height, canvas.layout_, scale, palette, canvas.zone(), state, 0.0,
                          canvas.orbit)


def render_image(canvas, width: int | None = None) -> QImage:
    """The timeline over the span on screen, every lane, as an image ``width`` pixels wide (the view's width)."""
    width = int(width or max(canvas.width(), 800))
    height = full_height(canvas)
    image = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    _paint(canvas, painter, width, height, canvas.palette(), False)
    painter.end()
    return image


def save_png(canvas, path, width: int | None = None) -> bool:
    """Write the timeline as PNG; False when the file cannot be written."""
    return render_image(canvas, width).save(str(path), "PNG")


def paint_on_device(canvas, device) -> None:
    """Draw the timeline fitted to one page of a QPdfWriter or QPrinter (landscape)."""
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("cannot draw on the page (is the file or printer writable?)")
    page = device.pageLayout().paintRectPixels(device.resolution())
    width = EXPORT_WIDTH
    height = full_height(canvas)
    factor = min(page.width() / width, page.height() / height)
    painter.scale(factor, factor)
    _paint(canvas, painter, width, height, _light_palette(), True)
    painter.end()


def save_pdf(canvas, path) -> None:
    """Write the timeline as a one-page landscape A3 PDF."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A3))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle("Station timeline")
    writer.setCreator("ISS Visit Planner")
    paint_on_device(canvas, writer)


def print_timeline(canvas, printer=None, parent=None) -> bool:
    """Print the timeline; without ``printer`` the print dialog asks for one. False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    paint_on_device(canvas, printer)
    return True
