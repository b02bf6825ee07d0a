"""JobScheduler as seen through `dumpsys jobscheduler` and `cmd jobscheduler`, derived from the apps'
WorkManager databases and the device state.

A WorkManager job exists for every WorkSpec that is ENQUEUED or RUNNING, was handed to the scheduler
(schedule_requested_at != -1) and has a SystemIdInfo row (SystemJobScheduler.schedule). Its JobInfo is
what SystemJobInfoConverter builds: component `<pkg>/androidx.work.impl.background.systemjob.
SystemJobService`; on API <= 28 always a minimum latency (so TIMING_DELAY is always required), on 29+
a latency only when the next run time is in the future, else FLAG_IMPORTANT_WHILE_FOREGROUND (Flags: 2)
unless expedited (31+: FLAG_EXPEDITED, Flags: 10, Priority 500 [MAX]); backoff policy 1 exponential /
0 linear (the inverse of WorkManager's own codes).

Layouts: the fixtures `dumpsys-jobscheduler-android8.constructed.txt` (sdk <= 28: every job's header
even with a package filter, no `[0x..]` masks, `Network type: <int>`), `...-android11-*.real*.txt`
(sdk 29-31) and `...-android14-expedited.constructed.txt` (sdk >= 32), line order and indentation as
there. Constraint bits are JobStatus' (CHARGING 1<<0 ... TIMING_DELAY 1<<31), checked against the hex
masks of the real samples. The preamble and the trailing sections are abbreviated.

Namespaces: WorkManager 2.10+ on API 34+ schedules through `JobScheduler.forNamespace(
"androidx.work.systemjobscheduler")` (androidx `work-runtime/.../systemjob/JobSchedulerExt.kt`,
`wmJobScheduler`); older WorkManager, or API < 34, uses the default namespace. A namespaced job's header
is printUniqueId `NAMESPACE:UID/ID` and its name (JobStatus' batteryName) `@NAMESPACE@PKG/SERVICE`; the
`tag=` line is `*job*/` + that name (JobStatus.getWakelockTag). WorkManager 2.10+ sets the JobInfo trace
tag on API 35+ (SystemJobInfoConverter: `setTraceTag(workSpec.traceTag)`, by default the worker class's
simple name, WorkRequest.Builder.build / deriveTraceTagFromClassName), which JobStatus.dump prints as
`Trace tag: ...`; the name carries it as `#TAG#@NAMESPACE@...` only where the include_trace_tag_in_job_name
flag is on (off on API 36 per the real capture in shared/reference/android-adb-workmanager.md §2, on in
the real API 37 capture), modelled here as sdk >= 37.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple

from .android_apps import STANDBY_BUCKETS, AndroidApp, _version
from .workmanager_db import SCHEDULE_NOT_REQUESTED_YET, WorkSpec

if TYPE_CHECKING:
    from .emulated_device import EmulatedDevice

SYSTEM_JOB_SERVICE = "androidx.work.impl.background.systemjob.SystemJobService"
WORKMANAGER_NAMESPACE = "androidx.work.systemjobscheduler"
CMD_ERR_NO_PACKAGE, CMD_ERR_NO_JOB, CMD_ERR_CONSTRAINTS = -1000, -1001, -1002

CONSTRAINT_BITS = {
    "CHARGING": 1 << 0, "BATTERY_NOT_LOW": 1 << 1, "IDLE": 1 << 2, "STORAGE_NOT_LOW": 1 << 3,
    "TIMING_DELAY": 1 << 31, "DEADLINE": 1 << 30, "CONNECTIVITY": 1 << 28, "CONTENT_TRIGGER": 1 << 26,
    "DEVICE_NOT_DOZING": 1 << 25, "WITHIN_QUOTA": 1 << 24, "BACKGROUND_NOT_RESTRICTED": 1 << 22,
}
# dumpConstraints order
ORDER_NEW = ("CHARGING", "BATTERY_NOT_LOW", "STORAGE_NOT_LOW", "TIMING_DELAY", "DEADLINE", "IDLE", "CONNECTIVITY",
             "CONTENT_TRIGGER", "DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA")
ORDER_O = ("CHARGING", "BATTERY_NOT_LOW", "STORAGE_NOT_LOW", "TIMING_DELAY", "DEADLINE", "IDLE", "CONNECTIVITY",
           "UNMETERED", "NOT_ROAMING", "METERED", "CONTENT_TRIGGER", "APP_NOT_IDLE", "DEVICE_NOT_DOZING")
EXTRAS_SIZE = {"o": 148, "r": 180, "u": 212}
HELP_ANDROID8 = """\
Job scheduler (jobscheduler) commands:
  help
    Print this help text.
  run [-f | --force] [-u | --user USER_ID] PACKAGE JOB_ID
    Trigger immediate execution of a specific scheduled job.
    Options:
      -f or --force: run the job even if technical constraints such as
         connectivity are not currently met
      -u or --user: specify which user's job is to be run; the default is
         the primary or system user
  monitor-battery [on|off]
  get-battery-seq
  get-battery-charging
  get-battery-not-low
