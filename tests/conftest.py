"""Test-wide settings: hypothesis profiles (``make test`` runs a few hundred examples per property,
``make fuzz`` sets HYPOTHESIS_PROFILE=fuzz for 10,000+) and the paths tests share."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DECISIONS_SHARED", ROOT.parent / "shared"))

settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
