"""``planner --self-test``: prove that an installed (or frozen) app works, headless, and say what was done.

It opens a project (the bundled example unless told otherwise), runs the station rules, computes a ground
track with daylight and what lies below it, renders the main window offscreen to a PNG, and exits 0 only
if every step worked. It checks that the files a frozen build must carry (station catalogue, schema, map
data, skyfield-data's ephemeris) are really there, which is the point of running it on an installer's
output. Qt is imported only by the window step, so a broken Qt shows up as that step failing.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable, TextIO

#: The ISS orbits at about 51.6 degrees; a ground track outside this band means a broken propagation.
MAX_ABS_LATITUDE_DEG = 52.5
#: Heights the station has flown at (km), with room for any element set of its life.
ALTITUDE_RANGE_KM = (300.0, 500.0)
TRACK_MINUTES = 93  # about one orbit


class SelfTestFailure(Exception):
    """A step found something wrong (the message says what)."""


def run_self_test(file: str | os.PathLike | None = None, png: str | os.PathLike | None = None,
                  out: TextIO | None = None) -> int:
    """Run every step on ``file`` (default: the bundled example); 0 when all worked, 1 otherwise."""
    out = out or sys.stdout
    # Headless and with throw-away settings: a self-test must neither need a display nor touch the
    # user's recent files, layout or crash-recovery notes.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    scratch = Path(tempfile.mkdtemp(prefix="planner-self-test-"))
    os.environ["PLANNER_CONFIG_DIR"] = str(scratch / "config")
    png_path = Path(png) if png else scratch / "main-window.png"
    from planner.resources import example_project_path

    state: dict = {"path": Path(file) if file else example_project_path()}
    steps: list[tuple[str, Callable[[dict], str]]] = [
        ("bundled data", _check_bundled_data),
        ("open project", _open_project),
        ("station rules", _run_rules),
        ("ground track", _ground_track),
        ("main window", lambda s: _render_window(s, png_path)),
    ]
    print(f"planner self-test ({_build_kind()}, Python {sys.version.split()[0]})", file=out)
    started = time.perf_counter()
    failed = 0
    for name, step in steps:
        t0 = time.perf_counter()
        try:
            detail = step(state)
        except SelfTestFailure as exc:
            failed += 1
            print(f"FAIL  {name}: {exc}", file=out)
        except Exception as exc:  # noqa: BLE001 - any crash of a step is a failed step, reported in full
            failed += 1
            print(f"FAIL  {name}: {type(exc).__name__}: {exc}", file=out)
            traceback.print_exc(file=out)
        else:
            print(f"ok    {name} ({time.perf_counter() - t0:.2f} s): {detail}", file=out)
        if name == "open project" and "project" not in state:
            print("skip  the remaining steps need the project", file=out)
            break
    shutil.rmtree(scratch / "config", ignore_errors=True)
    if png:  # nothing of ours is left in the scratch folder
        shutil.rmtree(scratch, ignore_errors=True)
    total = time.perf_counter() - started
    verdict = "passed" if not failed else f"FAILED ({failed} step{'s' if failed > 1 else ''})"
    print(f"self-test {verdict} in {total:.1f} s", file=out)
    return 0 if not failed else 1


def _build_kind() -> str:
    if getattr(sys, "frozen", False):
        return "frozen build"
    from planner.resources import resources_dir

    # A wheel ships the resources inside the package (planner/_resources); a checkout has them beside it.
    return "installed package" if resources_dir().name == "_resources" else "from source"


def _check_bundled_data(state: dict) -> str:
    """The resource files and skyfield-data's files are present and readable."""
    import json

    from planner.model.catalogue import load_station
    from planner.orbit import countries
    from planner.orbit.skydata import data_folder
    from planner.resources import resource_path, resources_dir

    station = load_station()
    schema = json.loads(resource_path("schema", "project.schema.json").read_text(encoding="utf-8"))
    if "properties" not in schema:
        raise SelfTestFailure("the project schema has no properties")
    n_countries = len(countries())
    if n_countries < 100:
        raise SelfTestFailure(f"only {n_countries} countries in the Natural Earth data")
    ephemeris = data_folder() / "de421.bsp"
    if not ephemeris.is_file():
        raise SelfTestFailure(f"skyfield-data's ephemeris is missing: {ephemeris}")
    return (f"{resources_dir()}: station '{station.name}' with {len(station.ports)} ports, "
            f"{n_countries} countries, ephemeris {ephemeris.stat().st_size // 1024} KiB")


