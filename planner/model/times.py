"""UTC instants as the project writes them: ISO 8601 with a trailing ``Z``."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

UTC = timezone.utc

# Strict on purpose: a planner's file must say UTC explicitly, never a local time.
_ISO_Z = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]00:00)$"
)


class TimeFormatError(ValueError):
    """A text that is not an ISO 8601 UTC instant; the message says why."""


def parse_utc(text: str) -> datetime:
    """Parse ``2021-10-05T08:55:02Z`` (seconds and fraction optional) into an aware UTC datetime."""
    if not isinstance(text, str):
        raise TimeFormatError(f"expected a UTC time text, got {type(text).__name__}")
    # Fast path for the canonical form the project writes (loading 100,000 activities stays quick).
    if (len(text) == 20 and text[19] == "Z" and text[10] == "T" and text[4] == "-" and text[7] == "-"
            and text[:4].isdigit()):
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if 1900 <= when.year <= 2200:
                return when
    m = _ISO_Z.match(text.strip())
    if not m:
        raise TimeFormatError(f"'{text}' is not a UTC time like 2021-10-05T08:55:02Z")
    year, month, day, hour, minute = (int(g) for g in m.groups()[:5])
    second = int(m.group(6) or 0)
    frac = m.group(7) or ""
    micro = int((frac + "000000")[:6]) if frac else 0
    if not 1900 <= year <= 2200:
        raise TimeFormatError(f"'{text}': year {year} is outside 1900-2200")
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)
    except ValueError as exc:
        raise TimeFormatError(f"'{text}' is not a real date or time ({exc})") from None


def format_utc(when: datetime) -> str:
    """Write an aware datetime as ``YYYY-MM-DDTHH:MM:SSZ`` (with a fraction only when it has one)."""
    if when.tzinfo is None:
        raise ValueError("naive datetime: planner times are always UTC-aware")
    when = when.astimezone(UTC)
    text = when.strftime("%Y-%m-%dT%H:%M:%S")
    if when.microsecond:
        text += f".{when.microsecond:06d}".rstrip("0")
    return text + "Z"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: float = 0.0) -> datetime:
    """Build an aware UTC datetime; ``second`` may carry a fraction."""
    whole = int(second)
    return datetime(year, month, day, hour, minute, whole, tzinfo=UTC) + timedelta(seconds=second - whole)


def to_epoch(when: datetime) -> float:
    """Seconds since 1970-01-01 UTC, the number the rules and the timeline compute with."""
    return when.timestamp()


def from_epoch(seconds: float) -> datetime:
    """Inverse of :func:`to_epoch`."""
    return datetime.fromtimestamp(seconds, UTC)


_TYPED_ZONE = re.compile(r"\s*(?:UTC|Z)\s*$", re.IGNORECASE)


def format_typed_utc(when: datetime) -> str:
    """An instant as a date field shows it for typing over: ``2021-10-05 12:22:31 UTC`` (milliseconds only
    when it has some, so what is shown is the instant itself)."""
    when = when.astimezone(UTC)
    text = when.strftime("%Y-%m-%d %H:%M:%S")
    if when.microsecond:
        text += f".{when.microsecond // 1000:03d}"
    return text + " UTC"


def parse_typed_utc(text: str) -> datetime:
    """An instant as a user types or pastes it: ``2021-10-25 10:00``, ``2021-10-25 10:00:00 UTC``,
    ``2021-10-25T10:00:00Z``; TimeFormatError saying what is wrong otherwise (a date alone is refused:
    it would silently mean midnight)."""
    bare = _TYPED_ZONE.sub("", text).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", bare):
        raise TimeFormatError(f"'{text.strip()}' has no time of day: type it too, e.g. {bare} 10:00")
    try:
        return parse_utc(bare + "Z")
    except TimeFormatError as exc:
        message = str(exc).replace(f"'{bare}Z'", f"'{text.strip()}'").replace("2021-10-05T08:55:02Z",
                                                                              "2021-10-05 08:55:02 UTC")
        raise TimeFormatError(message) from None
