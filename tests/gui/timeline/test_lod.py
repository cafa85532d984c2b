"""Level of detail: culling keeps every visible bar, density strips cover exactly the busy time, merged
finding bands sit in their lanes, and a lane rebuilt after an edit equals one built from scratch."""

from __future__ import annotations

import copy
import math
import random
from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from planner.gui.timeline import lod
from planner.gui.timeline.layout import (
    ACTIVITY_COLORS, ActivityBar, ActivityLanes, Lane, Spans, TimelineLayout, finding_bands,
)
from planner.gui.timeline.frame import AXIS_H, LABEL_W
from planner.gui.timeline.render import TimelineRenderer
from planner.gui.timeline.scale import TimeScale
from planner.rules.findings import Finding, Severity
from planner.station import StationTimeline
from planner.store import load_project


def _random_spans(rng, n, horizon=1000.0):
    starts = [rng.uniform(0, horizon) for _ in range(n)]
    ends = [s + (math.inf if rng.random() < 0.02 else rng.expovariate(1 / 20) * rng.choice([0.01, 1, 10]))
            for s in starts]
    return Spans(starts, ends, list(range(n)))


@pytest.mark.parametrize("seed", range(5))
def test_culling_never_drops_a_visible_span(seed):
    rng = random.Random(seed)
    spans = _random_spans(rng, 300)
    for _ in range(50):
        t0 = rng.uniform(-50, 1050)
        t1 = t0 + rng.choice([0.0, 1.0, 30.0, 400.0])
        expected = [i for i in range(len(spans)) if spans.start[i] <= t1 and spans.end[i] >= t0]
        assert spans.visible(t0, t1).tolist() == expected


def _busy_columns(starts, ends, edges):
    """Brute force: a column is busy when some span overlaps it for a positive time."""
    out = np.zeros(len(edges) - 1, dtype=int)
    for s, e in zip(starts, ends):
        for k in range(len(out)):
            if s < edges[k + 1] and e > edges[k]:
                out[k] += 1
    return out


@pytest.mark.parametrize("seed", range(3))
def test_pixel_coverage_counts_the_spans_over_each_column(seed):
    rng = random.Random(seed)
    spans = _random_spans(rng, 200)
    edges = lod.pixel_edges(-20.0, 7.3, 150)
    expected = _busy_columns(spans.start, spans.end, edges)
    assert lod.coverage(spans.start, spans.sorted_end, edges).tolist() == expected.tolist()
    assert lod.covered(spans.start, spans.max_end, edges).tolist() == (expected > 0).tolist()


@pytest.mark.parametrize("seed", range(20))
def test_overlapping_bars_show_the_pieces_of_the_last_drawn_over_each_column(seed):
    rng = random.Random(seed)
    n, width = rng.randint(1, 30), 120
    first = np.array([rng.choice([0, 0, 5, rng.randint(-10, 110)]) for _ in range(n)])
    past = first + np.array([rng.choice([0, 1, rng.randint(1, 80)]) for _ in range(n)])
    painted = np.full(width, -1)
    for k in range(n):  # a painter: each bar over what was drawn before, one column at least
        lo, hi = max(first[k], 0), min(max(past[k], first[k] + 1), width)
        if hi > lo:
            painted[lo:hi] = k
    shown = np.full(width, -1)
    pieces = lod.top_segments(first, past, width)
    for a, b, k in pieces.tolist():
        assert a < b and (shown[a:b] == -1).all()  # pieces never overlap
        shown[a:b] = k
    assert shown.tolist() == painted.tolist()
    assert all(p[1] != q[0] or p[2] != q[2] for p, q in zip(pieces.tolist(), pieces.tolist()[1:]))  # merged runs


def _paint(layout, scale, width=600, height=200):
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    TimelineRenderer().paint(painter, width, height, layout, scale, QPalette())
    painter.end()
    return image


def _row(image, y):
    return [image.pixel(x, y) for x in range(LABEL_W, image.width())]


