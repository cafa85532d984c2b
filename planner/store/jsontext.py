"""The JSON syntax of a project file: strict JSON, read into plain dicts and lists, or one refusal naming the place.

Stricter than ``json.loads`` where it would lose or hide something: a key given twice (Python keeps the
last, and the first would vanish on the next save), NaN and infinities, whole numbers the writer cannot
write back (beyond 64 bits), and lone surrogate escapes (not characters, so not savable as UTF-8).
"""

from __future__ import annotations

import json
import math
import re

from planner.store.errors import ProjectFileError, format_json_path, line_column
from planner.store.locate import first_deeper_than, first_repeated_key, locate

# A \uD800-\uDFFF escape may leave a lone surrogate in a string, which could never be saved as UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_INT_RANGE = (-2**63, 2**63 - 1)  # what the writer writes back exactly (64-bit whole numbers)
_REPORTED_DEPTH = 200  # where "too deeply nested" is reported: far past any project's own nesting


class _Refused(Exception):
    """Raised from inside the JSON reader's hooks, which cannot know the place."""


class _RepeatedKey(_Refused):
    pass


class _BadNumber(_Refused):
    pass


def _objects(pairs: list) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _RepeatedKey()
    return result


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise _BadNumber(token)
    return value


def _whole(token: str) -> int:
    # Called with the digits before Python converts them: a 5,000-digit number never reaches int().
    if len(token) > 20 or not _INT_RANGE[0] <= int(token) <= _INT_RANGE[1]:
        raise _BadNumber(token)
    return int(token)


def _constant(token: str):
    raise _BadNumber(token)


def parse_json(text: str, source: str):
    """The document in ``text``; problems raise :class:`ProjectFileError` naming ``source`` and the place."""
    if not text.strip():
        raise ProjectFileError(source, "the file is empty, not a planner project")
    try:
        doc = json.loads(text, object_pairs_hook=_objects, parse_float=_finite_float, parse_int=_whole,
                         parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(source, f"not valid JSON: {exc.msg}{_cut_hint(text, exc)}",
                               line=exc.lineno, column=exc.colno) from None
    except _BadNumber as exc:
        raise _number_error(text, source, str(exc)) from None
    except _RepeatedKey:
        raise _place_error(text, source, first_repeated_key(text), "the key {key} is given twice in one object "
                           "(only one can be kept: remove the other)") from None
    except RecursionError:
        raise _place_error(text, source, first_deeper_than(text, _REPORTED_DEPTH),
                           f"the JSON is nested more than {_REPORTED_DEPTH} levels deep here, "
                           "too deep to be a planner project", with_path=False) from None
    if _SURROGATE_ESCAPE.search(text):
        _check_strings(text, source, doc)
    return doc


def _cut_hint(text: str, exc: json.JSONDecodeError) -> str:
    # A string that never closes runs to the end of the file: the usual sign of a cut-off file.
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
        return " (the file ends too early: is it truncated?)"
    return ""


def _place_error(text: str, source: str, found, problem: str, with_path: bool = True) -> ProjectFileError:
    if found is None:  # the scanner could not follow the text: name the file alone
        return ProjectFileError(source, problem.replace(" {key}", "").replace(" here", ""))
    parts, offset = found
    line, column = line_column(text, offset)
    key = json.dumps(parts[-1], ensure_ascii=False) if parts else ""
    json_path = format_json_path(parts) if with_path else "$"  # 200 levels of [0] would say nothing
    return ProjectFileError(source, problem.format(key=key[:60]), json_path, line, column)


def _number_error(text: str, source: str, token: str) -> ProjectFileError:
    line = column = None
    # Skip strings so a title that says "NaN" is not taken for the number.
    pattern = re.compile(_STRING + r"|(?<![\w.+-])(" + re.escape(token) + r")(?![\w.])")
    for match in pattern.finditer(text):
        if match.group(1):
            line, column = line_column(text, match.start(1))
            break
    shown = token if len(token) <= 40 else f"{token[:12]}...{token[-6:]} ({len(token):,} characters)"
    if token in ("NaN", "Infinity", "-Infinity"):
        problem = f"{token} is not allowed: JSON numbers must be finite"
    elif any(c in token for c in ".eE"):
        problem = f"the number {shown} is too big"
    else:
        problem = f"the whole number {shown} is too big (a project's whole numbers fit in 64 bits)"
    return ProjectFileError(source, problem, line=line, column=column)


def _check_strings(text: str, source: str, doc) -> None:
    # Only reached when the text has surrogate escapes; iterative so deep documents cannot overflow.
    stack = [((), doc)]
    while stack:
        parts, value = stack.pop()
        if type(value) is dict:
            for key, child in value.items():
                _check_string(text, source, key, parts + (key,))
                stack.append((parts + (key,), child))
        elif type(value) is list:
            stack.extend((parts + (i,), child) for i, child in enumerate(value))
        elif type(value) is str:
            _check_string(text, source, value, parts)


def _check_string(text: str, source: str, value: str, parts: tuple) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        offset = locate(text, parts)
        line, column = line_column(text, offset) if offset is not None else (None, None)
        raise ProjectFileError(source, "a text holds a lone surrogate escape (\\ud800-\\udfff), which is not a "
                               "character", format_json_path(parts), line, column) from None
