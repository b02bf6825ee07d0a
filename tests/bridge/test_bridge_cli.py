"""`fwm register`, `fwm cancel` and `fwm trigger --run-now` through the bridge on the emulated device."""

from __future__ import annotations

import json
from typing import Any, Dict, List

from rig_env import rig_env

APP = "com.example.app"


def forwards(rig) -> str:
    return rig.adb("forward", "--list").stdout.decode()


def listed(run_fwm, env, **filters: str) -> List[Dict[str, Any]]:
    args = ["list", "-a", APP, "--json"] + [f"--{k.replace('_', '-')}={v}" for k, v in filters.items()]
    r = run_fwm(*args, env=env)
    assert r.code == 0, r
    return r.json()["tasks"]


def by_name(tasks: List[Dict[str, Any]], name: str) -> Dict[str, Any]:
    [task] = [t for t in tasks if t["uniqueName"] == name and t["state"] == "enqueued"]
    return task


ONE_OFF = ["register", "one-off", "upload-now", "uploadTask", "-a", APP, "--tag", "batch", "--input", "id=42",
           "--input", "names=[\"a\",\"b\"]", "--input-json", "{\"meta\": {\"k\": 1}, \"ratio\": 0.5}",
           "--initial-delay", "0s", "--network", "connected", "--requires-storage-not-low", "--policy", "replace",
           "--backoff", "linear", "--backoff-delay", "45s", "--expedited", "--out-of-quota", "drop"]
PERIODIC = ["register", "periodic", "nightly", "nightlySync", "-a", APP, "--tag", "batch", "--input", "full=true",
            "--initial-delay", "10m", "--frequency", "10m", "--flex", "2m", "--network", "unmetered",
            "--requires-charging", "--requires-battery-not-low", "--requires-device-idle",
            "--requires-storage-not-low", "--policy", "keep", "--backoff", "exponential", "--backoff-delay", "2m"]


def effective(run_fwm, args: List[str]) -> Dict[str, Any]:
    r = run_fwm(*args, "--platform", "android", "--dry-run", "--json")
    assert r.code == 0, r
    return r.json()["task"]