def test_a_dense_lane_draws_a_strip_over_exactly_the_busy_pixel_columns(qapp):
    rng = random.Random(4)
    # 2,000 short activities in clusters: far more than a 430-pixel lane can show one by one.
    starts, ends = [], []
    for _ in range(2000):
        centre = rng.choice([1000.0, 9000.0, 20000.0, 31000.0])
        s = centre + rng.uniform(0, 3000)
        starts.append(s)
        ends.append(s + rng.uniform(1, 90))
    bars = [ActivityBar(f"a{i}", "x", "experiment") for i in range(len(starts))]
    lane = Lane("kind:experiment", "activity", "Experiment", 22, Spans(starts, ends, bars))
    empty = Lane("kind:experiment", "activity", "Experiment", 22)
    scale = TimeScale(0.0, 100.0, LABEL_W)
    width = 600
    full, blank = (TimelineLayout(lanes=[ln]) for ln in (lane, empty))
    for layout in (full, blank):
        layout.stack()
    y = AXIS_H + lane.height // 2
    drawn = [a != b for a, b in zip(_row(_paint(full, scale, width), y), _row(_paint(blank, scale, width), y))]
    edges = lod.pixel_edges(0.0, 100.0, width - LABEL_W)
    busy = _busy_columns(np.array(starts), np.array(ends), edges) > 0
    assert busy.any() and not busy.all()
    assert drawn == busy.tolist()


def test_many_findings_merge_into_runs_in_their_own_lane(qapp):
    lanes = [Lane("port:a", "port", "A", 26), Lane("port:b", "port", "B", 26)]
    findings = [Finding("port-double-booking", Severity.CONFLICT, 100.0 * k, 100.0 * k + 50, "m", ports=("b",))
                for k in range(600)]
    layout = TimelineLayout(lanes=lanes, findings=finding_bands(findings, [ln.key for ln in lanes]))
    layout.stack()
    assert set(layout.findings.by_lane) == {"port:b"}
    scale = TimeScale(0.0, 200.0, LABEL_W)  # 600 findings across 430 px: merged
    image = _paint(layout, scale)
    bare = TimelineLayout(lanes=copy.deepcopy(lanes))
    bare.stack()
    plain = _paint(bare, scale)
    y_a, y_b = AXIS_H + 13, AXIS_H + 26 + 13
    assert _row(image, y_a) == _row(plain, y_a)  # nothing over lane A
    changed = [a != b for a, b in zip(_row(image, y_b), _row(plain, y_b))]
    assert sum(changed) > 0.9 * (600 * 100.0 / 200.0)  # every finding's column (they cover half of each 100 s)


def test_finding_bands_visible_matches_a_plain_scan():
    rng = random.Random(8)
    findings = []
    for k in range(500):
        s = rng.uniform(0, 10000)
        findings.append(Finding("spacing", rng.choice(list(Severity)), s, s + rng.uniform(0, 500), f"f{k}"))
    bands = finding_bands(findings, [])
    for _ in range(30):
        t0 = rng.uniform(-100, 10100)
        t1 = t0 + rng.uniform(0, 2000)
        expected = [i for i, f in enumerate(findings) if f.start <= t1 and f.end >= t0]
        assert bands.visible(t0, t1).tolist() == expected
        assert bands.count_at_most(t0, t1) >= len(expected)
    assert bands.conflict.tolist() == [f.is_conflict for f in findings]


def _lanes_as_data(lanes):
    # Bars starting together may come in either order: compare each lane's bars as a sorted list.
    return [(lane.key, lane.title, sorted(zip(lane.spans.start.tolist(), lane.spans.end.tolist(),
                                              [(b.activity, b.title, b.kind) for b in lane.spans.payloads])))
            for lane in lanes]


