"""Reading and writing project files: size limit, encoding, JSON syntax, format and version, then the model."""

from __future__ import annotations

import json
import os
from pathlib import Path

from planner.model import Project
from planner.store import layout as L
from planner.store.atomic import atomic_write_bytes, real_target, remove_stale_temps
from planner.store.decode import project_from_document
from planner.store.encode import project_to_bytes
from planner.store.errors import FieldError, ProjectFileError, format_json_path, line_column
from planner.store.jsontext import parse_json
from planner.store.lock import ProjectLocked, project_lock
from planner.store.locate import locate
from planner.store.migrations import OLDEST_VERSION, migrate


def project_to_json(project: Project) -> str:
    """The text of a project file: 2-space indented JSON, keys in the documented order, newline at the end."""
    return project_to_bytes(project).decode("utf-8")


def project_from_json(text: str, source: str = "<text>") -> Project:
    """Build a project from the text of a project file; problems raise :class:`ProjectFileError`."""
    if text.startswith("\ufeff"):  # some editors add a byte order mark; it is not part of the JSON
        text = text[1:]
    doc = parse_json(text, source)
    try:
        doc = _check_header(doc)
        return project_from_document(doc)
    except FieldError as exc:
        line = column = None
        offset = locate(text, exc.parts)
        if offset is not None:
            line, column = line_column(text, offset)
        raise ProjectFileError(source, exc.problem, format_json_path(exc.parts), line, column) from None


def _check_header(doc):
    if type(doc) is not dict:
        raise FieldError((), f"the file holds {'a list' if type(doc) is list else 'a single value'}, not a planner project")
    fmt = doc.get("format")
    if fmt != L.FORMAT:
        if fmt is None:
            raise FieldError((), f"not a planner project: it has no \"format\": \"{L.FORMAT}\"")
        raise FieldError(("format",), f"not a planner project: the format is {json.dumps(fmt)[:60]}, not \"{L.FORMAT}\"")
    version = doc.get("schema_version")
    if type(version) is not int:
        if "schema_version" not in doc:
            raise FieldError((), "'schema_version' is missing")
        raise FieldError(("schema_version",), "'schema_version' must be a whole number")
    if version > L.SCHEMA_VERSION:
        raise FieldError(("schema_version",), f"it was made by a newer version of planner (schema version {version}; "
                         f"this one reads up to {L.SCHEMA_VERSION}): update planner to open it")
    if version < OLDEST_VERSION:
        raise FieldError(("schema_version",), f"schema version {version} does not exist")
    return migrate(doc, version)


def read_project_text(path) -> str:
    """The text of a project file, refusing oversized files before reading them."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > L.MAX_FILE_BYTES:
            raise ProjectFileError(path, f"the file is {size / 2**20:.0f} MiB, more than the {L.MAX_FILE_BYTES // 2**20} MiB "
                                   "a planner project may have")
        with open(path, "rb") as handle:
            data = handle.read(L.MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise ProjectFileError(path, "it is a folder, not a file") from None
    except FileNotFoundError:
        raise ProjectFileError(path, "there is no such file") from None
    except OSError as exc:
        raise ProjectFileError(path, f"the file cannot be read ({exc.strerror or exc})") from None
    if len(data) > L.MAX_FILE_BYTES:  # grew while we looked, or a special file that reports no size
        raise ProjectFileError(path, f"the file is more than the {L.MAX_FILE_BYTES // 2**20} MiB a planner project may have")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head) - (head.rfind(b"\n") + 1) + 1
        raise ProjectFileError(path, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                               line=line, column=column) from None


def load_project(path) -> Project:
    """Read a project file; any problem raises one :class:`ProjectFileError` and nothing half-loaded."""
    _tidy(Path(os.fspath(path)))
    return project_from_json(read_project_text(path), source=str(path))


def read_project(path) -> tuple[Project | None, str | None]:
    """(the project at ``path``, None), or (None, one sentence saying why it cannot be read)."""
    try:
        return load_project(path), None
    except ProjectFileError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"cannot read {path} ({exc.strerror or exc})"


def save_project(project: Project, path) -> None:
    """Write a project file atomically, keeping the previous version as ``NAME~``.

    Holds the project's save lock meanwhile: :class:`ProjectLocked` (an ``OSError``) when another
    program is saving it. Temporary files an interrupted save left behind are removed first.
    """
    data = project_to_bytes(project)  # before taking the lock: it is held for the writing only
    target = real_target(Path(os.fspath(path)))
    with project_lock(target) as held:
        if held:  # without a lock another save might be writing its temporary file right now
            remove_stale_temps(target)
        atomic_write_bytes(Path(os.fspath(path)), data, keep_backup=True)


def _tidy(path: Path) -> None:
    """Remove what killed saves left beside a project being opened, unless a save is running now."""
    try:
        target = real_target(path)
        if not target.is_file():
            return
        with project_lock(target) as held:
            if held:
                remove_stale_temps(target)
    except (ProjectLocked, OSError):
        pass  # tidying is a courtesy: the next open or save tries again
