"""Fixtures of the orbit tests: the real ISS element set; helpers live in orbit_testkit.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planner.orbit import Orbit

# --import-mode=importlib does not put test folders on sys.path; the helpers module needs it.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def iss_sets(data_dir):
    """The real ISS element set of 2021-10-15."""
    from planner.orbit import read_elements

    return read_elements(data_dir / "iss-2021-10-15.tle")


@pytest.fixture
def iss_orbit(iss_sets):
    return Orbit(iss_sets)




def pytest_terminal_summary(terminalreporter):
    """The element set fuzz's counts, when it ran: tried, refused (with the file named), handled, failed."""
    module = sys.modules.get("test_fuzz_elements") or next(
        (m for name, m in sys.modules.items() if name.endswith("test_fuzz_elements")), None)
    counts = getattr(module, "COUNTS", None)
    if not counts:
        return
    terminalreporter.section("element set fuzz")
    for kind, c in counts.items():
        terminalreporter.write_line(f"{kind:9} tried {c['tried']:6}  refused {c['refused']:6}  "
                                    f"handled {c['handled']:6}  failed {c['failed']}")
