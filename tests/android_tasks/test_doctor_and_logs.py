"""`fwm doctor` on well and badly configured apps, and `fwm logs`."""

from __future__ import annotations

import fwm
from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.android_apps import AndroidApp
from rig_env import rig_env


def _checks(run_fwm, rig, package="com.example.app"):
    r = run_fwm("doctor", "-a", package, "--json", env=rig_env(rig))
    return r, {c["name"]: c for c in r.json()["checks"]}


def test_a_well_configured_app_passes(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r, checks = _checks(run_fwm, rig)
    assert r.code == 0
    for name in ("installed", "debuggable", "workmanager", "plugin generation", "callback handle", "diagnostics",
                 "standby bucket", "background restriction"):
        assert checks[name]["status"] == "pass", checks[name]


def test_a_misconfigured_app_names_each_problem_and_its_fix(run_fwm):
    with AndroidRig([ANDROID_14]) as rig:
        bad = AndroidApp("com.example.bad", callback_handle=None, standby_bucket=40, background_restriction="ignore",
                         post_notifications=False, target_sdk=34)
        rig.devices[0].install_app(bad)
        bad.add_task("legacy", "legacyTask", plugin_version="0.5.1")
        r, checks = _checks(run_fwm, rig, "com.example.bad")
    assert r.code == 1
    assert checks["callback handle"]["status"] == "fail"
    assert "initialize" in checks["callback handle"]["fix"]
    assert checks["background restriction"]["status"] == "fail"
    assert "RUN_ANY_IN_BACKGROUND allow" in checks["background restriction"]["fix"]
    assert checks["standby bucket"]["status"] == "warn"
    assert "set-standby-bucket com.example.bad active" in checks["standby bucket"]["fix"]
    assert checks["notification permission"]["status"] == "warn"
    assert "pm grant com.example.bad android.permission.POST_NOTIFICATIONS" in checks["notification permission"]["fix"]
    assert checks["plugin generation"]["status"] == "warn"


def test_an_app_without_diagnostics_is_told_to_upgrade_workmanager(run_fwm):
    with AndroidRig([ANDROID_14]) as rig:
        old = AndroidApp("com.example.old", workmanager_version="2.3.4", debuggable=False)
        rig.devices[0].install_app(old)
        r, checks = _checks(run_fwm, rig, "com.example.old")
    assert checks["diagnostics"]["status"] == "warn"
    assert "2.4" in checks["diagnostics"]["detail"]


def test_a_release_build_is_a_warning_with_its_fix(release_app, run_fwm):
    rig, app = release_app
    r, checks = _checks(run_fwm, rig)
    assert checks["debuggable"]["status"] == "warn" and "debug build" in checks["debuggable"]["fix"]
    assert checks["callback handle"]["status"] == "skip"


def test_an_app_that_is_not_installed(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r, checks = _checks(run_fwm, rig, "com.example.missing")
    assert r.code == 1
    assert checks["installed"]["status"] == "fail"


def test_human_doctor_output(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("doctor", "-a", "com.example.app", env=rig_env(rig))
    assert "[pass] installed" in r.out


def test_logs_show_the_task_lifecycle(debuggable_app, run_fwm):
    rig, app = debuggable_app
    env = rig_env(rig)
    assert run_fwm("trigger", "-a", "com.example.app", "--unique-name", "sync-once", "--wait", env=env).code == 0
    r = run_fwm("logs", "-a", "com.example.app", "--json", env=env)
    assert r.code == 0
    import json
    records = [json.loads(line) for line in r.out.splitlines()]
    tags = {rec["tag"] for rec in records}
    assert "WM-WorkerWrapper" in tags and "WorkmanagerDebug" in tags
    assert all(rec["tag"].startswith("WM-") or rec["tag"] in ("WorkmanagerDebug", "flutter") for rec in records)
    assert any("Worker result SUCCESS" in rec["message"] for rec in records)


def test_logs_follow_ends_at_the_timeout(debuggable_app, run_fwm):
    rig, app = debuggable_app
    r = run_fwm("logs", "-a", "com.example.app", "--follow", "--timeout", "1s", env=rig_env(rig))
    assert r.code == 0


def test_python_logs_and_doctor(debuggable_app, monkeypatch):
    rig, app = debuggable_app
    for k, v in rig.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    handle = fwm.devices()[0].app("com.example.app")
    handle.trigger(unique_name="sync-once", wait=True)
    records = list(handle.logs())
    assert any(r.tag == "WM-WorkerWrapper" for r in records)
    report = handle.doctor()
    assert report.exit_code == 0 and any(c.name == "installed" and c.status == "pass" for c in report.checks)
