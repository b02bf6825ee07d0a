"""The Python API is typed: an example farm script using all of it passes `mypy --strict`, and runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.sample_apps import sample_app

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "examples" / "farm_script.py"


def test_mypy_strict_passes_on_the_farm_script(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(SCRIPT)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_farm_script_runs_on_emulated_devices():
    with AndroidRig([ANDROID_14, ANDROID_14]) as rig:
        for device in rig.devices:
            sample_app(device=device)
        env = dict(os.environ, **rig.env())
        env.pop("ANDROID_SERIAL", None)
        proc = subprocess.run([sys.executable, str(SCRIPT), "com.example.app"], env=env, capture_output=True,
                              text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("succeeded:") >= 2 * 3
