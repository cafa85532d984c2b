"""Make the Debian package from the PyInstaller folder, offline, with ``dpkg-deb``.

    python3 packaging/linux/make_deb.py --app build/packaging/dist/planner --icons build/packaging/icons \\
        --work build/packaging/deb --out dist

Layout: the app under ``/opt/iss-planner``, a ``planner`` launcher in ``/usr/bin``, the desktop file, the
MIME type of project files, icons (SVG and PNG sizes), AppStream metainfo, a manual page, copyright and
changelog. Libraries that PyInstaller copied from the build system (X11, xcb, GLib, fontconfig...) are not
shipped: the package depends on the Debian packages that provide them, so the app uses the same X11/GL
stack as the rest of the desktop. ``Depends`` is computed: every shared library the app's files need that
the app does not carry is looked up (``dpkg -S``, or a table for the ones not installed here), and libc6
gets the highest GLIBC symbol version used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PACKAGE = "iss-planner"
INSTALL_DIR = Path("opt") / PACKAGE
MAINTAINER = "ISS Visit Planner team <planner@example.org>"
MIME_TYPE = "application/x-iss-planner+json"
#: AppStream wants a reverse-DNS component id; the desktop file keeps the name the app sets
#: (``QGuiApplication.setDesktopFileName("planner")``), so the window matches its launcher.
APPSTREAM_ID = "org.issvisitplanner.planner"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

#: Packages of the libraries Qt's plugins load that may not be installed on the build machine
#: (``dpkg -S`` cannot name them there). Debian 12 / Ubuntu 22.04 names.
KNOWN_PACKAGES = {
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0", "libGLX.so.0": "libglx0",
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xfixes.so.0": "libxcb-xfixes0", "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-sync.so.1": "libxcb-sync1", "libxcb-shm.so.0": "libxcb-shm0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-glx.so.0": "libxcb-glx0", "libxcb-util.so.1": "libxcb-util1", "libxcb.so.1": "libxcb1",
    "libxkbcommon.so.0": "libxkbcommon0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1", "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1", "libvulkan.so.1": "libvulkan1", "libz.so.1": "zlib1g", "libcups.so.2": "libcups2",
}
#: Always wanted, whatever the scan finds: Qt's X11 platform plugin cannot start without these, and
#: zoneinfo reads the system's time zone database.
ALWAYS = ("libxcb-cursor0", "libegl1", "libxkbcommon-x11-0", "libfontconfig1", "tzdata")
#: Part of libc6 (its version comes from the GLIBC symbols used).
LIBC = {"libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
        "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}


def main(argv: list[str] | None = None) -> int:
    """Stage the package tree and build the .deb; prints its path and installed size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, required=True, help="the PyInstaller one-folder app")
    parser.add_argument("--icons", type=Path, required=True, help="rendered PNG icons (packaging/render_icons.py)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder for the package tree")
    parser.add_argument("--out", type=Path, required=True, help="folder for the .deb")
    args = parser.parse_args(argv)
    version, arch = app_version(), architecture()
    root = args.work / f"{PACKAGE}_{version}_{arch}"
    if root.exists():
        shutil.rmtree(root)
    dropped = stage_app(args.app, root / INSTALL_DIR)
    stage_desktop_files(root, args.icons, version)
    depends = dependencies(root / INSTALL_DIR, dropped)
    normalise_permissions(root)
    write_control(root, version, arch, depends)
    args.out.mkdir(parents=True, exist_ok=True)
    deb = args.out / f"{PACKAGE}_{version}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"{deb}: {deb.stat().st_size / 1e6:.0f} MB, installed {installed_kib(root) / 1024:.0f} MiB")
    print("Depends: " + ", ".join(depends))
    return 0


def app_version() -> str:
    """The app's version, read from the source (no import: the build may run on another Python)."""
    text = (REPO / "planner" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def architecture() -> str:
    """The Debian architecture of this machine (the frozen app is native code)."""
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def stage_app(app: Path, target: Path) -> dict[str, str]:
    """Copy the frozen app to ``target`` less the system libraries a Debian package provides.

    Returns {library name: package} of what was left out, for ``Depends``.
    """
    shutil.copytree(app, target, symlinks=True)
    internal = target / "_internal"
    candidates = sorted(p for p in internal.iterdir() if p.is_file() and not p.is_symlink() and ".so" in p.name
                        and not p.name.startswith(("libpython", "libpyside", "libshiboken")))
    owners = owning_packages([p.name for p in candidates])
    dropped = {}
    for lib in candidates:
        if lib.name in owners:
            lib.unlink()
            dropped[lib.name] = owners[lib.name]
    return dropped


def owning_packages(names: list[str]) -> dict[str, str]:
    """{library file name: Debian package} for the names installed from a package on this machine."""
    if not names:
        return {}
    triplet = subprocess.run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"], capture_output=True,
                             text=True).stdout.strip() if shutil.which("dpkg-architecture") else ""
    patterns = [f"*/{triplet + '/' if triplet else ''}{name}" for name in names]
    done = subprocess.run(["dpkg", "-S", *patterns], capture_output=True, text=True)
    owners = {}
    for line in done.stdout.splitlines():  # "libx11-6:amd64: /usr/lib/x86_64-linux-gnu/libX11.so.6"
        package, _, path = line.partition(": ")
        owners.setdefault(Path(path.strip()).name, package.split(":")[0])
    return owners


