"""Two- and three-line element sets: the lines, their checksums, and every column in the format the TLE defines.

The checksum counts digits only (a minus sign as 1), so a ``0`` turned into ``.`` or ``e`` keeps it right;
sgp4 then reads such a column without a word. Each column is therefore matched against its format here,
before sgp4 sees it.
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta

from planner.model.elements import ElementFormat, ElementSet
from planner.model.times import UTC, format_utc
from planner.orbit.checks import Elements, Field, check_elements, check_name
from planner.orbit.errors import ElementSetError

_ANGLE = r" *[0-9]{1,3}\.[0-9]{4}"
_EXPONENT = r"[-+ ][0-9]{5}[-+ ][0-9]"  # an assumed decimal point before the digits, then a power of ten
_COUNT = r" *[0-9]*"
_CATALOGUE = r" *[0-9]+|[A-HJ-NP-Z][0-9]{4}"  # Alpha-5 numbers start with a letter other than I and O
# (first column, last column (1-based, inclusive), name, format); columns between fields must be blank.
# (first column, last column (1-based, inclusive), name, format, an example of a number in that format);
# the columns between fields must be blank.
_LINE1 = (
    (1, 1, "line number", "1", None), (3, 7, "catalogue number", _CATALOGUE, "25544"),
    (8, 8, "classification", "[A-Z ]", None), (10, 17, "international designator", "[ -~]{8}", None),
    (19, 20, "epoch year", "[0-9]{2}", "21"), (21, 32, "epoch day", r" *[0-9]{1,3}\.[0-9]{8}", "288.70144628"),
    (34, 43, "first derivative of the mean motion", r"[-+ 0]\.[0-9]{8}", " .00006635"),
    (45, 52, "second derivative of the mean motion", _EXPONENT, " 00000-0"),
    (54, 61, "drag term B*", _EXPONENT, " 12985-3"), (63, 63, "ephemeris type", "[0-9 ]", "0"),
    (65, 68, "element set number", _COUNT, " 999"), (69, 69, "checksum", "[0-9]", "1"),
)
_LINE2 = (
    (1, 1, "line number", "2", None), (3, 7, "catalogue number", _CATALOGUE, "25544"),
    (9, 16, "inclination", _ANGLE, " 51.6430"), (18, 25, "right ascension of the node", _ANGLE, "106.8285"),
    (27, 33, "eccentricity", "[0-9]{7}", "0003768"), (35, 42, "argument of perigee", _ANGLE, "107.2156"),
    (44, 51, "mean anomaly", _ANGLE, "352.5939"), (53, 63, "mean motion", r" *[0-9]{1,2}\.[0-9]{8}", "15.48692786"),
    (64, 68, "revolution number", _COUNT, "30727"), (69, 69, "checksum", "[0-9]", "1"),
)
_FORMATS = {id(spec): [(a, b, name, re.compile(pattern, re.ASCII), example) for a, b, name, pattern, example in spec]
            for spec in (_LINE1, _LINE2)}


def tle_checksum(line: str) -> int:
    """The TLE checksum of a line's first 68 characters: the sum of its digits, minus signs counting 1, mod 10."""
    return sum(ord(c) - 48 if "0" <= c <= "9" else c == "-" for c in line[:68]) % 10


def parse_tle(text: str, source: str = "") -> list[ElementSet]:
    """Parse a file of 2-line or 3-line element sets (any number of satellites), every column checked."""
    where = f"{source}: " if source else ""
    lines = text.splitlines()
    sets: list[ElementSet] = []
    name, name_line, name_no = "", "", 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        number = i + 1
        if not line.strip():
            i += 1
            continue
        if line.startswith("1 "):
            if i + 1 >= len(lines) or not lines[i + 1].startswith("2 "):
                raise ElementSetError(f"{where}line {number + 1}: expected line 2 of the element set "
                                      f"begun on line {number} (a line starting with '2 ')")
            sets.append(tle_set(name, name_line, line, lines[i + 1].rstrip(), number, where, source))
            name, name_line, name_no = "", "", 0
            i += 2
            continue
        if line.startswith("2 "):
            raise ElementSetError(f"{where}line {number}: line 2 of an element set without its line 1")
        if name:
            raise ElementSetError(f"{where}line {number}: expected line 1 of the element set named "
                                  f"'{name}' on line {name_no} (a line starting with '1 ')")
        # A name line; Space-Track's 3LE form puts "0 " before the name.
        name = check_name(line[2:].strip() if line.startswith("0 ") else line.strip(), f"{where}line {number}")
        name_line, name_no = line, number
        i += 1
    if name:
        raise ElementSetError(f"{where}line {name_no + 1}: the file ends after the name '{name}'")
    if not sets:
        raise ElementSetError(f"{where}no element sets found (expected lines starting with '1 ' and '2 ')")
    return sets


def tle_set(name: str, name_line: str, line1: str, line2: str, no1: int, where: str, source: str) -> ElementSet:
    """One checked element set from its lines (``no1``: the number of line 1 in the file)."""
    elements = tle_elements(line1, line2, no1, where)
    sat = check_elements(elements)
    # The epoch as sgp4 holds it (to the microsecond the same as the columns say): ids stay as they were.
    epoch = _jd_to_datetime(sat.jdsatepoch, sat.jdsatepochF)
    text = "\n".join(([name_line] if name_line else []) + [line1, line2])
    return ElementSet(
        id=f"{elements.norad_id}@{format_utc(epoch)}", format=ElementFormat.TLE,
        text=text, epoch=epoch, norad_id=elements.norad_id, name=name, source=source,
    )


