"""What the command-line tests share: reading the one line a command says when it refuses its input."""

from __future__ import annotations

import pytest


@pytest.fixture
def one_line_error(capsys):
    """``one_line_error()``: what the command just wrote on stderr, held to be one line that starts with
    'planner: ' and no traceback, with nothing on stdout; the line without its end."""

    def read() -> str:
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("planner: ") and captured.err.count("\n") == 1, captured.err
        assert "Traceback" not in captured.err
        return captured.err.rstrip("\n")

    return read
