"""Project files: JSON documents on disk, written atomically (filled in by the project-file work)."""
