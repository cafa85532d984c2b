"""``planner export-selection``: a planner's part of a project as .ics, KML or GeoJSON, named after it.

    planner export-selection plan.issplan --mission "Soyuz MS-19"              # -> soyuz-ms-19.ics
    planner export-selection plan.issplan --mission soyuz-ms-19 --format kml   # -> soyuz-ms-19.kml
    planner export-selection plan.issplan --activity act-03 -o shot.geojson

``--mission``, ``--activity`` and ``--site`` take names or ids in any letter case (:mod:`planner.model.lookup`),
each as often as wanted; ``export-traffic --mission`` selects the same way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.cli.output import fail, report_destination_problem

EXIT_OK = 0


def add_selection_arguments(parser: argparse.ArgumentParser, records: bool = True) -> None:
    """``--mission NAME_OR_ID`` (repeatable), and with ``records`` ``--activity`` and ``--site`` too."""
    parser.add_argument("--mission", action="append", default=[], metavar="NAME_OR_ID",
                        help="only this mission (its vehicle's name or its id, any letter case); repeatable")
    if records:
        parser.add_argument("--activity", action="append", default=[], metavar="TITLE_OR_ID",
                            help="this activity too (its title or id); repeatable")
        parser.add_argument("--site", action="append", default=[], metavar="NAME_OR_ID",
                            help="this ground site too (its name or id); repeatable")


def chosen_missions(project, texts: list[str], path) -> list:
    """The missions named by ``--mission`` options, in the order given (each once); ValueError naming a miss."""
    return _found(project.missions, texts, "mission", "missions", path)


def _found(items, texts: list[str], noun: str, plural: str, path) -> list:
    from planner.model.lookup import NotFound, find

    found = []
    for text in texts:
        try:
            item = find(items, text, noun, plural)
        except NotFound as exc:
            raise ValueError(f"{path}: {exc}") from None
        if item not in found:
            found.append(item)
    return found


class ExportSelection:
    """``planner export-selection PROJECT [--mission M]... [--activity A]... [--site S]... [-o FILE]``."""

    NAME = "export-selection"
    HELP = ("Write part of a project (missions with their crew's activities and the ground sites those need, "
            "activities, ground sites) as an iCalendar (.ics), KML or GeoJSON file named after it; the maps hold "
            "the ground track in daylight and shadow, the sites, and the track during each activity. Without a "
            "selection, the whole plan.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the project, the selection, the format and the output."""
        parser.add_argument("project", help="the project file")
        add_selection_arguments(parser)
        parser.add_argument("--no-crew-activities", action="store_true",
                            help="a mission without its crew's activities (by default they come with it)")
        parser.add_argument("--format", choices=("ics", "kml", "geojson"),
                            help="the file's format (default: from the -o file's extension, else ics)")
        parser.add_argument("-o", "--output", metavar="FILE",
                            help="where to write ('-': standard output; default: the selection's name with the "
                                 "format's extension, e.g. soyuz-ms-19.ics, in the current folder)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Select, then write; exit 2 with the message on stderr when something cannot be read or found."""
        from planner.exports import SUFFIXES, format_of, select, selection_bytes, whole_plan
        from planner.store import read_project

        problem = report_destination_problem(args.output)
        if problem:
            return fail(problem)
        fmt = args.format
        if fmt is None and args.output not in (None, "-"):
            fmt = format_of(args.output)
            if fmt is None:
                return fail(f"{args.output}: name the file .ics, .kml or .geojson, or give --format")
        fmt = fmt or "ics"
        project, problem = read_project(Path(args.project))
        if problem:
            return fail(problem)
        try:
            missions = chosen_missions(project, args.mission, args.project)
            activities = _found(project.activities, args.activity, "activity", "activities", args.project)
            sites = _found(project.sites, args.site, "ground site", "ground sites", args.project)
        except ValueError as exc:
            return fail(str(exc))
        if missions or activities or sites:
            chosen = select(project, [m.id for m in missions], [a.id for a in activities], [s.id for s in sites],
                            crew_activities=not args.no_crew_activities)
        else:
            chosen = whole_plan(project)
        data, notes = selection_bytes(project, chosen, fmt)
        for note in notes:
            print(f"planner: warning: {note}", file=sys.stderr)
        if args.output == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            return EXIT_OK
        output = Path(args.output) if args.output else Path(chosen.stem + SUFFIXES[fmt])
        from planner.store.atomic import atomic_write_bytes

        try:
            atomic_write_bytes(output, data, keep_backup=False)
        except OSError as exc:
            return fail(f"cannot write {output} ({exc.strerror or exc})")
        print(f"wrote {output}: {chosen.summary()}")
        return EXIT_OK


COMMANDS = (ExportSelection,)
