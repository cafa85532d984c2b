"""The station's state machine against cases written by hand from DOMAIN.md and the real 2021 traffic
(tests/data/iss-traffic-2021h2.csv): a mission's events to its stays at ports, attached windows, dynamic
events, flights, crew moves and problems; a person's moves to their stays aboard; a person's lifeboat.

Every expected value below is copied from the facts (times as the traffic file gives them), never computed
by the code under test. The impossible sequences are the real flights with one row wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from planner.model import Event, EventKind, Mission
from planner.model.catalogue import load_station
from planner.station import (CrewMove, Flight, MissionTrack, PersonStay, derive_mission, derive_person,
                             lifeboat_pieces)

STATION = load_station("iss")
INF = math.inf


def when(text: str) -> datetime:
    """An ISO 8601 UTC time as the traffic file writes it."""
    return datetime.fromisoformat(text)


def sec(text: str | None) -> float:
    """Epoch seconds of an ISO time; None is an open end."""
    return INF if text is None else when(text).timestamp()


def row(kind: str, utc: str, port: str | None = None, crew: tuple[str, ...] = (), *, end: str | None = None,
        from_port: str | None = None) -> Event:
    """One traffic row (see DOMAIN.md, 'The traffic CSV format')."""
    return Event(EventKind(kind), when(utc), port=port, from_port=from_port,
                 end_utc=when(end) if end else None, crew=crew)


NOVITSKIY, DUBROV, VANDE_HEI = "Oleg Novitskiy", "Pyotr Dubrov", "Mark Vande Hei"
SHKAPLEROV, PERESILD, SHIPENKO = "Anton Shkaplerov", "Yulia Peresild", "Klim Shipenko"
KIMBROUGH, MCARTHUR, HOSHIDE, PESQUET = "Shane Kimbrough", "Megan McArthur", "Akihiko Hoshide", "Thomas Pesquet"
MISURKIN, MAEZAWA, HIRANO = "Alexander Misurkin", "Yusaku Maezawa", "Yozo Hirano"
MS18_UP = (NOVITSKIY, DUBROV, VANDE_HEI)
MS18_DOWN = (NOVITSKIY, PERESILD, SHIPENKO)  # the film crew came home on MS-18, not on the MS-19 they came on
MS19_UP = (SHKAPLEROV, PERESILD, SHIPENKO)
MS19_DOWN = (SHKAPLEROV, DUBROV, VANDE_HEI)
CREW2 = (KIMBROUGH, MCARTHUR, HOSHIDE, PESQUET)
MS20 = (MISURKIN, MAEZAWA, HIRANO)

# The real rows, one vehicle at a time.
MS18_DOCK = row("dock", "2021-04-09T11:05:07Z", "rassvet-nadir", MS18_UP)
MS18_RELOCATE = row("relocate", "2021-09-28T12:21:00Z", "nauka-nadir", MS18_UP, end="2021-09-28T13:04:00Z",
                    from_port="rassvet-nadir")
MS18_UNDOCK = row("undock", "2021-10-17T01:14:00Z", "nauka-nadir", MS18_DOWN)
MS18_LAND = row("land", "2021-10-17T04:35:00Z", crew=MS18_DOWN)
MS19_LAUNCH = row("launch", "2021-10-05T08:55:02Z", crew=MS19_UP)
MS19_DOCK = row("dock", "2021-10-05T12:22:31Z", "rassvet-nadir", MS19_UP)
MS19_UNDOCK = row("undock", "2022-03-30T07:21:03Z", "rassvet-nadir", MS19_DOWN)
MS19_LAND = row("land", "2022-03-30T11:28:00Z", crew=MS19_DOWN)
MS20_LAUNCH = row("launch", "2021-12-08T07:38:15Z", crew=MS20)
MS20_DOCK = row("dock", "2021-12-08T13:40:42Z", "poisk-zenith", MS20)
MS20_UNDOCK = row("undock", "2021-12-19T23:50:25Z", "poisk-zenith", MS20)
MS20_LAND = row("land", "2021-12-20T03:12:52Z", crew=MS20)
P17_LAUNCH = row("launch", "2021-06-29T23:27:20Z")
P17_DOCK = row("dock", "2021-07-02T00:59:41Z", "poisk-zenith")
P17_RELOCATE = row("relocate", "2021-10-20T23:42:27Z", "nauka-nadir", end="2021-10-22T04:21:07Z",
                   from_port="poisk-zenith")
P17_UNDOCK = row("undock", "2021-11-25T11:22:00Z", "nauka-nadir")


@dataclass
class Case:
    """One vehicle's rows and what the derivation must make of them (times as ISO text, None: open end)."""

    name: str
    vehicle_type: str
    rows: list[Event]
    stays: list[tuple]  # (port, start, end)
    attached: list[tuple]  # (start, end)
    flights: list[tuple]  # (start, end, people)
    moves: list[tuple]  # (person, time, arrives)
    departures: list[tuple]  # (time, crew)
    problems: list[tuple] = field(default_factory=list)  # (start, end, ports named, in any order)
    dynamic: list[tuple] | None = None  # (kind, start, end, crewed, ports); None: not stated for this case


