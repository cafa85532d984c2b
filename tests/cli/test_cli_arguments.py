"""Bad numbers, spans too long to search and constraints that would be ignored: one line on stderr, exit 2."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from planner.cli import main
from planner.cli import orbit_cmd
from planner.model.times import format_utc, parse_utc
from planner.resources import resource_path

START = "2021-10-15T00:00:00Z"
NAUKA_DOCKED = parse_utc("2021-07-29T13:29:01Z")  # DOMAIN.md; it never leaves in the example plan
SOYUZ_MS_19_DOCKED = parse_utc("2021-10-05T12:22:31Z")


@pytest.fixture
def tle(data_dir):
    return str(data_dir / "iss-2021-10-15.tle")


@pytest.fixture
def example():
    return str(resource_path("examples", "the-challenge-2021.issplan"))


@pytest.mark.parametrize("command, option, value, wanted", [
    ("track", "--hours", "inf", "a positive, finite number of hours"),
    ("track", "--hours", "nan", "a positive, finite number of hours"),
    ("track", "--hours", "-3", "a positive, finite number of hours"),
    ("track", "--hours", "three", "a positive, finite number of hours"),
    ("track", "--step", "inf", "a positive, finite number of seconds"),
    ("track", "--step", "nan", "a positive, finite number of seconds"),
    ("passes", "--days", "inf", "a positive, finite number of days"),
    ("passes", "--days", "nan", "a positive, finite number of days"),
    ("passes", "--min-elevation", "nan", "a number of degrees from -90 up to (not including) 90"),
    ("windows", "--days", "inf", "a positive, finite number of days"),
    ("windows", "--days", "nan", "a positive, finite number of days"),
    ("windows", "--days", "0", "a positive, finite number of days"),
    ("windows", "--min-duration", "nan", "a finite number of seconds, 0 or more"),
    ("windows", "--radius-km", "-inf", "a finite number of km, 0 or more"),
    ("windows", "--min-elevation", "90", "a number of degrees from -90 up to (not including) 90"),
])
def test_numbers_are_checked_when_the_command_line_is_read(tle, capsys, command, option, value, wanted, one_line_error):
    args = [command, "--tle", tle, "--start", START, f"{option}={value}"]
    if command == "passes" or option == "--min-elevation":
        args += ["--site", "55.91,37.81"]
    if option == "--radius-km":
        args += ["--place", "41.9,12.5"]
    assert main(args) == 2
    assert one_line_error() == f"planner: {option} must be {wanted}, not '{value}'"


def test_argparse_own_errors_are_one_line_too(capsys, one_line_error):
    assert main(["track", "--start", START]) == 2
    assert one_line_error() == \
        "planner: the following arguments are required: --tle (see planner track --help)"
    assert main(["track", "--tle", "x.tle", "--start", START, "--format", "svg"]) == 2
    assert "argument --format: invalid choice: 'svg'" in one_line_error()


def test_a_span_past_the_year_9999_is_a_message(tle, capsys, one_line_error):
    assert main(["track", "--tle", tle, "--start", START, "--hours", "1e8", "--step", "1e12"]) == 2
    assert one_line_error() == "planner: --hours 1e+08: the span would end after the year 9999"


@pytest.mark.parametrize("command, days, limit", [
    ("passes", "4000", "3,650 days (10 years)"),
    ("windows", "1001", "1,000 days (2.7 years)"),
    ("coverage", "400", "366 days (about a year)"),  # not '(1 years)'
])
def test_spans_longer_than_a_command_searches_are_refused(tle, capsys, command, days, limit, one_line_error):
    place = ["--network", "us"] if command == "coverage" else ["--site", "0,0"]
    assert main([command, "--tle", tle, *place, "--start", START, "--days", days]) == 2
    assert one_line_error() == f"planner: --days {days} is more than {limit}: use a shorter span, or several runs"


def test_the_limits_match_the_help(tle, capsys):
    assert main(["passes", "--help"]) == 0
    assert f"at most {orbit_cmd.MAX_PASSES_DAYS:,}" in " ".join(capsys.readouterr().out.split())


def test_busy_ending_before_it_starts_is_refused(tle, capsys, one_line_error):
    busy = "2021-10-15T12:00:00Z/2021-10-15T06:00:00Z"
    assert main(["windows", "--tle", tle, "--start", START, "--busy", busy]) == 2
    assert one_line_error() == f"planner: --busy {busy}: the end is before the start"


@pytest.mark.parametrize("extra, message", [
    (["--min-elevation", "30"], "planner: --min-elevation needs --site"),
    (["--radius-km", "300"], "planner: --radius-km needs --place"),
])
def test_an_option_without_its_constraint_is_refused(tle, capsys, extra, message, one_line_error):
    assert main(["windows", "--tle", tle, "--start", START, *extra]) == 2
    assert one_line_error().startswith(message)


def test_min_elevation_with_a_site_is_used(tle, capsys):
    args = ["windows", "--tle", tle, "--start", START, "--days", "2", "--site", "55.91,37.81", "--json"]
    assert main(args) == 0
    default = json.loads(capsys.readouterr().out)
    assert main([*args, "--min-elevation", "30"]) == 0
    high = json.loads(capsys.readouterr().out)
    assert default and all(w["max_elevation_deg"] >= 10 - 0.1 for w in default)
    assert high and all(w["max_elevation_deg"] >= 30 - 0.1 for w in high) and len(high) < len(default)


def _windows(capsys, args):
    assert main(["windows", *args, "--light", "shadow", "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_a_stay_that_never_ends_is_cut_to_30_days_and_says_so(example, capsys):
    windows, err = _windows(capsys, ["--tle", example, "--stay", "nauka"])
    cut = NAUKA_DOCKED + timedelta(days=30)
    assert (f"planner: warning: Nauka does not leave the station in {example}: the search was cut to its first "
            f"30 days, {format_utc(NAUKA_DOCKED)} to {format_utc(cut)}") in err
    starts = [parse_utc(w["start"]) for w in windows]
    assert starts and min(starts) >= NAUKA_DOCKED and max(parse_utc(w["end"]) for w in windows) <= cut
    assert max(starts) > cut - timedelta(days=1)  # the whole 30 days were searched


def test_a_stay_that_never_ends_within_start_and_days(example, capsys):
    """Two months after Nauka docked it is still there: the asked span is searched, no cut, no error."""
    windows, err = _windows(capsys, ["--tle", example, "--stay", "nauka", "--start", "2021-10-01T00:00:00Z",
                                     "--days", "2"])
    assert "cut" not in err
    assert windows and all("2021-10-01" <= w["start"] and w["end"] <= "2021-10-03T00:00:00Z" for w in windows)


def test_a_stay_with_only_days_searches_its_first_days(example, capsys):
    windows, err = _windows(capsys, ["--tle", example, "--stay", "soyuz-ms-19", "--days", "1.5"])
    assert "cut" not in err
    end = SOYUZ_MS_19_DOCKED + timedelta(days=1.5)
    assert windows and all(SOYUZ_MS_19_DOCKED <= parse_utc(w["start"]) and parse_utc(w["end"]) <= end
                           for w in windows)


def test_a_stay_longer_than_the_limit_is_cut_and_says_so(example, capsys, monkeypatch):
    # Soyuz MS-19 stays 176 days (to 2022-03-30); a 20-day limit stands in for the real one to keep this fast.
    monkeypatch.setattr(orbit_cmd, "MAX_WINDOWS_DAYS", 20)
    windows, err = _windows(capsys, ["--tle", example, "--stay", "soyuz-ms-19"])
    cut = SOYUZ_MS_19_DOCKED + timedelta(days=20)
    assert (f"planner: warning: Soyuz MS-19 stays longer than the 20 days searched at once: the search was cut "
            f"to its first 20 days, {format_utc(SOYUZ_MS_19_DOCKED)} to {format_utc(cut)}") in err
    assert windows and max(parse_utc(w["end"]) for w in windows) <= cut