@pytest.mark.parametrize("mode", ["person", "kind"])
def test_activity_lanes_updated_after_edits_equal_lanes_built_afresh(mode):
    from planner.resources import example_project_path

    project = load_project(example_project_path())
    timeline = StationTimeline.from_project(project)
    lanes = ActivityLanes(project, timeline, mode)
    rng = random.Random(2)
    crew = sorted({p for a in project.activities for p in a.people})
    for step in range(12):
        k = rng.randrange(len(project.activities))
        old = project.activities[k]
        new = copy.deepcopy(old)
        if step % 3 == 0:
            new.start += timedelta(hours=2)
            new.end += timedelta(hours=2)
            new.title = f"Moved {step}"
        elif step % 3 == 1:
            new.people = tuple(rng.sample(crew, 2))
        else:
            new.id = f"{old.id}-copy{step}"
            project.activities.insert(k, new)
            assert lanes.update(project, timeline, [new.id])
            continue
        project.activities[k] = new
        assert lanes.update(project, timeline, [old.id, new.id])
        assert _lanes_as_data(lanes.lanes) == _lanes_as_data(ActivityLanes(project, timeline, mode).lanes)
    removed = project.activities.pop(0)
    if lanes.update(project, timeline, [removed.id]):
        assert _lanes_as_data(lanes.lanes) == _lanes_as_data(ActivityLanes(project, timeline, mode).lanes)


def _port_lanes_as_data(ports):
    lanes = [(lane.key, sorted(zip(lane.spans.start.tolist(), lane.spans.end.tolist(),
                                   [(b.mission, b.ordinal, b.label, b.vehicle_type, b.by_relocation)
                                    for b in lane.spans.payloads])))
             for lane in ports.lanes]
    return lanes, sorted(ports.relocations, key=repr)


def _stays_from_tracks(project, timeline):
    """Every stay drawn as a bar, straight from the mission tracks: the reference for the port lanes."""
    names = {m.id: (m.name, m.vehicle_type) for m in project.missions}
    return sorted((stay.port, stay.start, stay.end, mission_id, ordinal, *names[mission_id], stay.by_relocation)
                  for mission_id in names for ordinal, stay in enumerate(timeline.missions[mission_id].stays))


def test_port_lanes_updated_after_mission_edits_equal_lanes_built_afresh():
    from planner.resources import example_project_path
    from planner.gui.timeline.layout import PortLanes

    project = load_project(example_project_path())
    timeline = StationTimeline.from_project(project)
    ports = PortLanes(project, timeline)
    drawn = sorted((b.port, s, e, b.mission, b.ordinal, b.label, b.vehicle_type, b.by_relocation)
                   for lane in ports.lanes for s, e, b in zip(lane.spans.start, lane.spans.end, lane.spans.payloads))
    assert drawn == _stays_from_tracks(project, timeline)
    assert ports.relocations  # the example relocates Soyuz MS-18 and Progress MS-17
    rng = random.Random(4)
    for step in range(10):
        k = rng.randrange(len(project.missions))
        old = project.missions[k]
        new = copy.deepcopy(old)
        for event in new.events:
            event.utc += timedelta(days=rng.choice([-3, 2, 9]))
        if step % 3 == 2:
            new.name = f"Renamed {step}"
        project.missions[k] = new
        timeline.update_mission(new.id, new)
        assert ports.update(project, timeline, [new.id])
        assert _port_lanes_as_data(ports) == _port_lanes_as_data(PortLanes(project, timeline))
    gone = project.missions.pop(0)
    timeline.update_mission(gone.id, None)
    assert ports.update(project, timeline, [gone.id])
    assert _port_lanes_as_data(ports) == _port_lanes_as_data(PortLanes(project, timeline))
    assert all(b.mission != gone.id for lane in ports.lanes for b in lane.spans.payloads)