def arrive(people, utc):
    return [(p, utc, True) for p in people]


def leave(people, utc):
    return [(p, utc, False) for p in people]


CASES = [
    Case("Soyuz MS-18: moved from Rassvet to Nauka with its crew aboard, home with the film crew", "soyuz-ms",
         [MS18_DOCK, MS18_RELOCATE, MS18_UNDOCK, MS18_LAND],
         stays=[("rassvet-nadir", "2021-04-09T11:05:07Z", "2021-09-28T12:21:00Z"),
                ("nauka-nadir", "2021-09-28T13:04:00Z", "2021-10-17T01:14:00Z")],
         attached=[("2021-04-09T11:05:07Z", "2021-10-17T01:14:00Z")],  # the relocation's crew stays aboard
         flights=[("2021-10-17T01:14:00Z", "2021-10-17T04:35:00Z", MS18_DOWN)],
         moves=arrive(MS18_UP, "2021-04-09T11:05:07Z") + leave(MS18_DOWN, "2021-10-17T01:14:00Z"),
         departures=[("2021-10-17T01:14:00Z", MS18_DOWN)],
         dynamic=[("dock", "2021-04-09T11:05:07Z", "2021-04-09T11:05:07Z", True, ("rassvet-nadir",)),
                  ("relocate", "2021-09-28T12:21:00Z", "2021-09-28T13:04:00Z", True,
                   ("rassvet-nadir", "nauka-nadir")),
                  ("undock", "2021-10-17T01:14:00Z", "2021-10-17T01:14:00Z", True, ("nauka-nadir",))]),
    Case("Soyuz MS-19: up with Shkaplerov and the film crew, down in March 2022 with Dubrov and Vande Hei",
         "soyuz-ms", [MS19_LAUNCH, MS19_DOCK, MS19_UNDOCK, MS19_LAND],
         stays=[("rassvet-nadir", "2021-10-05T12:22:31Z", "2022-03-30T07:21:03Z")],
         attached=[("2021-10-05T12:22:31Z", "2022-03-30T07:21:03Z")],
         flights=[("2021-10-05T08:55:02Z", "2021-10-05T12:22:31Z", MS19_UP),
                  ("2022-03-30T07:21:03Z", "2022-03-30T11:28:00Z", MS19_DOWN)],
         moves=arrive(MS19_UP, "2021-10-05T12:22:31Z") + leave(MS19_DOWN, "2022-03-30T07:21:03Z"),
         departures=[("2022-03-30T07:21:03Z", MS19_DOWN)],
         dynamic=[("dock", "2021-10-05T12:22:31Z", "2021-10-05T12:22:31Z", True, ("rassvet-nadir",)),
                  ("undock", "2022-03-30T07:21:03Z", "2022-03-30T07:21:03Z", True, ("rassvet-nadir",))]),
    Case("Progress MS-17: uncrewed, the ~28.6 h relocation from Poisk to Nauka, burns up (no landing)",
         "progress-ms", [P17_LAUNCH, P17_DOCK, P17_RELOCATE, P17_UNDOCK],
         stays=[("poisk-zenith", "2021-07-02T00:59:41Z", "2021-10-20T23:42:27Z"),
                ("nauka-nadir", "2021-10-22T04:21:07Z", "2021-11-25T11:22:00Z")],
         attached=[("2021-07-02T00:59:41Z", "2021-11-25T11:22:00Z")],
         flights=[], moves=[], departures=[("2021-11-25T11:22:00Z", ())],
         dynamic=[("dock", "2021-07-02T00:59:41Z", "2021-07-02T00:59:41Z", False, ("poisk-zenith",)),
                  ("relocate", "2021-10-20T23:42:27Z", "2021-10-22T04:21:07Z", False,
                   ("poisk-zenith", "nauka-nadir")),
                  ("undock", "2021-11-25T11:22:00Z", "2021-11-25T11:22:00Z", False, ("nauka-nadir",))]),
    Case("Crew-2: docked before July, moved forward -> zenith with all four aboard, splashdown", "crew-dragon",
         [row("dock", "2021-04-24T09:08:00Z", "harmony-forward", CREW2),
          row("relocate", "2021-07-21T10:45:00Z", "harmony-zenith", CREW2, end="2021-07-21T11:35:00Z",
              from_port="harmony-forward"),
          row("undock", "2021-11-08T19:05:00Z", "harmony-zenith", CREW2),
          row("land", "2021-11-09T03:33:00Z", crew=CREW2)],
         stays=[("harmony-forward", "2021-04-24T09:08:00Z", "2021-07-21T10:45:00Z"),
                ("harmony-zenith", "2021-07-21T11:35:00Z", "2021-11-08T19:05:00Z")],
         attached=[("2021-04-24T09:08:00Z", "2021-11-08T19:05:00Z")],
         flights=[("2021-11-08T19:05:00Z", "2021-11-09T03:33:00Z", CREW2)],
         moves=arrive(CREW2, "2021-04-24T09:08:00Z") + leave(CREW2, "2021-11-08T19:05:00Z"),
         departures=[("2021-11-08T19:05:00Z", CREW2)],
         dynamic=[("dock", "2021-04-24T09:08:00Z", "2021-04-24T09:08:00Z", True, ("harmony-forward",)),
                  ("relocate", "2021-07-21T10:45:00Z", "2021-07-21T11:35:00Z", True,
                   ("harmony-forward", "harmony-zenith")),
                  ("undock", "2021-11-08T19:05:00Z", "2021-11-08T19:05:00Z", True, ("harmony-zenith",))]),
    Case("Cygnus NG-16: berthed at Unity nadir, unberthed three months later", "cygnus",
         [row("launch", "2021-08-10T22:01:05Z"), row("berth", "2021-08-12T13:42:00Z", "unity-nadir"),
          row("unberth", "2021-11-20T16:01:00Z", "unity-nadir")],
         stays=[("unity-nadir", "2021-08-12T13:42:00Z", "2021-11-20T16:01:00Z")],
         attached=[("2021-08-12T13:42:00Z", "2021-11-20T16:01:00Z")],
         flights=[], moves=[], departures=[("2021-11-20T16:01:00Z", ())],
         dynamic=[("berth", "2021-08-12T13:42:00Z", "2021-08-12T13:42:00Z", False, ("unity-nadir",)),
                  ("unberth", "2021-11-20T16:01:00Z", "2021-11-20T16:01:00Z", False, ("unity-nadir",))]),
    Case("CRS-22: a cargo Dragon's return carries nobody, so it is no flight of anybody's", "cargo-dragon",
         [row("dock", "2021-06-05T09:09:00Z", "harmony-zenith"),
          row("undock", "2021-07-08T14:45:00Z", "harmony-zenith"), row("land", "2021-07-10T03:29:00Z")],
         stays=[("harmony-zenith", "2021-06-05T09:09:00Z", "2021-07-08T14:45:00Z")],
         attached=[("2021-06-05T09:09:00Z", "2021-07-08T14:45:00Z")],
         flights=[], moves=[], departures=[("2021-07-08T14:45:00Z", ())]),
    Case("Soyuz MS-18 already docked when the timeline starts (its dock row only): an open-ended stay",
         "soyuz-ms", [MS18_DOCK],
         stays=[("rassvet-nadir", "2021-04-09T11:05:07Z", None)], attached=[("2021-04-09T11:05:07Z", None)],
         flights=[], moves=arrive(MS18_UP, "2021-04-09T11:05:07Z"), departures=[],
         dynamic=[("dock", "2021-04-09T11:05:07Z", "2021-04-09T11:05:07Z", True, ("rassvet-nadir",))]),
    Case("Progress MS-16 leaves Pirs nadir, taking the Pirs module with it", "progress-ms",
         [row("dock", "2021-02-17T00:00:00Z", "pirs-nadir"), row("undock", "2021-07-26T10:55:33Z", "pirs-nadir")],
         stays=[("pirs-nadir", "2021-02-17T00:00:00Z", "2021-07-26T10:55:33Z")],
         attached=[("2021-02-17T00:00:00Z", "2021-07-26T10:55:33Z")],
         flights=[], moves=[], departures=[("2021-07-26T10:55:33Z", ())]),
    Case("Nauka: the module docks at Zvezda nadir and stays", "module",
         [row("launch", "2021-07-21T14:58:25Z"), row("dock", "2021-07-29T13:29:01Z", "zvezda-nadir")],
         stays=[("zvezda-nadir", "2021-07-29T13:29:01Z", None)], attached=[("2021-07-29T13:29:01Z", None)],
         flights=[], moves=[], departures=[]),
    # The impossible sequences: a real flight with one row wrong, reported as a problem of that vehicle.
    Case("Soyuz MS-19 docks before it launches (launch typed 13:55:02 instead of 08:55:02)", "soyuz-ms",
         [row("launch", "2021-10-05T13:55:02Z", crew=MS19_UP), MS19_DOCK],
         stays=[("rassvet-nadir", "2021-10-05T12:22:31Z", None)], attached=[("2021-10-05T12:22:31Z", None)],
         flights=[],  # an impossible launch flies nobody: the crew is aboard from the docking on
         moves=arrive(MS19_UP, "2021-10-05T12:22:31Z"), departures=[],
         problems=[("2021-10-05T12:22:31Z", "2021-10-05T13:55:02Z", ("rassvet-nadir",))]),
    Case("Soyuz MS-18 undocks from Rassvet, a port it left on 28 September", "soyuz-ms",
         [MS18_DOCK, MS18_RELOCATE, row("undock", "2021-10-17T01:14:00Z", "rassvet-nadir", MS18_DOWN), MS18_LAND],
         stays=[("rassvet-nadir", "2021-04-09T11:05:07Z", "2021-09-28T12:21:00Z"),
                ("nauka-nadir", "2021-09-28T13:04:00Z", "2021-10-17T01:14:00Z")],
         attached=[("2021-04-09T11:05:07Z", "2021-10-17T01:14:00Z")],
         flights=[("2021-10-17T01:14:00Z", "2021-10-17T04:35:00Z", MS18_DOWN)],
         moves=arrive(MS18_UP, "2021-04-09T11:05:07Z") + leave(MS18_DOWN, "2021-10-17T01:14:00Z"),
         departures=[("2021-10-17T01:14:00Z", MS18_DOWN)],
         problems=[("2021-10-17T01:14:00Z", "2021-10-17T01:14:00Z", ("nauka-nadir", "rassvet-nadir"))]),
    Case("Soyuz MS-18 without its 28 September relocation: still at Rassvet when it undocks from Nauka",
         "soyuz-ms", [MS18_DOCK, MS18_UNDOCK, MS18_LAND],
         stays=[("rassvet-nadir", "2021-04-09T11:05:07Z", "2021-10-17T01:14:00Z")],
         attached=[("2021-04-09T11:05:07Z", "2021-10-17T01:14:00Z")],
         flights=[("2021-10-17T01:14:00Z", "2021-10-17T04:35:00Z", MS18_DOWN)],
         moves=arrive(MS18_UP, "2021-04-09T11:05:07Z") + leave(MS18_DOWN, "2021-10-17T01:14:00Z"),
         departures=[("2021-10-17T01:14:00Z", MS18_DOWN)],
         problems=[("2021-10-17T01:14:00Z", "2021-10-17T01:14:00Z", ("nauka-nadir", "rassvet-nadir"))]),
    Case("Soyuz MS-19 lands while docked (its undock row missing)", "soyuz-ms",
         [MS19_LAUNCH, MS19_DOCK, MS19_LAND],
         stays=[("rassvet-nadir", "2021-10-05T12:22:31Z", "2022-03-30T11:28:00Z")],
         attached=[("2021-10-05T12:22:31Z", "2022-03-30T11:28:00Z")],
         flights=[("2021-10-05T08:55:02Z", "2021-10-05T12:22:31Z", MS19_UP)],
         moves=arrive(MS19_UP, "2021-10-05T12:22:31Z"), departures=[],  # nobody is named leaving
         problems=[("2022-03-30T11:28:00Z", "2022-03-30T11:28:00Z", ("rassvet-nadir",))]),
    Case("Progress MS-17 relocates while not docked (its docking row missing)", "progress-ms",
         [P17_LAUNCH, P17_RELOCATE, P17_UNDOCK],
         stays=[("nauka-nadir", "2021-10-22T04:21:07Z", "2021-11-25T11:22:00Z")],
         attached=[("2021-10-20T23:42:27Z", "2021-11-25T11:22:00Z")],  # flying the relocation counts
         flights=[], moves=[], departures=[("2021-11-25T11:22:00Z", ())],
         problems=[("2021-10-20T23:42:27Z", "2021-10-20T23:42:27Z", ("poisk-zenith",))]),
    Case("Progress MS-16 undocks though it never docked (its dock row missing)", "progress-ms",
         [row("undock", "2021-07-26T10:55:33Z", "pirs-nadir")],
         stays=[], attached=[], flights=[], moves=[], departures=[("2021-07-26T10:55:33Z", ())],
         problems=[("2021-07-26T10:55:33Z", "2021-07-26T10:55:33Z", ("pirs-nadir",))]),
    Case("Soyuz MS-20 launches again after landing (its launch row copied to the next day)", "soyuz-ms",
         [MS20_LAUNCH, MS20_DOCK, MS20_UNDOCK, MS20_LAND, row("launch", "2021-12-21T07:38:15Z", crew=MS20)],
         stays=[("poisk-zenith", "2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z")],
         attached=[("2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z")],
         flights=[("2021-12-08T07:38:15Z", "2021-12-08T13:40:42Z", MS20),
                  ("2021-12-19T23:50:25Z", "2021-12-20T03:12:52Z", MS20)],  # the second launch goes nowhere known
         moves=arrive(MS20, "2021-12-08T13:40:42Z") + leave(MS20, "2021-12-19T23:50:25Z"),
         departures=[("2021-12-19T23:50:25Z", MS20)],
         problems=[("2021-12-21T07:38:15Z", "2021-12-21T07:38:15Z", ())]),
    Case("Soyuz MS-20 launches while already flying (a second launch row an hour later)", "soyuz-ms",
         [MS20_LAUNCH, row("launch", "2021-12-08T08:38:15Z", crew=MS20), MS20_DOCK],
         stays=[("poisk-zenith", "2021-12-08T13:40:42Z", None)], attached=[("2021-12-08T13:40:42Z", None)],
         flights=[("2021-12-08T07:38:15Z", "2021-12-08T08:38:15Z", MS20),  # one ride, in two pieces
                  ("2021-12-08T08:38:15Z", "2021-12-08T13:40:42Z", MS20)],
         moves=arrive(MS20, "2021-12-08T13:40:42Z"), departures=[],
         problems=[("2021-12-08T08:38:15Z", "2021-12-08T08:38:15Z", ())]),
    Case("Soyuz MS-20 lands twice", "soyuz-ms",
         [MS20_DOCK, MS20_UNDOCK, MS20_LAND, row("land", "2021-12-20T04:12:52Z", crew=MS20)],
         stays=[("poisk-zenith", "2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z")],
         attached=[("2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z")],
         flights=[("2021-12-19T23:50:25Z", "2021-12-20T03:12:52Z", MS20)],
         moves=arrive(MS20, "2021-12-08T13:40:42Z") + leave(MS20, "2021-12-19T23:50:25Z"),
         departures=[("2021-12-19T23:50:25Z", MS20)],
         problems=[("2021-12-20T04:12:52Z", "2021-12-20T04:12:52Z", ())]),
    Case("Soyuz MS-20 docks at Rassvet while still at Poisk (a stray dock row)", "soyuz-ms",
         [MS20_DOCK, row("dock", "2021-12-09T00:00:00Z", "rassvet-nadir"), MS20_UNDOCK],
         stays=[("poisk-zenith", "2021-12-08T13:40:42Z", "2021-12-09T00:00:00Z"),
                ("rassvet-nadir", "2021-12-09T00:00:00Z", "2021-12-19T23:50:25Z")],
         attached=[("2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z")],  # never detached in between
         flights=[], moves=arrive(MS20, "2021-12-08T13:40:42Z") + leave(MS20, "2021-12-19T23:50:25Z"),
         departures=[("2021-12-19T23:50:25Z", MS20)],
         problems=[("2021-12-09T00:00:00Z", "2021-12-09T00:00:00Z", ("poisk-zenith", "rassvet-nadir")),
                   ("2021-12-19T23:50:25Z", "2021-12-19T23:50:25Z", ("poisk-zenith", "rassvet-nadir"))]),
    Case("Soyuz MS-20 docks again after landing", "soyuz-ms",
         [MS20_DOCK, MS20_UNDOCK, MS20_LAND, row("dock", "2021-12-21T00:00:00Z", "poisk-zenith")],
         stays=[("poisk-zenith", "2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z"),
                ("poisk-zenith", "2021-12-21T00:00:00Z", None)],
         attached=[("2021-12-08T13:40:42Z", "2021-12-19T23:50:25Z"), ("2021-12-21T00:00:00Z", None)],
         flights=[("2021-12-19T23:50:25Z", "2021-12-20T03:12:52Z", MS20)],
         moves=arrive(MS20, "2021-12-08T13:40:42Z") + leave(MS20, "2021-12-19T23:50:25Z"),
         departures=[("2021-12-19T23:50:25Z", MS20)],
         problems=[("2021-12-21T00:00:00Z", "2021-12-21T00:00:00Z", ("poisk-zenith",))]),
    Case("Soyuz MS-18's relocation redocks before it undocks (end_utc typed 11:04 instead of 13:04)",
         "soyuz-ms", [MS18_DOCK, row("relocate", "2021-09-28T12:21:00Z", "nauka-nadir", MS18_UP,
                                     end="2021-09-28T11:04:00Z", from_port="rassvet-nadir")],
         stays=[("rassvet-nadir", "2021-04-09T11:05:07Z", "2021-09-28T12:21:00Z"),
                ("nauka-nadir", "2021-09-28T12:21:00Z", None)],  # taken as an instant relocation
         attached=[("2021-04-09T11:05:07Z", None)],
         flights=[], moves=arrive(MS18_UP, "2021-04-09T11:05:07Z"), departures=[],
         problems=[("2021-09-28T11:04:00Z", "2021-09-28T12:21:00Z", ("nauka-nadir",))]),
]

