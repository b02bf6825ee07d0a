"""The plugin's five generations: doctor names the one that wrote each task, doctor and list flag work an app
update strands (flutter-workmanager-plugin.md section 2.6)."""

from __future__ import annotations

import pytest

import fwm
from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.android_apps import AndroidApp
from rig_env import rig_env

PKG = "com.example.gen"


def _doctor_check(run_fwm, rig):
    r = run_fwm("doctor", "-a", PKG, "--json", env=rig_env(rig))
    return r, {c["name"]: c for c in r.json()["checks"]}["plugin generation"]


@pytest.mark.parametrize(
    "version, payload, label, app_text, status",
    [
        ("0.5.1", {"n": 1}, "<=0.5.1", "0.7.0 or older", "warn"),
        ("0.6.0", {"n": 1}, "0.5.2-0.7.0", "0.7.0 or older", "warn"),
        ("0.8.0", {"n": 1, "names": ["a"]}, "0.8.0", "0.8.0 or newer", "pass"),
        ("0.9.0+3", {"n": 1, "names": ["a"]}, ">=0.9.0", "0.8.0 or newer", "pass"),
        ("0.9.3", {"n": 1, "ids": [1, 2]}, ">=0.9.1", "0.8.0 or newer", "pass"),
        ("0.10.7", {"n": 1}, ">=0.9.1", "0.8.0 or newer", "pass"),
    ],
)
def test_doctor_names_the_generation_that_wrote_the_work(run_fwm, version, payload, label, app_text, status):
    with AndroidRig([ANDROID_14]) as rig:
        app = rig.devices[0].install_app(AndroidApp(PKG, plugin_version=version))
        app.add_task("job", "jobTask", payload=payload)
        r, check = _doctor_check(run_fwm, rig)
        listed = run_fwm("list", "-a", PKG, "--json", env=rig_env(rig)).json()
    assert check["status"] == status, check
    assert f"workmanager {label} (job)" in check["detail"]
    assert app_text in check["detail"]
    assert listed["tasks"][0]["pluginGeneration"] == label
    assert "upgradeHazard" not in listed["tasks"][0]


def test_version_0_9_1_without_a_telling_key_is_not_claimed_precisely(run_fwm):
    with AndroidRig([ANDROID_14]) as rig:
        app = rig.devices[0].install_app(AndroidApp(PKG, plugin_version="0.9.1"))
        app.add_task("job", "jobTask", payload={"n": 1, "names": ["a"]})
        _, check = _doctor_check(run_fwm, rig)
    assert "workmanager >=0.9.0 (job)" in check["detail"]


def _updated_app(rig, old_version):
    app = rig.devices[0].install_app(AndroidApp(PKG, plugin_version=old_version))
    app.add_task("old-sync", "syncTask", payload={"n": 1})
    app.upgrade_plugin("0.10.7")
    app.add_task("new-sync", "syncTask", payload={"n": 2})
    return app


def test_work_of_0_5_2_to_0_7_0_in_an_app_now_on_0_8_or_newer(run_fwm, monkeypatch):
    with AndroidRig([ANDROID_14]) as rig:
        app = _updated_app(rig, "0.7.0")
        prefs = open(app.path("shared_prefs/flutter_workmanager_plugin.xml"), encoding="utf-8").read()
        assert "be.tramckrijte.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY" in prefs
        assert "dev.fluttercommunity.workmanager.CALLBACK_DISPATCHER_HANDLE_KEY" in prefs
        r, check = _doctor_check(run_fwm, rig)
        env = rig_env(rig)
        doc = run_fwm("list", "-a", PKG, "--json", env=env).json()
        human = run_fwm("list", "-a", PKG, env=env).out
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        monkeypatch.delenv("ANDROID_SERIAL", raising=False)
        python_tasks = {t.unique_name: t for t in fwm.App("", PKG).tasks()}
        ran = run_fwm("trigger", "-a", PKG, "--unique-name", "old-sync", "--wait", env=env)
        after = {t["uniqueName"]: t for t in run_fwm("list", "-a", PKG, "--json", env=env).json()["tasks"]}
    assert r.code == 1 and check["status"] == "fail"
    assert "workmanager 0.5.2-0.7.0 (old-sync)" in check["detail"] and "workmanager >=0.9.1 (new-sync)" in check["detail"]
    assert "Dart task is null" in check["detail"]
    assert "existingWorkPolicy replace" in check["fix"] and f"fwm cancel -a {PKG} --unique-name NAME" in check["fix"]
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert tasks["old-sync"]["pluginGeneration"] == "0.5.2-0.7.0"
    assert tasks["old-sync"]["taskName"] == "syncTask"
    assert "Dart task is null" in tasks["old-sync"]["upgradeHazard"]
    assert f"fwm cancel -a {PKG} --unique-name old-sync" in tasks["old-sync"]["upgradeHazard"]
    assert "existingWorkPolicy replace" in tasks["old-sync"]["upgradeHazard"]
    assert "upgradeHazard" not in tasks["new-sync"]
    assert "upgrade hazard: old-sync: " in human and "upgrade hazard: new-sync" not in human
    assert python_tasks["old-sync"].upgrade_hazard == tasks["old-sync"]["upgradeHazard"]
    assert python_tasks["old-sync"].plugin_generation == "0.5.2-0.7.0"
    assert python_tasks["new-sync"].upgrade_hazard is None
    assert ran.code == 1 and after["old-sync"]["state"] == "failed"
    assert "upgradeHazard" not in after["old-sync"]  # finished work never runs again


