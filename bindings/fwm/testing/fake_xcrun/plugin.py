"""workmanager_apple 0.10.x in a fake iOS app: BGTask submits, launch handler, one-off runs, logs, UserDefaults."""

from __future__ import annotations

import contextlib
import datetime
import time
from typing import Any, Dict, Iterator, List, Optional

from ..work_data import dart_repr
from .plists import CURRENT_PREFIX, PluginSuite
from .world import World, find_target, locked_world, log_record

PLUGIN_SENDER = "Frameworks/workmanager_apple.framework/workmanager_apple"
FLUTTER_SENDER = "Frameworks/Flutter.framework/Flutter"
REQUIRED_MODE = {"refresh": "fetch", "processing": "processing"}
UNAVAILABLE, NOT_PERMITTED = 1, 3
NOT_INITIALIZED = ("You should ensure you have called the 'initialize' function first!\nExample:\n"
                   "`Workmanager().initialize(\n  callbackDispatcher,\n )`\n\n"
                   "The `callbackDispatcher` is a top level function. See example in repository.")
DART_ERROR = "The operation couldn’t be completed. (workmanager_apple.PigeonError error 1.)"
STATUS_STATE = {"scheduled": "scheduled", "started": "running", "completed": "succeeded", "failed": "failed",
                "retrying": "scheduled"}
WORKER = "workmanager_apple.BackgroundWorker"
PROCESSING_HINT = ("Possible issues can be: running on a simulator instead of a real device, "
                   "or the task name is not registered")


def submit_error(target: Dict[str, Any], app: Dict[str, Any], identifier: str, kind: str) -> Optional[int]:
    """The BGTaskSchedulerErrorDomain code BGTaskScheduler.submit fails with (None: it succeeds):
    1 (unavailable) on a simulator, 3 (notPermitted) for an identifier missing from
    BGTaskSchedulerPermittedIdentifiers or without the kind's UIBackgroundModes entry."""
    if target["kind"] != "device":
        return UNAVAILABLE
    if identifier not in app["permitted"] or REQUIRED_MODE[kind] not in app["background_modes"]:
        return NOT_PERMITTED
    return None


def add_request(target: Dict[str, Any], bundle_id: str, identifier: str, kind: str,
                earliest_begin: Optional[float], interval: Optional[float]) -> None:
    """Makes a request pending, replacing one with the same identifier (as submit does)."""
    requests = [r for r in target["pending"].get(bundle_id, []) if r["identifier"] != identifier]
    requests.append({"identifier": identifier, "kind": kind, "earliest_begin": earliest_begin, "interval": interval})
    target["pending"][bundle_id] = requests


def error_text(code: int) -> str:
    """localizedDescription of a BGTaskSchedulerErrorDomain error (it has no message of its own)."""
    return f"The operation couldn’t be completed. (BGTaskSchedulerErrorDomain error {code}.)"


def swift_double(value: float) -> str:
    """A Double as Swift's description prints it (900.0, 1.5)."""
    return repr(float(value))


def scheduled_tasks_text(requests: List[Dict[str, Any]]) -> str:
    """printScheduledTasks' text for these pending requests (dates in en_US `Date.formatted()` style)."""
    if not requests:
        return "[BGTaskScheduler] There are no scheduled tasks"
    lines = ["[BGTaskScheduler] Scheduled Tasks:"]
    for r in requests:
        date = ""
        if r["earliest_begin"] is not None:
            moment = datetime.datetime.fromtimestamp(r["earliest_begin"])
            date = f"{moment.month}/{moment.day}/{moment.year}, " + moment.strftime("%I:%M %p").lstrip("0")
        lines.append(f"[BGTaskScheduler] Task Identifier: {r['identifier']} earliestBeginDate: {date}")
    return "\n".join(lines)


