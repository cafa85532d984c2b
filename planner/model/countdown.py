"""How long until an activity, worded for the day's coordinator: ``in 2 h 14 min``, ``now, 12 min left``, ``done``.

The status is the user's (:class:`~planner.model.activity.ActivityStatus`); the clock only says how the times
compare with now, so an activity past its end that nobody marked done reads ``ended 20 min ago``: a prompt to say
what became of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from planner.model.activity import Activity, ActivityStatus
from planner.model.landing_choice import duration_text


def span_words(seconds: float) -> str:
    """``2 h 14 min``, ``12 min``, ``3 d 4 h`` (two days or more), ``45 d`` (two weeks or more), ``5 years`` (two
    years or more; a plan looked at long after): rounded to the minute, the hour, the day or the year."""
    if seconds >= 2 * 365.25 * 86400:
        return f"{int(seconds // (365.25 * 86400))} years"
    if seconds >= 14 * 86400:
        return f"{round(seconds / 86400)} d"
    if seconds >= 2 * 86400:
        days, hours = divmod(round(seconds / 3600), 24)
        return f"{days} d {hours} h" if hours else f"{days} d"
    return duration_text(timedelta(seconds=seconds))


def countdown(activity: Activity, now: datetime) -> str:
    """Where ``activity`` stands at ``now``, in words."""
    status = activity.status
    if status is ActivityStatus.DONE:
        return "done"
    if status is ActivityStatus.SKIPPED:
        return "skipped"
    to_start = (activity.start - now).total_seconds()
    to_end = (activity.end - now).total_seconds()
    if status is ActivityStatus.IN_PROGRESS:
        if to_end > 0:
            return f"now, {span_words(to_end)} left"
        return f"running {span_words(-to_end)} over"
    if to_start > 0:
        return f"in {span_words(to_start)}"
    if to_end > 0:
        return f"now, {span_words(to_end)} left"
    return f"ended {span_words(-to_end)} ago"


#: from now, an activity that ended this long ago with no word of it (still planned or in progress) stays listed
UNMARKED_GRACE_S = 6 * 3600.0


def coming(activities, start: datetime, end: datetime, now: datetime | None = None) -> list[Activity]:
    """The activities overlapping ``[start, end)`` (an instant at ``start`` counts), in time order; with ``now``
    (a list from now) also those that ended in the :data:`UNMARKED_GRACE_S` before it with no word of them."""
    def listed(a: Activity) -> bool:
        if (a.end > start and a.start < end) or a.start == a.end == start:
            return True
        return (now is not None and a.status in (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)
                and (now - a.end).total_seconds() < UNMARKED_GRACE_S and a.end <= now)

    return sorted(filter(listed, activities), key=lambda a: (a.start, a.end, a.title))
