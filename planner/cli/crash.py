"""When a command fails inside (a bug, not bad input): a crash report in the user's cache folder, and exit 70.

Exit 1 means "the plan has conflicts" to a script; an internal error must never look like that. The report
holds what a developer needs to reproduce it: the traceback, the versions, the command line (its input paths).
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

import platformdirs

from planner import __version__

#: sysexits.h's EX_SOFTWARE: an internal software error
EXIT_INTERNAL = 70


def crash_folder() -> Path:
    """Where crash reports go: ``crash-reports`` in the user's cache folder for the planner."""
    return Path(platformdirs.user_cache_dir("planner", appauthor=False)) / "crash-reports"


def write_crash_report(error: BaseException, argv: list[str]) -> Path | None:
    """Write a report of ``error`` raised while running ``planner ARGV``; its path, or None if it could not
    be written (the error is then all the user sees)."""
    now = datetime.now(timezone.utc)
    lines = [
        f"planner {__version__} crashed at {now.isoformat(timespec='seconds')}",
        f"command: planner {' '.join(argv)}",
        f"working folder: {os.getcwd()}",
        f"python {sys.version.split()[0]} on {platform.platform()}",
        "",
        *traceback.format_exception(error),
    ]
    folder = crash_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"planner-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    except OSError:
        return None
    return path


def report_internal_error(error: BaseException, argv: list[str]) -> int:
    """Say on stderr, in one line, that the command failed inside and where the report is; return 70."""
    path = write_crash_report(error, argv)
    where = f"a crash report is in {path}" if path else "no crash report could be written"
    print(f"planner: internal error ({type(error).__name__}: {error}); {where}. Please send it to the developers.",
          file=sys.stderr)
    return EXIT_INTERNAL
