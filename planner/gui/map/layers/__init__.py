"""The map's layer painters, one small unit per layer, each with ``paint(painter, frame)``.

:class:`~planner.gui.map.renderer.MapRenderer` paints the still ones into the background the canvas keeps
(land, graticule, the chosen place, the sites' circles), then the moving ones over it, clipped to the world
(night side, site marks, footprint, track, station), then, unclipped, the legend and (when there is no track)
the message saying why.
"""
