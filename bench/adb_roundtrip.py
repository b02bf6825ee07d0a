"""One device round trip through fwm against `adb -s SERIAL shell true`, same machine, same emulated device.

Run: python3 bench/adb_roundtrip.py [--runs 200]. Prints medians, p90s and ratios (adb CLI / fwm).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import time
from typing import Callable, Dict, List

import fwm
from fwm.testing import ANDROID_14, AndroidRig


def measure(action: Callable[[], None], runs: int) -> List[float]:
    """Wall times in milliseconds of `runs` calls, after 5 warm-up calls."""
    for _ in range(5):
        action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: List[float]) -> Dict[str, float]:
    ordered = sorted(times)
    return {"median_ms": round(statistics.median(ordered), 3), "p90_ms": round(ordered[int(len(ordered) * 0.9)], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="round trips per client (default 200)")
    args = parser.parse_args()
    adb = shutil.which("adb")
    fwm_exe = shutil.which("fwm")
    assert adb and fwm_exe, "needs adb and fwm on PATH (scripts/setup installs both)"
    with AndroidRig([ANDROID_14]) as rig:
        os.environ.update(rig.env())
        serial = rig.devices[0].serial
        [device] = [d for d in fwm.devices() if d.serial == serial]
        env = dict(os.environ)

        def fwm_python() -> None:
            assert device.shell("true").exit_code == 0

        def fwm_cli() -> None:
            subprocess.run([fwm_exe, "shell", "-s", serial, "--", "true"], env=env, check=True)

        def adb_cli() -> None:
            subprocess.run([adb, "-P", str(rig.adb_port), "-s", serial, "shell", "true"], env=env, check=True)

        results = {name: summary(measure(fn, args.runs))
                   for name, fn in [("fwm_python", fwm_python), ("fwm_cli", fwm_cli), ("adb_cli", adb_cli)]}
    base = results["adb_cli"]["median_ms"]
    report = {
        "benchmark": "one device round trip (shell true) on an emulated device behind Debian's adb server",
        "runs": args.runs,
        "results": results,
        "ratio_adb_cli_over_fwm_python": round(base / results["fwm_python"]["median_ms"], 2),
        "ratio_adb_cli_over_fwm_cli": round(base / results["fwm_cli"]["median_ms"], 2),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
