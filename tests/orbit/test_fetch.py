"""Downloading the station's current element set (planner.orbit.fetch) from a local server, never the internet:
OMM JSON and TLE text read as the files are, redirects followed, and every failure one sentence."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime, timezone

import pytest

from planner.model import ElementFormat
from planner.orbit import read_elements, validate_element_set
from planner.orbit.fetch import (DEFAULT_SOURCE, FetchCancelled, FetchError, describe, fetch_element_set,
                                 kept_already)
from planner.store import project_from_json, project_to_json
from planner.model import Project

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=timezone.utc)


def _same_elements(a, b):
    """Two sets fly the same orbit: sgp4's own numbers of each, to the digits a TLE holds."""
    sa, sb = validate_element_set(a), validate_element_set(b)
    assert sa.satnum == sb.satnum
    assert sa.jdsatepoch + sa.jdsatepochF == pytest.approx(sb.jdsatepoch + sb.jdsatepochF, abs=1e-9)
    for field in ("no_kozai", "ecco", "inclo", "nodeo", "argpo", "mo", "bstar"):
        assert getattr(sa, field) == pytest.approx(getattr(sb, field), rel=1e-9, abs=1e-12), field


def test_the_default_source_is_celestraks_omm_json_of_the_iss():
    assert DEFAULT_SOURCE == "https://celestrak.org/NORAD/elements/gp.php?CATNR=25544&FORMAT=json"


def test_omm_json_is_the_files_set_with_its_source_and_fetch_time(element_server, data_dir):
    url = element_server.url("/omm.json")
    got = fetch_element_set(url, timeout=5, now=NOW)
    (from_file,) = read_elements(data_dir / "iss-2021-10-15.tle")
    assert got.format is ElementFormat.OMM_JSON and got.norad_id == 25544 and got.name == "ISS (ZARYA)"
    assert abs((got.epoch - from_file.epoch).total_seconds()) < 1e-6
    _same_elements(got, from_file)
    assert got.source == url and got.fetched == NOW
    assert describe(got) == "ISS (ZARYA) (25544), epoch 2021-10-15T16:50:04Z"


def test_tle_text_is_read_too(element_server, data_dir):
    got = fetch_element_set(element_server.url("/iss.tle"), timeout=5)
    (from_file,) = read_elements(data_dir / "iss-2021-10-15.tle")
    assert got.format is ElementFormat.TLE and got.text == from_file.text and got.epoch == from_file.epoch
    assert got.fetched is not None and abs((datetime.now(timezone.utc) - got.fetched).total_seconds()) < 60


def test_a_redirect_is_followed(element_server):
    got = fetch_element_set(element_server.url("/moved"), timeout=5)
    assert got.norad_id == 25544 and element_server.hits == ["/moved", "/omm.json"]
    assert got.source == element_server.url("/moved")  # the address asked for, to ask again next time


def test_the_fetch_time_and_source_survive_save_and_load(element_server):
    got = fetch_element_set(element_server.url("/omm.json"), timeout=5, now=NOW)
    text = project_to_json(Project(element_sets=[got]))
    assert '"fetched": "2026-12-02T09:30:00Z"' in text
    (back,) = project_from_json(text).element_sets
    assert back.fetched == NOW and back.source == got.source and back == got
    old = project_from_json(project_to_json(Project(element_sets=[back.__class__(
        id="x", format=got.format, text=got.text, epoch=got.epoch)])))
    assert old.element_sets[0].fetched is None and '"fetched"' not in project_to_json(old)


@pytest.mark.parametrize("path, words", [
    ("/garbage", "is not element sets"),
    ("/empty", "is empty"),
    ("/page", "is a web page, not element sets"),
    ("/other.tle", "holds element sets of 25545 OTHER SAT, not of satellite 25544"),
    ("/nowhere", "answered HTTP 404 Not Found"),
    ("/loop", "redirects in a loop or too many times (HTTP 302)"),
])
def test_each_bad_answer_is_one_sentence_naming_the_address(element_server, path, words):
    url = element_server.url(path)
    with pytest.raises(FetchError) as caught:
        fetch_element_set(url, timeout=5)
    message = str(caught.value)
    assert words in message and url in message and "\n" not in message, message


def test_a_server_that_never_answers_is_given_up_at_the_timeout(element_server):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer from 127\.0\.0\.1:\d+ within 0\.5 s"):
        fetch_element_set(element_server.url("/hang"), timeout=0.5)
    assert time.monotonic() - started < 10  # not the server's 60 s: a generous bound, not a timing test


def test_a_refused_connection_and_an_unknown_host_say_so():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="refused the connection"):
        fetch_element_set(f"http://127.0.0.1:{port}/gp", timeout=5)
    with pytest.raises(FetchError, match="is not a web address"):
        fetch_element_set("ftp://example.invalid/iss.tle", timeout=5)
    with pytest.raises(FetchError, match="is not a web address"):
        fetch_element_set("celestrak.org", timeout=5)


@pytest.mark.parametrize("url, words", [
    ("http://[::1/gp", "(Invalid IPv6 URL)"),
    ("http://127.0.0.1:99999/gp", "(its port must be a whole number up to 65535)"),
    ("http://127.0.0.1:x/gp", "(its port must be a whole number up to 65535)"),
    ("http://127.0.0.1/g p", ": it holds a space or a line break"),
])
def test_an_address_that_cannot_be_one_is_said_before_any_connection(url, words):
    with pytest.raises(FetchError) as caught:
        fetch_element_set(url, timeout=5)
    assert str(caught.value).startswith(f"'{url}' is not a web address") and words in str(caught.value)


def test_a_trickling_answer_is_given_up_at_the_timeout_too():
    """The timeout bounds the whole download: a byte every 0.2 s keeps each wait short but never ends."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def trickle():
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
            while not stop.is_set():
                try:
                    conn.sendall(b"x")
                except OSError:
                    return
                time.sleep(0.2)

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    try:
        with pytest.raises(FetchError, match="took longer than 1 s"):
            fetch_element_set(f"http://127.0.0.1:{server.getsockname()[1]}/", timeout=1)
    finally:
        stop.set()
        thread.join(10)
        server.close()


def test_cancel_between_pieces_and_progress(element_server):
    seen = []
    fetch_element_set(element_server.url("/omm.json"), timeout=5, progress=lambda n, total: seen.append((n, total)))
    size = len(element_server.omm_json.encode())
    assert seen and seen[-1] == (size, size)
    with pytest.raises(FetchCancelled, match="cancelled"):
        fetch_element_set(element_server.url("/omm.json"), timeout=5, cancelled=lambda: True)


def test_a_set_already_kept_is_found_by_satellite_and_epoch(element_server, data_dir):
    (from_file,) = read_elements(data_dir / "iss-2021-10-15.tle")
    got = fetch_element_set(element_server.url("/omm.json"), timeout=5)
    assert kept_already([from_file], got) is from_file  # the same set in another form
    assert kept_already([], got) is None
    from_file.id, from_file.epoch = "renamed", from_file.epoch.replace(microsecond=0)
    assert kept_already([from_file], got) is None


def test_a_host_that_cannot_be_found_says_so(monkeypatch):
    """No network, or a wrong name: the resolver's failure (stood in for here: the test asks no resolver)."""
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError) as caught:
        fetch_element_set("https://celestrak.example/gp.php?CATNR=25544&FORMAT=json", timeout=5)
    assert str(caught.value) == "cannot find the server celestrak.example (no network, or a wrong address)"
