"""People who fly to the station."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(slots=True, eq=True)
class Person:
    """Someone aboard at some time: crew, spaceflight participant, film crew."""

    id: str
    name: str
    role: str = ""  # e.g. commander, flight engineer, actress, director, spaceflight participant
    agency: str = ""  # e.g. Roscosmos, NASA, JAXA, ESA, private
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def slug(text: str) -> str:
    """An id made from a name: lower case ASCII words joined by hyphens ('Yulia Peresild' -> 'yulia-peresild')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words) or "unnamed"


def unique_slug(text: str, taken: set[str] | dict) -> str:
    """:func:`slug`, with ``-2``, ``-3`` ... appended while the id is taken."""
    base = slug(text)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
