from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.model.times import TimeFormatError, format_utc, parse_utc, utc


def test_canonical_and_loose_forms():
    assert parse_utc("2021-10-05T08:55:02Z") == datetime(2021, 10, 5, 8, 55, 2, tzinfo=timezone.utc)
    assert parse_utc("2021-10-05 08:55Z") == datetime(2021, 10, 5, 8, 55, tzinfo=timezone.utc)
    assert parse_utc("2021-10-05T08:55:02.25+00:00") == utc(2021, 10, 5, 8, 55, 2.25)


@pytest.mark.parametrize(
    "text, words",
    [
        ("2021-13-01T00:00:00Z", "not a real date"),
        ("2021-02-30T00:00:00Z", "not a real date"),
        ("2021-10-05T08:55:02", "not a UTC time"),
        ("2021-10-05T08:55:02+02:00", "not a UTC time"),
        ("1066-10-14T09:00:00Z", "outside 1900-2200"),
        ("yesterday", "not a UTC time"),
    ],
)
def test_bad_times_say_why(text, words):
    with pytest.raises(TimeFormatError, match=words):
        parse_utc(text)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        format_utc(datetime(2021, 1, 1))


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31), timezones=st.just(timezone.utc)))
def test_format_then_parse_is_identity(when):
    text = format_utc(when)
    assert text.endswith("Z")
    assert parse_utc(text) == when


def test_week_dates_are_not_taken_for_calendar_dates():
    with pytest.raises(TimeFormatError):
        parse_utc("2021-W40-1T08:55:02Z")
