"""Entry point of the frozen app: the same ``planner`` command as the installed console script."""

from planner.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
