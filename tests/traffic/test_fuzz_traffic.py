"""Hostile traffic CSVs, through the real command: each is refused in one line naming the file (and, where the
file has lines, the line), or read and checked; never a traceback, never another exit code.

Files are the real 2021 traffic with rows cut, doubled, reordered or spliced, and cells replaced by hostile
values (other date spellings, huge numbers, control and direction characters, long texts, unknown ports,
types and events), plus heavy but legal plans (many copies of a flight at once). A few hundred cases by
default; PLANNER_FUZZ_EXAMPLES sets how many. The counts are printed at the end of the run.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import cli

EXAMPLES = int(os.environ.get("PLANNER_FUZZ_EXAMPLES", "150"))
COUNTS: Counter = Counter()
HOSTILE = ["", " ", "2021-13-01T00:00:00Z", "2021-10-05 08:55:02", "2021-10-05T08:55:02+03:00",
           "٢٠٢١-١٠-٠٥T08:55:02Z", "9" * 400, "1e400", "NaN", "\x00", "\u202e", "\u2028", "a\nb", "x" * 5000,
           "mars-nadir", "warp-drive", "teleport", "rassvet-nadir;poisk-zenith", "Soyuz MS-19", "\ufeff",
           "2053-12-31T00:00:00Z", "1899-01-01T00:00:00Z", ";;;", '"', "dock", "launch", "relocate"]


def _real_rows(data_dir) -> list[list[str]]:
    with open(data_dir / "iss-traffic-2021h2.csv", encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@st.composite
def traffic_files(draw, rows) -> bytes:
    head, body = rows[0], [list(r) for r in rows[1:]]
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["cell", "cell", "cell", "drop", "double", "swap", "copies", "short row"]))
        if not body:
            break
        k = draw(st.integers(0, len(body) - 1))
        if action == "cell" and body[k]:
            body[k][draw(st.integers(0, len(body[k]) - 1))] = draw(st.sampled_from(HOSTILE) | st.text(max_size=30))
        elif action == "drop":
            del body[k]
        elif action == "double":
            body.insert(k, list(body[k]))
        elif action == "swap":
            j = draw(st.integers(0, len(body) - 1))
            body[k], body[j] = body[j], body[k]
        elif action == "copies":  # the whole traffic again under other names: heavy, legal
            n = draw(st.integers(1, 40))
            body += [[f"{r[0]} #{c}"] + r[1:] for c in range(n) for r in rows[1:]]
        elif action == "short row":
            body[k] = body[k][:draw(st.integers(0, len(head) - 1))]
    out = io.StringIO()
    csv.writer(out).writerows([head] + body)
    data = out.getvalue().encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = data[:draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 19)) == 0:
        data = draw(st.binary(max_size=200)) + data
    return data


def test_hostile_traffic_files_are_refused_with_a_place_or_checked(data_dir, tmp_path_factory, capsys):
    rows = _real_rows(data_dir)
    folder = tmp_path_factory.mktemp("fuzz")

    @settings(max_examples=EXAMPLES, deadline=20_000, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(traffic_files(rows))
    def one(data):
        path = folder / "events.csv"
        path.write_bytes(data)
        capsys.readouterr()
        code = cli.main(["check", str(path)])
        err = capsys.readouterr().err
        COUNTS["tried"] += 1
        refused = code == 2 and str(path) in err and "Traceback" not in err
        handled = code in (0, 1)  # 70 would be a crash
        COUNTS["refused" if refused else "handled" if handled else "failed"] += 1
        assert refused or handled, f"exit {code}: {err[:2000]}"

    one()
    assert COUNTS["tried"] >= EXAMPLES // 2 and COUNTS["refused"] and COUNTS["handled"]

