"""``planner --self-test`` from source, in a subprocess, as the frozen app runs it (pytest-qt owns this
process's QApplication)."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys

from planner.resources import resource_path

STEPS = ("bundled data", "open project", "station rules", "ground track", "main window")


def _self_test(*args, tmp_path, timeout=180):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PLANNER_CONFIG_DIR"] = str(tmp_path / "user-config")
    if "--self-test-png" not in args:  # keep the picture out of the system's temporary folder
        args = (*args, "--self-test-png", str(tmp_path / "self-test.png"))
    return subprocess.run([sys.executable, "-m", "planner", "--self-test", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL, cwd=tmp_path)


def _png_size(path):
    """Width and height from a PNG's IHDR chunk (read without Qt)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _example_without(tmp_path, key):
    project = json.loads(resource_path("examples", "the-challenge-2021.issplan").read_text(encoding="utf-8"))
    project[key] = []
    path = tmp_path / f"no-{key}.issplan"
    path.write_text(json.dumps(project), encoding="utf-8")
    return path


def test_passes_on_the_bundled_example_headless_and_saves_the_window(tmp_path):
    png = tmp_path / "window.png"
    done = _self_test("--self-test-png", str(png), tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for step in STEPS:
        assert any(line.startswith(f"ok    {step} (") for line in lines), (step, done.stdout)
    assert "self-test passed" in lines[-1]
    example = json.loads(resource_path("examples", "the-challenge-2021.issplan").read_text(encoding="utf-8"))
    assert f"the-challenge-2021.issplan: {len(example['missions'])} missions" in done.stdout
    # The self-test shows the main window at 1280x800 whatever the screen; the picture is that window.
    assert _png_size(png) == (1280, 800)
    assert "Traceback" not in done.stdout + done.stderr


def test_leaves_the_users_settings_alone(tmp_path):
    done = _self_test(tmp_path=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (tmp_path / "user-config").exists()


def test_an_unreadable_project_fails_with_the_loaders_message(tmp_path):
    bad = tmp_path / "broken.issplan"
    bad.write_text('{"format": "iss-visit-planner", "schema_version": 1, "missions": [', encoding="utf-8")
    done = _self_test(str(bad), tmp_path=tmp_path)
    assert done.returncode == 1
    assert "FAIL  open project: " in done.stdout and "broken.issplan" in done.stdout
    assert "self-test FAILED" in done.stdout.splitlines()[-1]
    assert "Traceback" not in done.stdout + done.stderr


def test_a_project_without_element_sets_fails_the_ground_track_only(tmp_path):
    done = _self_test(str(_example_without(tmp_path, "element_sets")), tmp_path=tmp_path)
    assert done.returncode == 1
    assert "FAIL  ground track: the project has no element set" in done.stdout
    for step in ("bundled data", "open project", "station rules", "main window"):
        assert f"ok    {step} (" in done.stdout
    assert "self-test FAILED (1 step)" in done.stdout


def test_a_missing_file_is_a_clear_message(tmp_path):
    done = _self_test(str(tmp_path / "nowhere.issplan"), tmp_path=tmp_path)
    assert done.returncode == 2
    assert "no such file" in done.stderr
