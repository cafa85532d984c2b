"""Find where in a JSON text the value at a JSON path starts, to tell the user the line of a bad value.

Only used after a problem was found, so it favours a small, non-recursive scanner over speed.
"""

from __future__ import annotations

import json
import re

# Strings (with escapes), punctuation, or a bare literal (number, true, false, null).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def locate(text: str, parts) -> int | None:
    """Character offset where the value at ``parts`` (keys and indexes) starts in ``text``, or None."""
    target = list(parts)
    path: list = []
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
            if path == target:
                return match.start()
            value_next = False
            if first == "{":
                kinds.append("o")
                path.append(None)
            elif first == "[":
                kinds.append("a")
                path.append(0)
                value_next = True
            continue
        if first == '"':
            try:
                path[-1] = json.loads(token)
            except (ValueError, IndexError):
                return None
        elif first == ":":
            value_next = True
        elif first == ",":
            if kinds and kinds[-1] == "a":
                path[-1] += 1
                value_next = True
        elif first in "}]":
            if not kinds:
                return None
            kinds.pop()
            path.pop()
    return None
