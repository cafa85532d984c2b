"""Shared test set-up: fresh settings for every test, paths to the test data. Nothing here imports Qt: the Qt
fixtures are in tests/gui/conftest.py, so the core tests run where PySide6 is not installed."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def _example_once():
    from planner.resources import example_project_path
    from planner.store import load_project

    return load_project(example_project_path())


@pytest.fixture
def example_plan(_example_once):
    """A fresh copy of the bundled example ("The Challenge, 2021"), read from its file once per run."""
    return copy.deepcopy(_example_once)


@pytest.fixture
def data_dir() -> Path:
    """The folder of the test data files (see tests/data/PROVENANCE.md)."""
    return DATA


@pytest.fixture
def events_csv(data_dir, tmp_path) -> Path:
    """A copy of the real 2021 traffic CSV (second half of the year) in the test's own folder."""
    path = tmp_path / "events.csv"
    shutil.copyfile(data_dir / "iss-traffic-2021h2.csv", path)
    return path


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, monkeypatch):
    """Every test gets its own empty config and data folders, so a developer's own settings never leak in."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("PLANNER_CONFIG_DIR", str(home / "planner-config"))
    yield


@pytest.fixture
def element_server(data_dir):
    """A web server on 127.0.0.1 serving element sets, for the downloads (never the internet).

    ``element_server.url(path)``: ``/omm.json`` the ISS set of tests/data/iss-2021-10-15.tle as CelesTrak's OMM
    JSON (a list of one object, written by sgp4's exporter), ``/iss.tle`` the TLE file itself, ``/garbage``
    CelesTrak's words for an unknown satellite, ``/empty`` nothing, ``/page`` a web page, ``/other.tle`` another
    satellite's set, ``/moved`` a redirect to ``/omm.json``, ``/loop`` one to itself, ``/hang`` an answer that
    never comes (until the test ends), anything else 404. ``element_server.hits`` lists the paths asked for.
    """
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from sgp4 import exporter
    from sgp4.api import Satrec

    tle = (data_dir / "iss-2021-10-15.tle").read_text()
    name, line1, line2 = tle.splitlines()
    omm = json.dumps([exporter.export_omm(Satrec.twoline2rv(line1, line2), name.strip())])
    other = _other_satellite(line1, line2)
    routes = {
        "/omm.json": (200, "application/json", omm), "/iss.tle": (200, "text/plain", tle),
        "/garbage": (200, "text/plain", "No GP data found"), "/empty": (200, "text/plain", ""),
        "/page": (200, "text/html", "<html><body>Sign in</body></html>"), "/other.tle": (200, "text/plain", other),
    }
    release = threading.Event()
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            if self.path == "/hang":
                release.wait(60)
                return
            if self.path in ("/moved", "/loop"):
                self.send_response(302)
                self.send_header("Location", "/omm.json" if self.path == "/moved" else "/loop")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, kind, body = routes.get(self.path, (404, "text/plain", "not here"))
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]

    class Served:
        url = staticmethod(lambda path: f"http://{host}:{port}{path}")

    Served.hits, Served.routes, Served.omm_json, Served.tle = hits, routes, omm, tle
    yield Served
    release.set()
    server.shutdown()
    server.server_close()
    thread.join(10)


def _other_satellite(line1: str, line2: str) -> str:
    """The ISS set renumbered 25545 (checksums redone): a valid set of another satellite."""
    from planner.orbit import tle_checksum

    lines = [line[:2] + "25545" + line[7:68] for line in (line1, line2)]
    return "OTHER SAT\n" + "\n".join(line + str(tle_checksum(line)) for line in lines) + "\n"
