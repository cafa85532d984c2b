"""A save killed at any moment leaves the project file and its backup each complete: a child process saves a
plan of a few MB over and over and is killed at random moments.

PLANNER_KILLS sets the number of kills (default 20, half of them on a simulated file system without hard links).
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.store import load_project, save_project
from planner.store.atomic import backup_path

from store_examples import film_project  # noqa: E402

KILLS = int(os.environ.get("PLANNER_KILLS", "20"))

_SAVER = (
    "import errno, os, sys\n"
    "from pathlib import Path\n"
    "if sys.argv[3] == 'no-links':\n"
    "    def link(*args, **kwargs):\n"
    "        raise OSError(errno.EPERM, 'hard links not supported')\n"
    "    os.link = link\n"
    "from planner.store import load_project, save_project\n"
    "project = load_project(sys.argv[1])\n"
    "path = Path(sys.argv[2])\n"
    "print('ready', flush=True)\n"
    "for number in range(int(sys.argv[4]), 10**9):\n"
    "    project.meta.title = f'Save {number}'\n"
    "    save_project(project, path)\n"
)


def _big_plan():
    """The film flight with 300 activities of long notes: a file of a few MB that takes little work to encode,
    so a save spends most of its time writing, where a kill does harm."""
    project = film_project()
    template = project.activities[0]
    project.activities = [
        type(template)(**{f: getattr(template, f) for f in template.__slots__}) for _ in range(300)
    ]
    for index, activity in enumerate(project.activities):
        activity.id = f"shoot-{index}"
        activity.note = f"take {index}: " + "the scene in the cupola, the director watching from Zvezda; " * 170
    return project


def _number(title: str) -> int:
    match = re.fullmatch(r"Save (\d+)", title)
    assert match, title
    return int(match.group(1))


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_killed_saves_leave_a_complete_file_and_backup(tmp_path):
    source = tmp_path / "source.issplan"
    project = _big_plan()
    save_project(project, source)
    assert source.stat().st_size > 2_000_000
    path = tmp_path / "plan.issplan"
    for number in (0, 1):
        project.meta.title = f"Save {number}"
        save_project(project, path)
    started = time.perf_counter()
    save_project(project, tmp_path / "timing.issplan")
    one_save = time.perf_counter() - started

    rng = random.Random(int(os.environ.get("PLANNER_KILL_SEED", "15")))
    next_number, left_temps = 2, 0
    for kill in range(KILLS):
        mode = "no-links" if kill % 2 else "links"
        child = subprocess.Popen([sys.executable, "-c", _SAVER, str(source), str(path), mode, str(next_number)],
                                 stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout.readline() == "ready\n"
            time.sleep(rng.uniform(0, 4 * one_save))
        finally:
            child.kill()
            child.wait(timeout=60)
            child.stdout.close()
        left_temps += bool(_temps(tmp_path))
        # Both complete: every byte of JSON there and valid as a plan.
        current = _number(load_project(path).meta.title)
        previous = _number(load_project(backup_path(path)).meta.title)
        assert previous <= current, f"kill {kill} ({mode}): the backup is newer than the file"
        assert _temps(tmp_path) == []  # opening the file removed what the killed save left
        next_number = current + 1
    # The kills did land inside saves (not only before the first or between two).
    assert next_number > 2 + KILLS // 2
    assert left_temps > 0 or KILLS < 10
