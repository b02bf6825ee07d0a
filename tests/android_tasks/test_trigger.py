"""`fwm trigger` and `fwm wait`: forced runs with scripted outcomes, refusals, and waiting for a state."""

from __future__ import annotations

import json

import fwm
from fwm.testing import ANDROID_16, AndroidRig
from fwm.testing.sample_apps import sample_app
from rig_env import rig_env


def test_outcomes_success_retry_failure_exit_0_1_1(debuggable_app, run_fwm):
    rig, app = debuggable_app
    app.script_outcome("syncOnce", "success")
    app.script_outcome("uploadPhotos", "retry")
    app.script_outcome("cleanupCache", "failure", error="boom")
    rig.devices[0].state.charging = True
    env = rig_env(rig)
    ok = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", "--wait", "--json", env=env)
    assert ok.code == 0, ok
    [result] = ok.json()["results"]
    assert result["outcome"] == "succeeded" and result["after"]["state"] == "succeeded"
    retry = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "upload", "--wait", "--json", env=env)
    assert retry.code == 1, retry
    [result] = retry.json()["results"]
    assert result["outcome"] == "retry"
    assert result["after"]["runAttemptCount"] == 1 and result["after"]["state"] == "enqueued"
    assert result["after"]["nextRunAt"] in result["message"]
    failed = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "cleanup", "--wait", env=env)
    assert failed.code == 1, failed
    assert "failed" in failed.err
    assert app.work_spec("cleanup").state == "FAILED"


def test_the_forced_job_is_the_tasks_job(debuggable_app, run_fwm):
    rig, app = debuggable_app
    device = rig.devices[0]
    device.clear_records()
    r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", env=rig_env(rig))
    assert r.code == 0, r
    assert "accepted" in r.out
    runs = [s for s in device.received_services if "jobscheduler run" in s]
    assert runs == ["shell,v2,raw:date '+%m-%d %H:%M:%S.000' ; "
                    "cmd jobscheduler run -f -n androidx.work.systemjobscheduler com.example.app 0"]


def test_android_16_runs_the_job_in_its_namespace_and_waits(android16_app, run_fwm):
    rig, app = android16_app
    device = rig.devices[0]
    job_id = app.work_spec("sync-once").system_id
    device.clear_records()
    r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", "--wait", "--json",
                env=rig_env(rig))
    assert r.code == 0, r
    assert r.json()["results"][0]["outcome"] == "succeeded"
    runs = [argv for argv in device.received_argv if argv[:3] == ["cmd", "jobscheduler", "run"]]
    assert runs == [["cmd", "jobscheduler", "run", "-f", "-n", "androidx.work.systemjobscheduler", "com.example.app",
                     str(job_id)]]
    assert app.work_spec("sync-once").state == "SUCCEEDED"


def test_a_job_without_a_namespace_is_run_without_n(run_fwm):
    with AndroidRig([ANDROID_16]) as rig:
        app = sample_app(device=rig.devices[0], workmanager_version="2.9.1")
        device = rig.devices[0]
        device.clear_records()
        r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", "--wait", env=rig_env(rig))
        assert r.code == 0, r
        runs = [argv for argv in device.received_argv if argv[:3] == ["cmd", "jobscheduler", "run"]]
        assert runs == [["cmd", "jobscheduler", "run", "-f", "com.example.app", "0"]]
        assert app.work_spec("sync-once").state == "SUCCEEDED"


def test_periodic_work_not_due_is_refused_with_exit_5(debuggable_app, run_fwm):
    rig, app = debuggable_app
    device = rig.devices[0]
    device.clear_records()
    r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "periodic-refresh", env=rig_env(rig))
    assert r.code == 5, r
    assert "not due until" in r.err and "bridge" in r.err
    assert not any("jobscheduler run" in s for s in device.received_services)


def test_work_not_in_jobscheduler_is_refused_with_exit_5(debuggable_app, run_fwm):
    rig, app = debuggable_app
    app.add_task("queued", "queuedTask", schedule_requested_at_ms=-1)
    r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "queued", env=rig_env(rig))
    assert r.code == 5, r
    assert "not in JobScheduler" in r.err


def test_nothing_matching_exits_1(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "nope", env=rig_env(rig))
    assert r.code == 1 and "fwm list" in r.err


def test_unique_name_or_tag_is_required(debuggable_app, run_fwm):
    rig, app = debuggable_app
    assert run_fwm("trigger", "-a", "com.example.app", env=rig_env(rig)).code == 2
    assert run_fwm("trigger", "-a", "com.example.app", "--tag", "x", "--unique-name", "y", env=rig_env(rig)).code == 2


def test_trigger_by_tag(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("trigger", "-a", "com.example.app", "--tag", "maintenance", "--wait", "--json", env=rig_env(rig))
    assert r.code == 0, r
    assert [x["task"]["uniqueName"] for x in r.json()["results"]] == ["cleanup"]


def test_release_build_trigger_wait_uses_the_log(release_app, run_fwm):
    rig, app = release_app
    r = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", "--wait", "--json", env=rig_env(rig))
    assert r.code == 0, r
    assert r.json()["results"][0]["outcome"] == "succeeded"


def test_wait_until_succeeded(debuggable_app, run_fwm):
    rig, app = debuggable_app
    env = rig_env(rig)
    assert run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", env=env).code == 0
    r = run_fwm("wait", "-a", "com.example.app", "--unique-name", "sync-once", "--until", "succeeded",
                "--timeout", "20s", "--json", env=env)
    assert r.code == 0, r
    assert r.json()["results"][0]["task"]["state"] == "succeeded"


def test_wait_times_out_with_exit_4(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("wait", "-a", "com.example.app", "--unique-name", "reminder", "--until", "succeeded",
                "--timeout", "2s", env=rig_env(rig))
    assert r.code == 4, r
    assert "enqueued" in r.err


def test_python_trigger_matches(debuggable_app, monkeypatch):
    rig, app = debuggable_app
    for k, v in rig.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    handle = fwm.devices()[0].app("com.example.app")
    report = handle.trigger(unique_name="sync-once", wait=True)
    assert report.ok and report.results[0].outcome == "succeeded"
    refused = handle.trigger(unique_name="periodic-refresh")
    assert refused.exit_code == 5 and refused.results[0].outcome == "refused"
    assert json.loads(refused.to_json())["results"][0]["exitCode"] == 5