"""
HELP_ANDROID11 = """\
Job scheduler (jobscheduler) commands:
  help
    Print this help text.
  run [-f | --force] [-u | --user USER_ID] PACKAGE JOB_ID
    Trigger immediate execution of a specific scheduled job.
    Options:
      -f or --force: run the job even if technical constraints such as
         connectivity are not currently met
      -u or --user: specify which user's job is to be run; the default is
         the primary or system user
  timeout [-u | --user USER_ID] [PACKAGE] [JOB_ID]
    Trigger immediate timeout of currently executing jobs, as if their.
    execution timeout had expired.
  cancel [-u | --user USER_ID] PACKAGE [JOB_ID]
    Cancel a scheduled job.  If a job ID is not supplied, all jobs scheduled
    by that package will be canceled.  USE WITH CAUTION.
  heartbeat [num]
    No longer used.
  monitor-battery [on|off]
    Control monitoring of all battery changes.  Off by default.  Turning
    on makes get-battery-seq useful.
  get-battery-seq
    Return the last battery update sequence number that was received.
  get-battery-charging
    Return whether the battery is currently considered to be charging.
  get-battery-not-low
    Return whether the battery is currently considered to not be low.
  get-storage-seq
    Return the last storage update sequence number that was received.
  get-storage-not-low
    Return whether storage is currently considered to not be low.
  get-job-state [-u | --user USER_ID] PACKAGE JOB_ID
    Return the current state of a job, may be any combination of:
      pending: currently on the pending list, waiting to be active
      active: job is actively running
      user-stopped: job can't run because its user is stopped
      backing-up: job can't run because app is currently backing up its data
      no-component: job can't run because its component is not available
      ready: job is ready to run (all constraints satisfied or bypassed)
      waiting: if nothing else above is printed, job not ready to run
  trigger-dock-state [idle|active]
    Trigger wireless charging dock state.  Active by default.
"""
HELP_ANDROID15 = """\
Job scheduler (jobscheduler) commands:
  run [-f | --force] [-s | --satisfied] [-u | --user USER_ID] [-n | --namespace NAMESPACE] PACKAGE JOB_ID
  stop [-u | --user USER_ID] [-n | --namespace NAMESPACE] [-s | --stop-reason STOP_REASON] [-i | --internal-stop-reason STOP_REASON] [PACKAGE] [JOB_ID]
  timeout [-u | --user USER_ID] [-n | --namespace NAMESPACE] [PACKAGE] [JOB_ID]
  cancel [-u | --user USER_ID] [-n | --namespace NAMESPACE] PACKAGE [JOB_ID]
  heartbeat [num] | monitor-battery [on|off] | get-aconfig-flag-state FULL_FLAG_NAME
  get-battery-seq | get-battery-charging | get-battery-not-low | get-storage-seq | get-storage-not-low
  get-{estimated,transferred}-{download,upload}-bytes [-u | --user USER_ID] [-n | --namespace NAMESPACE] PACKAGE JOB_ID
  get-job-state [-u | --user USER_ID] [-n | --namespace NAMESPACE] PACKAGE JOB_ID
  trigger-dock-state [idle|active]
