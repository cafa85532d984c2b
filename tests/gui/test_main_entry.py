"""``planner`` as a user starts it: in a subprocess (pytest-qt owns this process's QApplication)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from planner.resources import resource_path


def _env(**changes):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(changes)
    return env


def _run(args, env, timeout=120):
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL)


def test_without_a_display_it_says_so_instead_of_crashing():
    done = _run([], _env())
    assert done.returncode == 2
    assert "no display" in done.stderr and "Traceback" not in done.stderr


def test_starts_on_the_bundled_example_and_quits_cleanly(tmp_path):
    env = _env(QT_QPA_PLATFORM="offscreen", PLANNER_QUIT_AFTER_MS="300", PLANNER_CONFIG_DIR=str(tmp_path / "cfg"))
    done = _run([], env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_opens_a_file_given_on_the_command_line(tmp_path):
    project = tmp_path / "plan.issplan"
    shutil.copyfile(resource_path("examples", "the-challenge-2021.issplan"), project)
    env = _env(QT_QPA_PLATFORM="offscreen", PLANNER_QUIT_AFTER_MS="300", PLANNER_CONFIG_DIR=str(tmp_path / "cfg"))
    done = _run([str(project)], env)
    assert done.returncode == 0, done.stderr
    # It was opened: the app remembers it as the last project.
    assert str(project.resolve()) in (tmp_path / "cfg" / "planner.ini").read_text()


def test_a_missing_file_is_a_clear_message():
    done = _run(["/nonexistent/plan.issplan"], _env(QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 2
    assert "no such file" in done.stderr


def test_version_and_help_need_no_display():
    done = _run(["--version"], _env())
    assert done.returncode == 0 and done.stdout.startswith("planner ")
    done = _run(["--help"], _env())
    assert done.returncode == 0
    for command in ("check", "import-traffic", "export-traffic", "track", "passes", "windows"):
        assert command in done.stdout
