"""Every import problem names the file, line and column, in a sentence a planner can act on."""

from __future__ import annotations

import pytest

from planner.model import EventKind
from planner.traffic import COLUMNS, TrafficCsvError, parse_traffic_csv, read_traffic_csv

HEADER = ",".join(COLUMNS)
DOCK = "Soyuz MS-19,soyuz-ms,dock,2021-10-05T12:22:31Z,,rassvet-nadir,,Anton Shkaplerov,,"
LAUNCH = "Soyuz MS-19,soyuz-ms,launch,2021-10-05T08:55:02Z,,,,Anton Shkaplerov,,"
RELOCATE = "Soyuz MS-18,soyuz-ms,relocate,2021-09-28T12:21:00Z,2021-09-28T13:04:00Z,nauka-nadir,rassvet-nadir,,,"


def _text(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _error(text: str | bytes, **kwargs) -> TrafficCsvError:
    with pytest.raises(TrafficCsvError) as info:
        parse_traffic_csv(text, source="events.csv", **kwargs)
    return info.value


def _assert_one(err: TrafficCsvError, line: int | None, column: str | None, *fragments: str) -> None:
    """The error has exactly one problem, at this place, and its message says these things."""
    assert len(err.problems) == 1, str(err)
    assert (err.path, err.line, err.column) == ("events.csv", line, column)
    where = "events.csv" + (f", line {line}" if line is not None else "") + (f", column {column}" if column else "")
    message = str(err)
    assert message.startswith(where + ": "), message
    assert "\n" not in message and "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message


# (the data rows, the line and column of the problem, what the message must say)
ROW_CASES = {
    "malformed date": (
        [DOCK.replace("2021-10-05T12:22:31Z", "2021-13-01")], 2, "utc", ["'2021-13-01'", "2021-10-05T08:55:02Z"]),
    "impossible date": (
        [DOCK.replace("2021-10-05T12:22:31Z", "2021-02-30T00:00:00Z")], 2, "utc",
        ["'2021-02-30T00:00:00Z' is not a real date or time"]),
    "impossible hour": (
        [LAUNCH, DOCK.replace("12:22:31Z", "25:22:31Z")], 3, "utc", ["not a real date or time"]),
    "time without zone": (
        [DOCK.replace("12:22:31Z", "12:22:31")], 2, "utc", ["no time zone", "trailing Z"]),
    "missing time": (
        [DOCK.replace("2021-10-05T12:22:31Z", "")], 2, "utc", ["the time is missing"]),
    "unknown vehicle type": (
        [DOCK.replace("soyuz-ms", "soyuz")], 2, "vehicle_type",
        ["'soyuz' is not a vehicle type", "soyuz-ms", "crew-dragon", "dream-chaser", "module"]),
    "missing vehicle type": (
        [DOCK.replace("soyuz-ms", "")], 2, "vehicle_type", ["vehicle type is missing", "known types: soyuz-ms"]),
    "unknown event": (
        [DOCK.replace(",dock,", ",docking,")], 2, "event",
        ["'docking' is not an event", "launch, dock, berth, relocate, undock, unberth, land"]),
    "missing vehicle": (
        [DOCK.replace("Soyuz MS-19", "")], 2, "vehicle", ["vehicle name is missing"]),
    "end before start": (
        [RELOCATE.replace("2021-09-28T13:04:00Z", "2021-09-28T12:00:00Z")], 2, "end_utc",
        ["'2021-09-28T12:00:00Z' is before utc"]),
    "end on a dock": (
        [DOCK.replace("12:22:31Z,,", "12:22:31Z,2021-10-05T13:00:00Z,")], 2, "end_utc",
        ["only for relocate rows", "dock row"]),
    "malformed end": (
        [RELOCATE.replace("2021-09-28T13:04:00Z", "tomorrow")], 2, "end_utc", ["'tomorrow'"]),
    "unknown port": (
        [DOCK.replace("rassvet-nadir", "rassvet-zenith")], 2, "port",
        ["'rassvet-zenith' is not a port of the International Space Station", "harmony-forward", "prichal-nadir"]),
    "unknown from_port": (
        [RELOCATE.replace("rassvet-nadir", "rasvet-nadir")], 2, "from_port", ["'rasvet-nadir' is not a port"]),
    "port on a launch": (
        [LAUNCH.replace("Z,,,,Anton", "Z,,poisk-zenith,,Anton")], 2, "port", ["a launch row has no port", "leave it empty"]),
    "port on a land": (
        ["Soyuz MS-19,soyuz-ms,land,2022-03-30T11:28:00Z,,rassvet-nadir,,,,"], 2, "port", ["a land row has no port"]),
    "from_port missing on relocate": (
        [RELOCATE.replace(",rassvet-nadir,", ",,")], 2, "from_port", ["a relocate row needs the port left"]),
    "from_port on a dock": (
        [DOCK.replace("rassvet-nadir,,", "rassvet-nadir,poisk-zenith,")], 2, "from_port", ["only for relocate rows"]),
    "two types for one vehicle": (
        [LAUNCH, DOCK.replace("soyuz-ms", "progress-ms")], 3, "vehicle_type",
        ["'Soyuz MS-19' is a soyuz-ms on line 2 but a progress-ms here"]),
    "too few fields": (
        [LAUNCH, "Soyuz MS-19,soyuz-ms,dock,2021-10-05T12:22:31Z,rassvet-nadir"], 3, None,
        ["5 fields where the header has 10", "double quotes"]),
    "unquoted comma in a note": (
        [DOCK + "manual docking, after a Kurs fault,"], 2, None, ["12 fields where the header has 10"]),
    "a person named twice": (
        [DOCK.replace("Anton Shkaplerov", "Anton Shkaplerov; Anton Shkaplerov")], 2, "crew",
        ["'Anton Shkaplerov' is named twice"]),
    "broken quotes": (
        [LAUNCH, DOCK + '"a note"with a tail'], 3, None, ["malformed", "double quotes"]),
}


@pytest.mark.parametrize("rows, line, column, fragments", ROW_CASES.values(), ids=ROW_CASES.keys())
def test_row_problem_names_line_and_column(rows, line, column, fragments):
    _assert_one(_error(_text(*rows)), line, column, *fragments)


@pytest.mark.parametrize("kind", ["dock", "berth", "undock", "unberth", "relocate"])
def test_port_required_where_the_vehicle_is_at_a_port(kind):
    end = "2021-09-28T13:04:00Z" if kind == "relocate" else ""
    from_port = "rassvet-nadir" if kind == "relocate" else ""
    row = f"Cygnus NG-16,cygnus,{kind},2021-09-28T12:21:00Z,{end},,{from_port},,,"
    _assert_one(_error(_text(row)), 2, "port", f"a {kind} row needs", "known ports: rassvet-nadir")


def test_the_example_message_reads_like_a_sentence():
    err = _error(_text(LAUNCH, DOCK.replace("2021-10-05T12:22:31Z", "2021-13-01")))
    assert str(err) == "events.csv, line 3, column utc: '2021-13-01' is not a UTC time like 2021-10-05T08:55:02Z"
    assert isinstance(err, ValueError)


HEADER_CASES = {
    "missing column": (HEADER.replace(",note", ""), "note", ["missing from the header", HEADER]),
    "many missing columns": ("vehicle,utc", "vehicle_type", ["lacks the columns vehicle_type, event, end_utc"]),
    "unknown column": (HEADER.replace("vehicle,", "vehicel,vehicle,", 1), "vehicel",
                       ["'vehicel' is not a traffic CSV column", HEADER]),
    "duplicate column": (HEADER + ",crew", "crew", ["appears twice"]),
    "trailing comma": (HEADER + ",", "11", ["column 11 has no name (a stray comma?)"]),
}


@pytest.mark.parametrize("header, column, fragments", HEADER_CASES.values(), ids=HEADER_CASES.keys())
def test_header_problems(header, column, fragments):
    _assert_one(_error(header + "\n" + LAUNCH + "\n"), 1, column, *fragments)


def test_header_in_another_order_and_case_is_accepted():
    shuffled = list(reversed(COLUMNS))
    row = dict(zip(COLUMNS, LAUNCH.split(",")))
    text = ",".join(c.upper() for c in shuffled) + "\n" + ",".join(row[c] for c in shuffled) + "\n"
    project = parse_traffic_csv(text)
    assert project.missions[0].events[0].kind is EventKind.LAUNCH


def test_empty_file():
    _assert_one(_error(""), 1, None, "the file is empty", HEADER)
    _assert_one(_error("\n\n  \n"), 1, None, "the file is empty")


def test_header_only_is_an_empty_plan():
    project = parse_traffic_csv(HEADER + "\n")
    assert project.missions == [] and project.people == []


def test_bytes_that_are_not_utf8_are_reported_at_their_cell():
    data = _text(LAUNCH, DOCK).encode("utf-8") + "Soyuz MS-19,soyuz-ms,land,2022-03-30T11:28:00Z,,,,,atterrissage prévu,\n".encode("latin-1")
    _assert_one(_error(data), 4, "note", "byte 0xE9", "not UTF-8", "save the file as UTF-8")


def test_byte_order_mark_is_accepted():
    for data in ("\ufeff" + _text(LAUNCH), ("\ufeff" + _text(LAUNCH)).encode("utf-8")):
        project = parse_traffic_csv(data)
        assert project.missions[0].name == "Soyuz MS-19"


def test_blank_lines_are_skipped_and_lines_still_counted():
    text = "\n" + HEADER + "\n\n" + LAUNCH + "\n" + ",,,,,,,,,\n\n" + DOCK.replace("rassvet-nadir", "nowhere") + "\n\n"
    _assert_one(_error(text), 7, "port", "'nowhere'")
    project = parse_traffic_csv(text.replace("nowhere", "rassvet-nadir"))
    assert [e.kind for e in project.missions[0].events] == [EventKind.LAUNCH, EventKind.DOCK]


def test_line_numbers_count_the_lines_inside_quoted_notes():
    note = '"a note\nover three lines,\nwith commas"'
    text = _text(LAUNCH[:-1] + note + ",", DOCK.replace(",dock,", ",dok,"))
    _assert_one(_error(text), 5, "event", "'dok'")


def test_windows_line_ends():
    text = _text(LAUNCH, DOCK).replace("\n", "\r\n")
    assert len(parse_traffic_csv(text).missions[0].events) == 2
    _assert_one(_error(text.replace(",dock,", ",dok,")), 3, "event")


def test_size_limit():
    text = _text(LAUNCH, DOCK)
    _assert_one(_error(text, max_bytes=100), None, None, f"events.csv: the file is {len(text)} bytes, more than the 100")
    assert parse_traffic_csv(text, max_bytes=len(text)).missions


def test_size_limit_of_a_file(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(_text(LAUNCH, DOCK), encoding="utf-8")
    with pytest.raises(TrafficCsvError) as info:
        read_traffic_csv(path, max_bytes=50)
    assert info.value.path == str(path) and info.value.line is None
    assert "more than the 50 a traffic CSV may have" in str(info.value)


def test_default_size_limit_refuses_a_huge_file(tmp_path):
    from planner.traffic import MAX_TRAFFIC_BYTES

    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: no need to write megabytes
        handle.truncate(MAX_TRAFFIC_BYTES + 1)
    with pytest.raises(TrafficCsvError, match="more than the"):
        read_traffic_csv(path)


def test_many_problems_are_reported_together_up_to_twenty():
    rows = [DOCK.replace("rassvet-nadir", f"port-{n}") for n in range(30)]
    err = _error(_text(*rows))
    assert len(err.problems) == 20
    assert (err.line, err.column) == (2, "port")
    assert [p.line for p in err.problems] == list(range(2, 22))
    lines = str(err).splitlines()
    assert lines[0].startswith("events.csv, line 2, column port: 'port-0' is not a port")
    assert lines[19].startswith("events.csv, line 21, column port: 'port-19'")
    assert lines[20] == "... and 10 more problems not shown"


def test_several_problems_in_one_row_are_all_reported():
    err = _error(_text("Soyuz MS-19,soyuz,docking,2021-13-01,,,,,,"))
    assert [(p.line, p.column) for p in err.problems] == [(2, "vehicle_type"), (2, "event"), (2, "utc")]


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(TrafficCsvError, match=r"missing\.csv: the file cannot be read \(No such file or directory\)"):
        read_traffic_csv(tmp_path / "missing.csv")
    with pytest.raises(TrafficCsvError, match="is a folder"):
        read_traffic_csv(tmp_path)


def test_file_errors_name_the_file(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(_text(LAUNCH, DOCK.replace("2021-10-05T12:22:31Z", "2021-13-01")), encoding="utf-8")
    with pytest.raises(TrafficCsvError) as info:
        read_traffic_csv(path)
    assert str(info.value).startswith(f"{path}, line 3, column utc: '2021-13-01'")
    assert (info.value.path, info.value.line, info.value.column) == (str(path), 3, "utc")


def test_schedule_clashes_are_not_import_errors():
    # Two vehicles at one port at once, a dock before the launch, an undock without a dock, a relocation
    # to a port that no longer exists, a Soyuz at a berthing port: all findings for the rules, not the importer.
    text = _text(
        DOCK,
        DOCK.replace("Soyuz MS-19", "Soyuz MS-18"),
        LAUNCH.replace("2021-10-05T08:55:02Z", "2021-10-06T00:00:00Z"),
        "Progress MS-16,progress-ms,undock,2021-07-26T10:55:33Z,,pirs-nadir,,,,",
        "Progress MS-16,progress-ms,relocate,2021-08-01T00:00:00Z,2021-08-01T00:00:00Z,pirs-nadir,poisk-zenith,,,",
        "Soyuz MS-20,soyuz-ms,dock,2021-12-08T13:40:42Z,,harmony-nadir,,,,",
    )
    project = parse_traffic_csv(text)
    assert len(project.missions) == 4
    ms19 = next(m for m in project.missions if m.name == "Soyuz MS-19")
    assert [e.kind for e in ms19.events] == [EventKind.DOCK, EventKind.LAUNCH]


NOT_TRAFFIC_CASES = {
    "UTF-16 (Excel's Unicode Text)": (_text(LAUNCH).encode("utf-16"), "UTF-16 text"),
    "UTF-16 without a byte-order mark": (_text(LAUNCH).encode("utf-16-le"), "NUL bytes"),
    "semicolons": (_text(LAUNCH).replace(",", ";").encode("utf-8"), "separated by semicolons, not commas"),
    "tabs": (_text(LAUNCH).replace(",", "\t"), "separated by tabs, not commas"),
    "a project file": ('{"format": "planner-project", "schema": 1, "missions": []}\n', "not a traffic CSV"),
}


@pytest.mark.parametrize("data, fragment", NOT_TRAFFIC_CASES.values(), ids=NOT_TRAFFIC_CASES.keys())
def test_a_file_that_is_no_comma_separated_utf8_csv_is_named_so_in_one_sentence(data, fragment):
    _assert_one(_error(data), 1, None, fragment)


@pytest.mark.parametrize("row", [2, 30, 400])
def test_a_nul_byte_anywhere_in_the_file_is_refused_at_its_line(tmp_path, row):
    # Once only the first 4 KiB were looked at: a NUL further on went into a vehicle's name.
    rows = [LAUNCH.replace("Soyuz MS-19", f"Soyuz MS-{n}") for n in range(500)]
    rows[row - 2] = rows[row - 2].replace("Soyuz", "Soy\x00uz")
    data = _text(*rows).encode("utf-8")
    assert (data.index(b"\x00") > 4096) == (row > 30)
    _assert_one(_error(data), row, None, "this line holds a NUL byte", "save it again as UTF-8")
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    with pytest.raises(TrafficCsvError) as info:
        read_traffic_csv(path)
    assert (info.value.path, info.value.line) == (str(path), row)
