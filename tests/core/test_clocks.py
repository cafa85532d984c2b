"""The station's clocks (GMT with its day of year, Houston, Moscow) against facts: Houston's fall-back of
2021-11-07 (CDT 02:00 became CST 01:00 at 07:00 UTC), Moscow's UTC+3 all year since 2014, and known days of year."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from planner.model.clocks import clocks_at, day_of_year


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_the_issue_example_reads_as_written():
    # 15 Oct 2021 is day 288 (31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 15), Houston on summer time, UTC-5.
    assert clocks_at(utc("2021-10-15T14:05:00")).text() == "GMT 288/14:05  Houston 09:05 CDT  Moscow 17:05"


@pytest.mark.parametrize("when, day", [
    ("2021-01-01T00:00:00", 1), ("2021-12-31T23:59:59", 365), ("2020-12-31T12:00:00", 366),  # 2020 a leap year
    ("2021-10-05T08:55:02", 278),  # Soyuz MS-19's launch
])
def test_day_of_year(when, day):
    assert day_of_year(utc(when)) == day
    assert clocks_at(utc(when)).gmt.startswith(f"{day:03d}/")


def test_houston_falls_back_at_seven_utc_on_7_november_2021():
    before = clocks_at(utc("2021-11-07T06:59:00"))
    after = clocks_at(utc("2021-11-07T07:00:00"))
    assert before.houston == "01:59 CDT" and after.houston == "01:00 CST"  # the hour 01:00-02:00 comes twice
    assert (before.gmt, after.gmt) == ("311/06:59", "311/07:00")
    # A week either side: five hours behind GMT in summer, six in winter.
    assert clocks_at(utc("2021-10-31T12:00:00")).houston == "07:00 CDT"
    assert clocks_at(utc("2021-11-14T12:00:00")).houston == "06:00 CST"
    # ... and forward again on 14 March 2021 at 08:00 UTC (CST 02:00 became CDT 03:00).
    assert clocks_at(utc("2021-03-14T07:59:00")).houston == "01:59 CST"
    assert clocks_at(utc("2021-03-14T08:00:00")).houston == "03:00 CDT"


def test_moscow_is_three_hours_ahead_all_year():
    for month in range(1, 13):
        when = utc(f"2021-{month:02d}-15T12:00:00")
        assert clocks_at(when).moscow == "15:00"
    assert clocks_at(utc("2021-11-07T07:00:00")).moscow == "10:00"  # Houston's change moves nothing here


def test_another_calendar_day_is_said():
    # 02:00 GMT is 21:00 the evening before in Houston; 22:30 GMT is 01:30 the next morning in Moscow.
    assert clocks_at(utc("2021-10-06T02:00:00")).houston == "21:00 CDT -1 d"
    assert clocks_at(utc("2021-10-06T22:30:00")).moscow == "01:30 +1 d"


def test_epoch_seconds_and_seconds_shown():
    when = utc("2021-10-05T08:55:02")
    assert (clocks_at(when.timestamp(), seconds=True).text(" · ")
            == "GMT 278/08:55:02 · Houston 03:55:02 CDT · Moscow 11:55:02")
    assert clocks_at(when + timedelta(seconds=59)) == clocks_at(when.timestamp() + 59)
