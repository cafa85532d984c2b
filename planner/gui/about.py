"""Help > About: versions of the app and what it stands on, and where its data comes from."""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox

from planner import __version__


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text() -> str:
    """The About box's text (HTML)."""
    rows = [
        ("planner", __version__),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", pyside_version),
        ("skyfield", _version("skyfield")),
        ("skyfield-data", _version("skyfield-data")),
        ("sgp4", _version("sgp4")),
        ("numpy", _version("numpy")),
    ]
    table = "".join(f"<tr><td>{name}</td><td>&nbsp;{version}</td></tr>" for name, version in rows)
    return (
        "<h3>ISS Visit Planner</h3>"
        "<p>Plans visits to the International Space Station: traffic, crews, ports, activities, and the orbit "
        "they depend on.</p>"
        f"<table>{table}</table>"
        "<p><b>Data</b>: station ports, vehicles and the 2021 traffic from public sources named in the example "
        "project, row by row. Thresholds that the station does not publish (spacing of dockings, headcount "
        "warnings, stay limits) are planner defaults, changeable per project. Ephemeris DE421 and Earth "
        "orientation data ship with skyfield-data; nothing is downloaded. Land outlines: Natural Earth "
        "(public domain).</p>"
    )


def show_about(parent) -> None:
    """Show the About box."""
    QMessageBox.about(parent, "About ISS Visit Planner", about_text())
