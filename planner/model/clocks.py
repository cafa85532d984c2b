"""The station's three clocks: GMT with its day of year (the station runs on GMT), Houston and Moscow.

Mission Control Houston keeps Central time with its daylight-saving changes (CDT, UTC-5, in summer; CST, UTC-6,
in winter); Moscow has kept UTC+3 all year since 2014. Both come from the IANA zone database (``zoneinfo``; the
``tzdata`` package on Windows), never from a fixed offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from planner.model.times import UTC

HOUSTON = "America/Chicago"
MOSCOW = "Europe/Moscow"


@dataclass(frozen=True, slots=True)
class StationClocks:
    """One instant on the three clocks, each as shown: ``gmt`` ``288/14:05``, ``houston`` ``09:05 CDT``, ``moscow``
    ``17:05``; a local clock on another calendar day than GMT says so (``21:05 CDT -1 d``)."""

    gmt: str
    houston: str
    moscow: str

    def text(self, sep: str = "  ") -> str:
        """``GMT 288/14:05  Houston 09:05 CDT  Moscow 17:05``."""
        return sep.join((f"GMT {self.gmt}", f"Houston {self.houston}", f"Moscow {self.moscow}"))


def day_of_year(when: datetime) -> int:
    """The GMT day of year of ``when``, 1 on 1 January."""
    return when.astimezone(UTC).timetuple().tm_yday


def clocks_at(when: datetime | float, seconds: bool = False) -> StationClocks:
    """``when`` (an aware datetime or epoch seconds) on the three clocks, to the minute (or the second)."""
    if not isinstance(when, datetime):
        when = datetime.fromtimestamp(float(when), UTC)
    gmt = when.astimezone(UTC)
    pattern = "%H:%M:%S" if seconds else "%H:%M"

    def local(zone: str, abbreviation: bool) -> str:
        there = gmt.astimezone(ZoneInfo(zone))
        text = there.strftime(pattern) + (f" {there.tzname()}" if abbreviation else "")
        days = (there.date() - gmt.date()).days
        return text + (f" {days:+d} d" if days else "")

    return StationClocks(f"{gmt.timetuple().tm_yday:03d}/{gmt.strftime(pattern)}", local(HOUSTON, True),
                         local(MOSCOW, False))
