"""Where the repository's reference fixtures live (tests/fixtures, provenance in its README)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ANDROID_FIXTURES = FIXTURES / "android"
IOS_FIXTURES = FIXTURES / "ios"
