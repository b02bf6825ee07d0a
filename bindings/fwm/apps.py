"""An app on a device: its tasks, forcing them to run, waiting for them, its logs and its set-up check.

Example::

    import fwm

    app = fwm.devices()[0].app("com.example.app")
    for task in app.tasks():
        print(task.unique_name, task.state, task.next_run_at)
    outcome = app.trigger(unique_name="upload", wait=True)
    assert outcome.ok, outcome.results[0].message
"""

from __future__ import annotations

import json
import queue
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence

from . import _core
from ._workers import Worker
from .results import CliDocument, ExitCoded

if TYPE_CHECKING:
    from .bridge import CancelResult, RegisterResult
    from .tasks import Task


def _timeout_ms(timeout: Optional[timedelta]) -> Optional[int]:
    return None if timeout is None else timeout // timedelta(milliseconds=1)


def _instant(text: Optional[str]) -> Optional[datetime]:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def _seconds(value: Optional[float]) -> Optional[timedelta]:
    return None if value is None else timedelta(seconds=value)


@dataclass(frozen=True)
class TaskInfo:
    """A task as ``fwm list`` shows it. Fields a source could not know are None (or empty);
    ``sources`` says where the values came from; ``data`` is the contract JSON object."""

    unique_name: str
    task_name: str
    tags: List[str]
    kind: Optional[str]
    state: Optional[str]
    input_data: Optional[Dict[str, Any]]
    constraints: Optional[Dict[str, Any]]
    unsatisfied_constraints: Optional[List[str]]
    initial_delay: Optional[timedelta]
    frequency: Optional[timedelta]
    flex_interval: Optional[timedelta]
    run_attempt_count: Optional[int]
    next_run_at: Optional[datetime]
    last_enqueued_at: Optional[datetime]
    work_id: str
    job_id: Optional[int]
    sources: List[str]
    notes: List[str]
    plugin_generation: Optional[str] = None
    upgrade_hazard: Optional[str] = None
    last_finished_at: Optional[datetime] = None
    flags: List[str] = field(default_factory=list)
    data: Dict[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def _from_json(cls, d: Dict[str, Any]) -> "TaskInfo":
        return cls(
            unique_name=d.get("uniqueName", ""), task_name=d.get("taskName", ""), tags=list(d.get("tags", [])),
            kind=d.get("kind"), state=d.get("state"), input_data=d.get("inputData"), constraints=d.get("constraints"),
            unsatisfied_constraints=d.get("unsatisfiedConstraints"), initial_delay=_seconds(d.get("initialDelay")),
            frequency=_seconds(d.get("frequency")), flex_interval=_seconds(d.get("flexInterval")),
            run_attempt_count=d.get("runAttemptCount"), next_run_at=_instant(d.get("nextRunAt")),
            last_enqueued_at=_instant(d.get("lastEnqueuedAt")), work_id=d.get("workId", ""), job_id=d.get("jobId"),
            sources=list(d.get("sources", [])), notes=list(d.get("notes", [])),
            plugin_generation=d.get("pluginGeneration"), upgrade_hazard=d.get("upgradeHazard"),
            last_finished_at=_instant(d.get("lastFinishedAt")), flags=list(d.get("flags", [])), data=d,
        )


@dataclass(frozen=True)
class TaskListing(CliDocument):
    """The tasks of one app (``fwm list --json`` / ``fwm inspect --json``); ``problems`` says what
    could not be read."""

    app: str
    device: Optional[Dict[str, Any]]
    tasks: List[TaskInfo]
    problems: List[str]
    plugin: Optional[Dict[str, Any]] = None
    _document: str = field(repr=False, default="")

    @classmethod
    def _from_json(cls, document: str) -> "TaskListing":
        d = json.loads(document)
        return cls(d["app"], d.get("device"), [TaskInfo._from_json(t) for t in d["tasks"]], d["problems"],
                   d.get("plugin"), document)


@dataclass(frozen=True)
class Outcome(ExitCoded):
    """What happened to one task: ``outcome`` is accepted, succeeded, retry, failed, refused,
    reached or timeout, and on iOS also not-scheduled (BGTaskScheduler held no request) or
    simulated (run-now: the Dart callback ran as an in-app one-off); ``exit_code`` what the CLI
    exits with for it (0 when ``ok``)."""

    outcome: str
    message: str
    exit_code: int
    task: TaskInfo
    after: Optional[TaskInfo]


@dataclass(frozen=True)
class Report(CliDocument, ExitCoded):
    """The outcomes of ``trigger`` or ``wait`` on one device; ``exit_code`` is the worst."""

    app: str
    results: List[Outcome]
    exit_code: int
    _document: str = field(repr=False, default="")

    @classmethod
    def _from_json(cls, document: str, exit_code: int) -> "Report":
        d = json.loads(document)
        results = [Outcome(r["outcome"], r["message"], r["exitCode"], TaskInfo._from_json(r["task"]),
                           TaskInfo._from_json(r["after"]) if "after" in r else None) for r in d["results"]]
        return cls(d["app"], results, exit_code, document)


@dataclass(frozen=True)
class Check:
    """One doctor check: ``status`` is pass, warn, fail or skip; ``fix`` says what to do."""

    name: str
    status: str
    detail: str
    fix: str


@dataclass(frozen=True)
class DoctorReport(CliDocument, ExitCoded):
    """``fwm doctor``: every check; ``exit_code`` 1 when one failed."""

    app: str
    checks: List[Check]
    exit_code: int
    _document: str = field(repr=False, default="")


@dataclass(frozen=True)
class CaptureResult(CliDocument):
    """``fwm capture``: the archive written, for which device and app, and what it holds."""

    path: str
    device: Dict[str, Any]
    app: str
    redacted: bool
    commands: int
    files: List[str]
    bytes: int
    _document: str = field(repr=False, default="")


@dataclass(frozen=True)
class LogRecord:
    """One task lifecycle log line (``fwm logs --json``)."""

    time: str
    pid: int
    tid: int
    level: str
    tag: str
    message: str


class App:
    """An app on a device. ``device`` is a serial ("" = ANDROID_SERIAL or the only device)."""

    def __init__(self, device: str, package: str, vm_service: str = "") -> None:
        self.device = device
        self.package = package
        self.vm_service = vm_service

    def __repr__(self) -> str:
        return f"App({self.package!r} on {self.device or 'the only device'})"

    def listing(self, unique_name: str = "", tag: str = "", state: str = "", all_work: bool = False,
                timeout: Optional[timedelta] = None, plugin_view: bool = False) -> TaskListing:
        """``fwm list``: the app's tasks with where they came from and what could not be read; with
        ``plugin_view`` (``--plugin-view``) also the plugin's own view through the in-app bridge."""
        return TaskListing._from_json(_core.list_tasks(self.device, self.package, unique_name, tag, state, all_work,
                                                       _timeout_ms(timeout), plugin_view))

    def tasks(self, unique_name: str = "", tag: str = "", state: str = "", all_work: bool = False,
              timeout: Optional[timedelta] = None) -> List[TaskInfo]:
        """The app's tasks (``listing(...).tasks``)."""
        return self.listing(unique_name, tag, state, all_work, timeout).tasks

    def trigger(self, unique_name: str = "", tag: str = "", wait: bool = False, run_now: bool = False,
                expire: bool = False, timeout: Optional[timedelta] = None) -> Report:
        """``fwm trigger``: forces the task(s) to run now; with ``wait``, follows each run to its
        result. Refusals (periodic work not due, work not yet in JobScheduler) are outcomes with
        exit code 5, not exceptions. ``run_now`` runs the Dart code through the in-app bridge as a
        one-off copy instead (any task, also periodic; raises fwm.BridgeUnavailable without it; on
        iOS reported as simulated). On an iOS device the trigger is BGTaskScheduler's simulated
        launch through lldb (``expire``: its simulated expiration); on a simulator it raises
        fwm.Unsupported, pointing to ``run_now``."""
        if run_now:
            document, code = _core.run_now(self.device, self.package, unique_name, tag, wait, self.vm_service,
                                           timeout_ms=_timeout_ms(timeout))
        else:
            document, code = _core.trigger_tasks(self.device, self.package, unique_name, tag, wait, expire,
                                                 _timeout_ms(timeout))
        return Report._from_json(document, code)

    def register(self, task: "Task", timeout: Optional[timedelta] = None) -> "RegisterResult":
        """``fwm register``: registers ``task`` through the in-app bridge with the effective values of
        the device's platform and reads it back. Raises fwm.ValidationError (nothing sent) or
        fwm.BridgeUnavailable; a task that does not hold the values is a result with exit code 1."""
        from .bridge import RegisterResult
        document, code = _core.register_task(self.device, json.dumps(task.to_request()), self.package,
                                             self.vm_service, timeout_ms=_timeout_ms(timeout))
        return RegisterResult._from_json(document, code)

    def cancel(self, unique_name: str = "", tag: str = "", all: bool = False,
               timeout: Optional[timedelta] = None) -> "CancelResult":
        """``fwm cancel``: cancels by unique name, by tag or all (exactly one) through the in-app
        bridge and reads the tasks back."""
        from .bridge import CancelResult
        document, code = _core.cancel_tasks(self.device, self.package, unique_name, tag, all, self.vm_service,
                                            timeout_ms=_timeout_ms(timeout))
        return CancelResult._from_json(document, code)

    def plugin_view(self, timeout: Optional[timedelta] = None) -> Dict[str, Any]:
        """The plugin's own view of the app's tasks through the bridge (getWorkInfo and
        isScheduledByUniqueName of each), or ``{"unavailable": reason}``."""
        result: Dict[str, Any] = json.loads(_core.plugin_view(self.device, self.package, self.vm_service,
                                                              timeout_ms=_timeout_ms(timeout)))
        return result

    def wait(self, unique_name: str, until: str = "finished", timeout: Optional[timedelta] = None) -> Report:
        """``fwm wait``: until the task reaches ``until``; a timeout is an outcome with exit code 4."""
        document, code = _core.wait_for_task(self.device, self.package, unique_name, until, _timeout_ms(timeout))
        return Report._from_json(document, code)

    def doctor(self, timeout: Optional[timedelta] = None) -> DoctorReport:
        """``fwm doctor``: each check with its status and fix."""
        document, code = _core.doctor(self.device, self.package, _timeout_ms(timeout))
        d = json.loads(document)
        checks = [Check(c["name"], c["status"], c["detail"], c.get("fix", "")) for c in d["checks"]]
        return DoctorReport(d["app"], checks, code, document)

    def capture(self, path: str = "", redact: bool = False, timeout: Optional[timedelta] = None) -> CaptureResult:
        """``fwm capture``: writes one archive (uncompressed tar) of every raw output fwm reads on the
        device for list, doctor and logs, with a manifest; ``fwm.inspect([path])`` reads it back as the
        listing. ``path`` "" is fwm-capture-APP-TIME.tar in the current folder; ``redact`` replaces the
        tasks' input data values by markers."""
        document = _core.capture(self.device, self.package, path, redact, _timeout_ms(timeout))
        d = json.loads(document)
        return CaptureResult(d["path"], d["device"], d["app"], d["redacted"], d["commands"], d["files"], d["bytes"],
                             document)

    def logs(self, follow: bool = False, timeout: Optional[timedelta] = None) -> Iterator[LogRecord]:
        """``fwm logs``: the task lifecycle lines, as they are now or, with ``follow``, as they come.
        The lines are read on a worker thread, which is stopped and joined when the loop ends, breaks,
        raises, or the iterator is closed or collected (and at interpreter exit); an error of the
        reading (e.g. fwm.DeviceNotFound) is raised here."""
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        stopped = threading.Event()

        def hand_over(line: str) -> bool:
            lines.put(line)
            return not stopped.is_set()

        worker = Worker(lambda flag: _core.task_logs(self.device, self.package, follow, hand_over,
                                                      _timeout_ms(timeout), flag),
                        lambda: lines.put(None))
        try:
            while (line := lines.get()) is not None:
                d = json.loads(line)
                yield LogRecord(d["time"], d["pid"], d["tid"], d["level"], d["tag"], d["message"])
        finally:
            stopped.set()
            worker.stop()
        if worker.error is not None:
            raise worker.error


def inspect(paths: Sequence[str], app: str = "", unique_name: str = "", tag: str = "", state: str = "",
            all_work: bool = False) -> TaskListing:
    """``fwm inspect``: tasks from files saved off a device (a WorkManager database copy with its
    -wal beside it, a saved ``dumpsys jobscheduler``, a logcat with a diagnostics report, the plugin's
    iOS plist), or from one ``fwm capture`` archive (the listing ``fwm list`` gave on its device)."""
    return TaskListing._from_json(_core.inspect_files(list(paths), app, unique_name, tag, state, all_work))