def _open_project(state: dict) -> str:
    """Load the project file the way the app does."""
    from planner.store import ProjectFileError, load_project

    path = state["path"]
    try:
        project = load_project(path)
    except ProjectFileError as exc:  # the loader's message already names the place and the problem
        raise SelfTestFailure(str(exc)) from None
    except OSError as exc:
        raise SelfTestFailure(f"{path}: {exc.strerror or exc}") from None
    state["project"] = project
    return (f"{path.name}: {len(project.missions)} missions, {len(project.people)} people, "
            f"{len(project.activities)} activities, {len(project.element_sets)} element sets")


def _run_rules(state: dict) -> str:
    """Every station rule, with the orbit conditions of the project's element sets."""
    from planner.rules import RuleEngine, build_report
    from planner.rules.orbit_link import orbit_conditions

    report = build_report(RuleEngine(state["project"], orbit=orbit_conditions(state["project"])))
    return f"{len(report.conflicts)} conflicts, {len(report.warnings)} warnings"


def _ground_track(state: dict) -> str:
    """One orbit of ground track from the project's element sets, with daylight and what lies below."""
    from datetime import timedelta

    import numpy as np

    from planner.orbit import Daylight, Orbit, below, ground_track, time_grid

    project = state["project"]
    if not project.element_sets:
        raise SelfTestFailure("the project has no element set to compute a ground track from")
    orbit = Orbit.from_sets(list(project.element_sets))
    start = orbit.sets[0].epoch
    end = start + timedelta(minutes=TRACK_MINUTES)
    track = ground_track(orbit, time_grid(start, end, 30.0))
    lat, lon, alt = track.lat_deg, track.lon_deg, track.alt_km
    if not (np.all(np.isfinite(lat)) and np.all(np.isfinite(lon)) and np.all(np.isfinite(alt))):
        raise SelfTestFailure("the ground track has missing points")
    if np.max(np.abs(lat)) > MAX_ABS_LATITUDE_DEG:
        raise SelfTestFailure(f"latitude {np.max(np.abs(lat)):.1f} deg is beyond the station's orbit")
    low, high = ALTITUDE_RANGE_KM
    if not (low <= alt.min() and alt.max() <= high):
        raise SelfTestFailure(f"height {alt.min():.0f}-{alt.max():.0f} km is not the station's")
    sunlit = Daylight(orbit, start, end).sunlit
    sunlit_share = float(np.sum(sunlit[:, 1] - sunlit[:, 0])) / (end - start).total_seconds() if len(sunlit) else 0.0
    # In any orbit the station spends between about half and all of its time in sunlight.
    if not 0.5 <= sunlit_share <= 1.0:
        raise SelfTestFailure(f"sunlit {sunlit_share:.0%} of an orbit, which cannot be")
    first = below(lat[:1], lon[:1])[0]
    segments = len(track.segments())
    return (f"{len(lat)} points in {segments} segments from {start:%Y-%m-%d %H:%M} UTC, "
            f"latitude {lat.min():.1f}..{lat.max():.1f} deg, height {alt.min():.0f}-{alt.max():.0f} km, "
            f"sunlit {sunlit_share:.0%}, first point over {first.name}")


def _render_window(state: dict, png_path: Path) -> str:
    """The main window on the project, rendered offscreen to a PNG that is read back and checked."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from planner.gui.app import configure_application
    from planner.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "planner"])
    configure_application(app)
    window = MainWindow()
    try:
        error = window.files.open_path(state["path"])
        if error:
            raise SelfTestFailure(f"the window cannot open the project: {error}")
        window.resize(1280, 800)  # the same picture whatever the screen (a window starts smaller on a small one)
        window.show()
        for _ in range(5):  # let layouts and the views settle before the picture is taken
            app.processEvents()
        pixmap = window.grab()
        png_path.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(png_path), "PNG"):
            raise SelfTestFailure(f"cannot write {png_path}")
        image = QImage(str(png_path))
        if image.isNull() or image.width() < 200 or image.height() < 200:
            raise SelfTestFailure(f"{png_path} is not a readable window picture")
        colours = _distinct_colours(image)
        if colours < 3:  # a blank (or all-black) picture means nothing was drawn
            raise SelfTestFailure(f"{png_path} has only {colours} colours: nothing was drawn")
        title = window.windowTitle().replace("[*]", "")
    finally:
        window.doc.undo_stack.setClean()  # never ask about saving while quitting a test
        window.close()
        window.deleteLater()
        app.processEvents()
    return f"'{title}' {image.width()}x{image.height()}, {colours}+ colours, saved to {png_path}"


def _distinct_colours(image, enough: int = 16) -> int:
    """How many colours a coarse sample of the picture has (stops counting at ``enough``)."""
    seen = set()
    for y in range(0, image.height(), max(1, image.height() // 40)):
        for x in range(0, image.width(), max(1, image.width() // 40)):
            seen.add(image.pixel(x, y))
            if len(seen) >= enough:
                return len(seen)
    return len(seen)
