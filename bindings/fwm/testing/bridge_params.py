"""What the Android and iOS fakes of the fwm bridge share: protocol constants, reading ext.fwm.* parameters."""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, Mapping, Optional, Tuple

from .vm_service import INVALID_PARAMS, ExtensionError

PROTOCOL_VERSION = "1.0"
BRIDGE_VERSION = "0.1.0"
UNSUPPORTED = -32001
RUN_NOW_TAG = "fwm-run-now"
CONSTRAINT_KEYS = {"networkType", "requiresBatteryNotLow", "requiresCharging", "requiresDeviceIdle",
                   "requiresStorageNotLow"}
NETWORK_TYPE_NAMES = ("connected", "metered", "notRequired", "notRoaming", "unmetered", "temporarilyUnmetered")
ONE_OFF_POLICIES = ("append", "keep", "replace", "update")
PERIODIC_POLICIES = ("keep", "replace", "update")
BACKOFF_POLICIES = ("exponential", "linear")
OUT_OF_QUOTA_NAMES = ("runAsNonExpeditedWorkRequest", "dropWorkRequest")


def bad(detail: str) -> ExtensionError:
    """The -32602 (Invalid params) error with `detail`."""
    return ExtensionError(INVALID_PARAMS, detail)


def param(params: Mapping[str, str], method: str, name: str) -> str:
    """The string parameter `name`; -32602 when it is missing."""
    if name not in params:
        raise bad(f"{method} expects the '{name}' parameter")
    return params[name]


def json_param(params: Mapping[str, str], method: str, name: str) -> Any:
    """The parameter `name` decoded as JSON; -32602 when it is missing or not JSON."""
    try:
        return json.loads(param(params, method, name))
    except ValueError as e:
        raise bad(f"{method}: '{name}' is not JSON: {e}") from None


def typed(task: Mapping[str, Any], key: str, kind: type, method: str) -> Any:
    """task[key] (None when absent); -32602 when it is not of `kind` (a bool is not an int)."""
    value = task.get(key)
    if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
        raise bad(f"{method}: '{key}' must be {kind.__name__}, not {json.dumps(value)}")
    return value


def choice(value: Optional[str], allowed: Iterable[str], key: str, method: str) -> Optional[str]:
    """`value` when it is None or one of `allowed`; -32602 otherwise."""
    allowed = list(allowed)
    if value is not None and value not in allowed:
        raise bad(f"{method}: '{key}' is {value!r}, not one of {', '.join(allowed)}")
    return value


def run_now_params(params: Mapping[str, str]) -> Tuple[str, str, Dict[str, Any]]:
    """runNow's (taskName, runUniqueName, inputData), checked as both bridges check them (uniqueName
    must be present too)."""
    method = "runNow"
    param(params, method, "uniqueName")
    task_name = param(params, method, "taskName")
    copy = param(params, method, "runUniqueName")
    payload = json_param(params, method, "inputData")
    if not isinstance(payload, dict):
        raise bad(f"{method}: 'inputData' must be a JSON object")
    return task_name, copy, payload
