"""The Qt desktop app: views built on the core model, edits through undo commands."""

# The Qt-free core the window needs, imported before PySide6 is: PySide6 reads the source of every module
# imported after it (for its ``from __feature__`` switches), which cost about 40 ms of every start-up.
import planner.rules  # noqa: E402,F401  (the checker's engine)
import planner.station  # noqa: E402,F401  (the station state the views draw)
import planner.store  # noqa: E402,F401  (project files)