"""


@dataclass
class DeviceState:
    """What JobScheduler's controllers see. `network`: "wifi" (unmetered), "cellular" (metered) or
    "none"; `roaming` applies to cellular; `content_changed` satisfies content-URI triggers. Change the
    attributes directly."""

    network: str = "wifi"
    roaming: bool = False
    charging: bool = False
    battery_not_low: bool = True
    idle: bool = False
    storage_not_low: bool = True
    dozing: bool = False
    content_changed: bool = False


@dataclass(frozen=True)
class OtherJob:
    """A job of some other app, shown as a header in the Android 8 layout and counted in `Registered N jobs`."""

    package: str
    uid: int
    job_id: int
    service: str


DEFAULT_OTHER_JOBS = (OtherJob("com.other.app", 10091, 12, "com.other.app/com.other.app.SyncJob"),)


def layout_for(sdk: int) -> str:
    """`o` (Android 8/9), `r` (10-12L... up to sdk 31) or `u` (13+) dumpsys layout."""
    if sdk <= 28:
        return "o"
    if sdk <= 31:
        return "r"
    return "u"


def format_duration(ms: int) -> str:
    """TimeUtils.formatDuration: `+1h4m36s59ms`, `-2m11s302ms`, `+30s0ms`, `0`."""
    if ms == 0:
        return "0"
    sign = "+" if ms > 0 else "-"
    ms = abs(ms)
    millis, seconds = ms % 1000, ms // 1000
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    out, started = [sign], False
    for value, suffix in ((days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s")):
        if started or value:
            out.append(f"{value}{suffix}")
            started = True
    out.append(f"{millis}ms")
    return "".join(out)


@dataclass
class Job:
    """One WorkManager job as JobScheduler holds it."""

    app: AndroidApp
    spec: WorkSpec
    job_id: int
    enqueue_ms: int
    min_latency_ms: Optional[int]
    expedited: bool
    flags: int
    namespace: Optional[str] = None
    trace_tag: Optional[str] = None
    required: List[str] = field(default_factory=list)
    satisfied: List[str] = field(default_factory=list)

    @property
    def earliest_ms(self) -> Optional[int]:
        return None if self.min_latency_ms is None else self.enqueue_ms + self.min_latency_ms

    def name(self, sdk: int) -> str:
        """JobStatus' batteryName: `[#TRACE_TAG#][@NAMESPACE@]PKG/SERVICE` (see the module docstring)."""
        tag = f"#{self.trace_tag}#" if self.trace_tag and sdk >= 37 else ""
        namespace = f"@{self.namespace}@" if self.namespace is not None else ""
        return f"{tag}{namespace}{self.app.package}/{SYSTEM_JOB_SERVICE}"

    def unique_id(self) -> str:
        """JobStatus.printUniqueId: `NAMESPACE:UID/ID`, or `#UID/ID` without a namespace."""
        prefix = f"{self.namespace}:" if self.namespace is not None else "#"
        return f"{prefix}{_uid_text(self.app.uid or 0)}/{self.job_id}"


def workmanager_namespace(app: AndroidApp, sdk: int) -> Optional[str]:
    """The namespace the app's WorkManager schedules in on this API level (JobSchedulerExt.kt, 2.10+)."""
    return WORKMANAGER_NAMESPACE if sdk >= 34 and _version(app.workmanager_version) >= (2, 10) else None


def workmanager_trace_tag(app: AndroidApp, spec: WorkSpec, sdk: int) -> Optional[str]:
    """The JobInfo trace tag WorkManager 2.10+ sets on API 35+: the worker class's simple name, cut to 127."""
    if sdk < 35 or _version(app.workmanager_version) < (2, 10):
        return None
    return spec.worker_class_name.split(".")[-1][:127]


