"""The interval toolkit against the plainest reference: sets of whole minutes, as Python sets of integers."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import intervals

rows = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)).map(lambda r: (r[0], r[0] + r[1])), max_size=8)
bounds = st.tuples(st.integers(-2, 45), st.integers(0, 20)).map(lambda b: (b[0], b[0] + b[1]))


def minutes(rows) -> set[int]:
    """The whole minutes ``m`` with ``[m, m + 1)`` inside some half-open row."""
    return {m for s, e in rows for m in range(int(s), int(e))}


def as_set(a) -> set[int]:
    a = np.asarray(a).reshape(-1, 2)
    return minutes(a.tolist())


def is_normal(a) -> bool:
    a = np.asarray(a).reshape(-1, 2)
    return bool((a[:, 1] > a[:, 0]).all() and (a[1:, 0] > a[:-1, 1]).all())


@settings(max_examples=300, deadline=None)
@given(rows, rows, bounds)
def test_each_operation_is_the_set_operation_on_minutes(a, b, bound):
    start, end = bound
    window = set(range(start, end))
    cases = {
        "normalise": (intervals.normalise(a), minutes(a)),
        "union": (intervals.union(a, b), minutes(a) | minutes(b)),
        "intersect": (intervals.intersect(a, b), minutes(a) & minutes(b)),
        "subtract": (intervals.subtract(a, b), minutes(a) - minutes(b)),
        "clip": (intervals.clip(a, start, end), minutes(a) & window),
        "within": (intervals.within(intervals.normalise(a), start, end), minutes(a) & window),
        "complement": (intervals.complement(a, start, end), window - minutes(a)),
    }
    for name, (got, expected) in cases.items():
        assert as_set(got) == expected, name
        assert is_normal(got), name
    assert intervals.duration(intervals.normalise(a)).sum() == len(minutes(a))


@settings(max_examples=300, deadline=None)
@given(rows, st.lists(st.tuples(st.integers(-2, 50), st.integers(0, 15)), max_size=6))
def test_covers_and_misses_answer_for_each_question(a, questions):
    a_set, normal = minutes(a), intervals.normalise(a)
    starts = np.array([s for s, _d in questions], float)
    ends = np.array([s + d for s, d in questions], float)
    covered = intervals.covers(normal, starts, ends)
    missed = intervals.misses(normal, starts, ends)
    for (s, d), c, m in zip(questions, covered.tolist(), missed.tolist()):
        inside = set(range(s, s + d))
        # held whole by one interval (a zero-length question: by one that contains its instant)
        assert c == any(lo <= s and s + d <= hi for lo, hi in normal.tolist())
        if d:
            if c:  # one interval holding it means every minute of it is in the set
                assert inside <= a_set
            assert m == (not inside & a_set)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.booleans(), max_size=30))
def test_runs_of_samples_and_crossings_make_the_same_intervals(flags):
    expected = []
    for i, flag in enumerate(flags):
        if flag and expected and expected[-1][1] == i:
            expected[-1][1] = i + 1
        elif flag:
            expected.append([i, i + 1])
    assert intervals.runs(flags).tolist() == expected
    t = np.arange(len(flags), dtype=float) * 10.0
    runs = intervals.from_samples(t, np.array(flags, bool), 10.0)
    expected = [(t[i] - 5.0, t[i] + 5.0) for i, f in enumerate(flags) if f]
    assert intervals.pairs(runs) == intervals.pairs(intervals.normalise(expected))
    assert intervals.any_overlap(runs[:, 0], runs[:, 1]) is False


@settings(max_examples=300, deadline=None)
@given(rows)
def test_crowded_runs_are_the_minutes_held_twice_with_everyone_there(a):
    held = {}
    for k, (s, e) in enumerate(a):
        for m in range(s, e):
            held.setdefault(m, []).append(k)
    busy = sorted(m for m, ks in held.items() if len(ks) >= 2)
    expected = []
    for m in busy:  # runs of consecutive busy minutes, with every interval there during the run
        if expected and expected[-1][1] == m:
            expected[-1][1] = m + 1
            expected[-1][2].update(held[m])
        else:
            expected.append([m, m + 1, set(held[m])])
    got = intervals.crowded([s for s, _e in a], [e for _s, e in a])
    assert [(s, e, set(ks)) for s, e, ks in got] == [tuple(run) for run in expected]
    for _s, _e, ks in got:  # in the order they begin
        assert [a[k][0] for k in ks] == sorted(a[k][0] for k in ks)
