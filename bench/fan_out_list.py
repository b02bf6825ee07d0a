"""`fwm list --all-devices` on 16 emulated devices against one device and against a sequential adb CLI loop
doing the same reads (run-as wc -c, exec-out run-as cat, dumpsys jobscheduler per device).

Run: python3 bench/fan_out_list.py [--devices 16] [--runs 5]. Prints medians and ratios.
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

from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.sample_apps import sample_app

PACKAGE = "com.example.app"
DB_FILES = ["no_backup/androidx.work.workdb", "no_backup/androidx.work.workdb-wal", "no_backup/androidx.work.workdb-shm"]


def median_ms(action: Callable[[], None], runs: int) -> float:
    """Median wall time in milliseconds of `runs` calls after one warm-up call."""
    action()
    times: List[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=16)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    fwm_exe, adb = shutil.which("fwm"), shutil.which("adb")
    assert fwm_exe and adb, "needs fwm and adb on PATH (scripts/setup installs both)"
    with AndroidRig([ANDROID_14] * args.devices) as rig:
        for device in rig.devices:
            sample_app(device=device)
        env = dict(os.environ, **rig.env())
        env.pop("ANDROID_SERIAL", None)
        serials = [d.serial for d in rig.devices]

        def fwm_all() -> None:
            out = subprocess.run([fwm_exe, "list", "-a", PACKAGE, "--all-devices", "--json"], env=env, check=True,
                                 capture_output=True, text=True).stdout
            assert len(out.splitlines()) == args.devices

        def fwm_one() -> None:
            subprocess.run([fwm_exe, "list", "-a", PACKAGE, "-s", serials[0], "--json"], env=env, check=True,
                           capture_output=True)

        def adb_loop() -> None:
            for serial in serials:
                base = [adb, "-P", str(rig.adb_port), "-s", serial]
                subprocess.run([*base, "shell", "run-as", PACKAGE, "wc", "-c", *DB_FILES], env=env, capture_output=True)
                subprocess.run([*base, "exec-out", "run-as", PACKAGE, "cat", *DB_FILES], env=env, capture_output=True,
                               check=True)
                subprocess.run([*base, "shell", "dumpsys", "jobscheduler", PACKAGE], env=env, capture_output=True,
                               check=True)

        results: Dict[str, float] = {
            "fwm_list_all_devices_ms": median_ms(fwm_all, args.runs),
            "fwm_list_one_device_ms": median_ms(fwm_one, args.runs),
            "adb_cli_sequential_same_reads_ms": median_ms(adb_loop, args.runs),
        }
    report = {
        "benchmark": f"list one app's tasks on {args.devices} emulated devices (Debian's adb server, loopback)",
        "runs": args.runs,
        "results": results,
        "ratio_all_devices_over_one_device": round(results["fwm_list_all_devices_ms"] / results["fwm_list_one_device_ms"], 2),
        "ratio_adb_loop_over_fwm_all_devices": round(results["adb_cli_sequential_same_reads_ms"]
                                                     / results["fwm_list_all_devices_ms"], 2),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
