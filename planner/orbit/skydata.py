"""skyfield's data, offline: the timescale and the DE421 ephemeris shipped by skyfield-data.

Never ``skyfield.api.load``: it downloads into the working directory. The loader here points at
skyfield-data's folder and is only ever asked for files that are there.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np


def data_folder() -> Path:
    """skyfield-data's folder of ``de421.bsp`` and ``finals2000A.all``."""
    import skyfield_data

    # Not get_skyfield_data_path(): it warns once its IERS file is past a date, and DE421 (used here
    # for the Sun) is good to 2053 while UT1 comes from skyfield's own built-in tables.
    return Path(skyfield_data.__file__).resolve().parent / "data"


@functools.cache
def loader():
    """A skyfield ``Loader`` over skyfield-data's folder, quiet."""
    from skyfield.api import Loader

    return Loader(str(data_folder()), verbose=False)


@functools.cache
def timescale():
    """skyfield's timescale from its built-in leap-second and Delta T tables (no download)."""
    return loader().timescale(builtin=True)


@functools.cache
def ephemeris():
    """The DE421 planetary ephemeris (1900-2050) from skyfield-data."""
    path = data_folder() / "de421.bsp"
    if not path.is_file():  # never let the loader fall back to downloading it
        raise FileNotFoundError(f"skyfield-data's ephemeris is missing: {path}")
    return loader()("de421.bsp")


def skyfield_times(epoch_seconds):
    """skyfield ``Time`` (array) for UTC epoch seconds (seconds since 1970 as POSIX counts them)."""
    seconds = np.atleast_1d(np.asarray(epoch_seconds, dtype=float))
    days = np.floor(seconds / 86400.0)
    dates = days.astype("int64").astype("datetime64[D]")
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12 + 1
    mdays = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    t = timescale().utc(years, months, mdays, 0, 0, seconds - days * 86400.0)
    return t if np.ndim(epoch_seconds) else t[0]
