"""Events worded as the planner's refusals say them: 'undocking', '2021-10-17T01:14:00Z'.

Shared by the edits that move events to an opportunity (:mod:`planner.model.launch_choice`,
:mod:`planner.model.landing_choice`), whose messages name the event in the way and its time.
"""

from __future__ import annotations

from datetime import datetime

from planner.model.mission import EventKind
from planner.model.times import format_utc

_NOUNS = {EventKind.DOCK: "docking", EventKind.BERTH: "berthing", EventKind.RELOCATE: "relocation",
          EventKind.UNDOCK: "undocking", EventKind.UNBERTH: "unberthing", EventKind.LAND: "landing",
          EventKind.LAUNCH: "launch"}


def event_noun(kind: EventKind) -> str:
    """'docking', 'undocking', 'landing'…"""
    return _NOUNS[kind]


def second_text(when: datetime) -> str:
    """An instant as the refusals write it: ISO UTC to the second (``2021-10-17T01:14:00Z``)."""
    return format_utc(when.replace(microsecond=0))
