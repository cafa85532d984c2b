"""Print the project's requirements without Qt (for the CI run that proves the core works where Qt is absent):
the runtime dependencies and the test extra of pyproject.toml, less PySide6 and pytest-qt."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

QT_PACKAGES = ("pyside6", "shiboken6", "pytest-qt")


def main() -> int:
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        if not requirement.lower().startswith(QT_PACKAGES):
            print(requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
