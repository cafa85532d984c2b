"""Where the bundled data files live (also inside a frozen build)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, in the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    inside = Path(__file__).resolve().parent / "_resources"
    if inside.is_dir():  # installed wheel: resources are shipped inside the package
        return inside
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file."""
    return resources_dir().joinpath(*parts)


def example_project_path() -> Path:
    """The bundled example: "The Challenge, 2021" (a template: the app never saves over it)."""
    return resource_path("examples", "the-challenge-2021.issplan")
