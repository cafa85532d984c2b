"""``planner import-traffic`` and ``planner export-traffic``: between a traffic CSV and a project file."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.output import (
    fail, is_project_file, project_destination_problem, report_destination_problem, write_text_output,
)

EXIT_OK = 0


class ImportTraffic:
    """``planner import-traffic events.csv -o project.issplan``."""

    NAME = "import-traffic"
    HELP = "Make a project file from a traffic CSV (vehicle,vehicle_type,event,utc,end_utc,port,from_port,crew,note,source)."

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the CSV, the output project and the title."""
        parser.add_argument("csv", help="the traffic CSV to import")
        parser.add_argument("-o", "--output", metavar="PROJECT",
                            help="the project file to write (default: the CSV's name with .issplan)")
        parser.add_argument("--title", help="the project's title (default: the CSV's file name without extension)")
        parser.add_argument("--force", action="store_true",
                            help="replace the project file if it exists (its previous version is kept as NAME~)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Import, then save; exit 2 with the problems on stderr when the CSV cannot be imported."""
        from planner import PROJECT_SUFFIX
        from planner.traffic import TrafficCsvError, read_traffic_csv

        source = Path(args.csv)
        output = Path(args.output) if args.output else source.with_suffix(PROJECT_SUFFIX)
        if is_project_file(source):
            # Read as CSV, a project file gives a page of column errors; the user wants another command.
            return fail(f"{source} is a project file, not a traffic CSV (export-traffic writes a project's "
                        "traffic as CSV; the app opens the project)")
        problem = project_destination_problem(output, args.force)
        if problem:
            return fail(problem)
        try:
            project = read_traffic_csv(source, title=args.title)
        except TrafficCsvError as exc:
            return fail(str(exc))
        from planner.store import save_project

        try:
            save_project(project, output)
        except OSError as exc:
            return fail(f"cannot write {output} ({exc.strerror or exc})")
        events = sum(len(m.events) for m in project.missions)
        print(f"wrote {output}: {len(project.missions)} vehicles, {events} events, {len(project.people)} people")
        return EXIT_OK


class ExportTraffic:
    """``planner export-traffic project.issplan -o events.csv``."""

    NAME = "export-traffic"
    HELP = "Write a project's traffic as a traffic CSV, one row per event, sorted by time then vehicle."

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the project and the output CSV."""
        parser.add_argument("project", help="the project file to export")
        parser.add_argument("-o", "--output", metavar="CSV", help="the CSV to write ('-' or none: standard output)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Load, then write the CSV; exit 2 with the message on stderr when the project cannot be read."""
        from planner.store import ProjectFileError, load_project
        from planner.traffic import write_traffic_csv

        problem = report_destination_problem(args.output)
        if problem:
            return fail(problem)
        try:
            project = load_project(Path(args.project))
        except ProjectFileError as exc:
            return fail(str(exc))
        except OSError as exc:
            return fail(f"cannot read {args.project} ({exc.strerror or exc})")
        try:
            text = write_traffic_csv(project)
        except ValueError as exc:
            return fail(f"cannot export {args.project}: {exc}")
        try:
            write_text_output(text, args.output)
        except OSError as exc:
            return fail(f"cannot write {args.output} ({exc.strerror or exc})")
        return EXIT_OK


COMMANDS = (ImportTraffic, ExportTraffic)
