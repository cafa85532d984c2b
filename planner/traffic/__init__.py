"""The traffic CSV: station traffic (launches, dockings, relocations, undockings, landings) as a table.

``read_traffic_csv(path)`` and ``parse_traffic_csv(text)`` import it into a :class:`~planner.model.Project`;
``write_traffic_csv(project)`` exports it. Import problems raise :class:`TrafficCsvError`, naming the file,
line and column. ``merge_traffic(plan, imported)`` adds imported traffic to a plan without doubling its flights.
"""

from planner.traffic.columns import COLUMNS, MAX_TRAFFIC_BYTES
from planner.traffic.errors import TrafficCsvError
from planner.traffic.merge import MergedFlight, TrafficMerge, merge_traffic
from planner.traffic.reader import parse_traffic_csv, read_traffic_csv
from planner.traffic.writer import write_traffic_csv

__all__ = ["COLUMNS", "MAX_TRAFFIC_BYTES", "MergedFlight", "TrafficCsvError", "TrafficMerge", "merge_traffic",
           "parse_traffic_csv", "read_traffic_csv", "write_traffic_csv"]
