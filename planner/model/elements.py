"""Orbital element sets as the project keeps them: the text verbatim, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class ElementFormat(str, Enum):
    """The form the element set text is in."""

    TLE = "tle"  # two- or three-line element set
    OMM_JSON = "omm-json"  # CCSDS OMM, CelesTrak JSON
    OMM_CSV = "omm-csv"
    OMM_XML = "omm-xml"


@dataclass(slots=True, eq=True)
class ElementSet:
    """One satellite's elements at one epoch, the text kept exactly as imported."""

    id: str
    format: ElementFormat
    text: str
    epoch: datetime
    norad_id: int | None = None
    name: str = ""
    source: str = ""
    #: when the set was downloaded from ``source`` (Element Sets > Update From Source, ``planner update-elements``)
    fetched: datetime | None = None
    extra: dict = field(default_factory=dict, compare=False)