# Rows in any order in the file must give the same track: each case as written, backwards, and rotated.
ORDERS = {"as written": lambda rows: list(rows), "backwards": lambda rows: rows[::-1],
          "rotated": lambda rows: rows[1:] + rows[:1]}


def _mission(case: Case, rows: list[Event]) -> Mission:
    return Mission(id="m", name=case.name, vehicle_type=case.vehicle_type, events=list(rows))


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_missions_track_is_what_the_facts_say(case, order):
    mission = _mission(case, ORDERS[order](case.rows))
    track = derive_mission(mission, STATION)
    assert [(s.port, s.start, s.end) for s in track.stays] == [(p, sec(a), sec(b)) for p, a, b in case.stays]
    assert list(track.attached) == [(sec(a), sec(b)) for a, b in case.attached]
    assert [(f.start, f.end, f.people) for f in track.flights] == [(sec(a), sec(b), ppl) for a, b, ppl in case.flights]
    assert [(m.person, m.time, m.arrives) for m in track.moves] == [(p, sec(t), up) for p, t, up in case.moves]
    assert [(t, crew) for t, _i, crew in track.departures] == [(sec(t), crew) for t, crew in case.departures]
    assert [(p.start, p.end, tuple(sorted(p.ports))) for p in track.problems] == \
        [(sec(a), sec(b), tuple(sorted(ports))) for a, b, ports in case.problems]
    if case.dynamic is not None:
        assert [(d.kind, d.start, d.end, d.crewed, d.ports) for d in track.dynamic] == \
            [(EventKind(k), sec(a), sec(b), crewed, ports) for k, a, b, crewed, ports in case.dynamic]
    # Indexes name the event in the mission as given, whatever its order.
    for d in track.dynamic:
        assert mission.events[d.index].kind is d.kind and mission.events[d.index].utc.timestamp() == d.start
    for m in track.moves:
        assert m.person in mission.events[m.index].crew and mission.events[m.index].utc.timestamp() == m.time
    assert track.span == (min(e.utc.timestamp() for e in case.rows), max(e.utc.timestamp() for e in case.rows))