def test_findings_sorted_into_lanes_match_a_plain_scan_and_reuse_the_cache():
    from planner.gui.timeline.layout import LaneCache

    rng = random.Random(9)
    keys = ["port:a", "port:b", "headcount", "person:x", "person:y"]
    findings = []
    for k in range(400):
        s = rng.uniform(0, 10000)
        findings.append(Finding(rng.choice(["spacing", "headcount-over", "crew-rest"]), rng.choice(list(Severity)),
                                s, s + rng.uniform(0, 500), f"f{k}", ports=tuple(rng.sample(["a", "b", "z"], rng.randint(0, 2))),
                                people=tuple(rng.sample(["x", "y", "w"], rng.randint(0, 1)))))
    cache = LaneCache()
    for round_ in range(2):
        bands = finding_bands(findings, keys, cache)
        expected = {}
        for i, f in enumerate(findings):
            named = [f"port:{p}" for p in f.ports] + [f"person:{p}" for p in f.people]
            named += ["headcount"] if f.rule.startswith("headcount") else []
            for key in [k for k in named if k in keys] or ["*"]:
                expected.setdefault(key, ([], []))[f.is_conflict].append(i)
        assert set(bands.by_lane) == set(expected)
        for key, (warnings, conflicts) in expected.items():
            got = bands.by_lane[key]
            assert sorted(got[0].payloads.tolist()) == warnings and sorted(got[1].payloads.tolist()) == conflicts
            assert got[1].start.tolist() == sorted(findings[i].start for i in conflicts)
        assert len(cache.where) == len(findings) and cache.findings == findings and len(cache.lanes) == len(findings)
        edges = lod.pixel_edges(-200.0, 37.0, 300)
        keys_now = list(bands.by_lane)
        for conflict in (False, True):
            masks = bands.by_lane.covered(keys_now, conflict, edges)
            for key, mask in zip(keys_now, masks):
                members = bands.by_lane[key][conflict].payloads
                brute = np.zeros(len(edges) - 1, dtype=bool)
                for i in members:  # a column is covered when a window overlaps it for a positive time
                    brute |= (findings[i].start < edges[1:]) & (findings[i].end > edges[:-1])
                assert mask.tolist() == brute.tolist()
        findings = findings[50:] + [Finding("spacing", Severity.WARNING, 5.0, 6.0, "new", ports=("a",))]


def test_flat_runs_are_the_stretches_where_a_series_holds_one_value():
    rng = random.Random(3)
    for _ in range(30):
        high = np.repeat(np.array([rng.randint(0, 5) for _ in range(12)]), [rng.randint(1, 9) for _ in range(12)])
        low = high - np.array([rng.random() < 0.1 for _ in range(len(high))], dtype=int)
        expected, k = [], 0
        while k < len(high):  # brute force: walk the columns, a run goes on while flat and unchanged
            if low[k] != high[k]:
                k += 1
                continue
            j = k
            while j < len(high) and low[j] == high[j] and high[j] == high[k]:
                j += 1
            if j - k >= 4:
                expected.append((k, j, int(high[k])))
            k = j
        assert lod.flat_runs(low, high, 4) == expected


def test_a_dense_headcount_still_prints_the_count_where_it_holds_still(qapp):
    from planner.gui.timeline.layout import Headcount

    # Fifty changes in the first tenth of the view (more steps than a quarter of the pixels: the envelope),
    # then 5 aboard for the rest.
    times = np.concatenate([np.linspace(0.0, 6000.0, 200), [7000.0]])
    people = np.concatenate([np.tile([3, 4], 100), [5]])
    lane = Lane("headcount", "headcount", "People aboard", 70)
    layout = TimelineLayout(lanes=[lane], headcount=Headcount(times, people, people + 1, 7, 11, 13))
    layout.stack()
    texts = []

    class Recording(QPainter):
        def drawText(self, *args):  # noqa: N802 - the renderer's calls, recorded
            texts.append((args[0].x(), args[-1]) if len(args) == 2 else (None, args[-1]))
            return super().drawText(*args)

    image = QImage(600, 200, QImage.Format.Format_ARGB32_Premultiplied)
    p = Recording(image)
    TimelineRenderer().paint(p, 600, 200, layout, TimeScale(0.0, 100.0, LABEL_W), QPalette())
    p.end()
    counts = [(x, text) for x, text in texts if x is not None and x >= LABEL_W]
    assert ("5" in [text for _x, text in counts]), counts
    # Printed where the count is 5 (after 7000 s, i.e. 70 px into the plot), not over the busy stretch.
    assert all(x >= LABEL_W + 70 for x, text in counts if text == "5")
    assert not [text for x, text in counts if x < LABEL_W + 60]


