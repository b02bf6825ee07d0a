"""The fwm bridge (bridge/lib/fwm_bridge.dart) as an emulated app runs it: the ext.fwm.* service extensions of
docs/bridge-protocol.md, acting on the app's emulated WorkManager the way the plugin's Android side and
WorkManager do (WorkmanagerPlugin.kt / WorkManagerUtils.kt of flutter_workmanager 0.10.7).

Simplifications (check on a real app): periodic `update` replaces the WorkSpec instead of updating it in
place (a new work id); one-off `append` chains the new work as BLOCKED behind pending work of that name;
WorkManager's immediate start of unconstrained one-off work is emulated only for run-now copies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple

from .bridge_params import (BACKOFF_POLICIES, BRIDGE_VERSION, ONE_OFF_POLICIES, PERIODIC_POLICIES,
                            PROTOCOL_VERSION, RUN_NOW_TAG, UNSUPPORTED, bad, choice, json_param, param, run_now_params, typed)
from .vm_service import EXTENSION_ERROR, ExtensionError, FakeVmService
from .workmanager_db import FINISHED_STATES, Constraints, WorkSpec
from .workmanager_runtime import JOB_START_DELAY, run_job

if TYPE_CHECKING:
    from .android_apps import AndroidApp

NETWORK_TYPES = {"connected": "connected", "metered": "metered", "notRequired": "not_required",
                 "notRoaming": "not_roaming", "unmetered": "unmetered", "temporarilyUnmetered": "temporarily_unmetered"}
OUT_OF_QUOTA = {"runAsNonExpeditedWorkRequest": "run_as_non_expedited", "dropWorkRequest": "drop"}
WORK_STATES = {"ENQUEUED": "scheduled", "BLOCKED": "scheduled", "RUNNING": "running", "SUCCEEDED": "succeeded",
               "FAILED": "failed", "CANCELLED": "cancelled"}


class FwmBridge:
    """The bridge of one app: `extensions()` are its ext.fwm.* handlers. `protocol_version` and
    `plugin_version` are what hello reports; `platform` "android"."""

    def __init__(self, app: "AndroidApp", *, protocol_version: str = PROTOCOL_VERSION,
                 plugin_version: Optional[str] = None) -> None:
        self.app = app
        self.protocol_version = protocol_version
        self.plugin_version = plugin_version if plugin_version is not None else app.plugin_version
        self.platform = "android"

    def extensions(self) -> Dict[str, Callable[[Mapping[str, str]], Dict[str, Any]]]:
        methods = {"hello": self.hello, "registerOneOffTask": self.register_one_off,
                   "registerPeriodicTask": self.register_periodic, "registerProcessingTask": self.register_processing,
                   "cancelByUniqueName": self.cancel_by_unique_name, "cancelByTag": self.cancel_by_tag,
                   "cancelAll": self.cancel_all, "isScheduledByUniqueName": self.is_scheduled,
                   "getWorkInfo": self.get_work_info, "printScheduledTasks": self.print_scheduled_tasks,
                   "runNow": self.run_now}
        return {f"ext.fwm.{name}": self._guarded(handler) for name, handler in methods.items()}

    def _guarded(self, handler: Callable[[Mapping[str, str]], Dict[str, Any]]) -> Callable[
            [Mapping[str, str]], Dict[str, Any]]:
        def call(params: Mapping[str, str]) -> Dict[str, Any]:
            if self.app.callback_handle is None and handler not in (self.hello,):
                raise ExtensionError(EXTENSION_ERROR, "PlatformException(1, You have not properly initialized the "
                                                      "Flutter WorkManager Package. You should ensure you have called "
                                                      "the 'initialize' function first!, null, null)")
            with self.app.lock:
                return handler(params)
        return call

    # --- methods -------------------------------------------------------------------------------------------

    def hello(self, params: Mapping[str, str]) -> Dict[str, Any]:
        return {"type": "FwmHello", "protocolVersion": self.protocol_version, "bridgeVersion": BRIDGE_VERSION,
                "pluginVersion": self.plugin_version, "platform": self.platform}

    def register_one_off(self, params: Mapping[str, str]) -> Dict[str, Any]:
        return self._register("registerOneOffTask", params, periodic=False)

    def register_periodic(self, params: Mapping[str, str]) -> Dict[str, Any]:
        return self._register("registerPeriodicTask", params, periodic=True)

    def register_processing(self, params: Mapping[str, str]) -> Dict[str, Any]:
        raise ExtensionError(UNSUPPORTED, "Unsupported operation: registerProcessingTask is only supported on iOS")

    def cancel_by_unique_name(self, params: Mapping[str, str]) -> Dict[str, Any]:
        name = param(params, "cancelByUniqueName", "uniqueName")
        self._cancel([s for s in self._specs() if name in s.names])
        return {"type": "Success"}

    def cancel_by_tag(self, params: Mapping[str, str]) -> Dict[str, Any]:
        tag = param(params, "cancelByTag", "tag")
        self._cancel([s for s in self._specs() if tag in s.tags])
        return {"type": "Success"}

    def cancel_all(self, params: Mapping[str, str]) -> Dict[str, Any]:
        self._cancel(self._specs())
        return {"type": "Success"}

    def is_scheduled(self, params: Mapping[str, str]) -> Dict[str, Any]:
        name = param(params, "isScheduledByUniqueName", "uniqueName")
        specs = [s for s in self._specs() if name in s.names]
        return {"type": "FwmScheduled", "scheduled": bool(specs) and all(s.state in ("ENQUEUED", "RUNNING")
                                                                         for s in specs)}

    def get_work_info(self, params: Mapping[str, str]) -> Dict[str, Any]:
        name = param(params, "getWorkInfo", "uniqueName")
        specs = [s for s in self._specs() if name in s.names]
        if not specs:
            return {"type": "FwmWorkInfo", "workInfo": None}
        spec = specs[0]
        return {"type": "FwmWorkInfo", "workInfo": {
            "uniqueName": name, "state": WORK_STATES[spec.state], "isPeriodic": spec.is_periodic, "taskName": None,
            "tags": sorted(spec.tags), "lastFinishedAt": None}}

    def print_scheduled_tasks(self, params: Mapping[str, str]) -> Dict[str, Any]:
        raise ExtensionError(UNSUPPORTED, "Unsupported operation: printScheduledTasks is only supported on iOS")

    def run_now(self, params: Mapping[str, str]) -> Dict[str, Any]:
        task_name, copy, payload = run_now_params(params)
        self._cancel([s for s in self._specs() if copy in s.names])
        spec = self.app.add_task(copy, task_name, payload=payload, tag=RUN_NOW_TAG)
        device = self.app.device
        assert device is not None
        device.after(JOB_START_DELAY, run_job, self.app, spec.id)
        return {"type": "FwmRunNow", "uniqueName": copy, "taskName": task_name}

    # --- WorkManager ---------------------------------------------------------------------------------------

    def _specs(self) -> List[WorkSpec]:
        return self.app.db.work_specs()

    def _cancel(self, specs: List[WorkSpec]) -> None:
        for spec in specs:
            if spec.state not in FINISHED_STATES:
                self.app.db.set_state(spec.id, "CANCELLED")

    def _register(self, method: str, params: Mapping[str, str], *, periodic: bool) -> Dict[str, Any]:
        # Keys it does not read (unknown ones, unknown constraints) are ignored, as the plugin's named
        # Dart parameters ignore them (reference flutter-workmanager-plugin.md §1.5).
        task = json_param(params, method, "task")
        if not isinstance(task, dict):
            raise bad(f"{method}: 'task' must be a JSON object")
        unique = typed(task, "uniqueName", str, method)
        name = typed(task, "taskName", str, method)
        if not unique or not name:
            raise bad(f"{method}: 'uniqueName' and 'taskName' are required")
        payload = typed(task, "inputData", dict, method)
        tag = typed(task, "tag", str, method)
        delay_s = typed(task, "initialDelay", int, method) or 0
        raw = typed(task, "constraints", dict, method) or {}
        network = choice(typed(raw, "networkType", str, method), NETWORK_TYPES, "networkType", method)
        constraints = Constraints(network=NETWORK_TYPES[network or "notRequired"],
                                  charging=bool(typed(raw, "requiresCharging", bool, method)),
                                  battery_not_low=bool(typed(raw, "requiresBatteryNotLow", bool, method)),
                                  device_idle=bool(typed(raw, "requiresDeviceIdle", bool, method)),
                                  storage_not_low=bool(typed(raw, "requiresStorageNotLow", bool, method)))
        policies = PERIODIC_POLICIES if periodic else ONE_OFF_POLICIES
        policy = choice(typed(task, "existingWorkPolicy", str, method), policies, "existingWorkPolicy", method)
        backoff = choice(typed(task, "backoffPolicy", str, method), BACKOFF_POLICIES, "backoffPolicy", method)
        backoff_ms = typed(task, "backoffPolicyDelay", int, method)
        options: Dict[str, Any] = {"payload": payload or {}, "tag": tag, "initial_delay_ms": delay_s * 1000,
                                   "constraints": constraints}
        if backoff is not None and backoff_ms is not None:
            options.update(backoff_policy=backoff, backoff_delay_ms=backoff_ms)
        if periodic:
            frequency_s = typed(task, "frequency", int, method) or 900
            flex_s = typed(task, "flexInterval", int, method)
            options.update(periodic=True, frequency_ms=frequency_s * 1000,
                           flex_ms=None if flex_s is None else flex_s * 1000)
            policy = policy or "update"
        else:
            expedited = bool(typed(task, "expedited", bool, method))
            quota = choice(typed(task, "outOfQuotaPolicy", str, method), OUT_OF_QUOTA, "outOfQuotaPolicy", method)
            options.update(expedited=expedited, out_of_quota_policy=OUT_OF_QUOTA[quota or "runAsNonExpeditedWorkRequest"])
            policy = policy or "keep"
        pending = [s for s in self._specs() if unique in s.names and s.state not in FINISHED_STATES]
        if pending and policy == "keep":
            return {"type": "FwmRegistered", "uniqueName": unique}
        if pending and policy in ("append", "update") and not periodic:
            options["state"] = "BLOCKED"
        else:
            self._cancel(pending)
        self.app.add_task(unique, name, **options)
        return {"type": "FwmRegistered", "uniqueName": unique}


def start_bridge(app: "AndroidApp", *, bridge: bool) -> Tuple[FakeVmService, Optional[FwmBridge]]:
    """Start the app's VM service (with the bridge's extensions when `bridge`; return it and the bridge), make it reachable on the
    device at a port of its own (adb forward tcp:0 tcp:PORT reaches it) and log Flutter's line
    `The Dart VM service is listening on http://127.0.0.1:PORT/AUTH/` (tag flutter, the app's pid)."""
    device = app.device
    assert device is not None, "install the app on a device first"
    model = FwmBridge(app) if bridge else None
    service = FakeVmService(model.extensions() if model else {}, pid=app.pid)
    service.device_port = 30000 + service.port % 30000
    device.map_port(service.device_port, ("127.0.0.1", service.port))
    app.log("flutter", "I", f"The Dart VM service is listening on {service.uri(service.device_port)}", app.pid + 57)
    return service, model
