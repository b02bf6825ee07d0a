"""`fwm list` on the emulated device: database, dumpsys and diagnostics sources, filters, Python parity."""

from __future__ import annotations

import json

import fwm
from rig_env import rig_env

PLUGIN_TASKS = {"sync-once", "reminder", "periodic-refresh", "upload", "cleanup"}


def _list(run_fwm, rig, *args):
    r = run_fwm("list", "-a", "com.example.app", "--json", *args, env=rig_env(rig))
    assert r.code == 0, r
    return r.json()


def test_lists_the_five_plugin_tasks_with_every_field_the_database_knows(debuggable_app, run_fwm):
    rig, app = debuggable_app
    doc = _list(run_fwm, rig)
    assert doc["schema"] == "fwm/1" and doc["app"] == "com.example.app"
    assert doc["device"]["serial"] == rig.devices[0].serial
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert set(tasks) == PLUGIN_TASKS
    for t in tasks.values():
        for key in ("taskName", "tags", "kind", "state", "inputData", "constraints", "initialDelay", "backoff",
                    "runAttemptCount", "nextRunAt", "lastEnqueuedAt", "workId", "jobId", "platform", "sources",
                    "unsatisfiedConstraints", "standbyBucket"):
            assert key in t, (t["uniqueName"], key)
        assert t["sources"] == ["database", "dumpsys"]
        assert t["platform"] == "android"
        assert "dev.fluttercommunity.workmanager.BackgroundWorker" not in t["tags"]
    once = tasks["sync-once"]
    assert once["taskName"] == "syncOnce" and once["kind"] == "one-off" and once["state"] == "enqueued"
    assert once["inputData"] == {"userId": 42, "force": True}
    assert once["expedited"] is True
    delayed = tasks["reminder"]
    assert delayed["initialDelay"] == 7200
    assert delayed["unsatisfiedConstraints"] == ["initialDelay"]
    assert delayed["inputData"] == {"message": "Stand up", "ratio": 0.5}
    periodic = tasks["periodic-refresh"]
    assert periodic["kind"] == "periodic" and periodic["frequency"] == 3600 and periodic["flexInterval"] == 900
    assert periodic["tags"] == ["refresh"]
    constrained = tasks["upload"]
    assert constrained["constraints"] == {"networkType": "unmetered", "requiresCharging": True,
                                          "requiresBatteryNotLow": True, "requiresDeviceIdle": False,
                                          "requiresStorageNotLow": False}
    assert constrained["backoff"] == {"policy": "linear", "delay": 60}
    assert "requiresCharging" in constrained["unsatisfiedConstraints"]
    tagged = tasks["cleanup"]
    assert tagged["tags"] == ["maintenance"]
    assert tagged["inputData"] == {"maxAgeDays": 7, "meta": {"reason": "manual"}, "paths": ["a", None]}


def test_next_run_time_follows_workmanager(debuggable_app, run_fwm):
    rig, app = debuggable_app
    tasks = {t["uniqueName"]: t for t in _list(run_fwm, rig)["tasks"]}
    from datetime import datetime
    def at(t, key):
        return datetime.fromisoformat(t[key].replace("Z", "+00:00")).timestamp()
    assert at(tasks["reminder"], "nextRunAt") - at(tasks["reminder"], "lastEnqueuedAt") == 7200
    # first period with flex: last enqueue + initial delay + (interval - flex)
    assert at(tasks["periodic-refresh"], "nextRunAt") - at(tasks["periodic-refresh"], "lastEnqueuedAt") == 2700
    assert tasks["sync-once"]["nextRunAt"] == tasks["sync-once"]["lastEnqueuedAt"]


def test_non_plugin_work_only_with_all_work(debuggable_app, run_fwm):
    rig, app = debuggable_app
    tasks = _list(run_fwm, rig, "--all-work")["tasks"]
    assert len(tasks) == 6
    [other] = [t for t in tasks if "uniqueName" not in t]
    assert other["workerClass"] == "com.example.app.LogUploadWorker"
    assert other["tags"] == ["logs"]
    assert other["inputData"]["levels"] == ["W", "E"]


def test_filters(debuggable_app, run_fwm):
    rig, app = debuggable_app
    assert [t["uniqueName"] for t in _list(run_fwm, rig, "--unique-name", "upload")["tasks"]] == ["upload"]
    assert [t["uniqueName"] for t in _list(run_fwm, rig, "--tag", "refresh")["tasks"]] == ["periodic-refresh"]
    assert len(_list(run_fwm, rig, "--state", "enqueued")["tasks"]) == 5
    assert _list(run_fwm, rig, "--state", "finished")["tasks"] == []