def tle_elements(line1: str, line2: str, no1: int, where: str) -> Elements:
    """The numbers of a pair of TLE lines, each column in its format; ``ElementSetError`` naming the column."""
    for line, no, spec in ((line1, no1, _LINE1), (line2, no1 + 1, _LINE2)):
        _check_line(line, no, spec, where)
    if line1[2:7] != line2[2:7]:
        raise ElementSetError(f"{where}line {no1 + 1}: catalogue number '{line2[2:7].strip()}' differs from "
                              f"line {no1}'s '{line1[2:7].strip()}'")
    year = int(line1[18:20])
    year += 1900 if year >= 57 else 2000
    day = float(line1[20:32])
    if not 1.0 <= day < 366.0 + calendar.isleap(year):
        raise ElementSetError(f"{where}line {no1}, columns 21-32: epoch day {line1[20:32].strip()} is not a day "
                              f"of {year}")

    def number(line: str, no: int, a: int, b: int, name: str, value: float) -> Field:
        return Field(f"{where}line {no}, columns {a}-{b}: {name}", line[a - 1:b], value)

    l1, l2 = no1, no1 + 1
    values = {
        "ndot": number(line1, l1, 34, 43, "first derivative of the mean motion", float(line1[33:43])),
        "nddot": number(line1, l1, 45, 52, "second derivative of the mean motion", _exponent(line1[44:52])),
        "bstar": number(line1, l1, 54, 61, "drag term B*", _exponent(line1[53:61])),
        "inclination": number(line2, l2, 9, 16, "inclination", float(line2[8:16])),
        "raan": number(line2, l2, 18, 25, "right ascension of the node", float(line2[17:25])),
        "eccentricity": number(line2, l2, 27, 33, "eccentricity", int(line2[26:33]) * 1e-7),
        "arg_perigee": number(line2, l2, 35, 42, "argument of perigee", float(line2[34:42])),
        "mean_anomaly": number(line2, l2, 44, 51, "mean anomaly", float(line2[43:51])),
        "mean_motion": number(line2, l2, 53, 63, "mean motion", float(line2[52:63])),
    }
    epoch = datetime(year, 1, 1, tzinfo=UTC) + timedelta(days=day - 1.0)
    return Elements(place=f"{where}line {no1}", epoch=epoch, norad_id=_catalogue(line1[2:7]), values=values,
                    tle_lines=(line1, line2))


def _check_line(line: str, no: int, spec, where: str) -> None:
    if len(line) != 69:
        extra = f" (extra text '{line[69:][:20]}')" if len(line) > 69 else ""
        raise ElementSetError(f"{where}line {no}: {len(line)} characters, a TLE line has 69{extra}")
    if not line.isascii():
        k = next(k for k, c in enumerate(line) if not c.isascii())
        raise ElementSetError(f"{where}line {no}, column {k + 1}: U+{ord(line[k]):04X} is not a character a TLE "
                              "holds")
    blank = set(range(1, 70))
    for a, b, name, pattern, example in _FORMATS[id(spec)]:
        piece = line[a - 1:b]
        blank -= set(range(a, b + 1))
        if not pattern.fullmatch(piece):
            place = f"column {a}" if a == b else f"columns {a}-{b}"
            what = (f"is not a number as the TLE writes it (like '{example}')" if example
                    else "is not in the TLE's format")
            raise ElementSetError(f"{where}line {no}, {place}: {name} '{piece}' {what}")
    for column in sorted(blank):
        if line[column - 1] != " ":
            raise ElementSetError(f"{where}line {no}, column {column}: '{line[column - 1]}' where the TLE has a "
                                  "blank between fields")
    expected = tle_checksum(line)
    if int(line[68]) != expected:
        raise ElementSetError(f"{where}line {no}: checksum mismatch: the line's digits add up to "
                              f"{expected} but its last digit says {line[68]}")


def _exponent(piece: str) -> float:
    """A TLE's ' 12985-3' (sign, five digits after an assumed point, power of ten) as a number."""
    mantissa = int(piece[1:6]) * 1e-5 * (-1.0 if piece[0] == "-" else 1.0)
    return mantissa * 10.0 ** (int(piece[7]) * (-1 if piece[6] == "-" else 1))


def _catalogue(piece: str) -> int:
    """A catalogue number, Alpha-5 ('A0000' is 100000; I and O are skipped) or digits."""
    piece = piece.strip()
    if piece[0].isdigit():
        return int(piece)
    letter = ord(piece[0]) - ord("A") - (piece[0] > "I") - (piece[0] > "O")
    return (10 + letter) * 10000 + int(piece[1:])


def _jd_to_datetime(jd: float, fraction: float) -> datetime:
    days = (jd - 2440587.5) + fraction
    whole = int(days // 1)
    micro = round((days - whole) * 86400e6)
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(days=whole, microseconds=micro)


def tle_lines(element_set: ElementSet) -> tuple[str, str]:
    """The two element lines of a TLE element set's text (the name line, if any, left out)."""
    lines = [line.rstrip() for line in element_set.text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise ElementSetError(f"element set {element_set.id}: the text holds no TLE lines")
    return lines[-2], lines[-1]
