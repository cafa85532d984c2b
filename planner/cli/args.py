"""Argument parsing the subcommands share: a parser whose errors are one line, and number types that check
their range while the command line is read (so no command ever sees an infinite or NaN duration)."""

from __future__ import annotations

import argparse
import math
import re
from typing import Callable

# argparse words a type error "argument --step: MESSAGE"; our types name their option themselves.
_OWN_MESSAGE = re.compile(r"argument (\S+): (\1 .*)", re.DOTALL)


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, ``planner: ...``, and exit status 2."""

    def error(self, message: str):
        """Print the problem on one line (no usage block) and exit with status 2."""
        own = _OWN_MESSAGE.fullmatch(message)
        if own:
            text = own.group(2)
        else:  # argparse's own words ("the following arguments are required: --tle"): say where help is
            text = f"{message} (see {self.prog} --help)"
        self.exit(2, f"planner: {text}\n")


def _number(option: str, text: str, wanted: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{option} must be {wanted}, not '{text}'") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{option} must be {wanted}, not '{text}'")
    return value


def positive(option: str, unit: str) -> Callable[[str], float]:
    """An argparse type: a finite number above 0 (a duration or a step), named ``option`` in the message."""
    wanted = f"a positive, finite number of {unit}"

    def parse(text: str) -> float:
        value = _number(option, text, wanted)
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{option} must be {wanted}, not '{text}'")
        return value

    return parse


def at_least_zero(option: str, unit: str) -> Callable[[str], float]:
    """An argparse type: a finite number of ``unit`` that is 0 or more."""
    wanted = f"a finite number of {unit}, 0 or more"

    def parse(text: str) -> float:
        value = _number(option, text, wanted)
        if value < 0:
            raise argparse.ArgumentTypeError(f"{option} must be {wanted}, not '{text}'")
        return value

    return parse


def elevation(option: str) -> Callable[[str], float]:
    """An argparse type: an elevation in degrees, from -90 up to (not including) 90."""
    wanted = "a number of degrees from -90 up to (not including) 90"

    def parse(text: str) -> float:
        value = _number(option, text, wanted)
        if not -90 <= value < 90:
            raise argparse.ArgumentTypeError(f"{option} must be {wanted}, not '{text}'")
        return value

    return parse


def exit_code_of(exc: SystemExit) -> int:
    """The status a parser's SystemExit carries: 0 after --help or --version, 2 after a bad argument."""
    return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
