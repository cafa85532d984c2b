"""``planner update-elements PROJECT [--source URL] [--timeout S]``: add the station's current element set."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.args import positive
from planner.cli.output import fail
from planner.model.times import format_utc

EXIT_OK = 0


class UpdateElements:
    """Download the station's current element set and add it to a project file (never done on its own)."""

    NAME = "update-elements"
    HELP = ("Download the station's current element set (CelesTrak's OMM JSON for the ISS, 25544, unless --source "
            "gives another address serving OMM JSON, CSV, XML or TLE text) and add it to PROJECT with its source "
            "and fetch time. A failed or garbled download changes nothing (exit 2); a set already there is not "
            "added twice.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the project, the source and the timeout."""
        from planner.orbit.fetch import DEFAULT_SOURCE, DEFAULT_TIMEOUT_S

        parser.add_argument("project", metavar="PROJECT", help="the project file to add the element set to")
        parser.add_argument("--source", default=DEFAULT_SOURCE, metavar="URL",
                            help=f"where to download from (default: {DEFAULT_SOURCE})")
        parser.add_argument("--timeout", type=positive("--timeout", "seconds"), default=DEFAULT_TIMEOUT_S,
                            metavar="S", help=f"give up when the download takes longer (default {DEFAULT_TIMEOUT_S:g})")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Read the project, download, add and save (keeping the previous version); exit 2 on any failure."""
        from planner.orbit.fetch import FetchError, describe, fetch_element_set, kept_already
        from planner.store import ProjectFileError, load_project, save_project

        path = Path(args.project)
        try:
            project = load_project(path)
        except ProjectFileError as exc:
            return fail(str(exc))
        except OSError as exc:
            return fail(f"cannot read {path} ({exc.strerror or exc})")
        try:
            element_set = fetch_element_set(args.source, args.timeout)
        except FetchError as exc:
            return fail(f"nothing changed: {exc}")
        kept = kept_already(project.element_sets, element_set)
        if kept is not None:
            print(f"{path}: already holds the element set {describe(element_set)} (as '{kept.id}'); nothing added")
            return EXIT_OK
        project.element_sets.append(element_set)
        try:
            save_project(project, path)
        except OSError as exc:
            return fail(f"cannot write {path} ({exc.strerror or exc}); nothing changed")
        print(f"{path}: added the element set {describe(element_set)}, fetched {format_utc(element_set.fetched)} "
              f"from {element_set.source}")
        return EXIT_OK


COMMANDS = (UpdateElements,)
