"""File > Export Map: the map as PNG or SVG, the drawn track as GeoJSON or KML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from planner.gui.user_folders import suggested_file

FORMATS = {
    "png": ("Map as &PNG…", "PNG images (*.png)"),
    "svg": ("Map as &SVG…", "SVG drawings (*.svg)"),
    "geojson": ("Track as &GeoJSON…", "GeoJSON (*.geojson *.json)"),
    "kml": ("Track as &KML…", "KML (*.kml)"),
}


def export_map(panel, path: Path, kind: str) -> str | None:
    """Write the map or its track to ``path``; a message for the user when it cannot, else None."""
    from planner.orbit.export import track_geojson, track_kml
    from planner.store.atomic import atomic_write_text

    canvas = panel.canvas
    path = Path(path)
    try:
        if kind == "png":
            # Twice the pixels of the view: sharp when printed or shown on a high-density screen.
            if not canvas.render_image(ratio=2.0).save(str(path), "PNG"):
                return f"{path}: the image could not be written"
        elif kind == "svg":
            canvas.write_svg(path, panel.window.doc.project.meta.title)
            if not path.exists():
                return f"{path}: the drawing could not be written"
        elif kind in ("geojson", "kml"):
            if panel.renderer.cache is None:
                return "There is no track to export: the project has no element sets of the station."
            t0, t1 = panel.renderer.track_span()
            track, _lit = panel.renderer.cache.window(t0, t1)
            name = f"{panel.orbit.name} ground track"
            text = track_geojson(track, name) if kind == "geojson" else track_kml(track, name)
            atomic_write_text(path, text, keep_backup=False)
        else:
            raise ValueError(kind)
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    finally:
        canvas.update()  # an export paints at another size: the hover data follows the screen again
    return None


def export_dialog(panel, kind: str) -> bool:
    """Ask where to write, then export."""
    window = panel.window
    title, pattern = FORMATS[kind]
    suggested = str(suggested_file(window.doc.path, "ground-track", f".{kind}"))
    name, _ = QFileDialog.getSaveFileName(window, title.replace("&", "").rstrip("…"), suggested, pattern)
    if not name:
        return False
    error = export_map(panel, Path(name), kind)
    if error:
        window.show_error("Cannot export the map", error)
        return False
    window.statusBar().showMessage(f"Exported {name}", 5000)
    return True


def add_menu(window, panel_of, before=None):
    """File > Export Map submenu (before the action ``before``, else at the end), exporting the map
    ``panel_of()`` returns; returns the menu (its actions by format: ``window.map_export_actions``)."""
    from PySide6.QtWidgets import QMenu

    menu = QMenu("Export &Map", window.file_menu)
    if before is not None:
        window.file_menu.insertMenu(before, menu)
    else:
        window.file_menu.addMenu(menu)
    window.map_export_actions = {}
    for kind, (title, _pattern) in FORMATS.items():
        action = menu.addAction(title)
        action.triggered.connect(lambda _checked=False, kind=kind: export_dialog(panel_of(), kind))
        window.map_export_actions[kind] = action
    return menu