def test_a_relocation_is_one_dynamic_event_and_its_crew_stays_aboard_and_attached():
    track = derive_mission(_mission(CASES[0], [MS18_DOCK, MS18_RELOCATE, MS18_UNDOCK, MS18_LAND]), STATION)
    rassvet, nauka = track.stays
    assert (rassvet.arrival, rassvet.by_relocation) == ((sec("2021-04-09T11:05:07Z"),) * 2, False)
    assert (nauka.arrival, nauka.by_relocation) == ((sec("2021-09-28T12:21:00Z"), sec("2021-09-28T13:04:00Z")), True)
    assert track.attached_at(sec("2021-09-28T12:40:00Z"))  # in free flight between the ports
    assert not track.attached_at(sec("2021-10-17T01:14:00Z"))  # undocked for home: intervals are half-open
    assert [m for m in track.moves if m.time == sec("2021-09-28T12:21:00Z")] == []


def test_progress_ms17s_relocation_took_about_28_6_hours():
    track = derive_mission(_mission(CASES[2], CASES[2].rows), STATION)
    (relocation,) = [d for d in track.dynamic if d.kind is EventKind.RELOCATE]
    assert round((relocation.end - relocation.start) / 3600, 1) == 28.6


def test_without_the_relocation_ms18_and_ms19_share_rassvet_from_ms19s_docking():
    """DOMAIN.md: remove MS-18's relocation and both are at rassvet-nadir from 2021-10-05T12:22:31Z."""
    ms18 = derive_mission(Mission("ms18", "Soyuz MS-18", "soyuz-ms", [MS18_DOCK, MS18_UNDOCK, MS18_LAND]), STATION)
    ms19 = derive_mission(Mission("ms19", "Soyuz MS-19", "soyuz-ms", [MS19_LAUNCH, MS19_DOCK]), STATION)
    (a,), (b,) = ms18.stays, ms19.stays
    assert a.port == b.port == "rassvet-nadir"
    assert (max(a.start, b.start), min(a.end, b.end)) == (sec("2021-10-05T12:22:31Z"), sec("2021-10-17T01:14:00Z"))