class PluginApp:
    """The plugin inside one installed app of a locked world: what its Swift code does, logged from
    the app's running process (pid 0 when it is not running). Call save() to write the suite back."""

    def __init__(self, world: World, target: Dict[str, Any], bundle_id: str) -> None:
        self.world, self.target, self.bundle_id = world, target, bundle_id
        self.app: Dict[str, Any] = target["apps"][bundle_id]
        self.suite = PluginSuite(self.app["data_path"])
        running = [p["pid"] for p in target["processes"] if p.get("bundle_id") == bundle_id]
        self.pid: int = running[0] if running else 0
        self.private = bool(world.get("private_values")) and target["kind"] == "device"

    def save(self) -> None:
        """Writes the plugin's UserDefaults suite back when it changed."""
        self.suite.save()

    # --- its log lines -------------------------------------------------------------------------------------

    def log(self, message: str, message_type: str = "Info", *, sender: str = PLUGIN_SENDER, subsystem: str = "",
            category: str = "") -> None:
        """One unified-log record from the app's process; `sender` is relative to the .app folder."""
        log_record(self.world, self.target, message, image=self.app["bundle_path"] + "/" + self.app["executable"],
                   pid=self.pid, message_type=message_type, subsystem=subsystem, category=category,
                   sender=self.app["bundle_path"] + "/" + sender)

    def shown(self, value: str) -> str:
        """A string interpolated into a LoggingDebugHandler line: `<private>` on a device with
        configure(private_values=True) (os.Logger values are private by default; Apple's rule, not
        captured), else the value."""
        return "<private>" if self.private else value

    def debug(self, message: str, message_type: str = "Debug") -> None:
        """A line of LoggingDebugHandler (os.Logger, subsystem dev.fluttercommunity.workmanager, category debug)."""
        self.log(message, message_type, subsystem=CURRENT_PREFIX, category="debug")

    # --- UserDefaults bookkeeping --------------------------------------------------------------------------

    def record(self, unique_name: Optional[str], status: str, task_name: str, is_periodic: Optional[bool]) -> None:
        """WorkInfoStore.record (S/WorkInfoStore.swift@af5d75a:30-80) after `status` (scheduled, started,
        completed, failed, retrying). A `unique_name` of None (a one-off run on the main engine reports
        none, S/WorkmanagerPlugin.swift@af5d75a:571-580) resolves to the most recently updated record
        whose taskName is `task_name`, and nothing is recorded when no record has it (:138-149). Only
        `scheduled` sets taskName; completed, failed and retrying set lastFinishedAt (retrying: state
        scheduled, :53-57); `is_periodic` None keeps the recorded value. Nil optionals are left out, as
        JSONEncoder leaves them out."""
        infos = self.suite.work_infos()
        if unique_name is None:
            named = [(float(info.get("updatedAt", 0)), name) for name, info in infos.items()
                     if info.get("taskName") == task_name]
            if not named:
                return
            unique_name = max(named)[1]
        existing = infos.get(unique_name, {})
        now = time.time()
        finished = now if status in ("completed", "failed", "retrying") else existing.get("lastFinishedAt")
        name = task_name if status == "scheduled" else existing.get("taskName", task_name)
        periodic = is_periodic if is_periodic is not None else bool(existing.get("isPeriodic", False))
        entry = {"state": STATUS_STATE[status], "isPeriodic": periodic, "taskName": name, "lastFinishedAt": finished,
                 "updatedAt": now}
        infos[unique_name] = {k: v for k, v in entry.items() if v is not None}
        self.suite.set_work_infos(infos)

    def _store_scheduled(self, identifier: str, kind: str, begin: Optional[float]) -> None:
        tasks = self.suite.scheduled_tasks()
        tasks[identifier] = {"kind": kind, "earliestBeginInSeconds": begin}
        self.suite.set_scheduled_tasks(tasks)

    def _submit(self, identifier: str, kind: str, begin: Optional[float]) -> Optional[int]:
        code = submit_error(self.target, self.app, identifier, kind)
        if code is None:
            earliest = None if begin is None else time.time() + begin
            add_request(self.target, self.bundle_id, identifier, kind, earliest, begin)
        return code

    # --- the plugin's methods ------------------------------------------------------------------------------

    def schedule_periodic(self, identifier: str, begin: Optional[float]) -> None:
        """schedulePeriodicTask: submit a BGAppRefreshTaskRequest and log the outcome; only a
        successful submit is stored in scheduledTasks."""
        code = self._submit(identifier, "refresh", begin)
        if code is not None:
            self.log(f"Could not schedule BGAppRefreshTask {error_text(code)}")
            return
        shown = "nil" if begin is None else f"Optional({swift_double(begin)})"
        self.log(f"BGAppRefreshTask submitted {identifier} earliestBeginInSeconds:{shown}")
        self._store_scheduled(identifier, "refresh", begin)

    def register_periodic(self, unique_name: str, task_name: str, input_data: Optional[Dict[str, Any]],
                          initial_delay: int) -> None:
        """registerPeriodicTask: store inputData, submit, record the task as scheduled (even when
        submit failed: the plugin swallows the error)."""
        self.suite.set_input_data(unique_name, input_data)
        self.schedule_periodic(unique_name, float(initial_delay))
        self.debug(f"Task scheduled: {self.shown(task_name)}")
        self.record(unique_name, "scheduled", task_name, True)

    def register_processing(self, unique_name: str, task_name: str, initial_delay: int) -> None:
        """registerProcessingTask: submit a BGProcessingTaskRequest (inputData is not kept), log the
        outcome, record the task as scheduled."""
        begin = float(initial_delay)
        code = self._submit(unique_name, "processing", begin)
        if code is None:
            self.log(f"BGProcessingTask submitted {unique_name} earliestBeginInSeconds:{swift_double(begin)}")
            self._store_scheduled(unique_name, "processing", begin)
        else:
            self.log(f"Could not schedule BGProcessingTask identifier:{unique_name} error:{error_text(code)}")
            self.log(PROCESSING_HINT)
        self.record(unique_name, "scheduled", task_name, False)

    def register_one_off(self, unique_name: str, task_name: str) -> None:
        """registerOneOffTask's own bookkeeping, written after the run was started (synchronously when
        there is no delay) by startOneOffTask (S/WorkmanagerPlugin.swift@af5d75a:105-122)."""
        self.debug(f"Task scheduled: {self.shown(task_name)}")
        self.record(unique_name, "scheduled", task_name, False)

    def start_one_off(self, task_name: str) -> float:
        """The start of runOneOffTaskOnMainEngine (S/WorkmanagerPlugin.swift@af5d75a:564-580): the debug
        line and a `started` update without a uniqueName, isPeriodic false, which lands on the most recently
        updated record with this taskName. Returns the moment it started."""
        handle = self.suite.callback_handle
        self.debug(f"Task started: {self.shown(task_name)}, callbackHandle: {-1 if handle is None else handle}")
        self.record(None, "started", task_name, False)
        return time.time()

    def finish_one_off(self, unique_name: str, task_name: str, input_data: Optional[Dict[str, Any]],
                       started: float) -> None:
        """The Dart callback of a one-off run on the main engine, then completeOneOffTaskOnMainEngine
        (S/WorkmanagerPlugin.swift@af5d75a:624-658): the Bool is ignored, so true and false both give
        `.completed` (success: true), a throw `.failed`; the Info line names the taskName; the update
        again carries no uniqueName. `unique_name` only labels the dart_runs record."""
        result = self.dart_callback(unique_name, task_name, input_data, "one-off")
        status = "failed" if result == "throw" else "completed"
        seconds = time.time() - started
        self.log(f"[WorkmanagerPlugin] one-off task {task_name} -> .{status} (finished in {seconds:.2f} seconds)")
        self._debug_result(task_name, status, seconds)
        self.record(None, status, task_name, False)

    def launch_handler(self, request: Dict[str, Any]) -> None:
        """What the plugin's launch handler does when BGTaskScheduler delivers `request`: a refresh
        task is submitted again (earliestBeginInSeconds as stored in scheduledTasks, else the request's
        interval), then BackgroundWorker runs the Dart callback with the identifier as its task name.
        Without a callback handle it only logs the error."""
        identifier, refresh = request["identifier"], request["kind"] == "refresh"
        if self.suite.callback_handle is None:
            origin = "WorkmanagerPlugin" if refresh else WORKER
            self.log(f"[{origin}] {NOT_INITIALIZED}", "Error")
            return
        if refresh:
            stored = self.suite.scheduled_tasks().get(identifier, {})
            self.schedule_periodic(identifier, stored.get("earliestBeginInSeconds", request.get("interval")))
        input_data = self.suite.input_data(identifier) if refresh else None
        self.background_worker(identifier, input_data, refresh)

    def background_worker(self, identifier: str, input_data: Optional[Dict[str, Any]], refresh: bool) -> None:
        """BackgroundWorker.performBackgroundRequest for a BGTask (S/BackgroundWorker.swift@af5d75a:113-237):
        `started` under the identifier (isPeriodic true only for a refresh task), the callback, the Info
        line naming no task, then true -> completed, false -> retrying (recorded as scheduled with
        lastFinishedAt), a throw -> failed."""
        handle = self.suite.callback_handle
        started = time.time()
        self.debug(f"Task started: {self.shown(identifier)}, callbackHandle: {handle}")
        self.record(identifier, "started", identifier, refresh)
        result = self.dart_callback(identifier, identifier, input_data, "bgtask")
        status = {"true": "completed", "false": "retrying", "throw": "failed"}[result]
        seconds = time.time() - started
        fetch = "newData" if result == "true" else "failed"
        self.log(f"[{WORKER}] performBackgroundRequest(_:) -> performBackgroundRequest.{fetch} "
                 f"(finished in {seconds:.2f} seconds)")
        self._debug_result(identifier, status, seconds)
        self.record(identifier, status, identifier, refresh)

    def _debug_result(self, name: str, status: str, seconds: float) -> None:
        """LoggingDebugHandler's line for the end of a run (S/LoggingDebugHandler.swift@af5d75a:24-34)."""
        if status == "completed":
            self.debug(f"Task completed: {self.shown(name)}, success: true, duration: {int(seconds * 1000)}ms")
        elif status == "retrying":
            self.debug(f"Task retrying: {self.shown(name)}", "Info")
        else:
            self.debug(f"Task failed: {self.shown(name)}, error: {self.shown(DART_ERROR)}", "Error")

    def dart_callback(self, unique_name: str, task_name: str, input_data: Optional[Dict[str, Any]],
                      trigger: str) -> str:
        """The app's Dart callback for `task_name`: it prints its `flutter:` line and returns true,
        false or throws, as set_dart_outcome says ("true", "false" or "throw"); recorded in dart_runs."""
        outcome = self.target.get("dart_outcomes", {}).get(self.bundle_id, {}).get(task_name, True)
        result = "throw" if outcome == "throw" else ("true" if outcome else "false")
        self.log(f"flutter: {task_name} was executed. inputData = {dart_repr(input_data)}", "Default",
                 sender=FLUTTER_SENDER)
        self.target.setdefault("dart_runs", {}).setdefault(self.bundle_id, []).append(
            {"uniqueName": unique_name, "taskName": task_name, "inputData": input_data, "trigger": trigger,
             "result": {"true": True, "false": False}.get(result, "throw"), "succeeded": result == "true",
             "at": time.time()})
        return result

    def cancel(self, unique_name: str) -> None:
        """cancelByUniqueName: the pending request, the scheduledTasks entry; workInfos says cancelled."""
        pending = self.target.get("pending", {})
        if self.bundle_id in pending:
            pending[self.bundle_id] = [r for r in pending[self.bundle_id] if r["identifier"] != unique_name]
        tasks = self.suite.scheduled_tasks()
        if tasks.pop(unique_name, None) is not None:
            self.suite.set_scheduled_tasks(tasks)
        self._mark_cancelled([unique_name])

    def cancel_all(self) -> None:
        """cancelAll: every pending request, the scheduledTasks key; every workInfos entry cancelled."""
        self.target.get("pending", {}).pop(self.bundle_id, None)
        self.suite.set_scheduled_tasks(None)
        self._mark_cancelled(list(self.suite.work_infos()))

    def _mark_cancelled(self, names: List[str]) -> None:
        infos = self.suite.work_infos()
        now = time.time()
        for name in names:
            if name in infos:
                infos[name].update(state="cancelled", lastFinishedAt=now, updatedAt=now)
        if any(name in infos for name in names):
            self.suite.set_work_infos(infos)

    def print_scheduled_tasks(self) -> str:
        """printScheduledTasks: the text for the pending requests, also logged (os_log, Default type)."""
        text = scheduled_tasks_text(list(self.target.get("pending", {}).get(self.bundle_id, [])))
        self.log(text, "Default")
        return text


@contextlib.contextmanager
def plugin_app(root: str, target: str, bundle_id: str) -> Iterator[PluginApp]:
    """The app's plugin in the locked world of `root` (target: simulator UDID or device identifier);
    the suite is saved and the world written back on leaving."""
    with locked_world(root) as world:
        app = PluginApp(world, find_target(world, target), bundle_id)
        yield app
        app.save()
