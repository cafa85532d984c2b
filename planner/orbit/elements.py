"""Reading element sets: TLE (2- and 3-line) and CCSDS OMM as CelesTrak writes it (JSON, CSV, XML).

Every reader ends in the same check (:func:`planner.orbit.checks.check_elements`): a set comes out of
``parse_elements`` only if each field is a finite number in its physical range and SGP4 flies it at its
epoch. ``validate_element_set`` runs that check again on a set kept elsewhere (a project's).
"""

from __future__ import annotations

from pathlib import Path

from planner.model.elements import ElementFormat, ElementSet
from planner.orbit.checks import check_elements
from planner.orbit.errors import ElementSetError
from planner.orbit.omm import (OMM_REQUIRED, omm_elements, omm_fields, parse_omm_csv, parse_omm_json, parse_omm_xml,
                               raw_fields)
from planner.orbit.tle import parse_tle, tle_checksum, tle_elements, tle_lines

#: The ISS's catalogue number, the satellite picked when a file holds several and none is named.
ISS_NORAD_ID = 25544
#: The largest element set file read (the whole public catalogue as OMM JSON is a fraction of this).
MAX_FILE_BYTES = 64 * 1024 * 1024

__all__ = ["ISS_NORAD_ID", "MAX_FILE_BYTES", "OMM_REQUIRED", "ElementSetError", "guess_format", "omm_fields",
           "parse_elements", "read_elements", "select_satellite", "tle_checksum", "validate_element_set"]


def parse_elements(text: str, source: str = "", fmt: ElementFormat | None = None) -> list[ElementSet]:
    """Parse element sets from text in any supported form (guessed from the text unless ``fmt`` is given).

    Raises ``ElementSetError`` naming the place (``source``, then the line, column, JSON path or record)
    for anything that is not a usable element set, and nothing else.
    """
    fmt = fmt or guess_format(text)
    parser = {
        ElementFormat.TLE: parse_tle,
        ElementFormat.OMM_JSON: parse_omm_json,
        ElementFormat.OMM_CSV: parse_omm_csv,
        ElementFormat.OMM_XML: parse_omm_xml,
    }[fmt]
    try:
        return parser(text, source)
    except RecursionError:  # a JSON or XML nest a thousand deep
        raise ElementSetError(f"{source + ': ' if source else ''}nested too deeply to be element sets") from None


def validate_element_set(element_set: ElementSet, place: str | None = None):
    """The sgp4 ``Satrec`` of a kept element set, after the same check every reader makes.

    ``ElementSetError`` names ``place`` (default: the set's id) and the field or problem.
    """
    where = place or f"element set {element_set.id}"
    if element_set.format == ElementFormat.TLE:
        line1, line2 = tle_lines(element_set)
        elements = tle_elements(line1, line2, 1, f"{where}: ")
    else:
        elements = omm_elements(raw_fields(element_set), where)
    return check_elements(elements)


def read_elements(path: str | Path) -> list[ElementSet]:
    """Read every element set of a file (TLE or OMM JSON/CSV/XML), its source being the file name."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ElementSetError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ElementSetError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB, too large for an element set file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ElementSetError(f"{path}: byte {exc.start} is not UTF-8 text") from None
    return parse_elements(text, str(path))


def guess_format(text: str) -> ElementFormat:
    """Tell TLE from OMM JSON, CSV or XML by the first characters that are not blank."""
    head = text.lstrip()
    if head.startswith(("[", "{")):
        return ElementFormat.OMM_JSON
    if head.startswith("<"):
        return ElementFormat.OMM_XML
    first = head.splitlines()[0] if head else ""
    if "," in first and "EPOCH" in first.upper():
        return ElementFormat.OMM_CSV
    return ElementFormat.TLE


def select_satellite(sets: list[ElementSet], sat: str | int | None = None) -> list[ElementSet]:
    """The sets of one satellite, by catalogue number or name (case-insensitive); the ISS when ``sat`` is None.

    With ``sat`` None and a single satellite in ``sets``, that satellite. Raises ``ElementSetError``
    naming the satellites there are when none matches.
    """
    if not sets:
        raise ElementSetError("no element sets to choose from")
    if sat is None:
        ids = {s.norad_id for s in sets}
        if len(ids) == 1:
            return list(sets)
        if ISS_NORAD_ID not in ids:
            names = ", ".join(sorted({f"{s.norad_id} {s.name}".strip() for s in sets})[:8])
            raise ElementSetError(f"{len(ids)} satellites and not the ISS: pick one by catalogue number or name "
                                  f"(there are: {names}{', ...' if len(ids) > 8 else ''})")
        sat = ISS_NORAD_ID
    text = str(sat).strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        number = int(text)
        found = [s for s in sets if s.norad_id == number]
    else:
        key = text.casefold()
        found = [s for s in sets if s.name.casefold() == key]
        if not found:  # "ISS" should find "ISS (ZARYA)"
            found = [s for s in sets if s.name.casefold().startswith(key + " ") or s.name.casefold() == key]
    if not found:
        known = ", ".join(sorted({f"{s.norad_id} {s.name}".strip() for s in sets})[:8])
        more = "" if len({s.norad_id for s in sets}) <= 8 else ", ..."
        raise ElementSetError(f"no satellite '{sat}' among the element sets (there are: {known}{more})")
    numbers = {s.norad_id for s in found}
    if len(numbers) > 1:
        raise ElementSetError(f"'{sat}' names several satellites ({', '.join(map(str, sorted(numbers)))}); "
                              "give the catalogue number")
    return found