def test_a_bad_state_filter_exits_2_before_anything_is_sent(debuggable_app, run_fwm):
    rig, app = debuggable_app
    rig.devices[0].clear_records()
    r = run_fwm("list", "-a", "com.example.app", "--state", "done", env=rig_env(rig))
    assert r.code == 2 and "--state" in r.err
    assert rig.devices[0].received_services == []


def test_a_bad_package_exits_2_before_anything_is_sent(debuggable_app, run_fwm):
    rig, app = debuggable_app
    rig.devices[0].clear_records()
    r = run_fwm("list", "-a", "com.example.app; reboot", env=rig_env(rig))
    assert r.code == 2
    assert rig.devices[0].received_services == []


def test_an_unknown_app_exits_1(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("list", "-a", "com.example.missing", env=rig_env(rig))
    assert r.code == 1
    assert "not installed" in r.err


def test_the_database_is_copied_in_two_round_trips_and_never_written(debuggable_app, run_fwm):
    rig, app = debuggable_app
    device = rig.devices[0]
    device.clear_records()
    _list(run_fwm, rig)
    services = device.received_services
    pulls = [s for s in services if "androidx.work.workdb" in s]
    assert len(pulls) == 2
    assert pulls[0].startswith("shell,v2,raw:run-as com.example.app wc -c ")
    assert pulls[1].startswith("exec:run-as com.example.app cat ")
    assert not any(word in s for s in services for word in ("sqlite3", "rm ", "> ", "cp "))


def test_human_table(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("list", "-a", "com.example.app", env=rig_env(rig))
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split()[:4] == ["UNIQUE", "NAME", "TASK", "NAME"]
    assert any(line.startswith("periodic-refresh") and "refreshFeed" in line and "periodic" in line for line in lines)
    assert any(line.startswith("waiting: upload:") and "requiresCharging" in line for line in lines)


def test_release_build_lists_from_diagnostics_and_says_what_is_missing(release_app, run_fwm):
    rig, app = release_app
    doc = _list(run_fwm, rig)
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert set(tasks) == PLUGIN_TASKS
    for t in tasks.values():
        assert t["sources"][0] == "diagnostics"
        assert "taskName" not in t and "inputData" not in t
        assert any("debuggable" in n for n in t["notes"])
        assert t["state"] == "enqueued" and "jobId" in t and "workId" in t
        assert t["sources"] == ["diagnostics", "dumpsys"] and "ready" in t and "unsatisfiedConstraints" in t
    assert tasks["periodic-refresh"]["tags"] == ["refresh"]
    assert any("not debuggable" in p for p in doc["problems"])


def _dumpsys_fields(tasks):
    return {name: (t["jobNamespace"], t["ready"], t["unsatisfiedConstraints"], t["standbyBucket"])
            for name, t in tasks.items()}


ANDROID_16_JOBS = {
    "sync-once": ("androidx.work.systemjobscheduler", True, [], "ACTIVE"),
    "reminder": ("androidx.work.systemjobscheduler", False, ["initialDelay"], "ACTIVE"),
    "periodic-refresh": ("androidx.work.systemjobscheduler", False, ["initialDelay"], "ACTIVE"),
    "upload": ("androidx.work.systemjobscheduler", False, ["requiresCharging"], "ACTIVE"),
    "cleanup": ("androidx.work.systemjobscheduler", True, [], "ACTIVE"),
}


def test_android_16_release_build_lists_dumpsys_fields_of_namespaced_jobs(android16_release_app, run_fwm):
    rig, app = android16_release_app
    doc = _list(run_fwm, rig)
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert set(tasks) == PLUGIN_TASKS
    assert all(t["sources"] == ["diagnostics", "dumpsys"] for t in tasks.values())
    assert _dumpsys_fields(tasks) == ANDROID_16_JOBS


def test_android_16_debuggable_build_lists_dumpsys_fields_of_namespaced_jobs(android16_app, run_fwm):
    rig, app = android16_app
    doc = _list(run_fwm, rig)
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert all(t["sources"] == ["database", "dumpsys"] for t in tasks.values())
    assert _dumpsys_fields(tasks) == ANDROID_16_JOBS
    assert tasks["upload"]["constraints"]["requiresCharging"] is True


def test_python_listing_matches_the_cli(debuggable_app, run_fwm, monkeypatch):
    rig, app = debuggable_app
    for k, v in rig.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    listing = fwm.devices()[0].app("com.example.app").listing()
    cli = _list(run_fwm, rig)
    py = json.loads(listing.to_json())
    for doc in (cli, py):
        for t in doc["tasks"]:
            t.pop("ready", None)
            t.pop("unsatisfiedConstraints", None)
    assert py == cli
    names = {t.unique_name: t for t in listing.tasks}
    assert names["periodic-refresh"].frequency.total_seconds() == 3600
    assert names["sync-once"].input_data == {"userId": 42, "force": True}