def test_a_few_findings_are_banded_over_their_own_lanes_or_across_all(qapp):
    lanes = [Lane("port:a", "port", "A", 26), Lane("port:b", "port", "B", 26), Lane("person:x", "activity", "X", 22)]
    keys = [ln.key for ln in lanes]
    findings = [Finding("spacing", Severity.CONFLICT, 1000.0, 3000.0, "b only", ports=("b",)),
                Finding("crew-rest", Severity.WARNING, 6000.0, 6000.0, "an instant, x", people=("x",)),
                Finding("spacing", Severity.WARNING, 9000.0, 12000.0, "no lane named", ports=("zz",))]
    bands = finding_bands(findings, keys)
    which, lane_no = bands.lanes_of(np.arange(3), keys)
    assert sorted(zip(which.tolist(), lane_no.tolist())) == [(0, 1), (1, 2), (2, 3)]
    plain = finding_bands(findings, None)  # no lanes sorted beforehand: worked out for the visible ones
    assert [sorted(a.tolist()) for a in plain.lanes_of(np.arange(3), keys)] == [[0, 1, 2], [1, 2, 3]]
    layout = TimelineLayout(lanes=lanes, findings=bands)
    layout.stack()
    bare = TimelineLayout(lanes=copy.deepcopy(lanes))
    bare.stack()
    scale = TimeScale(0.0, 50.0, LABEL_W)  # 3 findings in 430 px: each drawn as its own band
    image, blank = _paint(layout, scale), _paint(bare, scale)
    rows = {key: AXIS_H + ln.top + ln.height // 2 for key, ln in zip(keys, layout.lanes)}

    def changed(key, t):
        x = int(LABEL_W + t / 50.0)
        return image.pixel(x, rows[key]) != blank.pixel(x, rows[key])

    assert changed("port:b", 2000) and not changed("port:a", 2000) and not changed("person:x", 2000)
    assert changed("person:x", 6000) and not changed("port:b", 6000)  # an instant still shows
    assert all(changed(key, 10500) for key in keys)  # a finding naming no lane here: across all of them
    assert not any(changed(key, 4500) for key in keys)


def test_touching_bars_of_one_colour_merge_row_by_row_into_the_same_pixels(qapp):
    from planner.gui.timeline.layers.bars import merge_touching

    x0 = np.array([0.0, 5.0, 9.0, 20.0, 0.0, 3.0, 50.0])
    w = np.array([5.0, 4.0, 2.0, 5.0, 2.0, 60.0, 2.0])
    y = np.array([10.0, 10.0, 10.0, 10.0, 40.0, 40.0, 40.0])
    h = np.full(7, 16.0)
    mx, my, mw, mh = merge_touching(x0, y, w, h)
    assert list(zip(mx.tolist(), my.tolist(), mw.tolist())) == [(0.0, 10.0, 11.0), (20.0, 10.0, 5.0),
                                                                 (0.0, 40.0, 2.0), (3.0, 40.0, 60.0)]
    assert (mh == 16.0).all()


@pytest.mark.parametrize("length, as_density", [(20.0, True), (2000.0, False)])
def test_a_lane_of_bars_too_thin_to_tell_apart_is_drawn_as_density(qapp, length, as_density):
    # 50 activities a minute apart at 100 s per pixel: 20 s long they are a fifth of a pixel each.
    starts = [k * 3000.0 for k in range(50)]
    payloads = [ActivityBar(f"a{k}", f"A{k}", "experiment") for k in range(50)]
    lane = Lane("kind:experiment", "activity", "Experiment", 22,
                Spans(starts, [s + length for s in starts], payloads))
    layout = TimelineLayout(lanes=[lane])
    layout.stack()
    image = _paint(layout, TimeScale(0.0, 400.0, LABEL_W))
    middle = _row(image, AXIS_H + lane.top + lane.height // 2)
    experiment = QColor(ACTIVITY_COLORS["experiment"]).rgb()
    # Bars are filled with the activity's colour; a density strip shades the palette's highlight instead.
    assert (experiment in middle) is not as_density
    assert any(pixel != middle[0] for pixel in middle)  # either way the lane shows its activities
