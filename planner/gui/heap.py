"""Keep Python's cycle collector off the open project.

A big plan is a million long-lived objects; every full collection would walk them all, a pause of a tenth
of a second or more in the middle of a drag or a keystroke. Once a project is open, what is alive then is
moved out of the collector's way (``gc.freeze``); it is still freed as usual when no longer referenced.
"""

from __future__ import annotations

import gc

#: plans smaller than this (missions, people and activities) are left to the collector: its passes over them
#: are short, and settling costs a full collection of everything the app has imported
BIG_PLAN_ITEMS = 5_000


def worth_settling(project) -> bool:
    """True for a plan big enough that full collections over it would be felt."""
    return len(project.missions) + len(project.people) + len(project.activities) >= BIG_PLAN_ITEMS


def settle() -> None:
    """After a project is opened: collect what the previous one left behind, then freeze what is alive."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
