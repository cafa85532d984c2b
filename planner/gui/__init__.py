"""The Qt desktop app: views built on the core model, edits through undo commands."""

# The Qt-free core the window needs, imported before PySide6 is: PySide6 reads the source of every module
# imported after it (for its ``from __feature__`` switches), which cost about 40 ms of every start-up. (The rules
# and the station state load on the full check's worker thread, while the window opens.)
import planner.store  # noqa: E402,F401  (project files)
