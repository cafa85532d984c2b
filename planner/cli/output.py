"""Small helpers the subcommands share: reading inputs and reporting problems the planner can act on."""

from __future__ import annotations

import sys
from pathlib import Path


def fail(message: str, code: int = 2) -> int:
    """Print ``planner: message`` on stderr and return ``code`` (2: the input could not be read)."""
    print(f"planner: {message}", file=sys.stderr)
    return code


def write_text_output(text: str, destination: str | None) -> None:
    """Write ``text`` to a file (atomically), or to stdout when ``destination`` is None or '-'."""
    if destination in (None, "-"):
        sys.stdout.write(text)
        return
    from planner.store.atomic import atomic_write_text

    atomic_write_text(Path(destination), text, keep_backup=False)
