"""Packaging glue that pyproject.toml cannot say: the top-level resources/ folder ships inside the package
as ``planner/_resources`` (see planner/resources.py, which also finds it in a checkout and a frozen build)."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["planner", "planner.*"]) + ["planner._resources"],
    package_dir={"planner._resources": "resources"},
    package_data={"planner._resources": ["**/*"]},
    include_package_data=False,
)
