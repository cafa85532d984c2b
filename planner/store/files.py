"""Reading and writing project files: size limit, encoding, JSON syntax, format and version, then the model."""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

from planner.model import Project
from planner.store import layout as L
from planner.store.atomic import atomic_write_chunks
from planner.store.decode import project_from_document
from planner.store.errors import FieldError, ProjectFileError, format_json_path, line_column
from planner.store.locate import locate
from planner.store.migrations import OLDEST_VERSION, migrate
from planner.store.writer import iter_project_text, write_project

# A \uD800-\uDFFF escape may leave a lone surrogate in a string, which could never be saved as UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'


class _NonFinite(Exception):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 parses as infinity
        raise _NonFinite(text)
    return value


def _reject_constant(text: str):
    raise _NonFinite(text)


def project_to_json(project: Project) -> str:
    """The text of a project file: 2-space indented JSON, keys in the documented order, newline at the end."""
    # Same bytes as json.dumps(project_to_dict(project), indent=2, ensure_ascii=False) + "\n", only faster.
    return write_project(project)


def project_from_json(text: str, source: str = "<text>") -> Project:
    """Build a project from the text of a project file; problems raise :class:`ProjectFileError`."""
    if text.startswith("\ufeff"):  # some editors add a byte order mark; it is not part of the JSON
        text = text[1:]
    if not text.strip():
        raise ProjectFileError(source, "the file is empty, not a planner project")
    try:
        doc = json.loads(text, parse_float=_finite_float, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        problem = exc.msg
        if exc.pos >= len(text.rstrip()):
            problem += " (the file ends too early: is it truncated?)"
        raise ProjectFileError(source, f"not valid JSON: {problem}", line=exc.lineno, column=exc.colno) from None
    except _NonFinite as exc:
        raise _non_finite_error(text, source, str(exc)) from None
    except RecursionError:
        raise ProjectFileError(source, "the JSON is nested too deeply to be a planner project") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise ProjectFileError(source, f"not valid JSON: {exc}") from None
    try:
        doc = _check_header(doc)
        if _SURROGATE_ESCAPE.search(text):
            _check_strings(doc)
        return project_from_document(doc)
    except FieldError as exc:
        line = column = None
        offset = locate(text, exc.parts)
        if offset is not None:
            line, column = line_column(text, offset)
        raise ProjectFileError(source, exc.problem, format_json_path(exc.parts), line, column) from None


def _non_finite_error(text: str, source: str, token: str) -> ProjectFileError:
    line = column = None
    # Skip strings so a title that says "NaN" is not taken for the number.
    pattern = re.compile(_STRING + r"|(?<![\w.+-])(" + re.escape(token) + r")(?![\w.])")
    for match in pattern.finditer(text):
        if match.group(1):
            line, column = line_column(text, match.start(1))
            break
    if token in ("NaN", "Infinity", "-Infinity"):
        problem = f"{token} is not allowed: JSON numbers must be finite"
    else:
        problem = f"the number {token} is too big"
    return ProjectFileError(source, problem, line=line, column=column)


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


def _check_strings(doc) -> None:
    # Only reached when the text has surrogate escapes; iterative so deep documents cannot overflow.
    stack = [((), doc)]
    while stack:
        parts, value = stack.pop()
        if type(value) is str:
            _check_string(value, parts)
        elif type(value) is dict:
            for key, child in value.items():
                _check_string(key, parts)
                stack.append((parts + (key,), child))
        elif type(value) is list:
            stack.extend((parts + (i,), child) for i, child in enumerate(value))


def _check_string(text: str, parts: tuple) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError(parts, "a text holds a lone surrogate escape (\\ud800-\\udfff), which is not a character") from None


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
    return project_from_json(read_project_text(path), source=str(path))


def save_project(project: Project, path) -> None:
    """Write a project file atomically, keeping the previous version as ``NAME~``."""
    # Written piece by piece: a plan of 100,000 activities never sits in memory as one 45 MB text.
    chunks = (piece.encode("utf-8") for piece in iter_project_text(project))
    atomic_write_chunks(Path(os.fspath(path)), chunks, keep_backup=True)
