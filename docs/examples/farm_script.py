"""A device-farm script that uses the whole fwm Python API; `mypy --strict` checks it in the test-suite.

Run it against attached devices:  python3 docs/examples/farm_script.py com.example.app
"""

from __future__ import annotations

import sys
from datetime import timedelta
from typing import List

import fwm


def check_registration() -> fwm.RegisterPlan[fwm.PeriodicTask]:
    """What registering a periodic task would do on Android, sending nothing."""
    task = fwm.PeriodicTask("sync", "syncTask", frequency=timedelta(minutes=10),
                            constraints=fwm.Constraints(network_type=fwm.NetworkType.UNMETERED))
    plan = task.normalize(platform=fwm.Platform.ANDROID, app="com.example.app")
    for warning in plan.warnings:
        print(f"warning: {warning.field}: {warning.message}")
    return plan


def survey(package: str) -> int:
    """Lists the package's tasks on every device at once, forces the one-off ones and reports."""
    devices: List[fwm.Device] = [d for d in fwm.devices(timeout=timedelta(seconds=10)) if d.state == "device"]
    listings = fwm.fan_out(devices, lambda d: d.app(package).listing(), max_workers=16)
    worst = 0
    for result in listings:
        if not result.ok or result.value is None:
            print(f"{result.device.serial}: {result.error}")
            worst = max(worst, result.error.exit_code if isinstance(result.error, fwm.Error) else 1)
            continue
        app = result.device.app(package)
        for task in result.value.tasks:
            print(result.device.serial, task.unique_name, task.state, task.next_run_at)
            if task.kind == "one-off" and task.state == "enqueued":
                report: fwm.Report = app.trigger(unique_name=task.unique_name, wait=True,
                                                 timeout=timedelta(seconds=60))
                for outcome in report.results:
                    print(f"  {outcome.outcome}: {outcome.message}")
                worst = max(worst, report.exit_code)
        doctor: fwm.DoctorReport = app.doctor()
        for check in doctor.checks:
            if check.status != "pass":
                print(f"  [{check.status}] {check.name}: {check.fix or check.detail}")
        for record in app.logs():
            if record.tag == "WorkmanagerDebug":
                print(f"  {record.time} {record.message}")
    return worst


def main() -> int:
    check_registration()
    try:
        return survey(sys.argv[1] if len(sys.argv) > 1 else "com.example.app")
    except fwm.DeviceNotFound as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except fwm.Error as error:
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
