"""Find places in a JSON text: where the value at a JSON path starts, a repeated key, nesting past a limit.

Only used after a problem was found (to tell the user the line of a bad value), so it favours one small,
non-recursive scanner over speed.
"""

from __future__ import annotations

import json
import re

# Strings (with escapes), punctuation, or a bare literal (number, true, false, null).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def _walk(text: str, path: list):
    """Yield ``(event, offset)`` through ``text``, keeping ``path`` (the caller's list) at the current place.

    Events: ``"value"`` where a value starts, ``"key"`` once an object's key is read (``path[-1]``),
    ``"{"`` and ``"}"`` where an object opens and closes. Stops at the first token it cannot follow.
    """
    kinds: list[str] = []  # "o" object, "a" array, one per open container
    value_next = True
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if value_next:
            if first == "]":  # an empty array: no value after all
                kinds.pop()
                path.pop()
                value_next = False
                continue
            yield "value", match.start()
            value_next = False
            if first == "{":
                kinds.append("o")
                path.append(None)
                yield "{", match.start()
            elif first == "[":
                kinds.append("a")
                path.append(0)
                value_next = True
            continue
        if first == '"':
            try:
                path[-1] = json.loads(token)
            except (ValueError, IndexError):
                return
            yield "key", match.start()
        elif first == ":":
            value_next = True
        elif first == ",":
            if kinds and kinds[-1] == "a":
                path[-1] += 1
                value_next = True
        elif first in "}]":
            if not kinds:
                return
            if kinds.pop() == "o":
                yield "}", match.start()
            path.pop()


def locate(text: str, parts) -> int | None:
    """Character offset where the value at ``parts`` (keys and indexes) starts in ``text``, or None."""
    target = list(parts)
    path: list = []
    for event, offset in _walk(text, path):
        if event == "value" and path == target:
            return offset
    return None


def first_repeated_key(text: str) -> tuple[tuple, int] | None:
    """The JSON path and offset of the first key that an object of ``text`` holds twice, or None."""
    path: list = []
    keys: list[set] = []
    for event, offset in _walk(text, path):
        if event == "{":
            keys.append(set())
        elif event == "}":
            keys.pop()
        elif event == "key":
            if path[-1] in keys[-1]:
                return tuple(path), offset
            keys[-1].add(path[-1])
    return None


def first_deeper_than(text: str, depth: int) -> tuple[tuple, int] | None:
    """The JSON path and offset of the first value nested more than ``depth`` levels deep, or None."""
    path: list = []
    for event, offset in _walk(text, path):
        if event == "value" and len(path) > depth:
            return tuple(path), offset
    return None
