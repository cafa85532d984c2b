"""Every element set is checked field by field and flown once at its epoch, whatever its form (issue 15, 7-8).

Each hostile case is refused with ElementSetError naming the file and the place, or read to the same orbit
as its plain twin; nothing else escapes.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from orbit_testkit import make_tle, utc

from planner.model.elements import ElementFormat
from planner.orbit import ElementSetError, Orbit, parse_elements, tle_checksum, validate_element_set

LINE1 = "1 25544U 98067A   21288.70144628  .00006635  00000-0  12985-3 0  9991"
LINE2 = "2 25544  51.6430 106.8285 0003768 107.2156 352.5939 15.48692786307278"
RECORD = {
    "OBJECT_NAME": "ISS (ZARYA)", "OBJECT_ID": "1998-067A", "EPOCH": "2021-10-15T16:50:04.958592",
    "MEAN_MOTION": 15.48692786, "ECCENTRICITY": 0.0003768, "INCLINATION": 51.643, "RA_OF_ASC_NODE": 106.8285,
    "ARG_OF_PERICENTER": 107.2156, "MEAN_ANOMALY": 352.5939, "EPHEMERIS_TYPE": 0, "CLASSIFICATION_TYPE": "U",
    "NORAD_CAT_ID": 25544, "ELEMENT_SET_NO": 999, "REV_AT_EPOCH": 30727, "BSTAR": 0.00012985,
    "MEAN_MOTION_DOT": 6.635e-05, "MEAN_MOTION_DDOT": 0,
}


def _with(line: str, column: int, char: str) -> str:
    """``line`` with its 1-based ``column`` replaced and the checksum made right again."""
    line = line[:column - 1] + char + line[column:]
    return line[:68] + str(tle_checksum(line))


def _tle(line1=LINE1, line2=LINE2) -> str:
    return f"ISS (ZARYA)\n{line1}\n{line2}\n"


def _positions(element_set) -> np.ndarray:
    t = element_set.epoch.timestamp() + np.arange(0.0, 6 * 3600.0, 600.0)
    return Orbit([element_set]).teme(t)[0]


@pytest.mark.parametrize("column, char, field", [
    (46, ".", "columns 45-52: second derivative of the mean motion ' .0000-0'"),
    (47, "e", "columns 45-52: second derivative of the mean motion ' 0e000-0'"),
    (56, ".", "columns 54-61: drag term B\\* ' 1.270-3'"),
    (59, "e", "columns 54-61: drag term B\\* ' 1027e-3'"),
    (36, "e", "columns 34-43: first derivative of the mean motion ' .e0006635'"),
])
def test_a_zero_turned_into_a_dot_or_e_keeps_the_checksum_but_not_the_format(column, char, field):
    plain = _with(LINE1[:53] + " 10270-3" + LINE1[61:], 69, "0")  # a B* with zeros in it
    parse_elements(_tle(plain))
    line1 = _with(plain, column, char)
    assert line1[68] == plain[68]  # the checksum cannot see it
    with pytest.raises(ElementSetError, match=rf"^iss.tle: line 2, {field} is not a number as the TLE writes it"):
        parse_elements(_tle(line1), "iss.tle")


@pytest.mark.parametrize("line, column, text, message", [
    (2, 9, "     nan", r"line 3, columns 9-16: inclination '     nan' is not a number"),
    (2, 9, "200.0000", r"line 3, columns 9-16: inclination 200.0000 is not an inclination \(0 to 180 degrees\)"),
    (2, 53, "00.00000010", r"line 3, columns 53-63: mean motion 00.00000010 .* beyond its reach"),
    (2, 53, "17.50000000", r"line 3, columns 53-63: mean motion 17.50000000 .* under the ground: not an orbit"),
    (2, 27, "9000000", r"line 3, columns 53-63: mean motion 15.48692786 with eccentricity 0.9 puts the perigee"),
    (1, 21, "366.50000000", r"line 2, columns 21-32: epoch day 366.50000000 is not a day of 2021"),
    (1, 54, " 50000+2", r"line 2, columns 54-61: drag term B\* 50000\+2 is not the drag term of a real object"),
    (2, 9, " 51.6４30", r"line 3, column 14: U\+FF14 is not a character a TLE holds"),
    (2, 17, "x", r"line 3, column 17: 'x' where the TLE has a blank between fields"),
])
def test_tle_fields_out_of_format_or_range_are_refused_naming_the_columns(line, column, text, message):
    lines = [LINE1, LINE2]
    changed = lines[line - 1]
    changed = changed[:column - 1] + text + changed[column - 1 + len(text):]
    lines[line - 1] = changed[:68] + str(tle_checksum(changed))
    with pytest.raises(ElementSetError, match="^iss.tle: " + message):
        parse_elements(_tle(*lines), "iss.tle")


def _json(**changes) -> str:
    record = dict(RECORD)
    record.update(changes)
    return json.dumps([{k: v for k, v in record.items() if v is not ...}])


@pytest.mark.parametrize("text, message", [
    (_json(MEAN_MOTION=float("nan")), r"\$\[0\]: MEAN_MOTION 'nan' is not a finite number"),
    (_json(MEAN_MOTION=float("inf")), r"\$\[0\]: MEAN_MOTION 'inf' is not a finite number"),
    (_json().replace("15.48692786", "1e999"), r"\$\[0\]: MEAN_MOTION 'inf' is not a finite number"),
    (_json(MEAN_MOTION="Infinity"), r"\$\[0\]: MEAN_MOTION 'Infinity' is not a number"),
    (_json(ECCENTRICITY=1.5), r"\$\[0\]: ECCENTRICITY 1.5 is not an eccentricity of a closed orbit"),
    (_json(ECCENTRICITY=-0.1), r"\$\[0\]: ECCENTRICITY -0.1 is not an eccentricity"),
    (_json(INCLINATION=-1), r"\$\[0\]: INCLINATION -1 is not an inclination"),
    (_json(BSTAR=True), r"\$\[0\]: BSTAR is true or false, not a number"),
    (_json(BSTAR=[1]), r"\$\[0\]: BSTAR is a list, not a number"),
    (_json(MEAN_ANOMALY="٣٥٢.٥٩٣٩"), r"\$\[0\]: MEAN_ANOMALY '٣٥٢.٥٩٣٩' is not a number"),
    (_json().replace("25544", "1" + "0" * 400), r"\$\[0\]: NORAD_CAT_ID a number is not a catalogue number"),
    (_json().replace("15.48692786", "1" + "0" * 400), r"\$\[0\]: MEAN_MOTION 'inf' is not a finite number"),
    (_json().replace("15.48692786", "1" * 5000), r"\$\[0\]: MEAN_MOTION 'inf' is not a finite number"),
    (_json(EPOCH=20211015), r"\$\[0\]: EPOCH a number is not a time"),
    (_json(EPOCH="1957-01-01T00:00:00"), r"\$\[0\]: epoch 1957-01-01 is before the first satellite"),
    (_json(NORAD_CAT_ID=0), r"\$\[0\]: catalogue number 0 is not within 1-999,999,999"),
    (_json(OBJECT_NAME={"a": 1}), r"\$\[0\]: OBJECT_NAME is an object, not a name"),
    (_json(OBJECT_NAME="ISS\u202e"), r"\$\[0\]: OBJECT_NAME: character 4 of the name is U\+202E"),
    ("[" * 100_000 + "]" * 100_000, r"the JSON is nested too deeply"),
    ('[{"EPOCH": "2021-10-15T16:50:04", "epoch": "2021-10-15T16:50:04"}]', r"\$\[0\]: the keyword EPOCH is given more "
                                                                           "than once"),
])
def test_hostile_omm_json_is_refused_naming_the_record(text, message):
    with pytest.raises(ElementSetError, match="^omm.json: " + message):
        parse_elements(text, "omm.json")


@pytest.mark.parametrize("classification", [5, None, [], {"x": 1}, "UU", ""])
def test_a_classification_that_is_not_one_letter_plays_no_part(classification):
    # sgp4's own OMM reader raised TypeError on these; the classification does not move the satellite.
    (plain,) = parse_elements(_json())
    (odd,) = parse_elements(_json(CLASSIFICATION_TYPE=classification))
    assert np.array_equal(_positions(odd), _positions(plain))


def test_catalogue_numbers_past_sgp4s_alpha_5_fly():
    (s,) = parse_elements(_json(NORAD_CAT_ID=123456789))
    assert s.norad_id == 123456789
    assert np.array_equal(_positions(s), _positions(parse_elements(_json())[0]))


def _csv(record=RECORD, newline="\n") -> str:
    header = ",".join(record)
    row = ",".join(f'"{v}"' if isinstance(v, str) and ("," in v or "\n" in v) else str(v) for v in record.values())
    return header + newline + row + newline


def test_omm_csv_with_carriage_returns_only_is_read_like_the_plain_one():
    (plain,) = parse_elements(_csv(), "omm.csv")
    (cr,) = parse_elements(_csv(newline="\r"), "omm.csv")
    assert cr.norad_id == 25544 and np.array_equal(_positions(cr), _positions(plain))


def test_omm_csv_cells_too_long_or_names_with_line_breaks_are_refused_naming_the_line():
    long_name = dict(RECORD, OBJECT_NAME="X" * 140_000)
    with pytest.raises(ElementSetError, match=r"^omm.csv: line 2: not readable as CSV \(field larger than field limit"):
        parse_elements(_csv(long_name), "omm.csv")
    broken = dict(RECORD, OBJECT_NAME="ISS\n(ZARYA)")
    with pytest.raises(ElementSetError, match=r"^omm.csv: line 2: OBJECT_NAME: character 4 of the name is U\+000A"):
        parse_elements(_csv(broken), "omm.csv")
    after = _csv(broken) + ",".join(str(v) for v in RECORD.values()) + "\n"
    with pytest.raises(ElementSetError, match=r"^omm.csv: line 2: "):  # the row's first line
        parse_elements(after, "omm.csv")


def test_omm_xml_fields_given_twice_with_two_values_are_refused():
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in RECORD.items())
    xml = f"<omm><body><segment><data>{fields}<BSTAR>0.5</BSTAR></data></segment></body></omm>"
    with pytest.raises(ElementSetError, match=r"^o.xml: <omm> number 1: <BSTAR> is given twice, '0.00012985' and '0.5'"):
        parse_elements(xml, "o.xml")


def test_each_segment_of_a_several_segment_omm_keeps_only_its_own_text():
    segment = "<segment><data>{}</data></segment>"
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in RECORD.items())
    other = fields.replace("<NORAD_CAT_ID>25544", "<NORAD_CAT_ID>25545")
    sets = parse_elements(f"<omm><body>{segment.format(fields)}{segment.format(other)}</body></omm>")
    assert [s.norad_id for s in sets] == [25544, 25545]
    for s in sets:  # a project keeps each set's text, which must read back to that one set
        assert [again.norad_id for again in parse_elements(s.text, fmt=ElementFormat.OMM_XML)] == [s.norad_id]


def test_sgp4_errors_at_the_epoch_are_refusals_naming_the_set():
    # A perigee grazing the ground: the fields' own checks pass (they size the orbit by Kepler's law),
    # SGP4's fuller model puts the satellite under the ground at the epoch.
    text = make_tle(40001, utc(2022, 1, 1), 124.1875, 239.7591, 0.0023693, 68.9024, 20.0113, 16.9639783,
                    bstar=" 00000-0")
    with pytest.raises(ElementSetError, match=r"^x.tle: line 1: SGP4 cannot fly these elements at their epoch "
                                              r"\(error 6: the orbit has decayed"):
        parse_elements(text, "x.tle")


def test_a_kept_set_is_checked_again_by_the_same_function():
    (s,) = parse_elements(_json())
    assert validate_element_set(s).satnum == 25544
    s.text = s.text.replace("0.0003768", "1.5")
    with pytest.raises(ElementSetError, match=r"^element set 25544@2021-10-15T16:50:04.958592Z: ECCENTRICITY 1.5"):
        validate_element_set(s)


def test_a_cell_holding_a_carriage_return_keeps_its_set_to_one_row():
    (s,) = parse_elements(_csv(dict(RECORD, OBJECT_NAME="\r")), "omm.csv")
    assert s.name == "" and [again.norad_id for again in parse_elements(s.text, fmt=ElementFormat.OMM_CSV)] == [25544]
    assert validate_element_set(s).satnum == 25544


def test_xml_declaring_entities_and_names_of_novel_length_are_refused():
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in RECORD.items())
    laughs = '<!DOCTYPE omm [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    with pytest.raises(ElementSetError, match=r"^o.xml: line 1: the XML declares a DOCTYPE, which OMM files do not$"):
        parse_elements(laughs + f"<omm><body><segment><data>{fields}</data></segment></body></omm>", "o.xml")
    with pytest.raises(ElementSetError, match=r"^omm.json: \$\[0\]: OBJECT_NAME: a name of 201 characters"):
        parse_elements(_json(OBJECT_NAME="x" * 201), "omm.json")


def test_a_kept_omm_json_set_may_be_a_list_of_one_as_celestrak_writes_it():
    (s,) = parse_elements(_json())
    s.text = "[" + s.text + "]"  # issue 15 item 9: the rules crashed on it ('list' object has no attribute 'items')
    assert np.array_equal(_positions(s), _positions(parse_elements(_json())[0]))
