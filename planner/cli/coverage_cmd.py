"""``planner coverage``: when the station has a link to the ground, through the relays or the ground sites of a
network (:mod:`planner.orbit.coverage`)."""

from __future__ import annotations

import argparse
import json

from planner.cli.output import fail, table_text, utc_to_the_second
from planner.cli.orbit_args import add_elements, add_span, load_orbit

NAME = "coverage"
HELP = ("List the spans in which the station sees a relay satellite or ground site of a network: us (NASA's TDRS), "
        "ru (Russia's Luch relays and, with a project as --tle, its ground sites in Russia), or all (both, "
        "labelled). Geometry only: the station's own structure is not modelled.")

EXIT_OK = 0
#: The longest span one run lists (a year at the station's 60 s knots is some 50 MB).
MAX_DAYS = 366


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the element sets, the network, the span and the output."""
    add_elements(parser)
    parser.add_argument("--network", required=True, choices=("us", "ru", "all"),
                        help="us: the TDRS relays; ru: the Luch relays and the project's Russian ground sites; "
                             "all: both")
    add_span(parser, hours=False, max_days=MAX_DAYS)
    parser.add_argument("--json", action="store_true",
                        help='print {"spans": [{"network", "start", "end", "via"}]} instead of a table')


def run(args: argparse.Namespace) -> int:
    """List the spans; exit 2 on unreadable input."""
    from planner.orbit import ElementSetError
    from planner.orbit.coverage import coverage_spans

    try:
        orbit, start, end = load_orbit(args, MAX_DAYS)
        sites = args.project.sites if args.project is not None else ()
        spans = coverage_spans(orbit, args.network, start, end, sites)
    except (ElementSetError, ValueError) as exc:  # CannotJudge is a ValueError
        return fail(str(exc))
    if args.json:
        print(json.dumps({"spans": [s.as_dict() for s in spans]}, indent=1, ensure_ascii=False))
        return EXIT_OK
    if not spans:
        print(f"no coverage from {utc_to_the_second(start.timestamp())} to {utc_to_the_second(end.timestamp())}")
        return EXIT_OK
    rows = [[s.network, utc_to_the_second(s.start), utc_to_the_second(s.end), f"{(s.end - s.start) / 60:.1f}",
             ", ".join(s.via)] for s in spans]
    print(table_text(["network", "start", "end", "minutes", "via"], rows, right=frozenset({3})), end="")
    return EXIT_OK
