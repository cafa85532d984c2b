"""``planner [FILE]``: start the desktop app (Qt is imported only here, never by the other commands)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from planner import __version__
from planner.cli.args import CliParser, exit_code_of
from planner.cli.output import fail


def build_gui_parser() -> argparse.ArgumentParser:
    """Arguments of the desktop app."""
    parser = CliParser(
        prog="planner",
        description="Plan visits to the International Space Station. "
        "Commands: check, import-traffic, export-traffic, export-selection, track, passes, windows (planner --help).",
    )
    parser.add_argument("file", nargs="?", help="project file to open (default: the last one, or the bundled example)")
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    add_app_options(parser)
    return parser


def add_app_options(parser) -> None:
    """The app's options (a parser or an argument group), shared with ``planner --help``."""
    parser.add_argument("--self-test", action="store_true",
                        help="headless check of this installation on FILE (default: the bundled example); exit 0 if it works")
    parser.add_argument("--self-test-png", metavar="PNG", help="where --self-test saves its picture of the main window")


def display_problem() -> str | None:
    """Why no window can be shown here, or None when a display (or an offscreen platform) is available."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform or sys.platform in ("win32", "darwin"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the app's window cannot open. "
        "Run it on a desktop session, or use the command-line tools (planner --help); "
        "QT_QPA_PLATFORM=offscreen runs the app headless."
    )


def run_gui(argv: list[str]) -> int:
    """Start the app and return its exit code."""
    try:
        args = build_gui_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a bad argument (already explained on stderr)
        return exit_code_of(exc)
    if args.file and not Path(args.file).exists():
        return fail(f"{args.file}: no such file")
    if args.self_test:
        from planner.selftest import run_self_test

        return run_self_test(args.file, args.self_test_png)
    problem = display_problem()
    if problem:
        return fail(problem)
    from planner.gui.app import run_app

    return run_app(args.file)
