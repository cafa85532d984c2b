"""The timeline's layer painters, one small unit per layer, each with ``paint(painter, frame)``.

:class:`~planner.gui.timeline.render.TimelineRenderer` paints them in order: the plot's layers clipped to the
time area (backgrounds, the crew's day, grid, orbit, headcount, beta, links, bars, the items a comparison found changed,
relocations, findings, launch opportunities, candidate windows, the now-line, cursor), then the edges (axis, the now
mark, pass names, lane titles).
"""
