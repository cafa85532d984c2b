# dmgbuild settings of the macOS disk image (packaging/build.py on macOS passes -D app=<path of the .app>).
# The window shows the app beside a link to /Applications: drag one onto the other to install.
# Cannot be built on Linux.
import os.path

application = defines.get("app", "build/packaging/dist/ISS Visit Planner.app")  # noqa: F821 - set by dmgbuild
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
filesystem = "HFS+"
files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = None
icon_locations = {appname: (140, 150), "Applications": (420, 150)}
window_rect = ((200, 200), (560, 320))
default_view = "icon-view"
show_status_bar = False
show_toolbar = False
icon_size = 96
