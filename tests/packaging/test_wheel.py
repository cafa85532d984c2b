"""A plain (non-editable) install ships every bundled data file: the wheel holds resources/ whole."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_wheel_carries_every_resource_file(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = [p.relative_to(REPO / "resources").as_posix() for p in (REPO / "resources").rglob("*") if p.is_file()]
    assert resources and all(f"planner/_resources/{name}" in names for name in resources)
    assert "planner/gui/main_window.py" in names and "planner/cli/__init__.py" in names
