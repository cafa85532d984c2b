"""The timeline's layer painters, one small unit per layer, each with ``paint(painter, frame)``.

:class:`~planner.gui.timeline.render.TimelineRenderer` paints them in order: the plot's layers clipped to the
time area (backgrounds, grid, orbit, headcount, beta, bars, relocations, findings, launch opportunities, candidate
windows, cursor), then the edges (axis, pass names, lane titles).
"""
