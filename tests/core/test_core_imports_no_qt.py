"""The core (model, files, rules, orbit, command line) must run where no Qt is installed."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import planner

# Every package that is not the GUI. planner.gui (and planner.cli.gui_cmd, which starts it) may use Qt.
QT_ALLOWED_PREFIXES = ("planner.gui", "planner.cli.gui_cmd")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(planner.__path__, prefix="planner."):
        if not info.name.startswith(QT_ALLOWED_PREFIXES) and info.name != "planner.__main__":
            names.append(info.name)
    return names


def test_core_module_list_is_not_empty():
    names = core_modules()
    assert "planner.model.mission" in names
    assert "planner.store.atomic" in names


def test_importing_every_core_module_loads_no_qt():
    names = core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print('QT:' + ','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "QT:", done.stdout
