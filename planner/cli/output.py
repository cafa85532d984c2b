"""Small helpers the subcommands share: reading inputs and reporting problems the planner can act on."""

from __future__ import annotations

import sys
from pathlib import Path


def fail(message: str, code: int = 2) -> int:
    """Print ``planner: message`` on stderr and return ``code`` (2: the input could not be read)."""
    print(f"planner: {message}", file=sys.stderr)
    return code


def is_project_file(path: Path) -> bool:
    """Whether ``path`` is an existing project file: named ``.issplan``, or holding a project's format marker."""
    from planner import PROJECT_SUFFIX
    from planner.store import FORMAT

    if not path.is_file():
        return False
    if path.suffix.lower() == PROJECT_SUFFIX:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    # A project saved under another name still starts with its format marker.
    return head.lstrip().startswith(b"{") and f'"{FORMAT}"'.encode() in head


def project_destination_problem(destination: Path, force: bool) -> str | None:
    """Why a project may not be written to ``destination`` (None when it may): an existing file needs --force."""
    from planner.store.atomic import backup_path

    if destination.is_dir():
        return f"{destination} is a folder: give a file name with -o"
    if destination.exists() and not force:
        return (f"{destination} exists: pass --force to replace it "
                f"(its previous version is kept as {backup_path(destination).name})")
    return None


def report_destination_problem(destination: str | None) -> str | None:
    """Why a report or CSV may not be written to ``destination`` (None when it may): never over a project file.

    Plain outputs replace what was there (no backup is kept), which is fine for a report but would lose a plan.
    """
    if destination in (None, "-"):
        return None
    path = Path(destination)
    if is_project_file(path):
        return f"{destination} is a project file: write to another file (a project is never replaced by this output)"
    return None


def write_text_output(text: str, destination: str | None) -> None:
    """Write ``text`` to a file (atomically), or to stdout when ``destination`` is None or '-'."""
    if destination in (None, "-"):
        sys.stdout.write(text)
        return
    from planner.store.atomic import atomic_write_text

    atomic_write_text(Path(destination), text, keep_backup=False)


def utc_to_the_second(seconds: float | None) -> str:
    """Epoch seconds as ``2021-10-15T01:02:03Z``, rounded to the second (a table's times line up); '-' for None."""
    from planner.model.times import format_utc, from_epoch

    return "-" if seconds is None else format_utc(from_epoch(round(seconds)))


def table_text(headers: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> str:
    """A plain-text table: each column as wide as its widest cell, two spaces apart; columns in ``right``
    (numbers) aligned to the right."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells) -> str:
        parts = [str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    return "".join(line(cells) + "\n" for cells in [headers, *rows])
