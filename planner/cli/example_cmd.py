"""``planner example``: a copy of the bundled example project ("The Challenge, 2021") to try the tools on, or the
path of the bundled file (inside an installed package it is not where a user would look)."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.output import fail, project_destination_problem

NAME = "example"
HELP = ('Write a copy of the bundled example project ("The Challenge, 2021": the real 2021 traffic and a film '
        "shoot aboard) to try the other commands on; --path prints where the bundled file is.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare where the copy goes."""
    parser.add_argument("-o", "--output", default="the-challenge-2021.issplan", metavar="FILE",
                        help="where to write the copy (default: the-challenge-2021.issplan here)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists (its previous version kept)")
    parser.add_argument("--path", action="store_true",
                        help="only print the bundled file's path (the app opens it read-only, as a template)")


def run(args: argparse.Namespace) -> int:
    """Copy the example, or print its path; exit 2 when the copy cannot be written."""
    from planner.resources import example_project_path
    from planner.store.atomic import atomic_write_bytes

    bundled = example_project_path()
    if args.path:
        print(bundled)
        return 0
    output = Path(args.output)
    problem = project_destination_problem(output, args.force)
    if problem:
        return fail(problem)
    try:
        atomic_write_bytes(output, bundled.read_bytes())
    except OSError as exc:
        return fail(f"cannot write {output}: {exc.strerror or exc}")
    print(f"Wrote {output}: the example project \"The Challenge, 2021\" (try: planner check {output})")
    return 0
