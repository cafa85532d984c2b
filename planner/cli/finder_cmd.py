"""``planner find-flight``: the earliest flights of a vehicle that fit a plan without breaking a station rule, and
why each earlier launch was turned down (:mod:`planner.finder`)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from planner.cli.output import fail

NAME = "find-flight"
HELP = ("Propose the earliest complete flights (launch at a launch opportunity, dock, undock after the stay, land) "
        "of a vehicle that pass every station rule in a plan, and say for each earlier launch which rule turned it "
        "down.")

EXIT_OK = 0
#: --count at most this (each flight is searched for; a typo should not ask for thousands).
MAX_COUNT = 100
#: A --stay-days range lists at most this many lengths.
MAX_STAYS = 60


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the plan, the element sets, the flight asked for and the output form."""
    parser.add_argument("project", metavar="PROJECT", help="a project file (.issplan) or a traffic CSV (.csv)")
    parser.add_argument("--tle", metavar="FILE",
                        help="element sets (TLE or OMM) to search with instead of the project's own")
    parser.add_argument("--vehicle", required=True, metavar="TYPE",
                        help="vehicle type by id or name, any letter case (e.g. crew-dragon, 'Soyuz MS')")
    parser.add_argument("--crew", required=True, type=_crew, metavar="N", help="how many people fly (0 or more)")
    parser.add_argument("--people", metavar="NAMES",
                        help="the people who fly, by id or name separated by ';' (default: N placeholders)")
    parser.add_argument("--site", required=True, metavar="SITE", dest="launch_site",
                        help="the launch site by id, name or alias, any letter case (e.g. lc-39a, 'Baikonur Site 31')")
    parser.add_argument("--earliest", required=True, metavar="UTC", help="the earliest launch, e.g. 2022-03-01T00:00Z")
    parser.add_argument("--stay-days", required=True, type=_stays, metavar="D|D1-D2",
                        help="the length of stay in days, or a range of whole days tried in turn (e.g. 10-14)")
    parser.add_argument("--port", metavar="PORT", help="dock only at this port (id or name, any letter case)")
    parser.add_argument("--count", type=_count, default=3, metavar="N",
                        help=f"how many flights to propose (default 3, at most {MAX_COUNT})")
    parser.add_argument("--json", action="store_true",
                        help='print {"flights": [{"launch", "dock", "port", "undock", "land"}], '
                             '"rejected": [{"launch", "reason"}]}')


def _crew(text: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", text):
        raise argparse.ArgumentTypeError(f"--crew must be a whole number of people, 0 or more, not '{text}'")
    return int(text)


def _count(text: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", text) or not 1 <= int(text) <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"--count must be a whole number from 1 to {MAX_COUNT}, not '{text}'")
    return int(text)


def _stays(text: str) -> tuple[float, ...]:
    """'10' or '10.5' -> (10.0,); '10-14' -> (10.0, 11.0, ..., 14.0)."""
    wanted = f"--stay-days must be a positive number of days or a range of whole days like 10-14, not '{text}'"
    span = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", text)
    if span:
        low, high = int(span.group(1)), int(span.group(2))
        if not 0 < low <= high or high - low >= MAX_STAYS:
            raise argparse.ArgumentTypeError(wanted + f" (a range from low to high, at most {MAX_STAYS} lengths)")
        return tuple(float(d) for d in range(low, high + 1))
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(wanted) from None
    if not 0 < value < 10_000:
        raise argparse.ArgumentTypeError(wanted)
    return (value,)


def run(args: argparse.Namespace) -> int:
    """Search and print the flights and the rejections; exit 2 on input that cannot be used."""
    from planner.finder import find_flights
    from planner.orbit import ElementSetError
    from planner.store import ProjectFileError
    from planner.traffic import TrafficCsvError

    path = Path(args.project)
    if not path.exists():
        return fail(f"{path}: no such file")
    try:
        project = _project(path, args.tle)
        request = _request(args, project)
        result = find_flights(project, request, args.count)
    except (ProjectFileError, TrafficCsvError, ElementSetError, ValueError) as exc:  # RequestError, CannotJudge
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{path}: cannot be read ({exc.strerror or exc})")
    except KeyError as exc:  # a station id the catalogue does not know
        return fail(f"{path}: {exc.args[0] if exc.args else exc}")
    if result.stopped:
        print(f"planner: warning: {result.stopped}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.as_dict(), indent=1))
        return EXIT_OK
    for flight in result.flights:
        d = flight.as_dict()
        print(f"launch {d['launch']}  dock {d['dock']} at {d['port']}  undock {d['undock']}  land {d['land']}")
    if not result.flights:
        print("no flight found")
    for rejection in result.rejected:
        print(f"rejected {rejection.line}")
    return EXIT_OK


def _project(path: Path, tle: str | None):
    """The plan, with the element sets of ``tle`` when given (the project's own otherwise); ValueError without any."""
    from planner.cli.check_cmd import load_input
    from planner.orbit import read_elements

    project = load_input(path)
    if tle is not None:
        project.element_sets = list(read_elements(tle))
    if not project.element_sets:
        raise ValueError(f"{path}: the plan has no element sets, so its launch opportunities cannot be worked out: "
                         "give --tle FILE")
    from planner.rules.orbit_link import orbit_conditions

    if orbit_conditions(project) is None:
        raise ValueError(f"{tle or path}: no element sets of the station to work out launch opportunities with")
    return project


def _request(args, project):
    from planner.cli.launch_cmd import _launch_site, _vehicle_type
    from planner.finder import FlightRequest
    from planner.model.lookup import NotFound, find, find_person
    from planner.model.times import parse_utc

    vehicle = _vehicle_type(args.vehicle, project)
    site = _launch_site(args.launch_site, project)
    try:
        earliest = parse_utc(args.earliest)
    except ValueError as exc:
        raise ValueError(f"--earliest: {exc}") from None
    port = None
    if args.port is not None:
        try:
            port = find(list(project.station.ports), args.port, "port").id
        except NotFound as exc:
            raise ValueError(f"--port: {exc}") from None
    people = ()
    if args.people:
        try:
            people = tuple(find_person(project, name.strip()).id for name in args.people.split(";") if name.strip())
        except NotFound as exc:
            raise ValueError(f"--people: {exc}") from None
    return FlightRequest(vehicle.id, args.crew, site, earliest, args.stay_days, port=port, people=people)