def test_register_every_option_then_list_shows_the_effective_values(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    before = forwards(rig)
    for args in (ONE_OFF, PERIODIC):
        r = run_fwm(*args, "--json", env=env)
        assert r.code == 0, r
        assert r.json()["verified"] is True and r.json()["mismatches"] == []
        assert forwards(rig) == before
        plan = effective(run_fwm, args)
        task = by_name(listed(run_fwm, env), plan["uniqueName"])
        for key in ("uniqueName", "taskName", "tags", "kind", "inputData", "constraints", "initialDelay", "backoff",
                    "expedited"):
            assert task[key] == plan[key], (key, task[key], plan[key])
        if plan["kind"] == "periodic":
            assert task["frequency"] == plan["frequency"] == 900      # clamped to Android's minimum
            assert task["flexInterval"] == plan["flexInterval"] == 300
    assert forwards(rig) == before


def test_register_human_output_and_a_keep_that_changes_nothing_is_reported(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    r = run_fwm("register", "one-off", "sync-once", "otherTask", "-a", APP, env=env)
    assert r.code == 1, r
    assert "policy keep" in r.err and "taskName" in r.err
    ok = run_fwm("register", "one-off", "fresh", "freshTask", "-a", APP, env=env)
    assert ok.code == 0 and "task 'fresh' is registered" in ok.out


def test_register_validation_is_the_dry_runs_and_sends_nothing(bridge_app, run_fwm):
    rig, app = bridge_app
    rig.devices[0].clear_records()
    r = run_fwm("register", "one-off", "x", "y", "-a", APP, "--expedited", "--initial-delay", "5m",
                env=rig_env(rig))
    assert r.code == 2 and "--initial-delay" in r.err
    assert rig.devices[0].received_services == []
    assert app.vm_service.requests == []


def test_cancel_by_tag_unique_name_and_all(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    before = forwards(rig)
    for name in ("t1", "t2"):
        assert run_fwm("register", "one-off", name, "tagged", "-a", APP, "--tag", "T", "--initial-delay", "1h",
                       env=env).code == 0
    pending = {t["uniqueName"] for t in listed(run_fwm, env) if t["state"] == "enqueued"}
    r = run_fwm("cancel", "-a", APP, "--tag", "T", "--json", env=env)
    assert r.code == 0, r
    assert sorted(t["uniqueName"] for t in r.json()["cancelled"]) == ["t1", "t2"]
    now = {t["uniqueName"] for t in listed(run_fwm, env) if t["state"] == "enqueued"}
    assert now == pending - {"t1", "t2"}
    r = run_fwm("cancel", "-a", APP, "--unique-name", "reminder", env=env)
    assert r.code == 0 and "cancelled 1 task(s)" in r.out, r
    assert {t["uniqueName"] for t in listed(run_fwm, env) if t["state"] == "enqueued"} == now - {"reminder"}
    r = run_fwm("cancel", "-a", APP, "--all", "--json", env=env)
    assert r.code == 0, r
    assert [t for t in listed(run_fwm, env, all_work="true") if t["state"] == "enqueued"] == []
    assert app.work_spec("cleanup").state == "CANCELLED"
    assert forwards(rig) == before


def test_cancel_of_nothing_exits_1_and_a_bad_selector_exits_2(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    r = run_fwm("cancel", "-a", APP, "--unique-name", "nope", env=env)
    assert r.code == 1 and "nothing was cancelled" in r.err
    assert run_fwm("cancel", "-a", APP, env=env).code == 2
    assert run_fwm("cancel", "-a", APP, "--tag", "a", "--all", env=env).code == 2


def test_run_now_runs_a_periodic_tasks_code_and_leaves_its_schedule(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    before = forwards(rig)
    original = by_name(listed(run_fwm, env), "periodic-refresh")
    r = run_fwm("trigger", "-a", APP, "--unique-name", "periodic-refresh", "--run-now", "--wait", "--json", env=env)
    assert r.code == 0, r
    [result] = r.json()["results"]
    copy = result["after"]
    assert result["outcome"] == "succeeded" and copy["state"] == "succeeded"
    assert copy["taskName"] == original["taskName"] == "refreshFeed"
    assert copy["inputData"] == original["inputData"]
    assert copy["uniqueName"].startswith("periodic-refresh.fwm-run-now.") and copy["tags"] == ["fwm-run-now"]
    assert any(e.tag == "flutter" and e.message.startswith("refreshFeed was executed")
               for e in rig.devices[0].logcat.entries())
    again = by_name(listed(run_fwm, env), "periodic-refresh")
    assert (again["workId"], again["nextRunAt"], again["runAttemptCount"]) == (
        original["workId"], original["nextRunAt"], original["runAttemptCount"])
    assert forwards(rig) == before


def test_run_now_passes_input_data_and_reports_retry_and_failure(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    app.script_outcome("uploadPhotos", "retry")
    r = run_fwm("trigger", "-a", APP, "--unique-name", "upload", "--run-now", "--wait", "--json", env=env)
    assert r.code == 1, r
    [result] = r.json()["results"]
    assert result["outcome"] == "retry" and result["after"]["inputData"] == {"ids": [1, 2, 3], "album": "Trip"}
    assert app.work_spec(result["after"]["uniqueName"]).state == "CANCELLED"
    app.script_outcome("cleanupCache", "failure", error="boom")
    r = run_fwm("trigger", "-a", APP, "--tag", "maintenance", "--run-now", "--wait", env=env)
    assert r.code == 1 and "failed" in r.err


def test_run_now_without_wait_is_accepted(bridge_app, run_fwm):
    rig, app = bridge_app
    r = run_fwm("trigger", "-a", APP, "--unique-name", "reminder", "--run-now", env=rig_env(rig))
    assert r.code == 0 and "--wait" in r.out, r


def test_without_the_bridge_register_exits_6_and_says_how_to_enable_it(no_bridge_app, run_fwm):
    rig, app = no_bridge_app
    env = rig_env(rig)
    before = forwards(rig)
    for args in (["register", "one-off", "x", "y", "-a", APP], ["cancel", "-a", APP, "--all"],
                 ["trigger", "-a", APP, "--unique-name", "upload", "--run-now"]):
        r = run_fwm(*args, env=env)
        assert r.code == 6, r
        assert "enableFwmBridge()" in r.err and "ext.fwm.hello" in r.err
        assert forwards(rig) == before


def test_a_release_build_without_vm_service_exits_6(debuggable_app_without_vm_service, run_fwm):
    rig = debuggable_app_without_vm_service
    r = run_fwm("register", "one-off", "x", "y", "-a", APP, env=rig_env(rig))
    assert r.code == 6 and "has logged no Dart VM service address" in r.err and "enableFwmBridge()" in r.err


def test_an_app_that_is_not_running_exits_6(bridge_app, run_fwm):
    rig, app = bridge_app
    app.running = False
    r = run_fwm("cancel", "-a", APP, "--all", env=rig_env(rig))
    assert r.code == 6 and "is not running" in r.err


def test_the_newest_line_wins_and_the_observatory_form_is_read(bridge_app, run_fwm):
    rig, app = bridge_app
    service = app.vm_service
    app.log("flutter", "I", "The Dart VM service is listening on http://127.0.0.1:1/stale=/", app.pid + 57)
    app.log("flutter", "I", f"Observatory listening on {service.uri(service.device_port)}", app.pid + 57)
    rig.devices[0].log("flutter", "I", "The Dart VM service is listening on http://127.0.0.1:2/other=/", pid=4242)
    r = run_fwm("cancel", "-a", APP, "--unique-name", "reminder", env=rig_env(rig))
    assert r.code == 0, r


def test_vm_service_override_stale_port_and_wrong_auth_code(bridge_app, run_fwm):
    rig, app = bridge_app
    env = rig_env(rig)
    service = app.vm_service
    before = forwards(rig)
    ok = run_fwm("cancel", "-a", APP, "--unique-name", "reminder", "--vm-service", service.uri(), env=env)
    assert ok.code == 0, ok
    wrong = f"http://127.0.0.1:{service.port}/WrongCode123=/"
    r = run_fwm("cancel", "-a", APP, "--all", "--vm-service", wrong, env=env)
    assert r.code == 6 and "HTTP 403" in r.err and "WrongCode123" not in r.err + r.out
    verbose = run_fwm("cancel", "-a", APP, "--all", "--vm-service", wrong, "-v", env=env)
    assert verbose.code == 6 and "WrongCode123" in verbose.err
    assert run_fwm("cancel", "-a", APP, "--all", "--vm-service", "not-a-uri", env=env).code == 2
    service.stop()
    r = run_fwm("register", "one-off", "x", "y", "-a", APP, env=env)
    assert r.code == 6 and "nothing answers" in r.err, r
    assert service.auth_code not in r.err + r.out
    r = run_fwm("register", "one-off", "x", "y", "-a", APP, "--vm-service", service.uri(), env=env)
    assert r.code == 6 and "nothing answers" in r.err, r
    assert forwards(rig) == before


def test_an_unknown_major_protocol_version_is_refused(bridge_app, run_fwm):
    rig, app = bridge_app
    app.bridge.protocol_version = "2.0"
    r = run_fwm("register", "one-off", "x", "y", "-a", APP, env=rig_env(rig))
    assert r.code == 6 and "protocol 2.0" in r.err and "1.0" in r.err
    app.bridge.protocol_version = "1.7"
    assert run_fwm("register", "one-off", "x", "y", "-a", APP, env=rig_env(rig)).code == 0


def test_plugin_errors_map_to_exit_codes(bridge_app, run_fwm):
    rig, app = bridge_app
    app.set_callback_handle(None)
    r = run_fwm("register", "one-off", "x", "y", "-a", APP, env=rig_env(rig))
    assert r.code == 1 and "not properly initialized" in r.err


def test_list_adds_the_plugin_view_where_the_bridge_answers(bridge_app, run_fwm, monkeypatch):
    rig, app = bridge_app
    r = run_fwm("list", "-a", "com.example.app", "--plugin-view", "--json", env=rig_env(rig))
    assert r.code == 0, r
    plugin = r.json()["plugin"]
    assert "workInfo" in plugin and "unavailable" not in plugin
    import fwm
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    for key, value in rig.env().items():
        monkeypatch.setenv(key, value)
    listing = fwm.devices()[0].app("com.example.app").listing(plugin_view=True)
    assert listing.plugin is not None and listing.plugin.keys() == plugin.keys()


def test_list_says_why_the_plugin_view_is_missing(no_bridge_app, run_fwm):
    rig, app = no_bridge_app
    r = run_fwm("list", "-a", "com.example.app", "--plugin-view", "--json", env=rig_env(rig))
    assert r.code == 0, r
    assert "unavailable" in r.json()["plugin"]
    assert len(r.json()["tasks"]) == 5
