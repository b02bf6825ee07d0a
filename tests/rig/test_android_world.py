"""The emulated WorkManager world through Debian's real adb server: the commands of docs/device-commands.md
answer in the formats of tests/fixtures/android, the database pulled with run-as opens with
sqlite3, forced runs do WorkManager's bookkeeping and logging, diagnostics land in logcat."""

from __future__ import annotations

import calendar
import os
import re
import select
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

import pytest

from fwm.testing import (ANDROID_8, ANDROID_11, ANDROID_14, AndroidRig, Constraints, DeviceProfile, EmulatedDevice,
                         OtherJob, decode_data, sample_app)
from fixture_files import ANDROID_FIXTURES

FIXTURES = ANDROID_FIXTURES
PKG = "com.example.app"
DB_FILES = ["no_backup/androidx.work.workdb", "no_backup/androidx.work.workdb-wal", "no_backup/androidx.work.workdb-shm"]
BG = "dev.fluttercommunity.workmanager.BackgroundWorker"
THREADTIME = re.compile(r"^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} +\d+ +\d+ [VDIWEF] .+?:( .*)?$")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


@pytest.fixture(scope="module")
def rig() -> Iterator[AndroidRig]:
    with AndroidRig([]) as started:
        yield started


@pytest.fixture
def new_device(rig: AndroidRig) -> Iterator:
    made: List[EmulatedDevice] = []

    def make(profile: DeviceProfile = ANDROID_14) -> EmulatedDevice:
        device = rig.add_device(profile)
        made.append(device)
        return device
    yield make
    for device in made:
        rig.remove_device(device)


def shell(rig: AndroidRig, device: EmulatedDevice, command: str) -> subprocess.CompletedProcess:
    return rig.adb("-s", device.serial, "shell", command)


def out(rig: AndroidRig, device: EmulatedDevice, command: str) -> str:
    result = shell(rig, device, command)
    assert result.returncode == 0, result
    return result.stdout.decode()


def run_and_settle(rig: AndroidRig, device: EmulatedDevice, command: str) -> subprocess.CompletedProcess:
    result = shell(rig, device, command)
    device.wait_until_idle()
    return result


def min_latency(block: List[str]) -> int:
    """The `Minimum latency:` of a job block, in ms."""
    text = next(l for l in block if "Minimum latency:" in l).split(": ", 1)[1]
    units = {"d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)(ms|[dhms])", text))


def logs(device: EmulatedDevice, tag: Optional[str] = None) -> List[str]:
    return [entry.message for entry in device.logcat.entries() if tag is None or entry.tag == tag]


# --- run-as, wc, cat, the database --------------------------------------------------------------------------

