"""planner: plan visits to the International Space Station."""

__version__ = "0.1.0"

#: File extension of project files (plain JSON inside).
PROJECT_SUFFIX = ".issplan"
