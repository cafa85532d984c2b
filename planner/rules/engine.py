"""The rules engine: a full check of a project, then cheap re-checks of only what an edit touches.

Findings are kept per *scope* (a port, a mission, a person, a pair of events, an activity ...); an edit to a
mission or an activity marks the scopes it can change and only those are checked again, so the result is
always the same as a full check of the edited project (a test holds it to that).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from operator import attrgetter

import numpy as np

from planner import intervals
from planner.station.crew_day import CrewDay
from planner.model.project import Project
from planner.rules import activities as act_rules
from planner.rules.activities import ActivityContext, activity_row, element_set_distance, overlap_finding
from planner.rules.activity_table import ActivityRows, ActivityTable, PersonActivities
from planner.rules.book import FindingsBook
from planner.rules import crew_day as crew_rules
from planner.rules.blocking import blocking_findings
from planner.rules.event_fixes import EventsState
from planner.rules.findings import Finding, Suggestion
from planner.rules.fixes import FixError, FixResult, apply_fix
from planner.rules.headcount import headcount_findings
from planner.rules.high_beta import BetaContext, event_findings, high_beta_findings
from planner.rules.landing_rule import LandingContext, landing_findings, landing_rows
from planner.rules.lifeboat import missing_findings, seat_findings
from planner.rules.missions import mission_findings
from planner.rules.orbit_rule import OrbitCache, orbit_findings
from planner.rules.orbit_needs import EventConditions, OrbitConditions
from planner.rules.people import person_findings
from planner.rules.placement import ActivityState
from planner.rules.ports import by_start, double_bookings, stay_findings
from planner.rules.prefilter import overlap_pairs, screen
from planner.rules.screens import block_suspects, mission_suspects, people_suspects, port_columns, port_suspects
from planner.rules.spacing import DynamicIndex, spacing_findings
from planner.rules.vetting import fixes
from planner.rules.suggestions import WARNING_FIXES, PlanState, suggest, suggest_all
from planner.station import HeadcountStep, StationTimeline, derive_mission
from planner.station.columns import timestamps


class RuleEngine:
    """Checks a project against the station rules and keeps the findings current as the project is edited.

    Tell it what changed with :meth:`mission_changed`, :meth:`activity_changed` or :meth:`changed`
    (after the project's lists have been edited); :meth:`findings` then re-checks only what that touches.
    """

    def __init__(self, project: Project, orbit: OrbitConditions | None = None):
        self.project = project
        self.orbit = orbit
        self.rebuild()

    # -- full check ------------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Check everything again from the project (after settings, sites or element sets change)."""
        project = self.project
        self.station = project.station
        self.settings = project.effective_settings
        self.blocks = tuple(project.effective_port_blocks)
        self.names = project.person_names()
        self.timeline = StationTimeline.from_project(project)
        tl = self.timeline
        self.book = FindingsBook()
        self._headcount_series = None
        self._headcount_kept = False  # True: a trial edit put the headcount findings back (see :meth:`trial`)
        # The screens pick what may break a rule; the exact rules run on those alone.
        self.dynamic = DynamicIndex.from_columns(*tl.dynamic_columns())
        self._check_missions()
        table = self._read_activities()
        self._check_orbit_events()
        self._check_activities(table, *self._screen_activities(table, tl.aboard_map()))
        self._check_crew_day(table)

    def _check_missions(self) -> None:
        """The mission, port, spacing and people rules, on what the screens pick (a full check)."""
        tl = self.timeline
        for mid in mission_suspects(tl):
            self.book.put(("mission", mid), mission_findings(tl.missions[mid], self.station))
        ports = port_columns(tl)
        for port in port_suspects(tl, self.station, ports):
            self._check_port(port)
        for i in block_suspects(self.blocks, ports):
            self._check_block(i)
        for key, found in spacing_findings(self.dynamic, 0, len(self.dynamic), self.settings, tl.heads).items():
            self.book.put(("spacing", key), found)
        people, vehicles = people_suspects(tl)
        for person in people:
            pieces = tl.lifeboats(person)
            self._check_person(person, pieces)
            vehicles.update(vehicle for vehicle, _s, _e in pieces if vehicle is not None)
        for vehicle in vehicles:
            self._check_seats(vehicle)

    def _read_activities(self) -> ActivityTable:
        """The activities as columns, and what the activity rules need beside them."""
        project = self.project
        self.sites = {s.id: s for s in project.sites}
        self.epochs = sorted(timestamps(map(attrgetter("epoch"), project.element_sets)).tolist())
        # A skipped activity will not happen: it breaks no rule and clashes with nothing (as if deleted).
        table = ActivityTable([a for a in project.activities if a.in_plan])
        # Rows and per-person sets are made when an edit first needs them: a full check reads columns.
        self.rows = ActivityRows(table)
        self._person_acts = None  # made from the table when an edit first needs it
        self._table = table
        # The orbit is asked once per stretch of time the activities cover, not once per activity.
        self.orbit_view = OrbitCache(self.orbit) if self.orbit is not None else None
        return table

    def _check_orbit_events(self) -> None:
        """The high-beta rule on every dynamic event and the landing rule on every landing it judges, each asking
        the orbit once over the plan's time (only with an orbit that answers them: see ``EventConditions``)."""
        self.events_orbit = self.orbit_view if isinstance(self.orbit, EventConditions) else None
        if self.events_orbit is None:
            return
        index = self.dynamic
        starts, ends = index.arrays()[:2]
        missions = [index.mission_and_end(i)[0] for i in range(len(index))]
        for key, found in high_beta_findings(starts, ends, missions, index.event, self._beta_context()).items():
            self.book.put(("high-beta", key), found)
        last = {m.id: m for m in self.project.missions}  # where ids repeat the last counts, as in the timeline
        for mid, found in landing_findings(landing_rows(last.values()), self._landing_context()).items():
            self.book.put(("landing", mid), found)

    def _beta_context(self) -> BetaContext:
        return BetaContext(self.timeline.heads, self.station, self.settings, self.epochs, self.events_orbit)

    def _landing_context(self) -> LandingContext:
        return LandingContext(self.settings, self.epochs, self.events_orbit)

    def _screen_activities(self, table: ActivityTable, aboard) -> tuple[set[int], np.ndarray, np.ndarray]:
        """Positions of the activities that may break a rule of their own, and the pairs that may overlap."""
        limit = self.settings.element_set_max_age_days * 86400
        picked = set(screen(table, aboard, self.epochs, limit, self.dynamic.touching).tolist())
        return (picked, *overlap_pairs(table))

    def _check_activities(self, table: ActivityTable, picked: set[int], first: np.ndarray, second: np.ndarray):
        """The exact activity rules on what the screens picked."""
        guarded = np.flatnonzero(table.guarded)
        acts = table.activities
        self.guarded = sorted(zip(table.start[guarded].tolist(), [acts[k].id for k in guarded.tolist()]))
        self.guarded_longest = float((table.end[guarded] - table.start[guarded]).max()) if len(guarded) else 0.0
        ctx = self._context()
        rows = self.rows
        for k in sorted(picked):
            row = rows.at(k)
            self.book.put(("activity", row.id), ctx.findings(row))
        for a, b in set(zip(first.tolist(), second.tolist())):
            self._check_pair(rows.at(a), rows.at(b))
        judged = table.orbit & self._judged(table.start, table.end)
        self._check_orbit([rows.at(k) for k in np.flatnonzero(judged).tolist()])

    def _judged(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Which activities the orbit can judge: longer than an instant, near enough to an element set (the
        others get the element-set age warning, which says they cannot be judged)."""
        if self.orbit_view is None:
            return np.zeros(len(starts), dtype=bool)
        limit = self.settings.element_set_max_age_days * 86400
        return (ends > starts) & (element_set_distance(self.epochs, starts, ends)[0] <= limit)

    def _check_orbit(self, rows) -> None:
        """The orbit rule for these activity rows, judged together."""
        for aid, found in orbit_findings(rows, self.sites, self.orbit_view).items():
            self.book.put(("orbit", aid), found)

    def prepare_for_edits(self) -> None:
        """Make now the indexes a full check leaves for the first edit to make (activities by id and by
        person, the dynamic events as objects, the headcount changes by instant): the GUI calls this while
        idle after opening, so the first keystroke re-checks as fast as the others."""
        self.rows.get("")  # the id index
        self.person_acts.get("")
        self.dynamic.sorted_events()  # the events as objects
        self.timeline.prepare_for_edits()

    @property
    def person_acts(self) -> PersonActivities:
        """Person id -> ids of their activities (kept up to date by the edits)."""
        if self._person_acts is None:
            self._person_acts = PersonActivities(self._table)
        return self._person_acts

    # -- incremental re-checks -------------------------------------------------------------------------
    def mission_changed(self, *mission_ids: str) -> None:
        """Re-check after missions were added, edited or removed (pass their ids, old and new)."""
        self._headcount_kept = False
        for mid in mission_ids:
            self._mission_changed(mid)

    def _mission_changed(self, mid: str) -> None:
        tl = self.timeline
        old_track = tl.missions.get(mid)
        mission = self.project.mission(mid)
        # Everybody on it before or after the edit: the vehicles that were their lifeboats must be re-checked.
        new_track = derive_mission(mission, self.station) if mission is not None else None
        people = set(old_track.people) if old_track else set()
        if new_track is not None:
            people |= new_track.people
        before_lifeboats = {}
        for person in people:
            before_lifeboats[person] = {v for v, _s, _e in tl.lifeboats(person) if v} | self._referenced_vehicles(person)
        old, touched = tl.update_mission(mid, mission, new_track)
        new = tl.missions.get(mid)
        ports = (old.ports if old else frozenset()) | (new.ports if new else frozenset())
        # The mission itself, its ports and the blocking pairs naming them.
        self.book.put(("mission", mid), mission_findings(new, self.station) if new else [])
        for port in ports:
            self._check_port(port)
        for i, block in enumerate(self.blocks):
            if block.occupied in ports or block.blocked in ports:
                self._check_block(i)
        # Spacing: its events, and those after them within reach.
        self._recheck_spacing(old.dynamic if old else (), new.dynamic if new else ())
        # High beta at its events and its landings: its own only.
        self._recheck_orbit_events(mid, mission, old.dynamic if old else (), new.dynamic if new else ())
        # People on it, and every vehicle that is (or was) the lifeboat of one of them.
        vehicles = {mid}
        for person in touched:
            pieces = tl.lifeboats(person)
            self._check_person(person, pieces)
            vehicles |= before_lifeboats.get(person, set()) | {v for v, _s, _e in pieces if v}
            vehicles |= self._referenced_vehicles(person)
        for vehicle in vehicles:
            self._check_seats(vehicle)
        # Activities of those people, and those that must keep clear of its dynamic events.
        dirty = set()
        for person in touched:
            dirty |= self.person_acts.get(person, set())
        for event in (old.dynamic if old else ()) + (new.dynamic if new else ()):
            dirty |= self._guarded_near(event.start, event.end)
        ctx = self._context()
        for aid in dirty:
            self.book.put(("activity", aid), ctx.findings(self.rows[aid]))

    def activity_changed(self, *activity_ids: str) -> None:
        """Re-check after activities were added, edited or removed (pass their ids, old and new)."""
        self._headcount_kept = False
        wanted = set(activity_ids)
        current = {a.id: a for a in self.project.activities if a.id in wanted and a.in_plan} if wanted else {}
        ctx = self._context()
        busy = set()  # people whose planned hours may have changed
        for aid in activity_ids:
            old = self.rows.get(aid)
            if old is not None:
                busy.update(old.people)
                self._unindex_activity(old)
            self.book.drop_pairs(aid, "overlap")
            activity = current.get(aid)
            if activity is None:
                self.book.put(("activity", aid), [])
                self.book.put(("orbit", aid), [])
                self.book.put(("crew-day", aid), [])
                continue
            row = activity_row(activity)
            self._index_activity(row)
            busy.update(row.people)
            self.book.put(("crew-day", aid), crew_rules.rest_findings(self.crew_day, crew_rules.Pairs.of_rows([row]),
                                                                      self.names).get(aid, []))
            self.book.put(("activity", aid), ctx.findings(row))
            self._check_overlaps(row)
            judged = row.orbit_needs and self._judged(np.array([row.start]), np.array([row.end]))[0]
            self.book.put(("orbit", aid), orbit_findings([row], self.sites, self.orbit_view)[aid] if judged else [])
        self._recheck_workload(busy)

    def person_changed(self, *person_ids: str) -> None:
        """Re-check what names these people (after a rename, an addition or a removal)."""
        self.names = self.project.person_names()
        missions = set()
        for person in person_ids:
            missions |= self.timeline.person_missions.get(person, set())
        self.mission_changed(*sorted(missions))
        for person in person_ids:
            if person not in self.timeline.people:
                continue
            self._check_person(person, self.timeline.lifeboats(person))
            self.activity_changed(*sorted(self.person_acts.get(person, ())))

    def changed(self, collection: str, *ids: str) -> None:
        """Re-check after an edit of ``collection`` (``missions``, ``activities``, ``people``; anything else:
        sites, element sets, settings, port blocks, is rare enough to re-check everything)."""
        if collection == "missions":
            self.mission_changed(*ids)
        elif collection == "activities":
            self.activity_changed(*ids)
        elif collection == "people":
            self.person_changed(*ids)
        else:
            self.rebuild()

    # -- results ---------------------------------------------------------------------------------------
    def headcount(self) -> list[HeadcountStep]:
        """The series of people aboard and seats home (each moment either changes)."""
        return self.timeline.headcount()

    def findings(self, suggestions: bool = False) -> list[Finding]:
        """Every finding, conflicts first then by time; with ``suggestions``, conflicts carry their fixes.

        Fixes depend on the whole plan, so they are worked out when asked for (here, or one finding at a
        time with :meth:`with_fixes`), never kept: a re-check after an edit stays cheap.
        """
        self._check_headcount()
        found = self.book.findings()
        return suggest_all(found, self.state()) if suggestions else found

    def _check_headcount(self) -> None:
        series = self.timeline.headcount_arrays()
        if series is not self._headcount_series:
            self.book.put(("headcount",), headcount_findings(series[0], series[1], self.settings))
            self._headcount_series = series

    def counts(self) -> tuple[int, int]:
        """(conflicts, warnings) among the current findings."""
        self.findings()
        return self.book.counts()

    def with_fixes(self, finding: Finding) -> Finding:
        """The finding with the fixes the current plan allows (compatible free ports, a free seat, ...)."""
        return suggest(finding, self.state()) if finding.is_conflict or finding.rule in WARNING_FIXES else finding

    def judge(self, finding: Finding, suggestion: Suggestion) -> bool:
        """True when ``suggestion``, applied (:func:`~planner.rules.fixes.apply_fix`), takes ``finding`` away and
        brings no new conflict (:func:`~planner.rules.vetting.fixes`): every fix is offered only after this."""
        try:
            changes = self.trial(apply_fix(self.project, finding, suggestion))
        except FixError:
            return False
        return fixes(finding, [(withdrawn, filed) for _scope, withdrawn, filed in changes])

    def trial(self, result: FixResult) -> list[tuple[tuple, list[Finding], list[Finding]]]:
        """What an edit would change among the findings, as (scope, withdrawn, filed): its items are put in the
        project and re-checked as an edit is, then the project and the findings are put back as they were (for
        missions without judging again: each scope gets back what it held, the timeline its tracks)."""
        swaps = []  # (list, position, the edited item, the item it holds now)
        for collection, item in result.changes():
            items = getattr(self.project, collection)
            # The item the rules read where ids repeat: the first mission, the last activity (as fixes edit them).
            order = range(len(items)) if collection == "missions" else range(len(items) - 1, -1, -1)
            k = next((k for k in order if items[k].id == item.id), None)
            if k is None:
                raise FixError(f"'{item.id}' is no longer in the plan")
            swaps.append((items, k, item, items[k]))
        for items, k, item, _old in swaps:
            items[k] = item
        ids: dict[str, list[str]] = {}
        for collection, item in result.changes():
            ids.setdefault(collection, []).append(item.id)
        if not self._headcount_kept:
            self._check_headcount()
        tracks = {mid: self.timeline.missions.get(mid) for mid in ids.get("missions", ())}
        changes = self.book.record()
        try:
            for collection, changed in ids.items():
                self.changed(collection, *changed)
            self._check_headcount()
        finally:
            self.book.stop_recording()
            for items, k, _item, old in swaps:
                items[k] = old
            if set(ids) == {"missions"}:
                self._put_back(tracks, changes)
                kept = True
            else:
                for collection, changed in ids.items():
                    self.changed(collection, *changed)
                kept = False
            # The same headcount as before, its arrays made again when next read; its findings put back with the
            # others (so the next trial need not judge it first), or judged again when next read.
            self._headcount_series = None
            self._headcount_kept = kept
        return changes

    def _put_back(self, tracks: dict, changes) -> None:
        """After a trial edit of missions whose tracks were ``tracks`` (id -> track or None) and whose re-check
        filed ``changes``: the timeline's tracks and dynamic events as they were, and every scope's findings."""
        tl = self.timeline
        for mid, track in tracks.items():
            tried = tl.missions.get(mid)
            mission = self.project.mission(mid)
            tl.update_mission(mid, mission, derive_mission(mission, self.station) if mission is not None else None)
            for event in tried.dynamic if tried else ():
                self.dynamic.remove(event)
            for event in track.dynamic if track else ():
                self.dynamic.add(event)
        for scope, withdrawn, _filed in reversed(changes):
            self.book.put(scope, withdrawn)

    def _recheck_orbit_events(self, mid: str, mission, gone, come) -> None:
        """After a mission's events changed from ``gone`` to ``come``: the high-beta findings of those events and
        the landing findings of the mission (no other mission's change)."""
        if self.events_orbit is None:
            return
        for event in gone:
            self.book.put(("high-beta", (event.mission, event.index)), [])
        found = event_findings(come, self._beta_context())
        for event in come:
            key = (event.mission, event.index)
            self.book.put(("high-beta", key), found.get(key, []))
        rows = landing_rows([mission]) if mission is not None else []
        self.book.put(("landing", mid), landing_findings(rows, self._landing_context()).get(mid, []))

    def _recheck_spacing(self, gone, come) -> None:
        """After a mission's events changed from ``gone`` to ``come``: their own spacing findings, and those of
        the events that come after them within reach (their nearest event before them may have changed)."""
        index = self.dynamic
        for event in gone:
            index.remove(event)
            self.book.put(("spacing", (event.mission, event.index)), [])
        for event in come:
            index.add(event)
        reach = max(self.settings.spacing_warning_hours, self.settings.spacing_conflict_hours) * 3600
        starts = index.arrays()[0]
        spans = intervals.normalise([(e.start, e.end + reach) for e in (*gone, *come)])
        for t0, t1 in spans.tolist():
            lo, hi = int(np.searchsorted(starts, t0, "left")), int(np.searchsorted(starts, t1, "right"))
            found = spacing_findings(index, lo, hi, self.settings, self.timeline.heads)
            for k in range(lo, hi):
                event = index.event(k)
                key = (event.mission, event.index)
                self.book.put(("spacing", key), found.get(key, []))

    def state(self) -> PlanState:
        """The station state the current findings were worked out from (what fixes are made from)."""
        acts = ActivityState(self.rows, lambda person: self.person_acts.get(person, ()), self._context(),
                             self.orbit_view, self.sites, self.crew_day)
        events = None
        if self.events_orbit is not None:
            events = EventsState(self._beta_context(), self._landing_context(), self.station, self.project.mission)
        return PlanState(self.timeline, self.dynamic, self.settings, self.station, acts, events, self.judge)

    # -- the crew's day --------------------------------------------------------------------------------
    def _check_crew_day(self, table: ActivityTable) -> None:
        """The crew-day rules on every activity and every person's days (a full check)."""
        self.crew_day = CrewDay.of(self.project)
        acts = table.activities
        pairs = crew_rules.Pairs(table.start[table.act], table.end[table.act], table.act, table.person, table.names,
                                 crew_rules.Named(acts, "id"), crew_rules.Named(acts, "title"))
        for aid, found in crew_rules.rest_findings(self.crew_day, pairs, self.names).items():
            self.book.put(("crew-day", aid), found)
        for person, found in crew_rules.workload_findings(self.crew_day, pairs, self.names).items():
            self.book.put(("workload", person), found)

    def _recheck_workload(self, people) -> None:
        """After activities of these people changed: their planned hours per day."""
        for person in people:
            rows = [self.rows[aid] for aid in sorted(self.person_acts.get(person, ()))]
            pairs = crew_rules.Pairs.of_rows([row._replace(people=(person,)) for row in rows])
            self.book.put(("workload", person), crew_rules.workload_findings(self.crew_day, pairs,
                                                                             self.names).get(person, []))

    # -- scopes ----------------------------------------------------------------------------------------
    def _check_port(self, port: str) -> None:
        """Every finding at a port: its stays' own, and each run of time it is booked twice or more."""
        stays = self.timeline.port_stays.get(port, [])
        heads = self.timeline.heads
        self.book.put(("port", port), stay_findings(port, stays, self.station, heads))
        self.book.put(("booking", port), double_bookings(port, by_start(stays), heads))

    def _check_block(self, i: int) -> None:
        block = self.blocks[i]
        stays = self.timeline.port_stays
        self.book.put(("block", i), blocking_findings(block, stays.get(block.occupied, []),
                                                  stays.get(block.blocked, []), self.timeline.heads))

    def _check_person(self, person: str, pieces) -> None:
        track = self.timeline.people.get(person)
        if track is None:
            self.book.put(("person", person), [])
            return
        found = person_findings(track, self.timeline.missions, self.names)
        found += missing_findings(person, pieces, self.names)
        self.book.put(("person", person), found)

    def _referenced_vehicles(self, person: str) -> set[str]:
        track = self.timeline.people.get(person)
        return set(track.missions) if track else set()

    def _check_seats(self, vehicle: str) -> None:
        track = self.timeline.missions.get(vehicle)
        if track is None:
            self.book.put(("seats", vehicle), [])
            return
        rows = []
        for person in self.timeline.vehicle_people.get(vehicle, ()):
            rows.extend((person, s, e) for s, e in self.timeline.lifeboat_spans(person, vehicle))
        self.book.put(("seats", vehicle), seat_findings(track, rows, self.names))

    # -- activities ------------------------------------------------------------------------------------
    def _context(self) -> ActivityContext:
        tl = self.timeline
        # Right after a full check the people's stays are columns: no person's track is made to read them.
        people = tl.aboard_map() if tl.fresh else tl.people
        return ActivityContext(people, self.dynamic, self.epochs, self.settings, self.names, tl.heads)

    def _index_activity(self, row) -> None:
        self.rows[row.id] = row
        for person in row.people:
            self.person_acts.setdefault(person, set()).add(row.id)
        if row.guarded:
            insort(self.guarded, (row.start, row.id))
            self.guarded_longest = max(self.guarded_longest, row.end - row.start)

    def _unindex_activity(self, row) -> None:
        del self.rows[row.id]
        for person in row.people:
            self.person_acts[person].discard(row.id)
        if row.guarded:
            del self.guarded[bisect_left(self.guarded, (row.start, row.id))]

    def _guarded_near(self, start: float, end: float) -> set[str]:
        lo = bisect_left(self.guarded, (start - self.guarded_longest,))
        hi = bisect_right(self.guarded, (end, "\uffff"))
        return {aid for _s, aid in self.guarded[lo:hi]}

    def _check_overlaps(self, row) -> None:
        for person in row.people:
            for other_id in self.person_acts.get(person, ()):
                other = self.rows[other_id]
                if other_id != row.id and act_rules.overlaps(row, other):
                    self._check_pair(row, other)

    def _check_pair(self, row, other) -> None:
        finding = overlap_finding(row, other, self.names)
        if finding is not None:
            key = act_rules.pair_key(row.id, other.id)
            self.book.put_pair("overlap", key[0], key[1], key, [finding])


def check_project(project: Project, orbit: OrbitConditions | None = None) -> tuple[list[Finding], list[HeadcountStep]]:
    """Findings (conflicts first) and the headcount series of a project: one full check."""
    engine = RuleEngine(project, orbit)
    return engine.findings(suggestions=True), engine.headcount()