@pytest.mark.parametrize("vehicle_type, seats, lifeboat", [
    ("soyuz-ms", 3, True), ("crew-dragon", 4, True), ("starliner", 4, True), ("progress-ms", 0, False),
    ("cargo-dragon", 0, False), ("cygnus", 0, False), ("htv-x", 0, False), ("module", 0, False)])
def test_the_seats_home_a_vehicle_offers_come_from_its_type(vehicle_type, seats, lifeboat):
    track = derive_mission(Mission("m", "M", vehicle_type, [MS19_DOCK]), STATION)
    assert (track.seats, track.is_lifeboat) == (seats, lifeboat)


def test_a_missions_own_seat_count_overrides_its_types():
    """Crew Dragon is designed for 7 but flies 4; a flight may state its own number."""
    track = derive_mission(Mission("m", "M", "crew-dragon", [MS19_DOCK], seats=7), STATION)
    assert (track.seats, track.is_lifeboat) == (7, True)


def test_pirs_nadir_ends_and_zvezda_nadir_begins_when_progress_ms16_leaves():
    undock = sec("2021-07-26T10:55:33Z")
    assert STATION.port("pirs-nadir").exists_until.timestamp() == undock
    assert STATION.port("zvezda-nadir").exists_from.timestamp() == undock


def test_same_time_rows_in_any_order_give_the_same_track():
    launch = row("launch", "2021-10-05T00:00:00Z", crew=MS19_UP)
    dock = row("dock", "2021-10-05T00:00:00Z", "rassvet-nadir", MS19_UP)
    written = derive_mission(Mission("m", "M", "soyuz-ms", [launch, dock]), STATION)
    swapped = derive_mission(Mission("m", "M", "soyuz-ms", [dock, launch]), STATION)
    assert written.problems == ()
    assert (swapped.stays, swapped.attached, swapped.problems) == (written.stays, written.attached, written.problems)


