"""The usual ground sites of an ISS plan (the partners' control centres), as bundled data.

The catalogue is ``resources/sites/usual.json`` (its provenance beside it); this module reads it into
:class:`GroundSite` records, each with its full name, role and source in its note.
"""

from __future__ import annotations

import json
from functools import lru_cache

from planner.model.site import GroundSite
from planner.resources import resource_path


@lru_cache(maxsize=1)
def _entries() -> tuple[dict, ...]:
    with resource_path("sites", "usual.json").open(encoding="utf-8") as f:
        return tuple(json.load(f)["sites"])


def usual_sites() -> list[GroundSite]:
    """Houston, Moscow, Munich, Tsukuba and Huntsville: new records each call (a project may change them)."""
    return [
        GroundSite(e["id"], e["name"], float(e["lat_deg"]), float(e["lon_deg"]), float(e.get("alt_m", 0.0)),
                   float(e.get("min_elevation_deg", 10.0)),
                   note=f"{e['full_name']}. {e['role']}. Where the coordinates come from: {e['source']}.")
        for e in _entries()
    ]
