"""The traffic tests' report: the counts of the hostile-file run, when it ran."""

from __future__ import annotations

import sys


def pytest_terminal_summary(terminalreporter):
    """Tried, refused (one line naming the file), handled (read and checked), of the traffic fuzz."""
    module = next((m for name, m in sys.modules.items() if name.endswith("test_fuzz_traffic")), None)
    counts = getattr(module, "COUNTS", None)
    if counts:
        terminalreporter.section("traffic CSV fuzz")
        terminalreporter.write_line(f"tried {counts['tried']}  refused {counts['refused']}  "
                                    f"handled {counts['handled']}  failed {counts['failed']}")