def _uid_text(uid: int) -> str:
    return f"u0a{uid - 10000}"


def _identity_hash(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:7]


class JobSchedulerModel:
    """The device's JobScheduler: jobs from the installed apps' databases plus `other_jobs`."""

    def __init__(self, device: "EmulatedDevice") -> None:
        self.device = device
        self.other_jobs: List[OtherJob] = list(DEFAULT_OTHER_JOBS)

    @property
    def sdk(self) -> int:
        return int(self.device.profile.sdk)

    def jobs(self, app: AndroidApp) -> List[Job]:
        """The app's WorkManager jobs, by job id."""
        jobs = []
        now = self.device.now_ms()
        for spec in app.db.work_specs():
            if spec.state not in ("ENQUEUED", "RUNNING") or spec.system_id is None:
                continue
            if spec.schedule_requested_at == SCHEDULE_NOT_REQUESTED_YET:
                continue
            jobs.append(self._job(app, spec, now))
        return sorted(jobs, key=lambda job: job.job_id)

    def _job(self, app: AndroidApp, spec: WorkSpec, now: int) -> Job:
        enqueue = spec.schedule_requested_at
        offset = max(app.db.next_run_time(spec, enqueue) - enqueue, 0)
        latency: Optional[int] = offset if (self.sdk <= 28 or offset > 0) else None
        expedited = spec.expedited and latency is None and self.sdk >= 31
        flags = 0x10 if expedited else (0x2 if latency is None and self.sdk >= 29 else 0)
        job = Job(app, spec, spec.system_id or 0, enqueue, latency, expedited, flags,
                  workmanager_namespace(app, self.sdk), workmanager_trace_tag(app, spec, self.sdk))
        job.required, job.satisfied = self._constraints(job, now)
        return job

    def _network_constraint(self, network: str) -> Optional[str]:
        if network == "not_required":
            return None
        if self.sdk <= 27:
            return {"connected": "CONNECTIVITY", "unmetered": "UNMETERED", "not_roaming": "NOT_ROAMING",
                    "metered": "METERED", "temporarily_unmetered": "UNMETERED"}[network]
        return "CONNECTIVITY"

    def _network_ok(self, network: str) -> bool:
        state = self.device.state
        if network == "not_required":
            return True
        if state.network == "none":
            return False
        if network in ("unmetered", "temporarily_unmetered"):
            return state.network == "wifi"
        if network == "metered":
            return state.network == "cellular"
        if network == "not_roaming":
            return not (state.network == "cellular" and state.roaming)
        return True

    def _constraints(self, job: Job, now: int) -> Tuple[List[str], List[str]]:
        state, app, c = self.device.state, job.app, job.spec.constraints
        checks: List[Tuple[str, bool]] = []
        if c.charging:
            checks.append(("CHARGING", state.charging))
        if c.battery_not_low:
            checks.append(("BATTERY_NOT_LOW", state.battery_not_low or state.charging))
        if c.storage_not_low:
            checks.append(("STORAGE_NOT_LOW", state.storage_not_low))
        if job.min_latency_ms is not None:
            checks.append(("TIMING_DELAY", now >= (job.earliest_ms or 0)))
        if c.device_idle:
            checks.append(("IDLE", state.idle))
        network = self._network_constraint(c.network)
        if network:
            checks.append((network, self._network_ok(c.network)))
        if c.content_uri_triggers:
            checks.append(("CONTENT_TRIGGER", state.content_changed))
        required = [name for name, _ in checks]
        satisfied = [name for name, ok in checks if ok]
        if self.sdk <= 27:
            if app.standby_bucket != 50:
                satisfied.append("APP_NOT_IDLE")
            if not state.dozing:
                satisfied.append("DEVICE_NOT_DOZING")
        else:
            if not state.dozing or job.expedited:
                satisfied.append("DEVICE_NOT_DOZING")
            if app.background_restriction != "ignore":
                satisfied.append("BACKGROUND_NOT_RESTRICTED")
            if app.standby_bucket < 45 and app.within_quota:
                satisfied.append("WITHIN_QUOTA")
        return required, satisfied

    def job_ready(self, job: Job) -> bool:
        needed = set(job.required)
        if self.sdk > 27:
            needed |= {"DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA"}
        return needed <= set(job.satisfied)

    # --- dumpsys ----------------------------------------------------------------------------------------

    def dumpsys(self, package: Optional[str]) -> Tuple[bytes, bytes, int]:
        """`dumpsys jobscheduler [PACKAGE]`."""
        apps = self.device.apps
        if package is not None and package not in apps and package not in {o.package for o in self.other_jobs}:
            return f"Invalid package: {package}\n".encode(), b"", 0
        layout = layout_for(self.sdk)
        now = self.device.now_ms()
        entries: List[Tuple[int, int, Optional[Job], Optional[OtherJob]]] = []
        for app in apps.values():
            if app.uid is None or app.data_dir is None:
                continue
            entries += [(app.uid, job.job_id, job, None) for job in self.jobs(app)]
        entries += [(other.uid, other.job_id, None, other) for other in self.other_jobs]
        entries.sort(key=lambda entry: (entry[0], entry[1]))
        lines = self._preamble(layout)
        lines.append(f"Registered {len(entries)} jobs:")
        printed = False
        for uid, job_id, job, other in entries:
            pkg = job.app.package if job else other.package  # type: ignore[union-attr]
            matches = package is None or pkg == package
            if layout != "o" and not matches:
                continue
            printed = printed or matches
            indent = " " if layout == "r" else "  "
            if job is not None:
                header = f"{job.unique_id()}: {_identity_hash(uid, job_id)} {job.name(self.sdk)}"
            else:
                service = other.service  # type: ignore[union-attr]
                header = f"#{_uid_text(uid)}/{job_id}: {_identity_hash(uid, job_id)} {service}"
            lines.append(f"{indent}JOB {header}")
            if not matches:
                continue
            if job is not None:
                lines += self._job_lines(job, layout, now)
            else:
                lines += self._other_job_lines(other, layout, now)  # type: ignore[arg-type]
        if not printed and layout != "o":
            lines.append("  None.")
        lines += ["", "Pending queue:", "", "Active jobs:", "  Slot #0: inactive"]
        return ("\n".join(lines) + "\n").encode(), b"", 0

    def _preamble(self, layout: str) -> List[str]:
        if layout == "o":
            settings = ["min_idle_count=1", "min_charging_count=1", "min_battery_not_low_count=1",
                        "min_storage_not_low_count=1", "min_connectivity_count=1", "min_content_count=1",
                        "min_ready_jobs_count=1", "heavy_use_factor=0.9", "moderate_use_factor=0.5",
                        "fg_job_count=4", "bg_normal_job_count=6", "bg_moderate_job_count=4", "bg_low_job_count=1",
                        "bg_critical_job_count=1", "max_standard_reschedule_count=2147483647",
                        "max_work_reschedule_count=2147483647", "min_linear_backoff_time=10000",
                        "min_exp_backoff_time=10000"]
        else:
            settings = ["min_ready_non_active_jobs_count=5", "max_non_active_job_batch_delay_ms=+31m0s0ms",
                        "heavy_use_factor=0.9", "moderate_use_factor=0.5", "min_linear_backoff_time_ms=10000",
                        "min_exp_backoff_time_ms=10000", "conn_congestion_delay_frac=0.5",
                        "conn_prefetch_relax_frac=0.5"]
        return ["Settings:"] + [f"  {line}" for line in settings] + ["", "Started users: [0]"]

    def _constraint_line(self, label: str, names: Sequence[str], layout: str) -> str:
        order = ORDER_O if layout == "o" else ORDER_NEW
        chosen = [name for name in order if name in names]
        text = f"    {label}:" + "".join(f" {name}" for name in chosen)
        if layout != "o" and chosen:
            text += f" [0x{sum(CONSTRAINT_BITS[name] for name in chosen):x}]"
        return text

    def _network_text(self, job: Job, layout: str) -> str:
        network = job.spec.constraints.network
        if layout == "o":
            return str({"connected": 1, "unmetered": 2, "not_roaming": 3, "metered": 4,
                        "temporarily_unmetered": 2}[network])
        caps = []
        if network in ("unmetered", "temporarily_unmetered"):
            caps.append("NOT_METERED")
        caps += ["INTERNET", "NOT_RESTRICTED", "TRUSTED", "VALIDATED"]
        if network == "not_roaming":
            caps.append("NOT_ROAMING")
        transports = "Transports: CELLULAR " if network == "metered" else ""
        uid = job.app.uid
        if layout == "r":
            return (f"NetworkRequest [ NONE id=0, [ {transports}Capabilities: {'&'.join(caps)} Uid: {uid} "
                    "AdministratorUids: [] RequestorUid: -1 RequestorPackageName: null] ]")
        caps.append("NOT_VCN_MANAGED")
        return (f"NetworkRequest [ NONE id=0, [ {transports}Capabilities: {'&'.join(caps)} Uid: {uid} "
                "RequestorUid: -1 RequestorPkg: null UnderlyingNetworks: Null] ]")

    def _job_lines(self, job: Job, layout: str, now: int) -> List[str]:
        app, spec, c = job.app, job.spec, job.spec.constraints
        uid = _uid_text(app.uid or 0)
        service = f"{app.package}/{SYSTEM_JOB_SERVICE}"
        ready = self.job_ready(job)
        lines = [f"    {uid} tag=*job*/{job.name(self.sdk)}", f"    Source: uid={uid} user=0 pkg={app.package}",
                 "    JobInfo:",
                 f"      Service: {service}"]
        if layout == "u":
            lines.append("      Priority: 500 [MAX]" if job.expedited else "      Priority: 300 [DEFAULT]")
        if job.flags:
            lines.append(f"      Flags: {job.flags:x}")
        lines.append(f"      Requires: charging={str(c.charging).lower()} batteryNotLow={str(c.battery_not_low).lower()} "
                     f"deviceIdle={str(c.device_idle).lower()}")
        if c.content_uri_triggers:
            lines.append("      Trigger content URIs:")
            lines += [f"        {1 if descendants else 0} {uri}" for uri, descendants in c.content_uri_triggers]
            if c.trigger_content_update_delay_ms >= 0:
                lines.append(f"      Trigger update delay: {format_duration(c.trigger_content_update_delay_ms)}")
            if c.trigger_max_content_delay_ms >= 0:
                lines.append(f"      Trigger max delay: {format_duration(c.trigger_max_content_delay_ms)}")
        lines.append(f"      Extras: mParcelledData.dataSize={EXTRAS_SIZE[layout]}")
        if c.network != "not_required":
            lines.append(f"      Network type: {self._network_text(job, layout)}")
        if job.min_latency_ms:
            lines.append(f"      Minimum latency: {format_duration(job.min_latency_ms)}")
        policy = 0 if spec.backoff_policy == "linear" else 1
        lines.append(f"      Backoff: policy={policy} initial={format_duration(spec.backoff_delay_duration)}")
        if job.min_latency_ms is not None:
            lines.append("      Has early constraint")
        if job.trace_tag:
            lines.append(f"      Trace tag: {job.trace_tag}")
        lines.append(self._constraint_line("Required constraints", job.required, layout))
        if layout != "o":
            lines.append("    Dynamic constraints:")
        lines.append(self._constraint_line("Satisfied constraints", job.satisfied, layout))
        if layout == "o":
            unsatisfied = [name for name in job.required if name not in job.satisfied]
        else:
            unsatisfied = [name for name in job.required + ["WITHIN_QUOTA"] if name not in job.satisfied]
        lines.append(self._constraint_line("Unsatisfied constraints", unsatisfied, layout))
        if layout == "u":
            history = self._constraint_line("Constraint history", job.satisfied, layout).split(":", 1)[1].strip()
            lines += ["    Constraint history:", f"      {format_duration(job.enqueue_ms - now + 2)} = {history}"]
        tracking = []
        if c.charging or c.battery_not_low:
            tracking.append("BATTERY")
        if c.network != "not_required":
            tracking.append("CONNECTIVITY")
        if c.content_uri_triggers:
            tracking.append("CONTENT")
        if c.device_idle:
            tracking.append("IDLE")
        if c.storage_not_low:
            tracking.append("STORAGE")
        if job.min_latency_ms is not None:
            tracking.append("TIME")
        if layout != "o":
            tracking.append("QUOTA")
        lines.append("    Tracking:" + "".join(f" {name}" for name in tracking))
        if layout != "o":
            lines += ["    Implicit constraints:",
                      f"      readyNotDozing: {str('DEVICE_NOT_DOZING' in job.satisfied).lower()}",
                      f"      readyNotRestrictedInBg: {str('BACKGROUND_NOT_RESTRICTED' in job.satisfied).lower()}"]
            if layout == "r":
                lines.append(f"      readyDynamicSatisfied: {str(ready).lower()}")
                if "CONNECTIVITY" in job.satisfied:
                    lines.append("    Network: 100")
            else:
                lines.append("      readyComponentEnabled: true")
                if job.expedited:
                    lines.append("      expeditedQuotaApproved: true expeditedTareApproved: true (started as EJ: false)")
                lines.append("    Started with foreground flag: false")
            lines.append(f"    Standby bucket: {STANDBY_BUCKETS[app.standby_bucket]}")
            if layout == "r" and "WITHIN_QUOTA" not in job.satisfied:
                lines.append(f"      Deferred since: {format_duration(job.enqueue_ms - now)}")
        lines.append(f"    Enqueue time: {format_duration(job.enqueue_ms - now)}")
        earliest = "none" if job.earliest_ms is None else format_duration(job.earliest_ms - now)
        if layout == "o":
            lines.append(f"    Run time: earliest={earliest}, latest=none")
            lines.append(f"    Ready: {str(ready).lower()} (job={str(ready).lower()} pending=false active=false user=true)")
        else:
            lines.append(f"    Run time: earliest={earliest}, latest=none, original latest=none")
            lines.append("    Restricted due to: none.")
            lines.append(f"    Ready: {str(ready).lower()} (job={str(ready).lower()} user=true !restricted=true "
                         "!pending=true !active=true !backingup=true comp=true)")
        return lines

    def _other_job_lines(self, other: OtherJob, layout: str, now: int) -> List[str]:
        uid = _uid_text(other.uid)
        return [f"    {uid} tag=*job*/{other.service}", f"    Source: uid={uid} user=0 pkg={other.package}",
                "    JobInfo:", f"      Service: {other.service}",
                "      Requires: charging=false batteryNotLow=false deviceIdle=false",
                "      Backoff: policy=1 initial=+30s0ms",
                "    Required constraints:", "    Satisfied constraints:", "    Unsatisfied constraints:",
                "    Tracking:", f"    Enqueue time: {format_duration(-3_600_000)}",
                "    Run time: earliest=none, latest=none" + ("" if layout == "o" else ", original latest=none")]

    # --- cmd jobscheduler ------------------------------------------------------------------------------

    def help_text(self) -> str:
        if self.sdk <= 27:
            return HELP_ANDROID8
        if self.sdk < 34:
            return HELP_ANDROID11
        return HELP_ANDROID15

    def command(self, args: List[str], run_job: Callable[[AndroidApp, str], None]) -> Tuple[bytes, bytes, int]:
        """`cmd jobscheduler ARGS`; `run_job(app, work_spec_id)` starts the forced run asynchronously."""
        if not args or args[0] in ("help", "-h"):
            return self.help_text().encode(), b"", 0
        if args[0] == "run":
            return self._run(args[1:], run_job)
        if args[0] == "get-battery-charging":
            return f"{str(self.device.state.charging).lower()}\n".encode(), b"", 0
        if args[0] == "get-battery-not-low":
            return f"{str(self.device.state.battery_not_low).lower()}\n".encode(), b"", 0
        if args[0] == "get-storage-not-low" and self.sdk >= 28:
            return f"{str(self.device.state.storage_not_low).lower()}\n".encode(), b"", 0
        return f"Unknown command: {args[0]}\n".encode(), b"", 255

    def _run(self, args: List[str], run_job: Callable[[AndroidApp, str], None]) -> Tuple[bytes, bytes, int]:
        """JobSchedulerShellCommand.runJob (API 34+: apex/jobscheduler/service/java/com/android/server/job/
        JobSchedulerShellCommand.java; 8.x: services/core/... O-era). Option errors, `Cannot specify both`
        and exceptions go to stdout (runJob's and onCommand's `pw` is getOutPrintWriter), rc -1; printError
        writes to stderr on current releases (stdout on 8.x) with rc -1000/-1001/-1002. The exit status is
        the low 8 bits. A job is found by uid, namespace and id (JobStatus.matches: Objects.equals on the
        namespace), so a namespaced job is not found without its `-n`."""
        force = satisfied = False
        namespace: Optional[str] = None
        modern = self.sdk >= 34
        err_is_stdout = self.sdk <= 27
        i = 0
        while i < len(args) and args[i].startswith("-"):
            opt = args[i]
            if opt in ("-f", "--force"):
                force = True
            elif opt in ("-s", "--satisfied") and modern:
                satisfied = True
            elif opt in ("-u", "--user") and i + 1 < len(args):
                i += 1
            elif opt in ("-n", "--namespace") and modern and i + 1 < len(args):
                i += 1
                namespace = args[i]
            else:
                return f"Error: unknown option '{opt}'\n".encode(), b"", 255
            i += 1
        if force and satisfied:
            return b"Cannot specify both --force and --satisfied\n", b"", 255
        rest = args[i:]
        if len(rest) < 2:
            after = rest[0] if rest else (args[i - 1] if i else "run")
            return f"Exception: java.lang.IllegalArgumentException: Argument expected after \"{after}\"\n".encode(), \
                b"", 255
        package, job_text = rest[0], rest[1]

        def error(message: str, code: int) -> Tuple[bytes, bytes, int]:
            data = (message + "\n").encode()
            return (data, b"", code & 0xFF) if err_is_stdout else (b"", data, code & 0xFF)

        try:
            job_id = int(job_text)
        except ValueError:
            return f"Exception: java.lang.NumberFormatException: For input string: \"{job_text}\"\n".encode(), b"", 255
        app = self.device.apps.get(package)
        if app is None:
            return error(f"Package not found: {package} / user 0", CMD_ERR_NO_PACKAGE)
        where = f"in package {package}" + (f" / namespace {namespace}" if namespace is not None else "") + " / user 0"
        job = next((j for j in self.jobs(app) if j.job_id == job_id and j.namespace == namespace), None)
        if job is None:
            return error(f"Could not find job {job_id} {where}", CMD_ERR_NO_JOB)
        if not force:
            ignored = {"CHARGING", "BATTERY_NOT_LOW", "TIMING_DELAY", "DEADLINE"} if not satisfied else set()
            missing = [name for name in job.required if name not in job.satisfied and name not in ignored]
            if missing:
                return error(f"Job {job_id} {where} has functional constraints but --force not specified",
                             CMD_ERR_CONSTRAINTS)
        run_job(app, job.spec.id)
        return ("Running job [FORCED]\n" if force else "Running job\n").encode(), b"", 0
