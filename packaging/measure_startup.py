"""Start time of the frozen app next to the app run from source, measured in the same run.

    python packaging/measure_startup.py [FROZEN_APP] [--runs N]

FROZEN_APP defaults to ``build/packaging/dist/planner/planner``. Each run starts the app headless on the
bundled example and lets it quit as soon as its window is shown (``PLANNER_QUIT_AFTER_MS``); the median
wall time of N runs of each is printed, with their ratio (the machine is shared: compare the ratio).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def time_start(command: list[str], runs: int) -> float:
    """Median seconds from process start to exit, the window shown once."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as config:
            env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
            env.update(QT_QPA_PLATFORM="offscreen", PLANNER_QUIT_AFTER_MS="1", PLANNER_CONFIG_DIR=config)
            t0 = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    """Print both medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("frozen", nargs="?", default=str(REPO / "build" / "packaging" / "dist" / "planner" / "planner"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    time_start([args.frozen], 1)  # warm the file cache for both before measuring
    time_start([sys.executable, "-m", "planner"], 1)
    frozen = time_start([args.frozen], args.runs)
    source = time_start([sys.executable, "-m", "planner"], args.runs)
    print(f"start to window and quit, median of {args.runs}: frozen {frozen:.2f} s, from source {source:.2f} s, "
          f"ratio frozen/source {frozen / source:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
