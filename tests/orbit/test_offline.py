"""skyfield's data comes from skyfield-data's folder: no download is ever attempted."""

from __future__ import annotations

import subprocess
import sys

CODE = r"""
import os, sys, socket
import skyfield.iokit as iokit

def refuse(*args, **kwargs):
    raise AssertionError("download attempted: %r" % (args,))

iokit.download = refuse
iokit.Loader.download = refuse
socket.socket.connect = refuse  # nothing may open a connection either
os.chdir(sys.argv[1])

import planner.orbit as o
sets = o.read_elements(sys.argv[2])
orbit = o.Orbit(sets)
t0 = sets[0].epoch.timestamp()
o.Daylight(orbit, t0, t0 + 86400.0)
o.find_passes(orbit, [(55.9, 37.8)], t0, t0 + 86400.0)
o.earth_satellite_of(sets[0]).at(o.skydata.timescale().utc(2021, 10, 15))
print("files:", sorted(os.listdir(".")))
"""


def test_no_download_and_nothing_written_to_the_working_directory(tmp_path, data_dir):
    done = subprocess.run([sys.executable, "-c", CODE, str(tmp_path), str(data_dir / "iss-2021-10-15.tle")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "files: []"
