"""The fwm bridge in a fake iOS app: the ext.fwm.* handlers of docs/bridge-protocol.md over plugin.py.

A one-off task runs in the handler, before it answers, when it has no initialDelay; with one it runs
on a timer after initialDelay seconds (as the plugin's GCD timer does), unless the bridge stops first
or the app is no longer running then (the task dies with the process)."""

from __future__ import annotations

import datetime
import threading
from typing import Any, Callable, Dict, List, Mapping, Optional

from ..bridge_params import (BACKOFF_POLICIES, BRIDGE_VERSION, CONSTRAINT_KEYS, NETWORK_TYPE_NAMES, ONE_OFF_POLICIES,
                             OUT_OF_QUOTA_NAMES, PERIODIC_POLICIES, PROTOCOL_VERSION, UNSUPPORTED, bad,
                             choice, json_param, param, run_now_params, typed)
from ..vm_service import EXTENSION_ERROR, ExtensionError
from .plugin import PluginApp, plugin_app

PLUGIN_VERSION = "0.10.7"
COMMON_KEYS = {"uniqueName", "taskName", "inputData", "initialDelay", "constraints"}
ONE_OFF_KEYS = COMMON_KEYS | {"tag", "existingWorkPolicy", "backoffPolicy", "backoffPolicyDelay", "expedited",
                              "outOfQuotaPolicy"}
PERIODIC_KEYS = COMMON_KEYS | {"tag", "frequency", "flexInterval", "existingWorkPolicy", "backoffPolicy",
                               "backoffPolicyDelay"}
INT_KEYS = ("initialDelay", "frequency", "flexInterval", "backoffPolicyDelay")
NOT_INITIALIZED = ("PlatformException(1, You have not properly initialized the Flutter WorkManager Package. You should "
                   "ensure you have called the 'initialize' function first! Example: \n\n`Workmanager().initialize(\n"
                   "  callbackDispatcher,\n )`\n\nThe `callbackDispatcher` is a top level function. See example in "
                   "repository., null, null)")

Handler = Callable[[Mapping[str, str]], Dict[str, Any]]


def _unsupported(method: str) -> ExtensionError:
    return ExtensionError(UNSUPPORTED, f"Unsupported operation: {method} is not supported on iOS")


def _require_handle(app: PluginApp) -> None:
    """The plugin's register calls fail without a stored callback handle (PigeonError "1")."""
    if app.suite.callback_handle is None:
        raise ExtensionError(EXTENSION_ERROR, NOT_INITIALIZED)


def read_task(method: str, params: Mapping[str, str], keys: Any) -> Dict[str, Any]:
    """The `task` parameter of a register call: an object with the string uniqueName and taskName, and
    the other `keys` of the kind each of its type and enum (-32602 otherwise). Keys outside `keys` and
    unknown constraints are ignored, as the plugin ignores what it does not read (its API has named
    parameters only, workmanager/lib/src/workmanager_impl.dart@af5d75a:265-278,324-336,392-398, and iOS
    reads a subset of them, S/WorkmanagerPlugin.swift@af5d75a:91-125; reference §1.5)."""
    task = json_param(params, method, "task")
    if not isinstance(task, dict):
        raise bad(f"{method}: 'task' must be a JSON object")
    if not typed(task, "uniqueName", str, method) or not typed(task, "taskName", str, method):
        raise bad(f"{method}: 'uniqueName' and 'taskName' are required")
    for key, kind in (("tag", str), ("inputData", dict), ("expedited", bool), ("constraints", dict)):
        if key in keys:
            typed(task, key, kind, method)
    for key in INT_KEYS:
        if key in keys:
            typed(task, key, int, method)
    raw = task.get("constraints")
    constraints: Dict[str, Any] = raw if isinstance(raw, dict) else {}
    choice(typed(constraints, "networkType", str, method), NETWORK_TYPE_NAMES, "networkType", method)
    for key in sorted(CONSTRAINT_KEYS - {"networkType"}):
        typed(constraints, key, bool, method)
    if "existingWorkPolicy" in keys:
        policies = PERIODIC_POLICIES if "frequency" in keys else ONE_OFF_POLICIES
        choice(typed(task, "existingWorkPolicy", str, method), policies, "existingWorkPolicy", method)
    if "backoffPolicy" in keys:
        choice(typed(task, "backoffPolicy", str, method), BACKOFF_POLICIES, "backoffPolicy", method)
    if "outOfQuotaPolicy" in keys:
        choice(typed(task, "outOfQuotaPolicy", str, method), OUT_OF_QUOTA_NAMES, "outOfQuotaPolicy", method)
    return task


