"""``planner import-traffic`` and ``planner export-traffic``: between a traffic CSV and a project file."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.output import (
    fail, is_project_file, project_destination_problem, report_destination_problem, write_text_output,
)

EXIT_OK = 0


class ImportTraffic:
    """``planner import-traffic events.csv -o project.issplan`` (a new project), or ``--into plan.issplan``."""

    NAME = "import-traffic"
    HELP = ("Make a project file from a traffic CSV (vehicle,vehicle_type,event,utc,end_utc,port,from_port,crew,note,"
            "source), or add the CSV to a project with --into: flights already in it are merged, not doubled.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the CSV, the project to add it to, the output project and the title."""
        parser.add_argument("csv", help="the traffic CSV to import")
        parser.add_argument("--into", metavar="PROJECT",
                            help="add the CSV to this project: its people are matched by name, and a flight it holds "
                                 "already (same vehicle and type, same or overlapping events) gets only the events it "
                                 "lacks")
        parser.add_argument("-o", "--output", metavar="PROJECT",
                            help="the project file to write (default: the CSV's name with .issplan; with --into, "
                                 "that project, which needs --force)")
        parser.add_argument("--title", help="the new project's title (default: the CSV's file name without extension)")
        parser.add_argument("--force", action="store_true",
                            help="replace the project file if it exists (its previous version is kept as NAME~)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Import, then save; exit 2 with the problems on stderr when the CSV or the project cannot be read."""
        from planner import PROJECT_SUFFIX
        from planner.traffic import TrafficCsvError, merge_traffic, read_traffic_csv

        source = Path(args.csv)
        into = Path(args.into) if args.into else None
        output = Path(args.output) if args.output else (into or source.with_suffix(PROJECT_SUFFIX))
        if is_project_file(source):
            # Read as CSV, a project file gives a page of column errors; the user wants another command.
            return fail(f"{source} is a project file, not a traffic CSV (export-traffic writes a project's "
                        "traffic as CSV; the app opens the project)")
        if into is not None and args.title is not None:
            return fail("--title names a new project; with --into the project keeps its own title")
        problem = project_destination_problem(output, args.force)
        if problem:
            return fail(problem)
        plan = None
        if into is not None:
            from planner.store import read_project

            plan, problem = read_project(into)
            if problem:
                return fail(problem)
        try:
            project = read_traffic_csv(source, title=args.title)
        except TrafficCsvError as exc:
            return fail(str(exc))
        if plan is not None:
            merge = merge_traffic(plan, project)
            merge.apply_to(plan)
            print(merge.summary(source.name))
            project = plan
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
    HELP = ("Write a project's traffic as a traffic CSV, one row per event, sorted by time then vehicle (with "
            "--mission, only those vehicles').")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the project, the missions chosen and the output CSV."""
        from planner.cli.export_cmd import add_selection_arguments

        parser.add_argument("project", help="the project file to export")
        add_selection_arguments(parser, records=False)
        parser.add_argument("-o", "--output", metavar="CSV", help="the CSV to write ('-' or none: standard output)")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Load, then write the CSV; exit 2 with the message on stderr when the project cannot be read."""
        from planner.store import read_project
        from planner.traffic import write_traffic_csv

        problem = report_destination_problem(args.output)
        if problem:
            return fail(problem)
        project, problem = read_project(Path(args.project))
        if problem:
            return fail(problem)
        if args.mission:
            from dataclasses import replace

            from planner.cli.export_cmd import chosen_missions

            try:
                chosen = {m.id for m in chosen_missions(project, args.mission, args.project)}
            except ValueError as exc:
                return fail(str(exc))
            project = replace(project, missions=[m for m in project.missions if m.id in chosen])
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