def test_run_as_errors_and_wc_format(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = sample_app(device=device)
    sample_app("com.example.release", device=device, debuggable=False)
    assert shell(rig, device, f"run-as {PKG} true").returncode == 0
    denied = shell(rig, device, "run-as com.example.release true")
    assert (denied.returncode, denied.stderr) == (1, b"run-as: package not debuggable: com.example.release\n")
    unknown = shell(rig, device, "run-as com.nope true")
    assert (unknown.returncode, unknown.stderr) == (1, b"run-as: unknown package: com.nope\n")
    wc = shell(rig, device, f"run-as {PKG} wc -c " + " ".join(DB_FILES))
    sizes = [os.path.getsize(app.path(name)) for name in DB_FILES]
    expected = "".join(f"{size:7d} {name}\n" for size, name in zip(sizes, DB_FILES)) + f"{sum(sizes):7d} total\n"
    assert (wc.returncode, wc.stdout.decode(), wc.stderr) == (0, expected, b"")
    app.close_database()  # the app process ended: WAL checkpointed, -wal and -shm gone
    wc = shell(rig, device, f"run-as {PKG} wc -c " + " ".join(DB_FILES))
    size = os.path.getsize(app.path(DB_FILES[0]))
    assert wc.returncode == 1
    assert wc.stdout.decode() == f"{size:7d} {DB_FILES[0]}\n{size:7d} total\n"
    assert wc.stderr.decode() == "".join(f"wc: {name}: No such file or directory\n" for name in DB_FILES[1:])
    one = shell(rig, device, f"run-as {PKG} wc -c {DB_FILES[0]}")
    assert one.stdout.decode() == f"{size} {DB_FILES[0]}\n"


def pull_database(rig: AndroidRig, device: EmulatedDevice, folder: Path) -> Tuple[Path, bytes]:
    """What fwm does: sizes with `run-as wc -c`, bytes with `exec:run-as cat`, split into db, -wal, -shm."""
    sizes = [int(line.split()[0]) for line in out(rig, device, f"run-as {PKG} wc -c " + " ".join(DB_FILES)).splitlines()[:3]]
    pulled = rig.adb("-s", device.serial, "exec-out", f"run-as {PKG} cat " + " ".join(DB_FILES))
    assert pulled.returncode == 0 and len(pulled.stdout) == sum(sizes)
    offset = 0
    folder.mkdir(exist_ok=True)
    for name, size in zip(("w.db", "w.db-wal", "w.db-shm"), sizes):
        (folder / name).write_bytes(pulled.stdout[offset:offset + size])
        offset += size
    return folder / "w.db", pulled.stdout[:sizes[0]]


def test_pulled_database_opens_with_its_wal(rig: AndroidRig, new_device, tmp_path: Path) -> None:
    device = new_device()
    sample_app(device=device)
    path, main_file = pull_database(rig, device, tmp_path / "first")
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT n.name, w.worker_class_name, w.interval_duration, w.flex_duration, w.initial_delay, "
                        "s.system_id, w.input FROM WorkSpec w LEFT JOIN WorkName n ON n.work_spec_id = w.id "
                        "LEFT JOIN SystemIdInfo s ON s.work_spec_id = w.id ORDER BY s.system_id").fetchall()
    assert [(r[0], r[5]) for r in rows] == [("sync-once", 0), ("reminder", 1), ("periodic-refresh", 2), ("upload", 3),
                                           ("cleanup", 4), (None, 5)]
    assert rows[2][2:5] == (3_600_000, 900_000, 0) and rows[1][4] == 7_200_000
    assert bytes(rows[0][6])[:2] == b"\xab\xef"
    assert decode_data(bytes(rows[4][6])) == {
        "dev.fluttercommunity.workmanager.DART_TASK": "cleanupCache",
        "dev.fluttercommunity.workmanager.UNIQUE_NAME": "cleanup", "payload_maxAgeDays": 7,
        "json_payload_meta": '{"reason":"manual"}', "json_payload_paths": '["a",null]'}
    tags = conn.execute("SELECT tag FROM WorkTag WHERE work_spec_id=(SELECT work_spec_id FROM WorkName "
                        "WHERE name='periodic-refresh')").fetchall()
    assert tags == [(BG,), ("refresh",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 24
    conn.close()
    only_db = tmp_path / "only.db"
    only_db.write_bytes(main_file)
    assert sqlite3.connect(only_db).execute("SELECT COUNT(*) FROM WorkSpec").fetchone()[0] == 0
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 0")
    path, _ = pull_database(rig, device, tmp_path / "second")
    state = sqlite3.connect(path).execute(
        "SELECT state, run_attempt_count FROM WorkSpec JOIN WorkName ON id = work_spec_id WHERE name='sync-once'")
    assert state.fetchall() == [(2, 1)]  # SUCCEEDED, seen through the pulled WAL


def test_callback_handle_prefs(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = sample_app(device=device, callback_handle=1234)
    prefs = out(rig, device, f"run-as {PKG} cat shared_prefs/flutter_workmanager_plugin.xml")
    assert '<long name="dev.fluttercommunity.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY" value="1234" />' in prefs
    app.set_callback_handle(None)
    missing = shell(rig, device, f"run-as {PKG} cat shared_prefs/flutter_workmanager_plugin.xml")
    assert (missing.returncode, missing.stderr) == (
        1, b"cat: shared_prefs/flutter_workmanager_plugin.xml: No such file or directory\n")


# --- package facts and the clock --------------------------------------------------------------------------------

def test_package_facts(rig: AndroidRig, new_device) -> None:
    modern, old = new_device(ANDROID_14), new_device(ANDROID_8)
    sample_app(device=modern, post_notifications=True, standby_bucket=40, background_restriction="ignore")
    sample_app(device=old, debuggable=False, target_sdk=26)
    text = out(rig, modern, f"dumpsys package {PKG}")
    assert "    versionName=1.0.0\n" in text and "targetSdk=34" in text
    assert "    flags=[ DEBUGGABLE HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]\n" in text
    assert re.search(r"^        android\.permission\.POST_NOTIFICATIONS: granted=true, flags=\[", text, re.M)
    old_text = out(rig, old, f"dumpsys package {PKG}")
    assert "    flags=[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]\n" in old_text
    assert "POST_NOTIFICATIONS" not in old_text and "targetSdk=26" in old_text
    assert out(rig, modern, "dumpsys package com.nope") == "Unable to find package: com.nope\n"
    assert out(rig, modern, f"am get-standby-bucket {PKG}") == "40\n"
    assert out(rig, modern, f"cmd appops get {PKG} RUN_ANY_IN_BACKGROUND") == "RUN_ANY_IN_BACKGROUND: ignore\n"
    assert out(rig, modern, f"cmd appops set {PKG} RUN_ANY_IN_BACKGROUND default") == ""
    assert out(rig, modern, f"cmd appops get {PKG} RUN_ANY_IN_BACKGROUND") == "No operations.\n"
    modern.clock_offset_ms = -86_400_000
    stamp = out(rig, modern, "date '+%Y-%m-%d %H:%M:%S.000'")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000\n", stamp)
    seconds = calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%d %H:%M:%S"))
    assert abs(seconds - (time.time() - 86_400)) < 30


# --- dumpsys jobscheduler against the fixtures -------------------------------------------------------------------

VOLATILE = re.compile(r"^\s*(Enqueue time|Deferred since|Run time|Network:|-?[\d.hms]+ =)")


def key(line: str) -> str:
    text = line.strip()
    if text.startswith("JOB #"):
        return re.sub(r": [0-9a-f]+ ", ": HASH ", text)
    volatile = VOLATILE.match(line)
    if volatile:
        return "HISTORY =" if volatile.group(1).endswith("=") else volatile.group(1)
    return text


def job_block(text: str, header: str) -> List[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(header))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("JOB #")
                or not lines[i].strip()), len(lines))
    return lines[start:end]


def assert_same_shape(generated: List[str], expected: List[str]) -> None:
    assert [len(l) - len(l.lstrip()) for l in generated] == [len(l) - len(l.lstrip()) for l in expected]
    assert [key(l) for l in generated] == [key(l) for l in expected]


def test_dumpsys_android8_layout(rig: AndroidRig, new_device) -> None:
    device = new_device(ANDROID_8)
    device.jobscheduler.other_jobs = [OtherJob("com.other.app", 10091, 12, "com.other.app/com.other.app.SyncJob")]
    app = device.install_app(PKG, uid=10087, target_sdk=26)
    app.add_task("sync", "sync", initial_delay_ms=15 * 60_000, constraints=Constraints(network="connected"),
                 enqueued_at_ms=device.now_ms() - 131_302)
    text = out(rig, device, f"dumpsys jobscheduler {PKG}")
    expected = fixture("dumpsys-jobscheduler-android8.constructed.txt").splitlines()
    lines = text.splitlines()
    start = lines.index("Registered 2 jobs:")
    assert_same_shape(lines[start:start + len(expected)], expected)
    assert [l for l in lines[start:start + len(expected)] if not VOLATILE.match(l) and "JOB #" not in l] == \
        [l for l in expected if not VOLATILE.match(l) and "JOB #" not in l]
    assert any(re.match(r"    Run time: earliest=\+12m4\ds\d+ms, latest=none$", l) for l in lines)


def test_dumpsys_android11_layouts(rig: AndroidRig, new_device) -> None:
    device = new_device(ANDROID_11)
    device.state.content_changed = True
    content = device.install_app("com.abc.workmanagertest", uid=10231, standby_bucket=40, within_quota=False)
    uris = ("internal/video", "external/video", "internal/images", "external/images")
    content.add_task("media", "media", job_id=5, enqueued_at_ms=device.now_ms() - 3_876_059, constraints=Constraints(
        network="unmetered", content_uri_triggers=tuple((f"content://media/{u}/media", True) for u in uris),
        trigger_content_update_delay_ms=60_000, trigger_max_content_delay_ms=600_000))
    expected = fixture("dumpsys-jobscheduler-android11-content-uri.real.txt").splitlines()
    generated = job_block(out(rig, device, "dumpsys jobscheduler com.abc.workmanagertest"), "JOB #")
    assert_same_shape(generated, expected)
    assert [l for l in generated if not VOLATILE.match(l) and "JOB #" not in l and "Network: " not in l] == \
        [l for l in expected if not VOLATILE.match(l) and "JOB #" not in l and "Network: " not in l]
    covid = device.install_app("jp.go.mhlw.covid19radar", uid=10151)
    covid.add_task("exposure", "exposure", job_id=0, constraints=Constraints(
        network="connected", battery_not_low=True, device_idle=True))
    partial = [l for l in fixture("dumpsys-jobscheduler-android11-idle.real-partial.txt").splitlines()
               if not l.startswith("Internal flags")][:-1]
    generated = [l.strip() for l in job_block(out(rig, device, "dumpsys jobscheduler jp.go.mhlw.covid19radar"),
                                              "JOB #")][:len(partial)]
    assert [key(l) for l in generated] == [key(l) for l in partial]


def test_dumpsys_android14_layout_and_unknown(rig: AndroidRig, new_device) -> None:
    device = new_device(ANDROID_14)
    app = device.install_app(PKG)
    app.add_task("ej", "ej", job_id=4, expedited=True, constraints=Constraints(network="connected"),
                 enqueued_at_ms=device.now_ms() - 62_007)
    expected = fixture("dumpsys-jobscheduler-android14-expedited.constructed.txt").splitlines()
    generated = job_block(out(rig, device, f"dumpsys jobscheduler {PKG}"), "JOB #")
    assert_same_shape(generated, expected)
    assert [l for l in generated if not VOLATILE.match(l) and "JOB #" not in l] == \
        [l for l in expected if not VOLATILE.match(l) and "JOB #" not in l]
    assert out(rig, device, "dumpsys jobscheduler com.nope") == "Invalid package: com.nope\n"


def test_cmd_jobscheduler_help_per_release(rig: AndroidRig, new_device) -> None:
    old, new, mid = new_device(ANDROID_8), new_device(ANDROID_14), new_device(ANDROID_11)
    assert out(rig, old, "cmd jobscheduler help") == fixture("cmd-jobscheduler-help-android8.txt")
    assert out(rig, new, "cmd jobscheduler help") == fixture("cmd-jobscheduler-help-android15.abbreviated.txt")
    assert "  run [-f | --force] [-u | --user USER_ID] PACKAGE JOB_ID\n" in out(rig, mid, "cmd jobscheduler help")
    on_old = shell(rig, old, "cmd jobscheduler run -f com.nope 1")  # Android 8 printed errors on stdout
    assert (on_old.returncode, on_old.stdout, on_old.stderr) == (24, b"Package not found: com.nope / user 0\n", b"")
    no_namespace = shell(rig, old, "cmd jobscheduler run -f -n ns com.nope 1")
    assert (no_namespace.returncode, no_namespace.stdout) == (255, b"Error: unknown option '-n'\n")
    new.install_app(PKG)
    namespaced = shell(rig, new, f"cmd jobscheduler run -f -n ns {PKG} 1")
    assert (namespaced.returncode, namespaced.stderr) == (
        23, b"Could not find job 1 in package com.example.app / user 0 / namespace ns\n")


# --- forced runs -------------------------------------------------------------------------------------------------

def test_forced_run_success_updates_db_and_logs(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = sample_app(device=device)
    result = shell(rig, device, f"cmd jobscheduler run -f {PKG} 0")
    assert (result.returncode, result.stdout) == (0, b"Running job [FORCED]\n")
    assert app.work_spec("sync-once").state == "ENQUEUED"  # the run starts 100-300 ms later
    device.wait_until_idle()
    spec = app.work_spec("sync-once")
    assert (spec.state, spec.run_attempt_count, decode_data(spec.output)) == ("SUCCEEDED", 1, {})
    dump = shell(rig, device, "logcat -d -v threadtime").stdout.decode()
    assert all(THREADTIME.match(line) for line in dump.splitlines()[1:])
    assert f"D WorkmanagerDebug: Task started: syncOnce, callbackHandle: {app.callback_handle}" in dump
    assert "I flutter : syncOnce was executed. inputData = {userId: 42, force: true}" in dump
    assert re.search(r"D WorkmanagerDebug: Task completed: syncOnce, success: true, duration: \d+ms", dump)
    assert f"I WM-WorkerWrapper: Worker result SUCCESS for Work [ id={spec.id}, tags={{ {BG} }} ]" in dump
    assert "Delaying" not in dump  # DEBUG lines are below WorkManager's default INFO level
    assert "JOB #u0a190/0:" not in out(rig, device, f"dumpsys jobscheduler {PKG}")
    again = shell(rig, device, f"cmd jobscheduler run -f {PKG} 0")
    assert (again.returncode, again.stderr) == (23, b"Could not find job 0 in package com.example.app / user 0\n")
    missing = shell(rig, device, "cmd jobscheduler run -f com.nope 1")
    assert (missing.returncode, missing.stderr) == (24, b"Package not found: com.nope / user 0\n")


def test_forced_run_retry_backs_off(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = sample_app(device=device, wm_log_level="D")
    app.script_outcome("cleanupCache", "retry")
    app.script_outcome("uploadPhotos", "retry")
    before = device.now_ms()
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 4")
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 3")
    cleanup, upload = app.work_spec("cleanup"), app.work_spec("upload")
    assert (cleanup.state, cleanup.run_attempt_count, cleanup.system_id) == ("ENQUEUED", 1, 4)
    assert (upload.state, upload.run_attempt_count, upload.system_id) == ("ENQUEUED", 1, 3)
    assert cleanup.last_enqueue_time >= before and cleanup.schedule_requested_at >= cleanup.last_enqueue_time
    assert "W WorkmanagerDebug: Task rescheduled: cleanupCache" in shell(rig, device, "logcat -d").stdout.decode()
    assert "Worker result RETRY for Work [ id=" + cleanup.id in "\n".join(logs(device, "WM-WorkerWrapper"))
    dump = out(rig, device, f"dumpsys jobscheduler {PKG}")
    assert abs(min_latency(job_block(dump, "JOB #u0a190/4")) - 30_000) < 2_000  # exponential 30 s x 2^0
    assert abs(min_latency(job_block(dump, "JOB #u0a190/3")) - 60_000) < 2_000  # linear 60 s x 1
    # forced again at once: backed off and early, so WorkManager refuses and leaves it
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 4")
    assert app.work_spec("cleanup").run_attempt_count == 1
    assert f"Delaying execution for {BG} because it is being executed before schedule." in logs(device,
                                                                                                 "WM-WorkerWrapper")
    # once due, the second retry doubles the backoff (exponential: 30 s * 2^(2-1))
    app.db.execute("UPDATE WorkSpec SET last_enqueue_time = last_enqueue_time - 60000 WHERE id = ?", (cleanup.id,))
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 4")
    assert app.work_spec("cleanup").run_attempt_count == 2
    assert abs(min_latency(job_block(out(rig, device, f"dumpsys jobscheduler {PKG}"), "JOB #u0a190/4")) - 60_000) < 2_000


def test_forced_run_failure_and_wrong_state(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = sample_app(device=device, wm_log_level="D")
    app.script_outcome("cleanupCache", "failure", error="boom")
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 4")
    assert app.work_spec("cleanup").state == "FAILED"
    dump = shell(rig, device, "logcat -d -v threadtime -s WorkmanagerDebug:E WM-WorkerWrapper:I").stdout.decode()
    assert "E WorkmanagerDebug: Task failed: cleanupCache, error: boom" in dump
    assert "I WM-WorkerWrapper: Worker result FAILURE for Work [ id=" in dump
    assert "Task started" not in dump  # filtered out by -s ...:E
    reminder = app.work_spec("reminder")
    app.db.set_state(reminder.id, "RUNNING")
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 1")
    assert f"{BG} is not in ENQUEUED state. Nothing more to do" in logs(device, "WM-WorkerWrapper")
    not_forced = shell(rig, device, f"cmd jobscheduler run {PKG} 3")  # unmetered network present, charging not
    assert not_forced.stdout == b"Running job\n"
    device.state.network = "none"
    refused = shell(rig, device, f"cmd jobscheduler run {PKG} 5")
    assert (refused.returncode, refused.stderr) == (
        22, b"Job 5 in package com.example.app / user 0 has functional constraints but --force not specified\n")
    device.wait_until_idle()


def test_periodic_early_refusal_then_due_run(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = sample_app(device=device, wm_log_level="D")
    periodic = app.work_spec("periodic-refresh")
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 2")
    after = app.work_spec("periodic-refresh")
    assert (after.state, after.period_count, after.run_attempt_count, after.last_enqueue_time) == (
        "ENQUEUED", 0, 0, periodic.last_enqueue_time)
    assert f"Delaying execution for {BG} because it is being executed before schedule." in logs(device,
                                                                                                 "WM-WorkerWrapper")
    assert "refreshFeed" not in "\n".join(logs(device, "flutter"))
    app.db.execute("UPDATE WorkSpec SET last_enqueue_time = last_enqueue_time - 3600000 WHERE id = ?", (periodic.id,))
    before = device.now_ms()
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 2")
    done = app.work_spec("periodic-refresh")
    assert (done.state, done.period_count, done.run_attempt_count) == ("ENQUEUED", 1, 0)
    assert done.last_enqueue_time >= before
    block = job_block(out(rig, device, f"dumpsys jobscheduler {PKG}"), "JOB #u0a190/2")
    assert abs(min_latency(block) - 3_600_000) < 2_000  # the interval, no flex after the first period


def test_schema12_v0_app(rig: AndroidRig, new_device, tmp_path: Path) -> None:
    device = new_device(ANDROID_11)
    app = sample_app(device=device, schema=12, wm_log_level="D")
    spec = app.work_spec("cleanup")
    assert spec.input[:2] == b"\xac\xed"
    assert decode_data(spec.input) == {"be.tramckrijte.workmanager.DART_TASK": "cleanupCache",
                                       "be.tramckrijte.workmanager.INPUT_DATA":
                                           '{"maxAgeDays":7,"meta":{"reason":"manual"},"paths":["a",null]}',
                                       "be.tramckrijte.workmanager.IS_IN_DEBUG_MODE_KEY": False}
    conn = sqlite3.connect(app.db.path)
    assert conn.execute("SELECT period_start_time FROM WorkSpec WHERE id=?",
                        (app.work_spec("periodic-refresh").id,)).fetchone() == (0,)
    assert conn.execute("SELECT identity_hash FROM room_master_table").fetchone() == ("c103703e120ae8cc73c9248622f3cd1e",)
    conn.close()
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 2")  # 2.7: the first period always runs
    first = app.work_spec("periodic-refresh")
    assert first.state == "ENQUEUED" and first.last_enqueue_time > 0
    assert "refreshFeed was executed. inputData = null" in logs(device, "flutter")
    assert "be.tramckrijte.workmanager.BackgroundWorker returned a Success {mOutputData=Data {}} result." in logs(
        device, "WM-WorkerWrapper")
    run_and_settle(rig, device, f"cmd jobscheduler run -f {PKG} 2")
    assert logs(device, "WM-WorkerWrapper")[-2].startswith("Delaying execution for be.tramckrijte")
    assert app.work_spec("periodic-refresh").last_enqueue_time == first.last_enqueue_time


# --- diagnostics and logcat ------------------------------------------------------------------------------------

def test_diagnostics_report_matches_fixture(rig: AndroidRig, new_device) -> None:
    device = new_device()
    app = device.install_app(PKG, debuggable=False)
    now = device.now_ms()
    app.add_task("sync-once", "sync", tag="sync", state="SUCCEEDED", run_attempt_count=1, job_id=3,
                 enqueued_at_ms=now - 600_000)
    ids = {"sync-once": "6f1d3c2a-5b8e-4c1e-9a57-2f0b7d9e1a11"}
    app.db.execute("UPDATE WorkSpec SET id=? WHERE id=(SELECT work_spec_id FROM WorkName WHERE name='sync-once')",
                   (ids["sync-once"],))
    app.db.insert_work(BG, now_ms=now, work_id="9b2e7f40-3c6a-4d11-b0e2-5a8f1c7d3e90", unique_name="periodic-refresh",
                       tags=["refresh"], interval_ms=3_600_000, job_id=5, enqueued_at_ms=now - 500_000)
    app.db.insert_work(BG, now_ms=now, work_id="1e4d8a93-77c0-42f5-8b1a-c3e6f09d2b54", unique_name="upload",
                       schedule_requested_at_ms=-1, enqueued_at_ms=now - 400_000)
    app.db.set_preference("next_job_scheduler_id", 7)
    result = shell(rig, device, "date '+%m-%d %H:%M:%S.000' ; am broadcast -a "
                                f"androidx.work.diagnostics.REQUEST_DIAGNOSTICS -p {PKG}")
    stamp, broadcast = result.stdout.decode().split("\n", 1)
    assert broadcast == fixture("am-broadcast-diagnostics.txt")
    device.wait_until_idle()
    report = out(rig, device, f"logcat -d -v threadtime -T '{stamp}' -s WM-DiagnosticsWrkr:I").splitlines()
    assert report[0] == "--------- beginning of main"
    expected = fixture("logcat-diagnostics-threadtime.txt").splitlines()
    assert len(report[1:]) == len(expected)
    for got, want in zip(report[1:], expected):
        assert got[18:] == want[18:] or "DiagnosticsWorker\t 7\t RUNNING" in got
        assert re.match(r"\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$", got[:18])
    assert app.db.work_spec_for_job(7).state == "SUCCEEDED"  # the DiagnosticsWorker itself
    unknown = shell(rig, device, "am broadcast -a androidx.work.diagnostics.REQUEST_DIAGNOSTICS -p com.nope")
    assert unknown.stdout.decode() == fixture("am-broadcast-diagnostics.txt").replace(PKG, "com.nope")
    count = len(device.logcat)
    old = device.install_app("com.example.old", workmanager_version="2.3.4")
    shell(rig, device, "am broadcast -a androidx.work.diagnostics.REQUEST_DIAGNOSTICS -p com.example.old")
    device.wait_until_idle()
    assert len(device.logcat) == count and old.db.work_specs() == []


def test_logcat_follow_streams_until_closed(rig: AndroidRig, new_device) -> None:
    device = new_device()
    device.log("Early", "I", "before")
    proc = subprocess.Popen(rig.adb_argv("-s", device.serial, "shell", "logcat -v threadtime -s Probe:I"),
                            env=rig.env(), stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        time.sleep(0.3)
        device.log("Probe", "D", "hidden")
        device.log("Probe", "I", "line one\nline two")
        received = b""
        deadline = time.monotonic() + 5
        assert proc.stdout is not None
        while received.count(b"\n") < 3 and time.monotonic() < deadline:
            if select.select([proc.stdout], [], [], 0.2)[0]:
                received += os.read(proc.stdout.fileno(), 65536)
        lines = received.splitlines(keepends=True)
        assert lines[0] == b"--------- beginning of main\n"
        assert lines[1].endswith(b" I Probe   : line one\n") and lines[2].endswith(b" I Probe   : line two\n")
        assert THREADTIME.match(lines[1].decode().rstrip("\n"))
    finally:
        proc.kill()
        proc.wait()


def test_cli_installs_the_sample_app(tmp_path: Path) -> None:
    ready = tmp_path / "ready.txt"
    proc = subprocess.Popen(["python3", "-m", "fwm.testing", "android", "--app", PKG, "--ready-file", str(ready)],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while not (ready.exists() and ready.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.05)
        serial, port_line = ready.read_text().splitlines()
        env = {**os.environ, "ANDROID_ADB_SERVER_PORT": port_line.split("=")[1]}
        result = subprocess.run(["adb", "-s", serial, "shell", f"dumpsys jobscheduler {PKG}"], env=env,
                                capture_output=True, timeout=10)
        assert result.stdout.count(b"JOB #u0a190/") == 6
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=15)
