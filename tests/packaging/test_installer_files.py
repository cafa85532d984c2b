"""The installers' desktop integration files agree with the app: extension, MIME type, icon, launcher.

These read the files as the desktop does (without building anything); the slow test in ``test_deb.py``
runs the real validators on the built package.
"""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import planner
from planner.model import Project
from planner.store import save_project

REPO = Path(__file__).resolve().parents[2]
LINUX = REPO / "packaging" / "linux"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPE = "application/x-iss-planner+json"


def _desktop_entry():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / "planner.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def _mime_type():
    root = ET.parse(LINUX / "iss-planner-mime.xml").getroot()
    (mime_type,) = root.findall(f"{MIME}mime-type")
    return mime_type


def test_desktop_entry_opens_a_file_of_the_project_type():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    # The launcher passes one file (what a double-click gives) to the command planner.cli:main reads.
    assert entry["Exec"].split() == ["planner", "%f"]
    assert MIME_TYPE in entry["MimeType"].rstrip(";").split(";")
    # The desktop file's name is what the app announces to the window system.
    app_source = (REPO / "planner" / "gui" / "app.py").read_text(encoding="utf-8")
    assert 'setDesktopFileName("planner")' in app_source
    assert (REPO / "resources" / "icons" / f"{entry['Icon']}.svg").is_file()


def test_mime_type_globs_the_project_suffix_and_is_json():
    mime_type = _mime_type()
    assert mime_type.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime_type.findall(f"{MIME}glob")] == [f"*{planner.PROJECT_SUFFIX}"]
    assert [s.get("type") for s in mime_type.findall(f"{MIME}sub-class-of")] == ["application/json"]
    # The MIME icon is found by its default name: the type with '/' turned into '-'.
    assert (REPO / "resources" / "icons" / f"{MIME_TYPE.replace('/', '-')}.svg").is_file()


def test_mime_magic_matches_what_the_app_writes(tmp_path):
    (match,) = _mime_type().iter(f"{MIME}match")
    start, end = (int(x) for x in match.get("offset").split(":"))
    path = tmp_path / f"plan{planner.PROJECT_SUFFIX}"
    save_project(Project(), path)
    head = path.read_bytes()[: end + len(match.get("value"))]
    # A renamed project file is still recognised by its content.
    assert match.get("value").encode() in head[start:]


def test_metainfo_names_the_launcher_and_the_file_type():
    (metainfo,) = LINUX.glob("*.metainfo.xml")
    root = ET.parse(metainfo).getroot()
    assert metainfo.name == f"{root.findtext('id')}.metainfo.xml"
    assert root.find("launchable").text == "planner.desktop"
    assert root.find("provides/mediatype").text == MIME_TYPE
    assert root.find("provides/binary").text == "planner"


def test_windows_installer_associates_the_suffix_with_the_windowed_app():
    script = (REPO / "packaging" / "windows" / "planner.iss").read_text(encoding="utf-8")
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', script))
    assert defines["ProjectExt"] == planner.PROJECT_SUFFIX
    assert defines["MimeType"] == MIME_TYPE
    assert defines["AppExe"] == "planner.exe"
    assert "ChangesAssociations=yes" in script
    assert r'shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""' in script


def test_macos_bundle_declares_the_document_type():
    spec = (REPO / "packaging" / "planner.spec").read_text(encoding="utf-8")
    for key in ("CFBundleDocumentTypes", "UTExportedTypeDeclarations", "public.json",
                'planner.PROJECT_SUFFIX.lstrip(".")', "argv_emulation"):
        assert key in spec
    assert f'MIME_TYPE = "{MIME_TYPE}"' in spec


def test_build_installs_one_qt_binding():
    requirements = (REPO / "packaging" / "requirements-build.txt").read_text(encoding="utf-8").lower()
    assert not re.search(r"^(pyqt|pyside)", requirements, re.M)
    spec = (REPO / "packaging" / "planner.spec").read_text(encoding="utf-8")
    for other in ("PyQt5", "PyQt6", "PySide2"):
        assert f'"{other}"' in spec  # excluded from the analysis


def test_the_build_excludes_no_qt_module_the_app_imports():
    spec = (REPO / "packaging" / "planner.spec").read_text(encoding="utf-8")
    excludes = spec[spec.index("excludes = ["):spec.index("]", spec.index("excludes = ["))]
    excluded = set(re.findall(r'"(PySide6\.Qt\w+)"', excludes))
    assert "PySide6.QtQml" in excluded  # the list is where this test looks
    imported = set()
    for source in (REPO / "planner").rglob("*.py"):
        imported |= set(re.findall(r"\b(PySide6\.Qt\w+)", source.read_text(encoding="utf-8")))
    assert "PySide6.QtWidgets" in imported
    assert not imported & excluded, f"excluded from the build but imported by planner: {imported & excluded}"
