"""The ``planner`` command: the desktop app, or a subcommand over the same core.

``planner`` opens the app (the last project, or the bundled example); ``planner FILE`` opens FILE;
``planner COMMAND ...`` runs a command-line tool. Exit codes of the tools: 0 fine, 1 the plan has
conflicts, 2 the input could not be read (the message is on stderr), 70 an internal error (a bug: one line on
stderr names the crash report written to the user's cache folder).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from planner import __version__
from planner.cli.args import CliParser, exit_code_of
from planner.cli.crash import report_internal_error

#: Subcommand modules; each has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
COMMAND_MODULES: tuple[str, ...] = (
    "planner.cli.check_cmd",
    "planner.cli.example_cmd",
    "planner.cli.traffic_cmd",
    "planner.cli.export_cmd",
    "planner.cli.orbit_cmd",
    "planner.cli.launch_cmd",
    "planner.cli.finder_cmd",
    "planner.cli.ops_cmd",
    "planner.cli.compare_cmd",
    "planner.cli.elements_cmd",
    "planner.cli.coverage_cmd",
)

EXIT_OK, EXIT_CONFLICTS, EXIT_BAD_INPUT = 0, 1, 2


def _commands() -> dict[str, object]:
    modules = [importlib.import_module(name) for name in COMMAND_MODULES]
    commands = {}
    for module in modules:
        for spec in getattr(module, "COMMANDS", (module,)):
            commands[spec.NAME] = spec
    return commands


def build_parser() -> argparse.ArgumentParser:
    """The parser of all subcommands (used by ``planner --help``)."""
    from planner.cli.gui_cmd import add_app_options

    parser = CliParser(
        prog="planner",
        usage="planner [-h] [--version] [--self-test [--self-test-png PNG]] [FILE | COMMAND ...]",
        description="Plan visits to the International Space Station. Without a command, opens the desktop app "
                    "on FILE (default: the last project, or the bundled example).",
    )
    parser.add_argument("--version", action="version", version=f"planner {__version__}")
    # Listed here so that ``planner --help`` shows them; main() hands them to the app's own parser.
    add_app_options(parser.add_argument_group("the desktop app (without a COMMAND)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, spec in _commands().items():
        cmd_parser = sub.add_parser(name, prog=f"planner {name}", help=spec.HELP, description=spec.HELP)
        spec.add_arguments(cmd_parser)
        cmd_parser.set_defaults(_run=spec.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``planner`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = _commands()
    if argv and (argv[0] in commands or argv[0] in ("-h", "--help", "--version")):
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version, or a bad argument (already explained on stderr)
            return exit_code_of(exc)
        try:
            return args._run(args)
        except KeyboardInterrupt:
            print("planner: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:
            return 0
        except Exception as error:  # a bug: never exit 1, which means "the plan has conflicts"
            return report_internal_error(error, argv)
    from planner.cli.gui_cmd import run_gui

    return run_gui(argv)
