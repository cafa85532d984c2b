"""Fresh element sets, only when asked: the station's current element set downloaded from an address.

The default source is CelesTrak's GP interface for the ISS as OMM JSON; any address that serves OMM JSON,
CSV or XML, or TLE text, works (the form is told from the text, and the readers of :mod:`elements` read it).
Nothing here runs on its own: ``planner update-elements`` and Element Sets > Update From Source… call it.

Every failure is a :class:`FetchError` whose message is one sentence saying why (no network, refused, no
answer within the timeout, an HTTP error, an answer that is no element set or another satellite's); the
caller changes nothing then. The timeout bounds the whole download, not only each wait for the network.

    element_set = fetch_element_set(DEFAULT_SOURCE, timeout=20)
    if kept_already(project.element_sets, element_set) is None:
        project.element_sets.append(element_set)
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta
from typing import Callable, Iterable

from planner import __version__
from planner.model.elements import ElementSet
from planner.model.times import UTC, format_utc
from planner.orbit.elements import ISS_NORAD_ID, MAX_FILE_BYTES, parse_elements
from planner.orbit.errors import ElementSetError

#: CelesTrak's current element set of the ISS (catalogue number 25544), as OMM JSON.
DEFAULT_SOURCE = f"https://celestrak.org/NORAD/elements/gp.php?CATNR={ISS_NORAD_ID}&FORMAT=json"
#: Seconds a whole download may take before it is given up.
DEFAULT_TIMEOUT_S = 20.0
#: The largest answer read (the same bound as an element set file).
MAX_BYTES = MAX_FILE_BYTES
_CHUNK = 64 * 1024
_SAME_EPOCH = timedelta(milliseconds=1)
_USER_AGENT = f"iss-planner/{__version__} (Python urllib)"

#: ``progress(received_bytes, total_bytes_or_None)``, called as the answer comes in.
Progress = Callable[[int, "int | None"], None]


class FetchError(Exception):
    """A download that gave no usable element set; the message is one sentence saying why."""


class FetchCancelled(FetchError):
    """The caller asked to stop the download."""


def fetch_element_set(source: str = DEFAULT_SOURCE, timeout: float = DEFAULT_TIMEOUT_S,
                      norad_id: int = ISS_NORAD_ID, *, progress: Progress | None = None,
                      cancelled: Callable[[], bool] | None = None, now: datetime | None = None) -> ElementSet:
    """The newest element set of satellite ``norad_id`` that ``source`` serves, with its source and fetch time.

    ``cancelled`` is asked between pieces of the answer (:class:`FetchCancelled` when it says yes);
    ``now`` is the fetch time to record (default: the clock, to the second).
    """
    text = download_text(source, timeout, progress=progress, cancelled=cancelled)
    fetched = now or datetime.now(UTC).replace(microsecond=0)
    return element_set_from_answer(text, source, norad_id, fetched)


def download_text(url: str, timeout: float = DEFAULT_TIMEOUT_S, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> str:
    """The text ``url`` answers with (redirects followed), within ``timeout`` seconds in all."""
    _check_address(url)
    if not timeout > 0:
        raise FetchError(f"the timeout must be more than 0 seconds, not {timeout:g}")
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            data = _read(answer, url, deadline, timeout, progress, cancelled)
            charset = answer.headers.get_content_charset() or "utf-8"
            kind = answer.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the answer's connection
        if 300 <= exc.code < 400:  # urllib gave up following (a loop, or too many): its reason is a paragraph
            raise FetchError(f"{url} redirects in a loop or too many times (HTTP {exc.code}): check the "
                             "address") from None
        reason = f" {_short(exc.reason)}" if exc.reason else ""
        raise FetchError(f"the server answered HTTP {exc.code}{reason} for {url}") from None
    except urllib.error.URLError as exc:
        raise FetchError(_network_problem(exc.reason, url, timeout)) from None
    except http.client.IncompleteRead as exc:
        raise FetchError(f"the download from {url} broke off after {len(exc.partial):,} bytes") from None
    except http.client.RemoteDisconnected as exc:  # also an HTTPException: the server hung up, said nothing
        raise FetchError(_network_problem(exc, url, timeout)) from None
    except http.client.HTTPException as exc:
        raise FetchError(f"the answer from {url} is not HTTP ({type(exc).__name__})") from None
    except OSError as exc:  # a timeout or a reset while the answer comes in
        raise FetchError(_network_problem(exc, url, timeout)) from None
    if kind == "text/html" or data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise FetchError(f"the answer from {url} is a web page, not element sets: check the address")
    return _decode(data, charset, url)


def element_set_from_answer(text: str, source: str, norad_id: int = ISS_NORAD_ID,
                            fetched: datetime | None = None) -> ElementSet:
    """The newest set of satellite ``norad_id`` in a downloaded answer, marked with its source and fetch time."""
    if not text.strip():
        raise FetchError(f"the answer from {source} is empty: it holds no element sets")
    try:
        sets = parse_elements(text)
    except ElementSetError as exc:
        raise FetchError(f"the answer from {source} is not element sets ({_short(str(exc))})") from None
    ours = [s for s in sets if s.norad_id == norad_id]
    if not ours:
        others = sorted({f"{s.norad_id} {s.name}".strip() for s in sets})
        shown = ", ".join(others[:3]) + (", ..." if len(others) > 3 else "")
        raise FetchError(f"the answer from {source} holds element sets of {shown}, not of satellite {norad_id}")
    newest = max(ours, key=lambda s: s.epoch)
    newest.source = source
    newest.fetched = fetched
    return newest


def kept_already(sets: Iterable[ElementSet], new: ElementSet) -> ElementSet | None:
    """The set among ``sets`` that is ``new`` (the same id, or the same satellite at the same epoch: to the
    millisecond, as a project file may round it), or None."""
    for kept in sets:
        if kept.id == new.id or (kept.norad_id in (new.norad_id, None)
                                 and abs(kept.epoch - new.epoch) <= _SAME_EPOCH):
            return kept
    return None


def describe(element_set: ElementSet) -> str:
    """``ISS (ZARYA) (25544), epoch 2021-10-15T16:50:04Z``: a set in the words the CLI and the app print."""
    name = f"{element_set.name} ({element_set.norad_id})" if element_set.name else f"satellite {element_set.norad_id}"
    return f"{name}, epoch {format_utc(element_set.epoch.replace(microsecond=0))}"


# --- the pieces --------------------------------------------------------------------------------------

def _check_address(url: str) -> None:
    shown = f"'{str(url)[:80]}' is not a web address"
    try:
        parts = urllib.parse.urlsplit(url.strip()) if isinstance(url, str) else None
        if parts is not None:
            _ = parts.port  # raises for a port out of range or not a number
    except ValueError as exc:  # '[::1' (an unclosed IPv6 host), ':99999', ':x'
        why = "its port must be a whole number up to 65535" if "port" in str(exc).lower() else _short(str(exc))
        raise FetchError(f"{shown} ({why})") from None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError(f"{shown} (it should start with https:// or http://)")
    if any(c.isspace() or ord(c) < 32 for c in url.strip()):
        raise FetchError(f"{shown}: it holds a space or a line break (spaces in an address are written %20)")


def _read(answer, url: str, deadline: float, timeout: float, progress, cancelled) -> bytes:
    length = answer.headers.get("Content-Length")
    total = int(length) if length and length.isdigit() else None
    if total is not None and total > MAX_BYTES:
        raise FetchError(f"the answer from {url} is {total:,} bytes, too large for element sets")
    pieces, received = [], 0
    while True:
        if cancelled is not None and cancelled():
            raise FetchCancelled("the download was cancelled")
        if time.monotonic() > deadline:
            raise FetchError(f"the download from {url} took longer than {timeout:g} s: try again, or give a "
                             "longer timeout")
        piece = answer.read1(_CHUNK) if hasattr(answer, "read1") else answer.read(_CHUNK)
        if not piece:
            break
        pieces.append(piece)
        received += len(piece)
        if received > MAX_BYTES:
            raise FetchError(f"the answer from {url} is larger than {MAX_BYTES // 2**20} MiB, too large for "
                             "element sets")
        if progress is not None:
            progress(received, total)
    return b"".join(pieces)


def _decode(data: bytes, charset: str, url: str) -> str:
    try:
        return data.decode("utf-8-sig" if charset.lower().replace("_", "-") in ("utf-8", "utf8") else charset)
    except LookupError:
        raise FetchError(f"the answer from {url} is in an unknown text encoding '{charset[:40]}'") from None
    except UnicodeDecodeError as exc:
        raise FetchError(f"the answer from {url} is not text (byte {exc.start} is not {charset})") from None


def _network_problem(reason, url: str, timeout: float) -> str:
    """One sentence for a failure to reach ``url`` or to hear from it."""
    host = urllib.parse.urlsplit(url).netloc
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return f"no answer from {host} within {timeout:g} s: try again later, or give a longer timeout"
    if isinstance(reason, socket.gaierror):
        return f"cannot find the server {host} (no network, or a wrong address)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection (no server there, or it is down)"
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError)):
        return f"{host} closed the connection before answering"
    if isinstance(reason, ssl.SSLError):
        return f"no secure connection to {host} ({_short(getattr(reason, 'reason', None) or str(reason))})"
    if isinstance(reason, OSError):
        return f"cannot reach {host} ({_short(reason.strerror or str(reason))})"
    return f"cannot reach {host} ({_short(str(reason))})"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
