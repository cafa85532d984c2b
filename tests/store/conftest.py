"""Lets the store tests import their shared helpers (``store_examples``, ``store_strategies``) by module name."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