def test_work_of_0_5_1_names_a_worker_class_the_updated_app_lacks(run_fwm):
    with AndroidRig([ANDROID_14]) as rig:
        _updated_app(rig, "0.5.1")
        _, check = _doctor_check(run_fwm, rig)
        tasks = {t["uniqueName"]: t for t in run_fwm("list", "-a", PKG, "--json", env=rig_env(rig)).json()["tasks"]}
    assert check["status"] == "fail" and "no longer has" in check["detail"]
    assert tasks["old-sync"]["pluginGeneration"] == "<=0.5.1"
    assert "be.tramckrijte.workmanager.BackgroundWorker" in tasks["old-sync"]["upgradeHazard"]
    assert "upgradeHazard" not in tasks["new-sync"]


def test_old_work_alone_in_an_app_that_still_runs_it_is_no_hazard(run_fwm):
    with AndroidRig([ANDROID_14]) as rig:
        app = rig.devices[0].install_app(AndroidApp(PKG, plugin_version="0.7.0"))
        app.add_task("old-sync", "syncTask")
        tasks = run_fwm("list", "-a", PKG, "--json", env=rig_env(rig)).json()["tasks"]
        ran = run_fwm("trigger", "-a", PKG, "--unique-name", "old-sync", "--wait", env=rig_env(rig))
    assert tasks[0]["pluginGeneration"] == "0.5.2-0.7.0" and "upgradeHazard" not in tasks[0]
    assert ran.code == 0, ran


def test_inspect_of_a_database_copy_infers_the_update_from_the_work_itself(run_fwm, tmp_path):
    with AndroidRig([ANDROID_14]) as rig:
        app = _updated_app(rig, "0.7.0")
        app.close_database()
        copy = tmp_path / "androidx.work.workdb"
        copy.write_bytes(open(app.path("no_backup/androidx.work.workdb"), "rb").read())
    tasks = {t["uniqueName"]: t for t in run_fwm("inspect", str(copy), "--json").json()["tasks"]}
    assert "Dart task is null" in tasks["old-sync"]["upgradeHazard"]
    assert "fwm cancel -a APP --unique-name old-sync" in tasks["old-sync"]["upgradeHazard"]
    assert "upgradeHazard" not in tasks["new-sync"]


def test_a_capture_of_an_updated_app_replays_the_hazard(run_fwm, tmp_path):
    with AndroidRig([ANDROID_14]) as rig:
        _updated_app(rig, "0.7.0")
        env = rig_env(rig)
        live = run_fwm("list", "-a", PKG, "--json", env=env).json()
        captured = run_fwm("capture", "-a", PKG, "-o", str(tmp_path / "c.tar"), env=env)
    assert captured.code == 0, captured
    assert "Dart task is null" in {t["uniqueName"]: t for t in live["tasks"]}["old-sync"]["upgradeHazard"]
    assert run_fwm("inspect", str(tmp_path / "c.tar"), "--json").json() == live