def elf_files(folder: Path) -> list[Path]:
    """The ELF executables and shared libraries in a folder."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def dependencies(app: Path, dropped: dict[str, str]) -> list[str]:
    """``Depends`` of the package: the owners of every needed library the app does not carry, and libc6."""
    carried = {p.name for p in app.rglob("*")}
    needed, glibc = set(), (2, 17)
    for elf in elf_files(app):
        dynamic = subprocess.run(["readelf", "-dW", "--version-info", str(elf)], capture_output=True,
                                 text=True).stdout
        needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic))
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", dynamic):
            glibc = max(glibc, (int(major), int(minor)))
    missing = sorted(needed - carried - LIBC)
    owners = {**owning_packages(missing), **dropped}
    unknown = [name for name in missing if name not in owners and name not in KNOWN_PACKAGES]
    if unknown:
        raise SystemExit(f"no package known for {', '.join(unknown)}: add it to KNOWN_PACKAGES in {__file__}")
    # Only what the app's own files load directly: those packages bring their own dependencies.
    packages = {owners.get(name) or KNOWN_PACKAGES[name] for name in missing} | set(ALWAYS)
    packages.discard("libc6")
    return [f"libc6 (>= {glibc[0]}.{glibc[1]})"] + sorted(packages)


def stage_desktop_files(root: Path, icons: Path, version: str) -> None:
    """Launcher, desktop entry, MIME type, icons, metainfo, manual page, copyright and changelog."""
    share = root / "usr" / "share"
    launcher = root / "usr" / "bin" / "planner"
    launcher.parent.mkdir(parents=True)
    # A script rather than a symlink: the frozen app finds its _internal folder from its real path either
    # way, but a script keeps /usr/bin free of a dangling link when /opt is mounted late.
    launcher.write_text(f'#!/bin/sh\nexec /{INSTALL_DIR}/planner "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    copy(HERE / "planner.desktop", share / "applications" / "planner.desktop")
    copy(HERE / "iss-planner-mime.xml", share / "mime" / "packages" / f"{PACKAGE}.xml")
    metainfo = (HERE / f"{APPSTREAM_ID}.metainfo.xml").read_text(encoding="utf-8")
    metainfo = metainfo.replace("@VERSION@", version).replace("@DATE@", release_date())
    write(share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml", metainfo)
    hicolor = share / "icons" / "hicolor"
    mime_icon = MIME_TYPE.replace("/", "-")
    copy(HERE.parent.parent / "resources" / "icons" / "planner.svg", hicolor / "scalable" / "apps" / "planner.svg")
    copy(HERE.parent.parent / "resources" / "icons" / f"{mime_icon}.svg", hicolor / "scalable" / "mimetypes" / f"{mime_icon}.svg")
    for size in PNG_SIZES:
        folder = icons / f"{size}x{size}"
        copy(folder / "planner.png", hicolor / f"{size}x{size}" / "apps" / "planner.png")
        copy(folder / f"{mime_icon}.png", hicolor / f"{size}x{size}" / "mimetypes" / f"{mime_icon}.png")
    doc = share / "doc" / PACKAGE
    copy(HERE / "copyright", doc / "copyright")
    write_gzip(doc / "changelog.gz", changelog(version))
    write_gzip(share / "man" / "man1" / "planner.1.gz", (HERE / "planner.1").read_text(encoding="utf-8"))
    overrides = HERE / "lintian-overrides"
    copy(overrides, share / "lintian" / "overrides" / PACKAGE)


def release_date() -> str:
    """The date of the last commit (reproducible), else today."""
    done = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%cs"], capture_output=True, text=True)
    return done.stdout.strip() or dt.date.today().isoformat()


def changelog(version: str) -> str:
    """A Debian changelog entry for this build (a native package: its changelog is the only one)."""
    date = dt.datetime.fromisoformat(release_date()).replace(hour=12, tzinfo=dt.timezone.utc)
    return (f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
            f"  * Release {version}: see the project's history for the changes.\n\n"
            f" -- {MAINTAINER}  {date.strftime('%a, %d %b %Y %H:%M:%S %z')}\n")


def copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def write_gzip(target: Path, text: str) -> None:
    """Gzip at the highest level without a name or time in the header (as Debian's tools do)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9,
                                                   mtime=0) as handle:
        handle.write(text.encode("utf-8"))


def normalise_permissions(root: Path) -> None:
    """0755 folders and programs, 0644 everything else (shared libraries need no execute bit)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif path.parent.name == "bin" or path == root / INSTALL_DIR / "planner":
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def installed_kib(root: Path) -> int:
    """Installed-Size in KiB: files rounded up to 1 KiB each, as dpkg-gencontrol counts."""
    total = 0
    for path in root.rglob("*"):
        if path.is_relative_to(root / "DEBIAN"):
            continue
        total += -(-path.lstat().st_size // 1024) if path.is_file() or path.is_symlink() else 1
    return total


def write_control(root: Path, version: str, arch: str, depends: list[str]) -> None:
    """DEBIAN/control and DEBIAN/md5sums."""
    debian = root / "DEBIAN"
    debian.mkdir()
    control = f"""Package: {PACKAGE}
Version: {version}
Architecture: {arch}
Maintainer: {MAINTAINER}
Installed-Size: {installed_kib(root)}
Depends: {", ".join(depends)}
Section: science
Priority: optional
Description: plan visits to the International Space Station
 ISS Visit Planner keeps the vehicles, crews and docking ports of a space
 station plan in one project file (.issplan), with launch, docking,
 relocation, undocking and landing times and the activities aboard.
 .
 It checks the plan against the station's rules and computes the station's
 orbit from real element sets: ground track, daylight, ground-station passes
 and filming windows. The app is self-contained under /opt/{PACKAGE}.
"""
    write(debian / "control", control)
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and not path.is_relative_to(debian):
            digest = hashlib.md5(path.read_bytes()).hexdigest()  # noqa: S324 - dpkg's format, not security
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    write(debian / "md5sums", "".join(lines))
    for path in debian.iterdir():
        path.chmod(0o644)


if __name__ == "__main__":
    sys.exit(main())
