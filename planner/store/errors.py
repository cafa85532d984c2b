"""The one error a project file can cause: :class:`ProjectFileError`, naming the file, the place and the problem."""

from __future__ import annotations


def format_json_path(parts) -> str:
    """``("missions", 3, "events", 0, "utc")`` -> ``$.missions[3].events[0].utc``."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part.isidentifier():
            text += f".{part}"
        else:
            # Keys that are not plain names are quoted so the path stays unambiguous.
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            text += f"['{escaped}']"
    return text


class ProjectFileError(ValueError):
    """A project file that cannot be loaded: where (file, JSON path, line and column) and what is wrong.

    ``json_path`` is ``$`` for problems of the whole document (not JSON, too big, wrong format);
    ``line``/``column`` are 1-based, or None when the place in the text is not known.
    """

    def __init__(self, path, problem: str, json_path: str = "$", line: int | None = None, column: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.json_path = json_path
        self.line = line
        self.column = column
        super().__init__(self._sentence())

    def _sentence(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        if self.json_path and self.json_path != "$":
            where += f", at {self.json_path}"
        problem = self.problem.rstrip(".")
        return f"cannot load {where}: {problem}."

    def __reduce__(self):
        return (type(self), (self.path, self.problem, self.json_path, self.line, self.column))


class FieldError(Exception):
    """Internal: a problem found while decoding, with the JSON path as a tuple of keys and indexes."""

    def __init__(self, parts: tuple, problem: str):
        super().__init__(problem)
        self.parts = tuple(parts)
        self.problem = problem


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
