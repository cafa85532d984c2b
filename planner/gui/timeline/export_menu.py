"""File > Export Schedule: the schedule as iCalendar and CSV, the timeline as PNG or PDF, and printing.

The menu is made at start-up; what it writes with is imported when first used (the timeline's painting and the
calendar library are not needed to open a plan)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.gui.user_folders import suggested_file


def _export():
    from planner.gui.timeline import export

    return export


def install_export_menu(window, canvas_of) -> None:
    """File > Export: the schedule as iCalendar and CSV, the timeline as PNG or PDF (of the canvas ``canvas_of()``
    returns), and printing."""
    menu = window.file_menu.addMenu("E&xport Schedule")
    menu.setObjectName("exportScheduleMenu")
    close = getattr(window, "act_close", None)
    if close is not None:
        window.file_menu.removeAction(menu.menuAction())
        window.file_menu.insertMenu(close, menu)
        window.file_menu.insertSeparator(close)

    def ask(title: str, suffix: str, filter_text: str) -> Path | None:
        base = suggested_file(window.doc.path, "schedule", suffix)
        name, _ = QFileDialog.getSaveFileName(window, title, str(base), filter_text)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(suffix)

    def run(title, suffix, filter_text, write):
        path = ask(title, suffix, filter_text)
        if path is None:
            return
        try:
            if write(path) is False:
                raise OSError("the image could not be written")
        except OSError as exc:
            window.show_error(f"Cannot {title[0].lower()}{title[1:]}", f"{path}: {getattr(exc, 'strerror', None) or exc}")
            return
        window.statusBar().showMessage(f"Wrote {path}", 5000)

    # The exporters are imported when used: icalendar alone takes about a tenth of a second to import.
    def write_ics(path):
        from planner.exports.ical import write_ics

        return write_ics(window.doc.project, path)

    def write_schedule_csv(path):
        from planner.exports.schedule_csv import write_schedule_csv

        return write_schedule_csv(window.doc.project, path)

    actions = [
        ("Calendar (.ics)…", "Export the calendar", ".ics", "iCalendar (*.ics)", write_ics),
        ("Schedule CSV…", "Export the schedule", ".csv", "CSV (*.csv)", write_schedule_csv),
        ("Timeline as PNG…", "Export the timeline", ".png", "PNG image (*.png)", lambda path: _export().save_png(canvas_of(), path)),
        ("Timeline as PDF…", "Export the timeline", ".pdf", "PDF (*.pdf)", lambda path: _export().save_pdf(canvas_of(), path)),
    ]
    window.export_actions = {}
    for text, title, suffix, filter_text, write in actions:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False, t=title, s=suffix, f=filter_text, w=write: run(t, s, f, w))
        window.export_actions[suffix] = action
    menu.addSeparator()
    printing = menu.addAction("Print Timeline…")
    printing.triggered.connect(lambda _=False: _export().print_timeline(canvas_of(), parent=window))
    window.export_actions["print"] = printing
