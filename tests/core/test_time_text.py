"""Instants worded in findings read as strftime words them, one by one or many at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model.time_text import short_time, short_times, span_text, span_texts
from planner.model.times import from_epoch


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-5e9, max_value=2e10, allow_nan=False))
def test_instants_are_worded_as_strftime_words_them(seconds):
    assert short_time(seconds) == from_epoch(seconds).strftime("%Y-%m-%d %H:%M UTC")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-5e9, max_value=2e10, allow_nan=False), min_size=1, max_size=40))
def test_instants_worded_together_read_as_one_by_one(many):
    # half-microsecond ties and minute edges, where the rounding could differ
    edges = [round(x) + d for x in many[:5] for d in (0.5e-6, -0.5e-6, 59.9999995, -1e-7)]
    assert short_times(many + edges) == [short_time(x) for x in many + edges]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(min_value=-5e9, max_value=2e10, allow_nan=False),
                          st.sampled_from([0.0, 60.0, 3599.5, float("inf")])), max_size=20))
def test_spans_worded_together_read_as_one_by_one(spans):
    starts = [s for s, _d in spans]
    ends = [s + d for s, d in spans]
    assert span_texts(starts, ends) == [span_text(s, e) for s, e in zip(starts, ends)]
