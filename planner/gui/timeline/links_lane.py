"""The links lane: a coverage band per network (US: the TDRS relays; RU: the Luch relays and the plan's Russian
ground sites) above the ports, drawn when the timeline is zoomed to hours (:mod:`planner.orbit.coverage`)."""

from __future__ import annotations

from dataclasses import dataclass

from planner.gui.timeline.layout import Lane
from planner.gui.timeline.orbit_layer import SHOW_BELOW_SECONDS_PER_PX as ORBIT_SHOWN_BELOW, OrbitLayer
from planner.model.time_text import short_time

LINKS_LANE_H = 26
#: The bands are drawn at the zoom the orbit's day/night and passes are (a day and a half across 900 pixels):
#: a day on screen shows its links beside its passes (a month of coverage costs less than bare SGP4).
SHOW_BELOW_SECONDS_PER_PX = ORBIT_SHOWN_BELOW
#: Each band: its network, its row's label, what its tooltip calls it.
NETWORKS = (("us", "US", "US link (TDRS)"), ("ru", "RU", "Russian link (Luch, Russian sites)"))


@dataclass(eq=False)
class LinksLane(Lane):
    """The lane of the coverage bands, drawn from ``data`` (the timeline's orbit layer)."""

    data: OrbitLayer | None = None

    @classmethod
    def make(cls, data: OrbitLayer) -> "LinksLane":
        return cls("links", "links", "Links to the ground", LINKS_LANE_H, data=data,
                   tooltip="Line of sight to a relay or ground site of each network (the station's own structure is "
                           "not modelled)")

    def describe(self, t: float) -> str:
        """The tooltip at ``t``: what each network sees then, or when its next link comes."""
        found = self.data.links(t - 3600.0, t + 3 * 3600.0)
        lines = []
        for network, _label, words in NETWORKS:
            seen = [name for net, name, a in found if net == network and ((a[:, 0] <= t) & (t < a[:, 1])).any()]
            if seen:
                lines.append(f"{words}: {', '.join(seen)}")
                continue
            after = [float(a[a[:, 0] > t, 0].min()) for net, _n, a in found if net == network and (a[:, 0] > t).any()]
            lines.append(f"{words}: none" + (f" until {short_time(min(after))}" if after else ""))
        return "<br>".join(lines)
