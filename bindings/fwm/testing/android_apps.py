"""An app installed on an EmulatedDevice: its package facts, its data directory with a real WorkManager
database and the plugin's SharedPreferences, and what its plugin tasks do when WorkManager runs them.

Plugin facts (fluttercommunity/flutter_workmanager, workmanager_android): `InputDataUtils.kt`
(`payload_<key>` natively for scalars and homogeneous lists, `json_payload_<key>` for maps and mixed
lists; top-level nulls dropped), `BackgroundWorker.kt` (DART_TASK / UNIQUE_NAME keys; true -> success, false -> retry, Dart
error -> failure), `SharedPreferenceHelper.kt` (file `flutter_workmanager_plugin`, long
`...CALLBACK_DISPATCHER_HANDLE_KEY`), `LoggingDebugHandler.kt` (tag `WorkmanagerDebug`), and for old
releases the key table of reference/flutter-workmanager-plugin.md section 2.6.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple

from .work_data import JavaArray, as_java_array, java_kind, json_compact
from .workmanager_db import DATABASE_NAME, Constraints, WorkDatabase, WorkSpec

if TYPE_CHECKING:
    from .emulated_device import EmulatedDevice
    from .fwm_bridge import FwmBridge
    from .vm_service import FakeVmService

STANDBY_BUCKETS = {5: "EXEMPTED", 10: "ACTIVE", 20: "WORKING_SET", 30: "FREQUENT", 40: "RARE", 45: "RESTRICTED",
                   50: "NEVER"}
WM_LEVELS = "VDIWEF"
PREFS_FILE = "shared_prefs/flutter_workmanager_plugin.xml"
DB_FILES = (f"no_backup/{DATABASE_NAME}", f"no_backup/{DATABASE_NAME}-wal", f"no_backup/{DATABASE_NAME}-shm")
OUT_OF_QUOTA_POLICIES = ("run_as_non_expedited", "drop")


@dataclass(frozen=True)
class PluginGeneration:
    """The strings one generation of the Flutter workmanager plugin writes (a column of the key table in
    shared/reference/flutter-workmanager-plugin.md section 2.6)."""

    name: str
    worker_class: str
    dart_task_key: str
    callback_key: str
    input_data_key: Optional[str] = None  # <= 0.7.0: the whole payload as one JSON string
    debug_key: Optional[str] = None       # IS_IN_DEBUG_MODE_KEY, written false (<= 0.8.0)
    json_payloads: bool = False           # json_payload_<key> for maps and mixed lists, typed arrays (>= 0.9.1)
    drops_nulls: bool = False             # top-level nulls are left out (>= 0.9.0); before, a null throws
    unique_name_key: Optional[str] = None  # workmanager >= 0.10.5 (workmanager_android 0.10.4)
    debug_handler_hooks: bool = False      # WorkmanagerDebug handlers (>= 0.9)


_NEW = "dev.fluttercommunity.workmanager"
_OLD = "be.tramckrijte.workmanager"
# fluttercommunity/flutter_workmanager, path@commit:line per column.
PLUGIN_GENERATIONS = {
    # android/src/main/kotlin/be/tramckrijte/workmanager/BackgroundWorker.kt@29bb7f1:1,35-37,
    # .../SharedPreferenceHelper.kt@29bb7f1:7-8, lib/src/workmanager.dart@29bb7f1:295 (a null throws), :318
    "<=0.5.1": PluginGeneration("<=0.5.1", f"{_OLD}.BackgroundWorker", f"{_OLD}.DART_TASK",
                                f"{_OLD}.CALLBACK_DISPATCHER_HANDLE_KEY", input_data_key=f"{_OLD}.INPUT_DATA",
                                debug_key=f"{_OLD}.IS_IN_DEBUG_MODE_KEY"),
    # android/src/main/kotlin/dev/fluttercommunity/workmanager/BackgroundWorker.kt@370df0c:1,35-37 (new
    # package, old keys), .../SharedPreferenceHelper.kt@370df0c:8; 0.7.0 the same:
    # workmanager/android/src/main/kotlin/dev/fluttercommunity/workmanager/BackgroundWorker.kt@0705ce2:1,33-35
    "0.5.2-0.7.0": PluginGeneration("0.5.2-0.7.0", f"{_NEW}.BackgroundWorker", f"{_OLD}.DART_TASK",
                                    f"{_OLD}.CALLBACK_DISPATCHER_HANDLE_KEY", input_data_key=f"{_OLD}.INPUT_DATA",
                                    debug_key=f"{_OLD}.IS_IN_DEBUG_MODE_KEY"),
    # workmanager_android/.../BackgroundWorker.kt@b45313b:34-36, WorkmanagerCallHandler.kt@b45313b:318-352
    # (lists -> String arrays of their Strings, anything else incl. null throws), SharedPreferenceHelper.kt@b45313b:7
    "0.8.0": PluginGeneration("0.8.0", f"{_NEW}.BackgroundWorker", f"{_NEW}.DART_TASK",
                              f"{_NEW}.CALLBACK_DISPATCHER_HANDLE_KEY", debug_key=f"{_NEW}.IS_IN_DEBUG_MODE_KEY"),
    # workmanager_android/.../WorkManagerUtils.kt@7f4f870:92 (filterNotNullKeys), :205-238 (no debug key)
    "0.9.0": PluginGeneration("0.9.0", f"{_NEW}.BackgroundWorker", f"{_NEW}.DART_TASK",
                              f"{_NEW}.CALLBACK_DISPATCHER_HANDLE_KEY", drops_nulls=True, debug_handler_hooks=True),
    # workmanager_android/.../InputDataUtils.kt@a86f2c9:9,19 (json_payload_), @134245e:40 (UNIQUE_NAME),
    # WorkManagerUtils.kt@af5d75a:194-198 (top-level nulls dropped)
    "0.9.1": PluginGeneration("0.9.1", f"{_NEW}.BackgroundWorker", f"{_NEW}.DART_TASK",
                              f"{_NEW}.CALLBACK_DISPATCHER_HANDLE_KEY", json_payloads=True, drops_nulls=True,
                              debug_handler_hooks=True),
    "0.10.5": PluginGeneration("0.10.5", f"{_NEW}.BackgroundWorker", f"{_NEW}.DART_TASK",
                               f"{_NEW}.CALLBACK_DISPATCHER_HANDLE_KEY", json_payloads=True, drops_nulls=True,
                               unique_name_key=f"{_NEW}.UNIQUE_NAME", debug_handler_hooks=True),
}


def _version(text: str) -> Tuple[int, ...]:
    return tuple(int("".join(ch for ch in part if ch.isdigit()) or 0) for part in text.split("+")[0].split("."))


def plugin_generation(plugin_version: str) -> PluginGeneration:
    """The strings a workmanager release writes: <=0.5.1, 0.5.2-0.7.0 (new worker class, old keys), 0.8.0,
    0.9.0 - 0.9.0+4, 0.9.1+ (json_payload_), 0.10.5+ (adds UNIQUE_NAME)."""
    version = _version(plugin_version)
    if version < (0, 5, 2):
        return PLUGIN_GENERATIONS["<=0.5.1"]
    if version < (0, 8):
        return PLUGIN_GENERATIONS["0.5.2-0.7.0"]
    if version < (0, 9):
        return PLUGIN_GENERATIONS["0.8.0"]
    if version < (0, 9, 1):
        return PLUGIN_GENERATIONS["0.9.0"]
    if version < (0, 10, 5):
        return PLUGIN_GENERATIONS["0.9.1"]
    return PLUGIN_GENERATIONS["0.10.5"]


def _dart_checked_type(value: Any) -> bool:
    """int, bool, double, String or a list of one of them: what workmanager <= 0.7.0 accepts in Dart."""
    if isinstance(value, (bool, int, float, str)):
        return True
    if not isinstance(value, (list, tuple)):
        return False
    return len({type(item) for item in value}) <= 1 and all(isinstance(item, (bool, int, float, str)) for item in value)


def plugin_input_data(generation: PluginGeneration, task_name: str, payload: Optional[Mapping[str, Any]],
                      unique_name: Optional[str] = None) -> Dict[str, Any]:
    """The input Data the plugin builds for a task (buildTaskInputData and its predecessors). Python ints
    are Dart ints (Kotlin Int when they fit 32 bits, else Long), floats are doubles."""
    data: Dict[str, Any] = {generation.dart_task_key: task_name}
    if generation.unique_name_key and unique_name is not None:
        data[generation.unique_name_key] = unique_name
    if generation.input_data_key:
        for key, value in (payload or {}).items():  # the Dart side checks the types (workmanager.dart@29bb7f1:295)
            if not _dart_checked_type(value):
                raise TypeError(f"argument {key} has wrong type. WorkManager supports only int, bool, double, "
                                "String and their list")
        data[generation.input_data_key] = None if payload is None else json_compact(payload)
    if generation.debug_key:
        data[generation.debug_key] = False
    if generation.input_data_key:
        return data
    for key, value in (payload or {}).items():
        if value is None:
            if generation.drops_nulls:
                continue
            raise TypeError(f"Unsupported payload type for key '{key}': null")
        if isinstance(value, (str, bool, int, float, JavaArray)) or (isinstance(value, (bytes, bytearray))):
            data[f"payload_{key}"] = value
        elif isinstance(value, (list, tuple)):
            if generation.json_payloads:
                kinds = {java_kind(item) for item in value}
                if value and len(kinds) == 1 and kinds <= {"String", "boolean", "int", "long", "double", "float"}:
                    data[f"payload_{key}"] = as_java_array(list(value))
                elif not value:
                    data[f"payload_{key}"] = JavaArray("String", [])
                else:
                    data[f"json_payload_{key}"] = json_compact(list(value))
            else:  # 0.8.0 - 0.9.0+4 keep only the String elements of a list
                data[f"payload_{key}"] = JavaArray("String", [item for item in value if isinstance(item, str)])
        elif isinstance(value, dict) and generation.json_payloads:
            data[f"json_payload_{key}"] = json_compact(value)
        else:
            raise TypeError(f"Unsupported payload type for key '{key}': {type(value).__name__}")
    return data


@dataclass
class Outcome:
    """What a task's Dart callback does when it runs: `result` success (returns true), retry (false) or
    failure (throws `error`); it takes `duration_ms`, prints `dart_log` (None: the example app's
    `<task> was executed. inputData = <map>`), and success may carry `output` Data."""

    result: str = "success"
    duration_ms: int = 120
    error: Optional[str] = None
    dart_log: Optional[str] = None
    output: Optional[Dict[str, Any]] = None

    def __post_init__(self) -> None:
        if self.result not in ("success", "retry", "failure"):
            raise ValueError("result must be 'success', 'retry' or 'failure'")


class AndroidApp:
    """An installed app. Create it, then EmulatedDevice.install_app(app) gives it a data directory and its
    WorkManager database; add work with add_task() / add_work() afterwards.

    `workmanager_version` decides the diagnostics receiver (>= 2.4), the database schema (< 2.8: 12,
    else 24) and the Data format (< 2.10: V0, else V1) unless `schema`/`data_format` say otherwise.
    `plugin_version` decides the plugin's keys (see plugin_generation). `callback_handle` None means the
    app never called Workmanager.initialize (no SharedPreferences file). `debug_handler` "logging"
    installs the plugin's LoggingDebugHandler. `wm_log_level` is WorkManager's minimum logging level
    (Configuration default INFO: WorkManager's DEBUG lines are not logged). `within_quota` False makes
    JobScheduler's WITHIN_QUOTA unsatisfied (as for a RARE app that used its quota); buckets RESTRICTED
    and NEVER are never within quota. `vm_service` runs a fake Dart VM service (a debug build; see
    vm_service.py) from installation on, and `bridge` also registers the fwm bridge's ext.fwm.* in it
    (fwm_bridge.py); `running` False makes `pidof` find no process."""

    def __init__(self, package: str, *, debuggable: bool = True, uid: Optional[int] = None,
                 version_name: str = "1.0.0", version_code: int = 1, target_sdk: int = 34, min_sdk: int = 21,
                 workmanager_version: str = "2.10.2", schema: Optional[int] = None, data_format: Optional[str] = None,
                 plugin_version: str = "0.10.7", callback_handle: Optional[int] = 7417896632467213351,
                 standby_bucket: int = 10, background_restriction: Optional[str] = None,
                 post_notifications: bool = False, debug_handler: Optional[str] = None,
                 wm_log_level: str = "I", within_quota: bool = True, vm_service: bool = False,
                 bridge: bool = False) -> None:
        if background_restriction not in (None, "allow", "ignore"):
            raise ValueError("background_restriction must be None, 'allow' or 'ignore'")
        if standby_bucket not in STANDBY_BUCKETS:
            raise ValueError(f"standby_bucket must be one of {sorted(STANDBY_BUCKETS)}")
        if wm_log_level not in WM_LEVELS:
            raise ValueError(f"wm_log_level must be one of {WM_LEVELS}")
        if debug_handler not in (None, "logging", "notification"):
            raise ValueError("debug_handler must be None, 'logging' or 'notification'")
        self.package = package
        self.debuggable = debuggable
        self.uid = uid
        self.version_name = version_name
        self.version_code = version_code
        self.target_sdk = target_sdk
        self.min_sdk = min_sdk
        self.workmanager_version = workmanager_version
        wm = _version(workmanager_version)
        self.schema = schema or (12 if wm < (2, 8) else 24)
        self.data_format = data_format or ("v0" if wm < (2, 10) else "v1")
        self.plugin_version = plugin_version
        self.plugin = plugin_generation(plugin_version)
        self.earlier_callback_keys: List[str] = []
        self.callback_handle = callback_handle
        self.standby_bucket = standby_bucket
        self.background_restriction = background_restriction
        self.post_notifications = post_notifications
        self.debug_handler = debug_handler
        self.wm_log_level = wm_log_level
        self.within_quota = within_quota
        self.with_vm_service = vm_service or bridge
        self.with_bridge = bridge
        self.running = True
        self.vm_service: Optional["FakeVmService"] = None
        self.bridge: Optional["FwmBridge"] = None
        self.outcomes: Dict[str, Outcome] = {}
        self.pid = 0
        self.data_dir: Optional[str] = None
        self.device: Optional["EmulatedDevice"] = None
        self._db: Optional[WorkDatabase] = None
        self.lock = threading.RLock()

    def __repr__(self) -> str:
        return f"AndroidApp({self.package!r}, uid={self.uid}, debuggable={self.debuggable})"

    @property
    def has_diagnostics(self) -> bool:
        """WorkManager 2.4+ ships the diagnostics receiver."""
        return _version(self.workmanager_version) >= (2, 4)

    @property
    def user_id_text(self) -> str:
        """The uid as Android prints it: 10190 -> u0a190."""
        assert self.uid is not None
        return f"u0a{self.uid - 10000}"

    @property
    def db(self) -> WorkDatabase:
        """The WorkManager database (available once installed)."""
        if self._db is None:
            raise RuntimeError(f"{self.package} is not installed on a device")
        return self._db

    # --- installation ---------------------------------------------------------------------------------

    def attach(self, device: "EmulatedDevice", data_dir: str, uid: int, pid: int) -> None:
        """Called by EmulatedDevice.install_app: create the data directory, database and prefs."""
        self.device = device
        self.data_dir = data_dir
        self.uid = self.uid or uid
        self.pid = pid
        os.makedirs(os.path.join(data_dir, "no_backup"), exist_ok=True)
        os.makedirs(os.path.join(data_dir, "shared_prefs"), exist_ok=True)
        os.makedirs(os.path.join(data_dir, "cache"), exist_ok=True)
        self._db = WorkDatabase(os.path.join(data_dir, "no_backup", DATABASE_NAME), self.schema,
                                data_format=self.data_format)
        self.write_prefs()
        if self.with_vm_service:
            from .fwm_bridge import start_bridge
            self.vm_service, self.bridge = start_bridge(self, bridge=self.with_bridge)

    def detach(self) -> None:
        """Stop the VM service, close the database and delete the data directory (uninstall)."""
        if self.vm_service is not None:
            self.vm_service.stop()
            if self.device is not None and self.vm_service.device_port is not None:
                self.device.unmap_port(self.vm_service.device_port)
            self.vm_service = None
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)
        self.device = None

    def path(self, relative: str) -> str:
        """Host path of a file in the app's data directory."""
        assert self.data_dir is not None
        return os.path.join(self.data_dir, relative)

    def write_prefs(self) -> None:
        """(Re)write shared_prefs/flutter_workmanager_plugin.xml from callback_handle (None: no file)."""
        path = self.path(PREFS_FILE)
        if self.callback_handle is None:
            if os.path.exists(path):
                os.remove(path)
            return
        keys = [key for key in self.earlier_callback_keys if key != self.plugin.callback_key] + [self.plugin.callback_key]
        entries = "".join(f"    <long name=\"{key}\" value=\"{self.callback_handle}\" />\n" for key in keys)
        with open(path, "w", encoding="utf-8") as prefs:
            prefs.write(f"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n{entries}</map>\n")

    def upgrade_plugin(self, plugin_version: str) -> None:
        """The app is updated to another workmanager release and calls initialize again: its enqueued work
        stays in the database as it was written, the new callback key joins the old one in the
        SharedPreferences file (the old entry is never removed), and new work uses the new release's strings."""
        if self.plugin.callback_key not in self.earlier_callback_keys:
            self.earlier_callback_keys.append(self.plugin.callback_key)
        self.plugin_version = plugin_version
        self.plugin = plugin_generation(plugin_version)
        self.write_prefs()

    def set_callback_handle(self, handle: Optional[int]) -> None:
        self.callback_handle = handle
        self.write_prefs()

    def close_database(self) -> None:
        """The app process ends: the WAL is checkpointed and the -wal/-shm files disappear."""
        self.db.close()

    def open_database(self) -> None:
        """The app process starts again and opens its database (-wal/-shm reappear)."""
        self.db.open()

    # --- work -------------------------------------------------------------------------------------------

    def now_ms(self) -> int:
        assert self.device is not None, "install the app on a device first"
        return self.device.now_ms()

    def add_task(self, unique_name: str, task_name: str, *, periodic: bool = False, frequency_ms: int = 900_000,
                 flex_ms: Optional[int] = None, initial_delay_ms: int = 0,
                 payload: Optional[Mapping[str, Any]] = None, tag: Optional[str] = None,
                 constraints: Optional[Constraints] = None, backoff_policy: str = "exponential",
                 backoff_delay_ms: int = 30_000, expedited: bool = False,
                 out_of_quota_policy: str = "run_as_non_expedited", state: str = "ENQUEUED",
                 run_attempt_count: int = 0, enqueued_at_ms: Optional[int] = None,
                 last_enqueue_time_ms: Optional[int] = None, schedule_requested_at_ms: Optional[int] = None,
                 job_id: Optional[int] = None, period_count: int = 0, data_format: Optional[str] = None,
                 plugin_version: Optional[str] = None) -> WorkSpec:
        """Enqueue a plugin task as registerOneOffTask/registerPeriodicTask + WorkManager would store it:
        worker BackgroundWorker of the app's plugin generation (or `plugin_version`'s), input Data with the
        task name and payload, unique work `unique_name`, optional `tag`. Durations are in ms.
        `schedule_requested_at_ms` -1 leaves it unscheduled (no job id); see WorkDatabase.insert_work."""
        generation = plugin_generation(plugin_version) if plugin_version else self.plugin
        if out_of_quota_policy not in OUT_OF_QUOTA_POLICIES:
            raise ValueError(f"out_of_quota_policy must be one of {OUT_OF_QUOTA_POLICIES}")
        return self.db.insert_work(
            generation.worker_class, now_ms=self.now_ms(),
            input_data=plugin_input_data(generation, task_name, payload, unique_name),
            tags=[tag] if tag else [], unique_name=unique_name,
            interval_ms=frequency_ms if periodic else 0, flex_ms=flex_ms if periodic else None,
            initial_delay_ms=initial_delay_ms, constraints=constraints, backoff_policy=backoff_policy,
            backoff_delay_ms=backoff_delay_ms, expedited=expedited and not periodic,
            out_of_quota_policy=OUT_OF_QUOTA_POLICIES.index(out_of_quota_policy), state=state,
            run_attempt_count=run_attempt_count, enqueued_at_ms=enqueued_at_ms,
            last_enqueue_time_ms=last_enqueue_time_ms, schedule_requested_at_ms=schedule_requested_at_ms,
            job_id=job_id, period_count=period_count, data_format=data_format)

    def add_work(self, worker_class_name: str, *, unique_name: Optional[str] = None, tags: Tuple[str, ...] = (),
                 input_data: Optional[Mapping[str, Any]] = None, **options: Any) -> WorkSpec:
        """Enqueue work of another worker class (not the plugin's); options as WorkDatabase.insert_work."""
        return self.db.insert_work(worker_class_name, now_ms=self.now_ms(), unique_name=unique_name, tags=tags,
                                   input_data=input_data, **options)

    def work_specs(self) -> List[WorkSpec]:
        return self.db.work_specs()

    def work_spec(self, unique_name: str) -> WorkSpec:
        """The (first) WorkSpec of a unique work name."""
        for spec in self.db.work_specs():
            if unique_name in spec.names:
                return spec
        raise KeyError(unique_name)

    def script_outcome(self, task_name: str, result: str = "success", **options: Any) -> Outcome:
        """Decide what the Dart callback does for `task_name` from now on (see Outcome)."""
        outcome = Outcome(result, **options)
        self.outcomes[task_name] = outcome
        return outcome

    def outcome_for(self, task_name: Optional[str]) -> Outcome:
        return self.outcomes.get(task_name or "", Outcome())

    # --- logging ------------------------------------------------------------------------------------------

    def wm_log(self, tag: str, level: str, message: str, tid: Optional[int] = None) -> None:
        """A WorkManager log line (tag `WM-<tag>`), dropped below the app's WorkManager logging level."""
        if WM_LEVELS.index(level) >= WM_LEVELS.index(self.wm_log_level) and self.device is not None:
            self.device.log(f"WM-{tag}", level, message, pid=self.pid, tid=tid)

    def log(self, tag: str, level: str, message: str, tid: Optional[int] = None) -> None:
        """Any other log line from the app process."""
        if self.device is not None:
            self.device.log(tag, level, message, pid=self.pid, tid=tid)