def test_a_relocation_that_redocks_before_it_undocks_is_an_event_that_does_not_run_backwards():
    case = CASES[-1]
    (relocation,) = [d for d in derive_mission(_mission(case, case.rows), STATION).dynamic
                     if d.kind is EventKind.RELOCATE]
    assert relocation.end >= relocation.start


# A person's moves to their stays aboard (the moves and flights written out from the 2021 rows).

def move(person, utc, arrives, mission):
    return CrewMove(person, sec(utc), arrives, mission, 0)


PERSON_CASES = {
    "Peresild: up on MS-19, home on MS-18": (
        PERESILD,
        [move(PERESILD, "2021-10-05T12:22:31Z", True, "ms19"), move(PERESILD, "2021-10-17T01:14:00Z", False, "ms18")],
        [Flight("ms18", sec("2021-10-17T01:14:00Z"), sec("2021-10-17T04:35:00Z"), MS18_DOWN),
         Flight("ms19", sec("2021-10-05T08:55:02Z"), sec("2021-10-05T12:22:31Z"), MS19_UP)],
        [("2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z", "ms19", "ms18")], []),
    "Vande Hei: up on MS-18, home on MS-19; MS-18's relocation moves nobody": (
        VANDE_HEI,
        [move(VANDE_HEI, "2022-03-30T07:21:03Z", False, "ms19"), move(VANDE_HEI, "2021-04-09T11:05:07Z", True, "ms18")],
        [], [("2021-04-09T11:05:07Z", "2022-03-30T07:21:03Z", "ms18", "ms19")], []),
    "Novitskiy: two visits (the second a planned flight, times made up)": (
        NOVITSKIY,
        [move(NOVITSKIY, "2021-04-09T11:05:07Z", True, "ms18"), move(NOVITSKIY, "2021-10-17T01:14:00Z", False, "ms18"),
         move(NOVITSKIY, "2023-09-15T18:00:00Z", True, "plan"), move(NOVITSKIY, "2024-03-20T06:00:00Z", False, "plan")],
        [], [("2021-04-09T11:05:07Z", "2021-10-17T01:14:00Z", "ms18", "ms18"),
             ("2023-09-15T18:00:00Z", "2024-03-20T06:00:00Z", "plan", "plan")], []),
    "Shkaplerov: still aboard when the plan ends": (
        SHKAPLEROV, [move(SHKAPLEROV, "2021-10-05T12:22:31Z", True, "ms19")], [],
        [("2021-10-05T12:22:31Z", None, "ms19", None)], []),
    "Shipenko leaves on MS-18 with MS-19's docking not in the plan: a stray move": (
        SHIPENKO, [move(SHIPENKO, "2021-10-17T01:14:00Z", False, "ms18")], [], [], ["2021-10-17T01:14:00Z"]),
}


