"""``planner diff A B`` and ``planner merge BASE OURS THEIRS -o OUT``: plans compared and merged by record id, on
their own or as git's diff (textconv) and merge drivers.

``planner diff``: exit 0 when the plans are the same, 1 when they differ, 2 when a file cannot be read.
``planner diff --textconv FILE`` writes one plan as lines a line diff reads (git's textconv); a file that is not
a readable plan is written as it is, under a line saying why, so ``git diff`` still shows it.
``planner merge``: exit 0 when the merge is clean, 1 when fields conflicted (OUT keeps ours for them, and the
conflicts are listed), 2 when an input cannot be read (OUT is then left as it was). An empty BASE means there is
no common base (git passes one when both branches added the file).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner.cli.output import fail

EXIT_SAME, EXIT_DIFFERENT = 0, 1


def _load(path: str):
    """The project at ``path``; raises ProjectFileError with the store's one-line message."""
    from planner.store import load_project

    return load_project(Path(path))


class Diff:
    """``planner diff A B [--json]`` and ``planner diff --textconv FILE``."""

    NAME = "diff"
    HELP = ("What changed between two project files, record by record and field by field, and the findings each "
            "has that the other has not; exit 1 when they differ.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the two files, or one with --textconv."""
        parser.add_argument("files", nargs="+", metavar="FILE", help="the old plan A and the new plan B")
        parser.add_argument("--json", action="store_true",
                            help='write {"same", "changes": [...], "findings_only_a": [...], "findings_only_b": [...]}')
        parser.add_argument("--textconv", action="store_true",
                            help="write one FILE as readable lines, field by field, with its findings (git's "
                                 "textconv: git config diff.planner.textconv 'planner diff --textconv')")

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Compare the files (or write one as text); the exit code says whether they differ."""
        from planner.compare import diff_projects
        from planner.store import ProjectFileError

        wanted = 1 if args.textconv else 2
        if len(args.files) != wanted:
            return fail(f"diff takes {'one FILE with --textconv' if args.textconv else 'two files, A and B'}, "
                        f"not {len(args.files)}")
        if args.textconv:
            return _textconv(args.files[0])
        try:
            a, b = (_load(name) for name in args.files)
        except ProjectFileError as exc:
            return fail(str(exc))
        found = diff_projects(a, b)
        if args.json:
            sys.stdout.write(json.dumps(found.to_json(), indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(found.to_text(*args.files))
        return EXIT_SAME if found.same else EXIT_DIFFERENT


def _textconv(name: str) -> int:
    from planner.compare.text import plan_text
    from planner.store import ProjectFileError

    try:
        text = plan_text(_load(name))
    except ProjectFileError as exc:
        # A file with conflict markers or half-edited JSON: git still shows it, as it is.
        raw = Path(name).read_bytes().decode("utf-8", "replace") if Path(name).is_file() else ""
        text = f"(not a readable plan: {exc})\n{raw}"
    sys.stdout.write(text)
    return 0


def _base(path: str):
    """The common base; an empty file is none (git's merge driver gets one when both sides added the plan): None, so
    every record is added on both sides and differs only where they give it differently."""
    if Path(path).is_file() and Path(path).stat().st_size == 0:
        return None
    return _load(path)


class Merge:
    """``planner merge BASE OURS THEIRS -o OUT [--json]``."""

    NAME = "merge"
    HELP = ("Merge two plans edited from a common BASE by record id; the same field changed on both sides is a "
            "conflict (OUT keeps ours, exit 1). The rules run on the result: findings new to the merge are listed.")

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        """Declare the three inputs and the output."""
        parser.add_argument("base", metavar="BASE", help="the plan both sides started from")
        parser.add_argument("ours", metavar="OURS", help="our edited plan (kept where the two conflict)")
        parser.add_argument("theirs", metavar="THEIRS", help="their edited plan")
        parser.add_argument("-o", "--output", metavar="OUT", required=True,
                            help="where the merged plan goes, written atomically (may be OURS: git's merge driver "
                                 "passes %%A for both)")
        parser.add_argument("--name", metavar="NAME",
                            help="what to call OUT in the text (git's merge driver passes %%P, the plan's own path: "
                                 "OUT is then git's temporary copy)")
        parser.add_argument("--json", action="store_true",
                            help='write {"clean", "conflicts": [...], "new_findings": [...]} instead of text')

    @staticmethod
    def run(args: argparse.Namespace) -> int:
        """Merge, write OUT, list conflicts and new findings; exit 1 on conflicts."""
        from planner.compare import merge_projects
        from planner.store import ProjectFileError
        from planner.store.atomic import atomic_write_bytes
        from planner.store.encode import project_to_bytes

        out = Path(args.output)
        if out.is_dir():
            return fail(f"{out} is a folder: give a file name with -o")
        try:
            base = _base(args.base)
            ours, theirs = (_load(name) for name in (args.ours, args.theirs))
        except ProjectFileError as exc:
            return fail(str(exc))
        result = merge_projects(base, ours, theirs)
        try:
            # No NAME~ backup: in git's merge driver OUT is git's own temporary copy, and ours is in the history.
            atomic_write_bytes(out, project_to_bytes(result.project), keep_backup=False)
        except OSError as exc:
            return fail(f"cannot write {out} ({exc.strerror or exc})")
        if args.json:
            data = {"clean": result.clean, "conflicts": [c.to_json() for c in result.conflicts],
                    "new_findings": [f.to_json() for f in result.new_findings]}
            sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(_merge_text(result, args.name or str(out)))
        return EXIT_DIFFERENT if result.conflicts else EXIT_SAME


def _merge_text(result, out: str) -> str:
    from planner.compare.findings import finding_line

    if result.clean:
        lines = [f"Merged into {out}: no conflicts."]
    else:
        count = len(result.conflicts)
        lines = [f"Merged into {out} with {count} conflict{'s' if count != 1 else ''}, ours kept for "
                 f"{'each' if count != 1 else 'it'}:"]
        lines += [f"  {c.text(result.names)}" for c in result.conflicts]
    if result.new_findings:
        lines.append(f"Findings new to the merge (in neither side): {len(result.new_findings)}")
        lines += [f"  {finding_line(f)}" for f in result.new_findings]
    return "\n".join(lines) + "\n"


COMMANDS = (Diff, Merge)
