"""What happens inside an app when JobScheduler starts one of its WorkManager jobs, or when the diagnostics
broadcast arrives: WorkManager's WorkerWrapper bookkeeping in the SQLite database, the plugin's
BackgroundWorker running the scripted Dart callback, and the log lines all of them write.

Log lines (androidx, read for this): `SystemJobService` "onStartJob for <WorkGenerationalId>" and
"<id> executed on JobScheduler"; `Processor` "Processor: processing <id>" and "Processor <id> executed;
reschedule = <bool>"; `WorkerWrapper` (WorkerWrapper.kt; 2.7 WorkerWrapper.java for schema 12) "Starting
work for <class>", "Worker result SUCCESS|RETRY|FAILURE for Work [ id=<id>, tags={ <tags> } ]", "Delaying
execution for <class> because it is being executed before schedule.", "<class> is not in ENQUEUED state.
Nothing more to do", "Status for <id> is <STATE>; not doing any work and rescheduling for later execution";
2.7 also "<class> returned a <Result> result.". All but "Worker result" are DEBUG (hidden at WorkManager's
default INFO level). DiagnosticsWorker.kt and DiagnosticsReceiver: the report. Plugin: LoggingDebugHandler
and BackgroundWorker (see android_apps)."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, List, Optional, Tuple  # noqa: F401

from .android_apps import PLUGIN_GENERATIONS, AndroidApp, Outcome, PluginGeneration
from .work_data import dart_repr, decode_data, encode_data
from .workmanager_db import FINISHED_STATES, SCHEDULE_NOT_REQUESTED_YET, WorkSpec

DIAGNOSTICS_WORKER = "androidx.work.impl.workers.DiagnosticsWorker"
MAIN_THREAD_OFFSET = 0
WM_THREAD_OFFSET = 43
UI_THREAD_OFFSET = 57
JOB_START_DELAY = 0.15
DIAGNOSTICS_DELAY = 0.2


def _generational(app: AndroidApp, work_id: str) -> str:
    return f"WorkGenerationalId(workSpecId={work_id}, generation=0)" if app.schema >= 15 else work_id


def decode_plugin_payload(data: Dict[str, Any], generation: PluginGeneration) -> Optional[Dict[str, Any]]:
    """The inputData map the Dart callback receives (decodePayload; legacy: the JSON string)."""
    if generation.input_data_key:
        raw = data.get(generation.input_data_key)
        return None if raw is None else json.loads(raw)
    payload: Dict[str, Any] = {}
    for key, value in data.items():
        if key.startswith("json_payload_"):
            payload[key[len("json_payload_"):]] = json.loads(value) if isinstance(value, str) else value
        elif key.startswith("payload_"):
            payload[key[len("payload_"):]] = value
    return payload


def run_job(app: AndroidApp, work_id: str) -> None:
    """SystemJobService.onStartJob for `work_id`, then WorkerWrapper: the checks, the run and the result."""
    with app.lock:
        _run_job(app, work_id)


def _run_job(app: AndroidApp, work_id: str) -> None:
    device = app.device
    assert device is not None
    db = app.db
    main, wm = app.pid + MAIN_THREAD_OFFSET, app.pid + WM_THREAD_OFFSET
    generational = _generational(app, work_id)
    app.wm_log("SystemJobService", "D", f"onStartJob for {generational}", main)
    app.wm_log("Processor", "D", f"Processor: processing {generational}", wm)
    spec = db.work_spec(work_id)
    if spec is None:
        return
    now = device.now_ms()
    if spec.state != "ENQUEUED":
        app.wm_log("WorkerWrapper", "D", f"{spec.worker_class_name} is not in ENQUEUED state. Nothing more to do", wm)
        _finish(app, spec, _reset_worker_status(app, spec))
        return
    if spec.is_periodic or spec.is_backed_off:
        first_run = app.schema < 15 and spec.last_enqueue_time == 0  # 2.7: periodStartTime == 0
        if not first_run and now < db.next_run_time(spec, now):
            app.wm_log("WorkerWrapper", "D", f"Delaying execution for {spec.worker_class_name} because it is "
                                             "being executed before schedule.", wm)
            _finish(app, spec, _reset_worker_status(app, spec))
            return
    attempts_before = spec.run_attempt_count
    if not db.try_set_running(work_id):
        _finish(app, spec, _reset_worker_status(app, spec))
        return
    app.wm_log("WorkerWrapper", "D", f"Starting work for {spec.worker_class_name}", main)
    if _class_missing(app, spec):
        app.wm_log("WorkerWrapper", "E", f"Could not create Worker {spec.worker_class_name}", wm)
        db.set_failed(work_id, encode_data({}, app.data_format))
        _finish(app, spec, False)
        return
    result, output = _execute_worker(app, spec, attempts_before)
    db.delete_progress(work_id)
    description = f"Work [ id={work_id}, tags={{ {','.join(spec.tags)} }} ]"
    if app.schema < 15:
        text = {"success": "Success {mOutputData=Data {}}", "retry": "Retry",
                "failure": "Failure {mOutputData=Data {}}"}[result]
        app.wm_log("WorkerWrapper", "D", f"{spec.worker_class_name} returned a {text} result.", wm)
    app.wm_log("WorkerWrapper", "I", f"Worker result {result.upper()} for {description}", wm)
    now = device.now_ms()
    needs_reschedule = False
    if result == "retry":
        db.reschedule(work_id, now)
        needs_reschedule = True
    elif spec.is_periodic:
        db.reset_periodic(work_id, now)
    elif result == "success":
        db.set_succeeded(work_id, output)
    else:
        db.set_failed(work_id, output)
    _finish(app, spec, needs_reschedule)


def _class_missing(app: AndroidApp, spec: WorkSpec) -> bool:
    """A plugin worker class of another release than the app's (be.tramckrijte's before 0.5.2): the app has no
    such class, so WorkManager cannot create the worker (WorkerWrapper logs ERROR "Could not create Worker <class>",
    as read in decompiled builds, and fails the work)."""
    plugin_classes = {generation.worker_class for generation in PLUGIN_GENERATIONS.values()}
    return spec.worker_class_name in plugin_classes and spec.worker_class_name != app.plugin.worker_class


def _reset_worker_status(app: AndroidApp, spec: WorkSpec) -> bool:
    """WorkerWrapper.resetWorkerStatus; return `needsReschedule`."""
    state = app.db.work_spec(spec.id)
    current = state.state if state else None
    wm = app.pid + WM_THREAD_OFFSET
    if current is not None and current not in FINISHED_STATES:
        app.wm_log("WorkerWrapper", "D", f"Status for {spec.id} is {current}; not doing any work and rescheduling "
                                         "for later execution", wm)
        app.db.reset_worker_status(spec.id)
        return True
    app.wm_log("WorkerWrapper", "D", f"Status for {spec.id} is {current} ; not doing any work", wm)
    return False


def _finish(app: AndroidApp, spec: WorkSpec, needs_reschedule: bool) -> None:
    """Processor.onExecuted, SystemJobService.onExecuted, then Schedulers.registerRescheduling: work that
    is ENQUEUED but no longer scheduled is handed to JobScheduler again (same job id)."""
    main, wm = app.pid + MAIN_THREAD_OFFSET, app.pid + WM_THREAD_OFFSET
    app.wm_log("Processor", "D", f"Processor {spec.id} executed; reschedule = {str(needs_reschedule).lower()}", wm)
    app.wm_log("SystemJobService", "D", f"{spec.id} executed on JobScheduler", main)
    current = app.db.work_spec(spec.id)
    if current is not None and current.state == "ENQUEUED" and current.schedule_requested_at == SCHEDULE_NOT_REQUESTED_YET:
        app.db.mark_scheduled(spec.id, app.now_ms())


def _execute_worker(app: AndroidApp, spec: WorkSpec, attempts_before: int) -> Tuple[str, bytes]:
    """ListenableWorker.startWork: the plugin's BackgroundWorker runs the Dart callback; other workers
    just follow the outcome scripted under their class name."""
    data = decode_data(spec.input)
    plugin_classes = {generation.worker_class for generation in PLUGIN_GENERATIONS.values()}
    if spec.worker_class_name not in plugin_classes:
        outcome = app.outcome_for(spec.worker_class_name)
        time.sleep(outcome.duration_ms / 1000)
        return outcome.result, _output(app, outcome)
    main, ui = app.pid + MAIN_THREAD_OFFSET, app.pid + UI_THREAD_OFFSET
    debug = app.debug_handler == "logging" and app.plugin.debug_handler_hooks
    generation = app.plugin  # the app's plugin as it is now reads its own key: older work has none (Dart task is null)
    task = data.get(generation.dart_task_key)
    started = app.now_ms()
    if app.callback_handle is None or task is None:
        if debug:
            app.log("WorkmanagerDebug", "E", "Exception in task: unknown", main)
        return "failure", encode_data({}, app.data_format)
    outcome = app.outcome_for(task)
    if debug:
        if attempts_before > 0:
            app.log("WorkmanagerDebug", "W", f"Task retrying: {task}", main)
        else:
            app.log("WorkmanagerDebug", "D", f"Task started: {task}, callbackHandle: {app.callback_handle}", main)
    payload = decode_plugin_payload(data, generation)
    time.sleep(outcome.duration_ms / 2000)
    message = outcome.dart_log if outcome.dart_log is not None else f"{task} was executed. inputData = {dart_repr(payload)}"
    if message:
        app.log("flutter", "I", message, ui)
    time.sleep(outcome.duration_ms / 2000)
    duration = app.now_ms() - started
    if debug:
        if outcome.result == "success":
            app.log("WorkmanagerDebug", "D", f"Task completed: {task}, success: true, duration: {duration}ms", main)
        elif outcome.result == "retry":
            app.log("WorkmanagerDebug", "W", f"Task rescheduled: {task}", main)
        else:
            app.log("WorkmanagerDebug", "E", f"Task failed: {task}, error: {outcome.error or 'Task failed'}", main)
    return outcome.result, _output(app, outcome)


def _output(app: AndroidApp, outcome: Outcome) -> bytes:
    return encode_data(outcome.output if outcome.result == "success" else {}, app.data_format)


# --- diagnostics ------------------------------------------------------------------------------------------

def request_diagnostics(app: AndroidApp) -> None:
    """DiagnosticsReceiver.onReceive then DiagnosticsWorker.doWork, run on the app's threads."""
    with app.lock:
        _diagnostics(app)


