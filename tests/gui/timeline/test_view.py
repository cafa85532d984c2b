"""Zoom, fit, the clash panel's window request, keys, tooltips, exports to PNG, PDF and a PDF printer."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from planner.gui.timeline.export import full_height, render_image, save_pdf, save_png, paint_on_device
from planner.model.times import parse_utc


def _t(text):
    return parse_utc(text).timestamp()


def test_fit_all_shows_every_stay_and_zoom_keeps_the_instant_under_the_mouse(canvas):
    canvas.fit_all()
    t0, t1 = canvas.visible_span()
    assert t0 <= _t("2021-02-17T00:00:00Z") and t1 >= _t("2022-03-30T07:21:03Z")
    x = canvas.scale.x(_t("2021-10-05T12:22:31Z"))
    canvas.zoom(8.0, x)
    assert abs(canvas.scale.t(x) - _t("2021-10-05T12:22:31Z")) < 1.0
    span = canvas.visible_span()
    assert abs((span[1] - span[0]) * 8 - (t1 - t0)) < canvas.scale.seconds_per_px * 8 * 2


def test_a_clicked_finding_zooms_the_timeline_to_its_window(window, canvas):
    window.time_cursor.show_window(_t("2021-10-06T12:00:00Z"), _t("2021-10-06T13:00:00Z"))
    t0, t1 = canvas.visible_span()
    assert t0 < _t("2021-10-06T12:00:00Z") < _t("2021-10-06T13:00:00Z") < t1
    assert t1 - t0 < 3 * 3600


def test_keyboard_zoom_fit_and_pan(window, canvas, qtbot):
    view = window.timeline_view
    canvas.setFocus()
    canvas.fit_all()
    wide = canvas.scale.seconds_per_px
    view.actions_by_name["zoom_in"].trigger()
    assert abs(canvas.scale.seconds_per_px - wide / 2) < 1e-6
    view.actions_by_name["fit"].trigger()
    assert abs(canvas.scale.seconds_per_px - wide) < 1e-6
    start = canvas.scale.start
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.scale.start > start
    assert "Ctrl+=" in [s.toString() for s in view.actions_by_name["zoom_in"].shortcuts()]


def test_go_to_date_shows_that_day(window, canvas):
    from PySide6.QtCore import QDate

    window.timeline_view.go_to_date(QDate(2021, 10, 9))
    t0, t1 = canvas.visible_span()
    assert t0 <= _t("2021-10-09T00:00:00Z") and t1 >= _t("2021-10-10T00:00:00Z") and t1 - t0 < 2 * 86400


def test_tooltips_name_the_stay_and_the_broken_rule(window, canvas, lane_y):
    canvas.show_window(_t("2021-12-20T00:00:00Z"), _t("2021-12-24T00:00:00Z"), margin=0.0)
    y = lane_y(canvas, "port:harmony-zenith")
    # CRS-24 docks within 24 h of Progress M-UM leaving: the spacing warning of the example.
    warnings = [f for f in window.checker.findings if "crs-24" in f.vehicles]
    assert warnings
    x = canvas.scale.x((warnings[0].start + min(warnings[0].end, warnings[0].start + 3600)) / 2)
    text = canvas.tooltip_at(QPointF(x, y))
    assert "CRS-24" in text or warnings[0].message in text
    assert warnings[0].rule in text and warnings[0].message in text


def test_layout_is_rebuilt_per_edit_not_per_paint(window, canvas, qtbot):
    before = canvas.rebuilds
    for _ in range(3):
        canvas.repaint()
    assert canvas.rebuilds == before


def test_png_shows_every_lane(window, canvas, tmp_path):
    path = tmp_path / "t.png"
    assert save_png(canvas, path, width=1200)
    image = QImage(str(path))
    assert image.width() == 1200 and image.height() == full_height(canvas)
    assert image.height() > 11 * 26  # the port lanes at least


def test_pdf_and_printing_draw_a_page(canvas, tmp_path):
    pdf = tmp_path / "t.pdf"
    save_pdf(canvas, pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    paint_on_device(canvas, printer)
    assert printed.read_bytes().startswith(b"%PDF")


def test_export_menu_writes_an_ics(window, tmp_path, monkeypatch):
    import icalendar
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "plan.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    window.export_actions[".ics"].trigger()
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(cal.walk("VEVENT")) > 50


def test_render_image_matches_the_widget_size(canvas):
    image = render_image(canvas)
    assert image.width() == max(canvas.width(), 800)


def test_candidate_windows_from_the_cursor_are_banded_with_their_label_and_cleared(window, canvas):
    from planner.gui.timeline.frame import AXIS_H, LABEL_W

    canvas.show_window(_t("2021-10-08T00:00:00Z"), _t("2021-10-10T00:00:00Z"), margin=0.0)
    a = (_t("2021-10-08T10:00:00Z"), _t("2021-10-08T14:00:00Z"), "Filming window 1: 4 h in daylight")
    b = (_t("2021-10-09T09:00:00Z"), _t("2021-10-09T11:30:00Z"), "Filming window 2")
    y = AXIS_H + canvas.layout_.lane("port:zvezda-aft").top + 5  # empty then: a plain background

    def pixel(t):
        return canvas.grab().toImage().pixelColor(int(canvas.scale.x(t)), int(y))

    bare_a, bare_b = pixel((a[0] + a[1]) / 2), pixel((b[0] + b[1]) / 2)
    between = pixel(_t("2021-10-08T20:00:00Z"))
    window.time_cursor.set_highlights([a, b], chosen=1)
    band_a, band_b = pixel((a[0] + a[1]) / 2), pixel((b[0] + b[1]) / 2)
    assert band_a != bare_a and band_b != bare_b
    # Tinted towards the band's blue-green, the chosen one more strongly; outside the windows nothing changes.
    assert band_a.blue() - band_a.red() > bare_a.blue() - bare_a.red()
    assert bare_b.red() - band_b.red() > bare_a.red() - band_a.red() > 0  # (night may darken either: per pixel)
    assert pixel(_t("2021-10-08T20:00:00Z")) == between
    text = canvas.tooltip_at(QPointF(canvas.scale.x((b[0] + b[1]) / 2), y))
    assert "Filming window 2" in text and "(chosen)" in text
    assert "Filming window 1" not in text
    assert "Filming window 1" in canvas.tooltip_at(QPointF(canvas.scale.x(a[0] + 600), y))
    assert LABEL_W < canvas.scale.x(a[0]) < canvas.width()
    window.time_cursor.set_highlights([])
    assert pixel((a[0] + a[1]) / 2) == bare_a and pixel((b[0] + b[1]) / 2) == bare_b
    assert "Filming" not in canvas.tooltip_at(QPointF(canvas.scale.x((b[0] + b[1]) / 2), y))


def test_a_name_with_markup_characters_reads_as_typed_in_the_tooltip(window, canvas, lane_y):
    from PySide6.QtTest import QTest

    window.views["missions"].select_ids(["crs-24"])
    field = window.mission_editor.name_edit
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_End)
    QTest.keyClicks(field, " <Dragon & trunk>")
    assert window.doc.project.mission("crs-24").name == "CRS-24 <Dragon & trunk>"
    canvas.show_window(_t("2021-12-22T00:00:00Z"), _t("2021-12-26T00:00:00Z"), margin=0.0)
    y = lane_y(canvas, "port:harmony-zenith")
    text = canvas.tooltip_at(QPointF(canvas.scale.x(_t("2021-12-25T00:00:00Z")), y))
    assert "<b>CRS-24 &lt;Dragon &amp; trunk&gt;</b>" in text  # shown as typed, not taken for rich text
    assert "<Dragon" not in text
