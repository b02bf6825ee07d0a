"""The CI smoke-test recipe in docs/ runs as written under plain pytest (through the fwm pytest plugin)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RECIPE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "test_smoke_android.py"


def test_the_recipe_passes_under_plain_pytest(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(RECIPE)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed" in proc.stdout


def test_the_plugin_adds_its_options():
    proc = subprocess.run([sys.executable, "-m", "pytest", "--help"], capture_output=True, text=True, timeout=60)
    assert "--fwm-device" in proc.stdout and "--fwm-app" in proc.stdout