def _rows(app: AndroidApp, specs: List[WorkSpec]) -> str:
    sdk = int(app.device.profile.sdk) if app.device else 34
    header = f"\n Id \t Class Name\t {'Job Id' if sdk >= 23 else 'Alarm Id'}\t State\t Unique Name\t Tags\t"
    rows = "".join(f"\n{s.id}\t {s.worker_class_name}\t {'null' if s.system_id is None else s.system_id}\t "
                   f"{s.state}\t {','.join(s.names)}\t {','.join(s.tags)}\t" for s in specs)
    return header + rows


def _diagnostics(app: AndroidApp) -> None:
    main, wm = app.pid + MAIN_THREAD_OFFSET, app.pid + WM_THREAD_OFFSET
    db = app.db
    app.wm_log("DiagnosticsRcvr", "D", "Requesting diagnostics", main)
    now = app.now_ms()
    spec = db.insert_work(DIAGNOSTICS_WORKER, now_ms=now, input_data={})
    db.try_set_running(spec.id)
    app.wm_log("WorkerWrapper", "D", f"Starting work for {DIAGNOSTICS_WORKER}", main)
    time.sleep(0.004)
    now = app.now_ms()
    sections = (("Recently completed work:\n\n", db.recently_completed(now - 24 * 3600 * 1000)),
                ("Running work:\n\n", db.running()), ("Enqueued work:\n\n", db.eligible_for_scheduling(200)))
    for title, specs in sections:
        if specs:
            app.wm_log("DiagnosticsWrkr", "I", title, wm)
            time.sleep(0.003)
            app.wm_log("DiagnosticsWrkr", "I", _rows(app, specs), wm)
            time.sleep(0.001)
    app.wm_log("WorkerWrapper", "I", f"Worker result SUCCESS for Work [ id={spec.id}, tags={{ {DIAGNOSTICS_WORKER} }} ]",
               wm)
    db.set_succeeded(spec.id, encode_data({}, app.data_format))
    _finish(app, spec, False)