@pytest.mark.parametrize("name", list(PERSON_CASES))
def test_a_persons_stays_are_what_the_facts_say(name):
    person, moves, flights, stays, stray = PERSON_CASES[name]
    track = derive_person(person, moves, flights)
    expected = [(sec(a), sec(b), came, leaves) for a, b, came, leaves in stays]
    assert [(s.start, s.end, s.came_on, s.leaves_on) for s in track.stays] == expected
    assert list(track.aboard) == [(a, b) for a, b, _c, _l in expected]
    assert [m.time for m in track.stray] == [sec(t) for t in stray]
    assert [f.start for f in track.flights] == sorted(f.start for f in flights)
    assert derive_person(person, moves[::-1], flights[::-1]) == track


def test_the_six_people_of_ms18_and_ms19_from_the_real_rows():
    """From the missions' own moves: who came on which Soyuz and leaves on which."""
    ms18 = derive_mission(Mission("ms18", "Soyuz MS-18", "soyuz-ms",
                                  [MS18_DOCK, MS18_RELOCATE, MS18_UNDOCK, MS18_LAND]), STATION)
    ms19 = derive_mission(Mission("ms19", "Soyuz MS-19", "soyuz-ms",
                                  [MS19_LAUNCH, MS19_DOCK, MS19_UNDOCK, MS19_LAND]), STATION)
    up18, up19, down18, down19 = "2021-04-09T11:05:07Z", "2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z", \
        "2022-03-30T07:21:03Z"
    expected = {NOVITSKIY: (up18, down18, "ms18", "ms18"), DUBROV: (up18, down19, "ms18", "ms19"),
                VANDE_HEI: (up18, down19, "ms18", "ms19"), SHKAPLEROV: (up19, down19, "ms19", "ms19"),
                PERESILD: (up19, down18, "ms19", "ms18"), SHIPENKO: (up19, down18, "ms19", "ms18")}
    for person, (a, b, came, leaves) in expected.items():
        moves = [m for m in ms18.moves + ms19.moves if m.person == person]
        flights = [f for f in ms18.flights + ms19.flights if person in f.people]
        track = derive_person(person, moves, flights)
        assert [(s.start, s.end, s.came_on, s.leaves_on) for s in track.stays] == [(sec(a), sec(b), came, leaves)]
        assert track.stray == ()


