"""The wheel holds the whole app: every module of ``planner``, every file under ``resources/`` (as
``planner/_resources``: the station catalogue, the map data, the example, the icons) and the ``planner`` command.

It reads the wheel that ``PLANNER_WHEEL`` names (``.ci/run`` builds one with ``python -m build`` and installs it
into a fresh environment to run ``planner --self-test`` there); else, with ``PLANNER_PACKAGING_TESTS=1``, it builds
one from a copy of this checkout with ``pip wheel`` (which fetches setuptools from the package index). Otherwise it
is skipped: the ordinary suite needs no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _tracked(folder: str) -> list[str]:
    """The files git tracks under ``folder`` of the checkout (what a clean checkout, and so CI, builds from)."""
    done = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", folder], capture_output=True, timeout=60)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    return [name for name in done.stdout.decode().split("\0") if name]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    given = os.environ.get("PLANNER_WHEEL")
    if given:
        return Path(given)
    if os.environ.get("PLANNER_PACKAGING_TESTS") != "1":
        pytest.skip("builds a wheel with setuptools from the package index: set PLANNER_PACKAGING_TESTS=1, or "
                    "PLANNER_WHEEL to a built wheel")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    for name in _tracked("."):  # a copy: building writes build/ and *.egg-info beside the sources
        if name.startswith(("planner/", "resources/")) or name in ("pyproject.toml", "setup.py", "README.md"):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"),
                           str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (built,) = (work / "dist").glob("iss_planner-*.whl")
    return built


def test_the_wheel_holds_every_resource_file_and_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = [n[len("resources/"):] for n in _tracked("resources")]
    assert resources and any(n.startswith("icons/") for n in resources)
    assert [n for n in resources if f"planner/_resources/{n}" not in names] == []
    modules = [n for n in _tracked("planner") if n.endswith(".py")]
    assert [n for n in modules if n not in names] == []
    for needed in ("stations/iss.json", "examples/the-challenge-2021.issplan", "schema/project.schema.json"):
        assert f"planner/_resources/{needed}" in names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "resources/"))]


def test_the_wheel_gives_the_planner_command(wheel):
    archive = zipfile.ZipFile(wheel)
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = archive.read(entry_points).decode()
    assert "[console_scripts]" in text and "planner = planner.cli:main" in text
    (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    lines = archive.read(metadata).decode().splitlines()
    assert "Name: iss-planner" in lines
    assert any(line.startswith("Requires-Dist: PySide6-Essentials") for line in lines)
