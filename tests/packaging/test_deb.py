"""The .deb as a user gets it: built, unpacked into a scratch root, validated, and its app self-tested.

Slow (the build takes about 3-4 minutes on 2 cores) and needs the package index for the clean build
environment, so it runs only when asked: ``PLANNER_PACKAGING_TESTS=1 python -m pytest tests/packaging -m slow``
(``.ci`` does). ``PLANNER_DEB=path.deb`` checks an existing package instead of building one. The tools it
needs are installed first by ``packaging/linux/install_build_deps.sh`` when missing (root only).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import planner

REPO = Path(__file__).resolve().parents[2]
MIME_TYPE = "application/x-iss-planner+json"
MAX_INSTALLED_MIB = 250

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("PLANNER_PACKAGING_TESTS") != "1",
                       reason="builds the .deb (minutes, network): set PLANNER_PACKAGING_TESTS=1"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .deb is built on Linux only"),
    pytest.mark.timeout(1800),
]

TOOLS = ("dpkg-deb", "readelf", "desktop-file-validate", "update-mime-database", "appstreamcli", "lintian")


def _run(*cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, stdin=subprocess.DEVNULL, **kwargs)


@pytest.fixture(scope="module")
def deb() -> Path:
    """The package: PLANNER_DEB, or one built now with the README's one command."""
    if any(shutil.which(t) is None for t in TOOLS):
        if os.geteuid() != 0:
            pytest.fail(f"missing tools ({', '.join(t for t in TOOLS if not shutil.which(t))}): "
                        "run packaging/linux/install_build_deps.sh as root")
        done = _run("bash", REPO / "packaging" / "linux" / "install_build_deps.sh")
        assert done.returncode == 0, done.stdout + done.stderr
    if os.environ.get("PLANNER_DEB"):
        return Path(os.environ["PLANNER_DEB"])
    done = _run(sys.executable, REPO / "packaging" / "build.py", cwd=REPO, timeout=1700)
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-5000:]
    (built,) = (REPO / "dist").glob(f"iss-planner_{planner.__version__}_*.deb")
    return built


@pytest.fixture(scope="module")
def root(deb, tmp_path_factory) -> Path:
    """The package unpacked into a scratch root, as dpkg would install it."""
    target = tmp_path_factory.mktemp("root")
    done = _run("dpkg-deb", "-x", deb, target)
    assert done.returncode == 0, done.stderr
    return target


def _control(deb) -> dict[str, str]:
    text = _run("dpkg-deb", "-f", deb).stdout
    fields, key = {}, None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def test_control_fields_and_installed_size(deb):
    control = _control(deb)
    assert control["Package"] == "iss-planner" and control["Version"] == planner.__version__
    depends = {d.split()[0] for d in control["Depends"].split(", ")}
    # The Qt system libraries the X11 platform plugin cannot start without.
    assert {"libxcb-cursor0", "libegl1", "libxkbcommon-x11-0", "libfontconfig1", "libc6"} <= depends
    installed_mib = int(control["Installed-Size"]) / 1024
    print(f"installed size {installed_mib:.0f} MiB, package {deb.stat().st_size / 2**20:.0f} MiB")
    assert installed_mib < MAX_INSTALLED_MIB


def test_layout_launcher_and_icons(root):
    app = root / "opt" / "iss-planner" / "planner"
    assert os.access(app, os.X_OK)
    launcher = (root / "usr" / "bin" / "planner").read_text()
    assert launcher.startswith("#!/bin/sh") and 'exec /opt/iss-planner/planner "$@"' in launcher
    icons = root / "usr" / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "planner.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256):
        png = icons / f"{size}x{size}" / "apps" / "planner.png"
        assert png.read_bytes()[16:24] == size.to_bytes(4, "big") * 2  # IHDR width and height
        assert (icons / f"{size}x{size}" / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.png").is_file()
    # Qt's translations and other bindings are not shipped.
    internal = app.parent / "_internal"
    assert not list(internal.rglob("translations/*.qm"))
    assert not [p for p in internal.iterdir() if p.name in ("PyQt5", "PyQt6", "PySide2")]


def test_desktop_file_validates(root):
    done = _run("desktop-file-validate", root / "usr" / "share" / "applications" / "planner.desktop")
    assert done.returncode == 0 and "error" not in done.stdout.lower(), done.stdout + done.stderr


def test_metainfo_validates(root):
    (metainfo,) = (root / "usr" / "share" / "metainfo").glob("*.metainfo.xml")
    done = _run("appstreamcli", "validate", "--no-net", metainfo)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mime_database_maps_the_suffix_to_the_project_type(root, tmp_path):
    share = tmp_path / "share"
    shutil.copytree(root / "usr" / "share" / "mime", share / "mime")
    done = _run("update-mime-database", share / "mime")  # refuses invalid XML
    assert done.returncode == 0, done.stderr
    globs = (share / "mime" / "globs2").read_text()
    assert f"{MIME_TYPE}:*{planner.PROJECT_SUFFIX}" in globs
    # Qt itself (as a file dialog or the desktop would) resolves a project file to the type.
    probe = ("import sys; from PySide6.QtCore import QMimeDatabase; "
             "print(QMimeDatabase().mimeTypeForFile(sys.argv[1]).name())")
    project = tmp_path / f"plan{planner.PROJECT_SUFFIX}"
    project.write_text('{"format": "iss-visit-planner"}\n')
    env = {**os.environ, "XDG_DATA_DIRS": str(share), "XDG_DATA_HOME": str(tmp_path / "none")}
    done = _run(sys.executable, "-c", probe, project, env=env)
    assert done.stdout.strip() == MIME_TYPE, done.stderr


def test_lintian_finds_only_explained_tags(deb):
    done = _run("lintian", "--tag-display-limit", "0", deb, timeout=900)
    # Every finding of a self-contained app under /opt is overridden with the reason in
    # usr/share/lintian/overrides/iss-planner; anything else is a real problem.
    findings = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert not findings, "\n".join(findings)


def test_unpacked_app_passes_its_self_test(root, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM",
                                                           "PYTHONPATH", "VIRTUAL_ENV")}
    env["HOME"] = str(tmp_path)
    png = tmp_path / "window.png"
    done = _run(root / "opt" / "iss-planner" / "planner", "--self-test", "--self-test-png", png,
                env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "planner self-test (frozen build" in done.stdout
    assert f"{root}/opt/iss-planner/_internal/resources" in done.stdout  # its own data, not the checkout's
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
