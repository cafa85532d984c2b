"""The Qt desktop app: views built on the core model, edits through undo commands."""
