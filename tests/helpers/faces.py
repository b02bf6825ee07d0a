"""Runs one register request through both faces, the CLI and Python, and checks they agree."""

from __future__ import annotations

import json
import subprocess
from datetime import timedelta
from typing import Any, Dict, List, Optional, Tuple, Type

import fwm

TASK_CLASSES: Dict[str, Type[fwm.Task]] = {
    "one-off": fwm.OneOffTask,
    "periodic": fwm.PeriodicTask,
    "processing": fwm.ProcessingTask,
}

CONSTRAINT_FLAGS = {
    "requires_charging": "--requires-charging",
    "requires_battery_not_low": "--requires-battery-not-low",
    "requires_device_idle": "--requires-device-idle",
    "requires_storage_not_low": "--requires-storage-not-low",
}

VALUE_FLAGS = {
    "tag": "--tag",
    "initial_delay": "--initial-delay",
    "frequency": "--frequency",
    "flex_interval": "--flex",
    "existing_work_policy": "--policy",
    "backoff_policy": "--backoff",
    "backoff_policy_delay": "--backoff-delay",
    "out_of_quota_policy": "--out-of-quota",
}


def cli_args(kind: str, unique: str, task: str, platform: str, app: str, options: Dict[str, Any]) -> List[str]:
    """The `fwm register ... --dry-run --json` argv for a request given as Python keyword arguments."""
    args = ["register", kind, *([f"--app={app}"] if app else ["--app", app]), "--platform", platform, "--dry-run",
            "--json"]
    for name, value in options.items():
        if name in VALUE_FLAGS:
            text = fwm.format_duration(value) if isinstance(value, timedelta) else str(getattr(value, "value", value))
            args += [f"{VALUE_FLAGS[name]}={text}"] if text else [VALUE_FLAGS[name], text]
        elif name == "input_data":
            args += ["--input-json", json.dumps(value)]
        elif name == "expedited":
            if value:
                args.append("--expedited")
        elif name == "constraints":
            for cname, cvalue in vars(value).items():
                if cvalue is None:
                    continue
                if cname == "network_type":
                    args += ["--network", str(getattr(cvalue, "value", cvalue))]
                elif cvalue:
                    args.append(CONSTRAINT_FLAGS[cname])
        else:
            raise AssertionError(f"no flag for {name}")
    return [*args, "--", unique, task]


def register_both(
    fwm_exe: str, kind: str, platform: str = "android", app: str = "com.example.app",
    unique: str = "sync", task: str = "syncTask", **options: Any
) -> Tuple[int, Dict[str, Any], Optional[fwm.Error]]:
    """Runs the request through the CLI and through Python. Returns (exit code, CLI JSON document,
    Python error or None) after checking that both faces reached the same result."""
    proc = subprocess.run([fwm_exe, *cli_args(kind, unique, task, platform, app, options)],
                          capture_output=True, text=True, timeout=30)
    document = json.loads(proc.stdout)
    error: Optional[fwm.Error] = None
    try:
        plan = TASK_CLASSES[kind](unique, task, **options).normalize(platform=platform, app=app)
        assert proc.returncode == 0, proc
        assert json.loads(plan.to_json()) == document
        assert plan.to_json() == proc.stdout.strip()
    except fwm.Error as e:
        error = e
        assert proc.returncode == e.exit_code, (proc, e)
        assert [p.field for p in getattr(e, "problems", [])] == [p["field"] for p in document["error"]["problems"]]
    return proc.returncode, document, error


def warning_fields(document: Dict[str, Any]) -> List[str]:
    """The fields named by a dry-run document's warnings, in order."""
    return [w["field"] for w in document["warnings"]]


def problem_fields(document: Dict[str, Any]) -> List[str]:
    """The fields named by an error document's problems, in order."""
    return [p["field"] for p in document["error"]["problems"]]