class IosBridge:
    """The bridge of one app on a simulator or device of the fake xcrun world in `root`;
    extensions() are its ext.fwm.* handlers, stop() cancels one-off runs still waiting on a timer."""

    def __init__(self, root: str, target: str, bundle_id: str, *, protocol_version: str = PROTOCOL_VERSION) -> None:
        self.root, self.target, self.bundle_id = root, target, bundle_id
        self.protocol_version = protocol_version
        self._timers: List[threading.Timer] = []
        self._lock = threading.Lock()

    def extensions(self) -> Dict[str, Handler]:
        """ext.fwm.<method> -> handler."""
        methods: Dict[str, Handler] = {
            "hello": self.hello, "registerOneOffTask": self.register_one_off,
            "registerPeriodicTask": self.register_periodic, "registerProcessingTask": self.register_processing,
            "cancelByUniqueName": self.cancel_by_unique_name, "cancelByTag": self.cancel_by_tag,
            "cancelAll": self.cancel_all, "isScheduledByUniqueName": self.is_scheduled,
            "getWorkInfo": self.get_work_info, "printScheduledTasks": self.print_scheduled_tasks,
            "runNow": self.run_now}
        return {f"ext.fwm.{name}": handler for name, handler in methods.items()}

    def stop(self) -> None:
        """Cancels the one-off runs still waiting for their initialDelay and waits for running ones."""
        with self._lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()
            timer.join(5)

    # --- methods -------------------------------------------------------------------------------------------

    def hello(self, params: Mapping[str, str]) -> Dict[str, Any]:
        return {"type": "FwmHello", "protocolVersion": self.protocol_version, "bridgeVersion": BRIDGE_VERSION,
                "pluginVersion": PLUGIN_VERSION, "platform": "ios"}

    def register_one_off(self, params: Mapping[str, str]) -> Dict[str, Any]:
        task = read_task("registerOneOffTask", params, ONE_OFF_KEYS)
        self._one_off(task["uniqueName"], task["taskName"], task.get("inputData"), task.get("initialDelay") or 0)
        return {"type": "FwmRegistered", "uniqueName": task["uniqueName"]}

    def register_periodic(self, params: Mapping[str, str]) -> Dict[str, Any]:
        task = read_task("registerPeriodicTask", params, PERIODIC_KEYS)
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            _require_handle(app)
            app.register_periodic(task["uniqueName"], task["taskName"], task.get("inputData"),
                                  task.get("initialDelay") or 0)
        return {"type": "FwmRegistered", "uniqueName": task["uniqueName"]}

    def register_processing(self, params: Mapping[str, str]) -> Dict[str, Any]:
        task = read_task("registerProcessingTask", params, COMMON_KEYS)
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            _require_handle(app)
            app.register_processing(task["uniqueName"], task["taskName"], task.get("initialDelay") or 0)
        return {"type": "FwmRegistered", "uniqueName": task["uniqueName"]}

    def cancel_by_unique_name(self, params: Mapping[str, str]) -> Dict[str, Any]:
        name = param(params, "cancelByUniqueName", "uniqueName")
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            app.cancel(name)
        return {"type": "Success"}

    def cancel_by_tag(self, params: Mapping[str, str]) -> Dict[str, Any]:
        raise _unsupported("cancelByTag")

    def cancel_all(self, params: Mapping[str, str]) -> Dict[str, Any]:
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            app.cancel_all()
        return {"type": "Success"}

    def is_scheduled(self, params: Mapping[str, str]) -> Dict[str, Any]:
        raise _unsupported("isScheduledByUniqueName")

    def get_work_info(self, params: Mapping[str, str]) -> Dict[str, Any]:
        name = param(params, "getWorkInfo", "uniqueName")
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            info = app.suite.work_infos().get(name)
        if info is None:
            return {"type": "FwmWorkInfo", "workInfo": None}
        finished = info.get("lastFinishedAt")
        return {"type": "FwmWorkInfo", "workInfo": {
            "uniqueName": name, "state": info["state"], "isPeriodic": bool(info.get("isPeriodic")),
            "taskName": info.get("taskName"), "tags": [],
            "lastFinishedAt": None if finished is None else iso_utc(finished)}}

    def print_scheduled_tasks(self, params: Mapping[str, str]) -> Dict[str, Any]:
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            return {"type": "FwmScheduledTasks", "text": app.print_scheduled_tasks()}

    def run_now(self, params: Mapping[str, str]) -> Dict[str, Any]:
        task_name, copy, payload = run_now_params(params)
        self._one_off(copy, task_name, payload, 0)
        return {"type": "FwmRunNow", "uniqueName": copy, "taskName": task_name}

    # --- one-off runs --------------------------------------------------------------------------------------

    def _one_off(self, unique_name: str, task_name: str, input_data: Optional[Dict[str, Any]], delay: int) -> None:
        """registerOneOffTask (S/WorkmanagerPlugin.swift@af5d75a:91-125): without a delay the run starts
        before the call records its own `scheduled` (startOneOffTask runs it synchronously, :547-553);
        with one, `scheduled` comes first and the run follows on a timer."""
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            _require_handle(app)
            if delay <= 0:
                started = app.start_one_off(task_name)
                app.register_one_off(unique_name, task_name)
                app.finish_one_off(unique_name, task_name, input_data, started)
                return
            app.register_one_off(unique_name, task_name)
        timer = threading.Timer(delay, self._delayed_run, (unique_name, task_name, input_data))
        timer.daemon = True
        with self._lock:
            self._timers.append(timer)
        timer.start()

    def _delayed_run(self, unique_name: str, task_name: str, input_data: Optional[Dict[str, Any]]) -> None:
        with plugin_app(self.root, self.target, self.bundle_id) as app:
            if app.pid:
                app.finish_one_off(unique_name, task_name, input_data, app.start_one_off(task_name))


def iso_utc(unix_time: float) -> str:
    """A moment as Dart's DateTime.toUtc().toIso8601String() prints one of millisecond precision."""
    moment = datetime.datetime.fromtimestamp(int(unix_time * 1000) / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