# A person's lifeboat: the vehicle they leave on while it is docked, otherwise the one they came on.

def vehicle(mission, vehicle_type, seats, returns_crew, *attached):
    return MissionTrack(mission=mission, name=mission, vehicle_type=vehicle_type, seats=seats,
                        returns_crew=returns_crew, max_stay_s=None, tags=(),
                        attached=tuple((sec(a), sec(b)) for a, b in attached))


TRACKS = {t.mission: t for t in (
    vehicle("ms18", "soyuz-ms", 3, True, ("2021-04-09T11:05:07Z", "2021-10-17T01:14:00Z")),  # relocation included
    vehicle("ms19", "soyuz-ms", 3, True, ("2021-10-05T12:22:31Z", "2022-03-30T07:21:03Z")),
    vehicle("ms18-early", "soyuz-ms", 3, True, ("2021-04-09T11:05:07Z", "2021-10-01T00:00:00Z")),
    vehicle("crs23", "cargo-dragon", 0, False, ("2021-08-30T14:30:00Z", "2021-09-30T13:12:00Z")))}

LIFEBOAT_CASES = {
    "the film crew's lifeboat is MS-18, docked all their stay, though they came on MS-19": (
        ("2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z", "ms19", "ms18"),
        [("ms18", "2021-10-05T12:22:31Z", "2021-10-17T01:14:00Z")]),
    "Vande Hei: MS-18 (relocation included) until MS-19, which he leaves on, docks": (
        ("2021-04-09T11:05:07Z", "2022-03-30T07:21:03Z", "ms18", "ms19"),
        [("ms18", "2021-04-09T11:05:07Z", "2021-10-05T12:22:31Z"),
         ("ms19", "2021-10-05T12:22:31Z", "2022-03-30T07:21:03Z")]),
    "no lifeboat while neither the vehicle they came on nor the one they leave on is docked": (
        ("2021-04-09T11:05:07Z", "2022-03-30T07:21:03Z", "ms18-early", "ms19"),
        [("ms18-early", "2021-04-09T11:05:07Z", "2021-10-01T00:00:00Z"),
         (None, "2021-10-01T00:00:00Z", "2021-10-05T12:22:31Z"),
         ("ms19", "2021-10-05T12:22:31Z", "2022-03-30T07:21:03Z")]),
    "leaving on a cargo Dragon: docked, but it carries nobody home": (
        ("2021-09-01T00:00:00Z", "2021-09-30T13:12:00Z", "ms18", "crs23"),
        [(None, "2021-09-01T00:00:00Z", "2021-09-30T13:12:00Z")]),
    "still aboard when the plan ends: the vehicle they came on, as long as it stays": (
        ("2021-10-05T12:22:31Z", None, "ms19", None), [("ms19", "2021-10-05T12:22:31Z", "2022-03-30T07:21:03Z"),
                                                        (None, "2022-03-30T07:21:03Z", None)]),
}


@pytest.mark.parametrize("name", list(LIFEBOAT_CASES))
def test_a_persons_lifeboat_is_what_the_facts_say(name):
    (start, end, came, leaves), pieces = LIFEBOAT_CASES[name]
    stay = PersonStay("someone", sec(start), sec(end), came, leaves)
    assert lifeboat_pieces(stay, TRACKS) == [(boat, sec(a), sec(b)) for boat, a, b in pieces]
