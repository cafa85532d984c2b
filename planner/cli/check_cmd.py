"""``planner check FILE [--json]``: run the station rules on a project file or a traffic CSV.

Exit 0 when there is no conflict (warnings allowed), 1 when there are conflicts, 2 when the input cannot
be read (the message on stderr).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from planner.cli.output import fail, report_destination_problem, write_text_output

NAME = "check"
HELP = "Check a project file (or a traffic CSV) against the station rules; exit 1 when there are conflicts."

EXIT_OK, EXIT_CONFLICTS = 0, 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the input file and the output form."""
    parser.add_argument("file", help="a project file (.issplan) or a traffic CSV (.csv)")
    parser.add_argument("--json", action="store_true",
                        help='write {"conflicts": [...], "warnings": [...], "headcount": [...]} instead of text')
    parser.add_argument("--fixes", action="store_true",
                        help="list each finding's fixes, each re-checked before it is listed (a second or more on "
                             "plans with a thousand conflicts)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the result to FILE instead of stdout")


def load_input(path: Path):
    """A project from a project file or, for a ``.csv``, from a traffic CSV; raises the reader's error."""
    if path.suffix.lower() == ".csv":
        from planner.traffic import read_traffic_csv

        return read_traffic_csv(path)
    from planner.store import load_project

    return load_project(path)


def run(args: argparse.Namespace) -> int:
    """Check the file and print the findings; the exit code says whether there are conflicts."""
    from planner.rules import RuleEngine, build_report
    from planner.store import ProjectFileError
    from planner.traffic import TrafficCsvError

    path = Path(args.file)
    problem = report_destination_problem(args.output)
    if problem:
        return fail(problem)
    if not path.exists():
        return fail(f"{path}: no such file")
    try:
        project = load_input(path)
    except (ProjectFileError, TrafficCsvError) as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{path}: cannot be read ({exc.strerror or exc})")
    except KeyError as exc:  # a station id the catalogue does not know
        return fail(f"{path}: {exc.args[0] if exc.args else exc}")
    try:
        report = build_report(RuleEngine(project, orbit=_orbit_for(project)), fixes=args.fixes)
    except KeyError as exc:
        return fail(f"{path}: {exc.args[0] if exc.args else exc}")
    if args.json:
        text = json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = report.to_text()
    try:
        write_text_output(text, args.output)
    except OSError as exc:
        return fail(f"cannot write {args.output} ({exc.strerror or exc})")
    return EXIT_CONFLICTS if report.conflicts else EXIT_OK


def _orbit_for(project):
    """The orbit conditions for the activity rules, when the project has element sets (None otherwise)."""
    from planner.rules.orbit_link import orbit_conditions

    return orbit_conditions(project)
