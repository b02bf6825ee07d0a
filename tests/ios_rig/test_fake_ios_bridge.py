"""The fwm bridge in a fake iOS app: the VM service line, ext.fwm.* acting on BGTaskScheduler, the suite and the log."""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List

import pytest

import fwm._core as core
from fwm.testing import FakeXcrun
from fwm.testing.vm_service import FakeVmService
from ios_world import BUNDLE, PROCESSING, REFRESH, World
from vm_client import call, result

HANDLE = 4242
SUBMIT_FAILED = "The operation couldn’t be completed. (BGTaskSchedulerErrorDomain error {}.)"
VM_LINE = ('processID == {} AND (eventMessage CONTAINS "The Dart VM service is listening on" '
           'OR eventMessage CONTAINS "Observatory listening on")')


def bridge(world: World, target: str, **options: Any) -> FakeVmService:
    world.fake.set_plugin_state(target, BUNDLE, callback_handle=HANDLE)
    world.fake.launch_app(target, BUNDLE)
    return world.fake.start_bridge(target, BUNDLE, **options)


def messages(world: World, target: str) -> List[str]:
    return [r["eventMessage"] for r in world.fake.logs(target)]


def suite(world: World, target: str) -> Dict[str, Any]:
    app = world.sim_app if target == world.sim else world.device_app
    with open(app["data_path"] + "/Library/Preferences/dev.fluttercommunity.workmanager.userDefaults.plist",
              "rb") as f:
        state: Dict[str, Any] = json.loads(core.ios_parse_plugin_defaults(f.read()))
    return state


def work_info(world: World, target: str, name: str) -> Dict[str, Any]:
    return next(w for w in suite(world, target)["workInfos"] if w["uniqueName"] == name)


def test_the_app_announces_its_vm_service_in_the_unified_log(world: World):
    service = bridge(world, world.sim)
    run = world.run("simctl", "spawn", world.sim, "log", "show", "--style", "ndjson", "--info", "--last", "1h",
                    "--predicate", VM_LINE.format(service.pid))
    records = json.loads(core.ios_parse_unified_log(run.stdout))
    assert [r["eventMessage"] for r in records] == [f"flutter: The Dart VM service is listening on {service.uri()}"]
    assert service.uri() == f"http://127.0.0.1:{service.port}/{service.auth_code}/"
    raw = world.fake.logs(world.sim)[-1]
    assert raw["senderImagePath"] == world.sim_app["bundle_path"] + "/Frameworks/Flutter.framework/Flutter"
    assert result(service, "getVM")["operatingSystem"] == "ios"
    assert result(service, "ext.fwm.hello") == {"type": "FwmHello", "protocolVersion": "1.0", "bridgeVersion": "0.1.0",
                                                "pluginVersion": "0.10.7", "platform": "ios"}


def test_without_the_bridge_or_the_announcement(world: World):
    service = bridge(world, world.sim, bridge=False, announce=False, protocol_version="2.0")
    assert messages(world, world.sim) == []
    assert result(service, "getIsolate")["extensionRPCs"] == []
    assert call(service, "ext.fwm.hello")["error"]["code"] == -32601
    other = world.fake.start_bridge(world.sim, BUNDLE, protocol_version="2.0")
    assert result(other, "ext.fwm.hello")["protocolVersion"] == "2.0"


def test_the_app_must_be_running(world: World):
    with pytest.raises(ValueError, match="launch_app"):
        world.fake.start_bridge(world.sim, BUNDLE)


def test_close_stops_the_vm_service():
    with FakeXcrun() as fake:
        sim = fake.add_simulator()
        fake.install_app(sim, BUNDLE)
        fake.launch_app(sim, BUNDLE)
        service = fake.start_bridge(sim, BUNDLE)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(service.uri() + "getVM", timeout=5)


def test_periodic_on_a_device_is_submitted(world: World):
    service = bridge(world, world.device)
    task = {"uniqueName": REFRESH, "taskName": "refreshTask", "inputData": {"a": 1, "b": "x"}, "initialDelay": 10,
            "frequency": 3600}
    assert result(service, "ext.fwm.registerPeriodicTask", task=task) == {"type": "FwmRegistered",
                                                                          "uniqueName": REFRESH}
    pending = world.fake.pending_requests(world.device, BUNDLE)
    assert [(r["identifier"], r["kind"]) for r in pending] == [(REFRESH, "refresh")]
    assert 0 < pending[0]["earliest_begin"] - time.time() <= 10
    assert messages(world, world.device)[1:] == [
        f"BGAppRefreshTask submitted {REFRESH} earliestBeginInSeconds:Optional(10.0)", "Task scheduled: refreshTask"]
    state = suite(world, world.device)
    assert state["callbackHandle"] == HANDLE
    assert state["scheduledTasks"] == [{"identifier": REFRESH, "kind": "refresh", "earliestBeginInSeconds": 10}]
    assert state["periodicTaskInputData"] == {REFRESH: {"a": 1, "b": "x"}}
    info = work_info(world, world.device, REFRESH)
    assert (info["state"], info["isPeriodic"], info["taskName"]) == ("scheduled", True, "refreshTask")
    text = result(service, "ext.fwm.printScheduledTasks")["text"]
    assert text == world.fake.print_scheduled_tasks(world.device, BUNDLE)
    assert [t["identifier"] for t in json.loads(core.ios_parse_scheduled_tasks_text(text))["tasks"]] == [REFRESH]


def test_periodic_on_a_simulator_fails_quietly(world: World):
    service = bridge(world, world.sim)
    result(service, "ext.fwm.registerPeriodicTask", task={"uniqueName": REFRESH, "taskName": REFRESH})
    assert messages(world, world.sim)[1:] == [f"Could not schedule BGAppRefreshTask {SUBMIT_FAILED.format(1)}",
                                              f"Task scheduled: {REFRESH}"]
    assert world.fake.pending_requests(world.sim, BUNDLE) == []
    assert suite(world, world.sim)["scheduledTasks"] == []
    assert work_info(world, world.sim, REFRESH)["state"] == "scheduled"
    assert result(service, "ext.fwm.printScheduledTasks") == {"type": "FwmScheduledTasks",
                                                              "text": "[BGTaskScheduler] There are no scheduled tasks"}


def test_processing_and_unpermitted_identifiers(world: World):
    service = bridge(world, world.device)
    result(service, "ext.fwm.registerProcessingTask",
           task={"uniqueName": PROCESSING, "taskName": "crunch", "constraints": {"networkType": "connected"}})
    result(service, "ext.fwm.registerProcessingTask", task={"uniqueName": "not.listed", "taskName": "crunch"})
    result(service, "ext.fwm.registerPeriodicTask", task={"uniqueName": "not.listed.either", "taskName": "t"})
    assert messages(world, world.device)[1:] == [
        f"BGProcessingTask submitted {PROCESSING} earliestBeginInSeconds:0.0",
        f"Could not schedule BGProcessingTask identifier:not.listed error:{SUBMIT_FAILED.format(3)}",
        "Possible issues can be: running on a simulator instead of a real device, or the task name is not registered",
        f"Could not schedule BGAppRefreshTask {SUBMIT_FAILED.format(3)}", "Task scheduled: t"]
    assert [(r["identifier"], r["kind"]) for r in world.fake.pending_requests(world.device, BUNDLE)] == [
        (PROCESSING, "processing")]
    state = suite(world, world.device)
    assert state["scheduledTasks"] == [{"identifier": PROCESSING, "kind": "processing", "earliestBeginInSeconds": 0}]
    assert sorted(w["uniqueName"] for w in state["workInfos"]) == sorted([PROCESSING, "not.listed",
                                                                          "not.listed.either"])
    assert work_info(world, world.device, PROCESSING)["isPeriodic"] is False


def test_one_off_runs_in_the_app(world: World):
    service = bridge(world, world.sim)
    task = {"uniqueName": "once", "taskName": "simpleTask", "inputData": {"n": 1, "ok": True}}
    assert result(service, "ext.fwm.registerOneOffTask", task=task)["uniqueName"] == "once"
    runs = world.fake.dart_runs(world.sim, BUNDLE)
    assert [(r["uniqueName"], r["taskName"], r["inputData"], r["trigger"], r["succeeded"]) for r in runs] == [
        ("once", "simpleTask", {"n": 1, "ok": True}, "one-off", True)]
    lines = messages(world, world.sim)[1:]
    assert lines[:3] == [f"Task started: simpleTask, callbackHandle: {HANDLE}", "Task scheduled: simpleTask",
                         "flutter: simpleTask was executed. inputData = {n: 1, ok: true}"]
    assert re.fullmatch(r"\[WorkmanagerPlugin\] one-off task simpleTask -> \.completed \(finished in \d+\.\d\d seconds\)",
                        lines[3])
    assert lines[4].startswith("Task completed: simpleTask, success: true, duration: ") and lines[4].endswith("ms")
    info = result(service, "ext.fwm.getWorkInfo", uniqueName="once")["workInfo"]
    assert {k: v for k, v in info.items() if k != "lastFinishedAt"} == {
        "uniqueName": "once", "state": "succeeded", "isPeriodic": False, "taskName": "simpleTask", "tags": []}
    assert info["lastFinishedAt"].endswith("Z") and len(info["lastFinishedAt"]) == len("2024-05-10T12:32:23.123Z")
    assert result(service, "ext.fwm.getWorkInfo", uniqueName="never") == {"type": "FwmWorkInfo", "workInfo": None}


def test_a_failing_one_off_and_a_delayed_one(world: World):
    service = bridge(world, world.sim)
    world.fake.set_dart_outcome(world.sim, BUNDLE, "failedTask", "throw")
    result(service, "ext.fwm.registerOneOffTask", task={"uniqueName": "f", "taskName": "failedTask"})
    assert world.fake.dart_runs(world.sim, BUNDLE)[0]["result"] == "throw"
    assert any(m.startswith("[WorkmanagerPlugin] one-off task failedTask -> .failed (finished in ")
               for m in messages(world, world.sim))
    assert any(m.startswith("Task failed: failedTask, error: ") for m in messages(world, world.sim))
    assert work_info(world, world.sim, "f")["state"] == "failed"
    result(service, "ext.fwm.registerOneOffTask", task={"uniqueName": "d", "taskName": "later", "initialDelay": 1})
    assert work_info(world, world.sim, "d")["state"] == "scheduled" and len(world.fake.dart_runs(world.sim, BUNDLE)) == 1
    deadline = time.monotonic() + 5
    while len(world.fake.dart_runs(world.sim, BUNDLE)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert world.fake.dart_runs(world.sim, BUNDLE)[1]["taskName"] == "later"
    assert work_info(world, world.sim, "d")["state"] == "succeeded"


def test_a_delayed_one_off_dies_with_the_app(world: World):
    service = bridge(world, world.sim)
    result(service, "ext.fwm.registerOneOffTask", task={"uniqueName": "d", "taskName": "later", "initialDelay": 1})
    assert world.run("simctl", "terminate", world.sim, BUNDLE).returncode == 0
    time.sleep(1.3)
    assert world.fake.dart_runs(world.sim, BUNDLE) == []
    assert work_info(world, world.sim, "d")["state"] == "scheduled"


def test_run_now_runs_a_copy(world: World):
    service = bridge(world, world.device)
    result(service, "ext.fwm.registerPeriodicTask", task={"uniqueName": REFRESH, "taskName": "refreshTask"})
    copy = f"{REFRESH}.fwm-run-now.1700000000000"
    assert result(service, "ext.fwm.runNow", uniqueName=REFRESH, taskName="refreshTask", inputData={"k": "v"},
                  runUniqueName=copy) == {"type": "FwmRunNow", "uniqueName": copy, "taskName": "refreshTask"}
    [run] = world.fake.dart_runs(world.device, BUNDLE)
    assert (run["uniqueName"], run["taskName"], run["inputData"], run["trigger"]) == (copy, "refreshTask", {"k": "v"},
                                                                                       "one-off")
    # The plugin's `started` (no uniqueName, isPeriodic false) lands on the most recently updated record
    # with taskName refreshTask, the original; the copy's record, written afterwards, gets the result.
    original = work_info(world, world.device, REFRESH)
    assert (original["state"], original["isPeriodic"], original.get("lastFinishedAt")) == ("running", False, None)
    assert work_info(world, world.device, copy)["state"] == "succeeded"
    assert [r["identifier"] for r in world.fake.pending_requests(world.device, BUNDLE)] == [REFRESH]


def test_cancel_by_unique_name_and_cancel_all(world: World):
    service = bridge(world, world.device)
    for name, method in ((REFRESH, "registerPeriodicTask"), (PROCESSING, "registerProcessingTask")):
        result(service, f"ext.fwm.{method}", task={"uniqueName": name, "taskName": name})
    assert result(service, "ext.fwm.cancelByUniqueName", uniqueName=REFRESH) == {"type": "Success"}
    assert [r["identifier"] for r in world.fake.pending_requests(world.device, BUNDLE)] == [PROCESSING]
    assert [t["identifier"] for t in suite(world, world.device)["scheduledTasks"]] == [PROCESSING]
    assert work_info(world, world.device, REFRESH)["state"] == "cancelled"
    assert work_info(world, world.device, PROCESSING)["state"] == "scheduled"
    assert result(service, "ext.fwm.cancelAll") == {"type": "Success"}
    assert world.fake.pending_requests(world.device, BUNDLE) == []
    state = suite(world, world.device)
    assert state["scheduledTasks"] == [] and {w["state"] for w in state["workInfos"]} == {"cancelled"}
    assert state["callbackHandle"] == HANDLE


def test_android_only_methods_are_unsupported(world: World):
    service = bridge(world, world.sim)
    for method, params in (("cancelByTag", {"tag": "t"}), ("isScheduledByUniqueName", {"uniqueName": "u"})):
        error = call(service, f"ext.fwm.{method}", **params)["error"]
        assert (error["code"], error["data"]["details"]) == (-32001, f"Unsupported operation: {method} is not "
                                                                     "supported on iOS")


def test_register_without_initialize_and_bad_params(world: World):
    world.fake.launch_app(world.sim, BUNDLE)
    service = world.fake.start_bridge(world.sim, BUNDLE)
    error = call(service, "ext.fwm.registerPeriodicTask", task={"uniqueName": REFRESH, "taskName": "t"})["error"]
    assert error["code"] == -32000 and error["data"]["details"].startswith(
        "PlatformException(1, You have not properly initialized the Flutter WorkManager Package.")
    assert result(service, "ext.fwm.cancelAll") == {"type": "Success"}
    for method, params in (("registerProcessingTask", {"task": {"uniqueName": "p", "taskName": "t", "inputData": [1]}}),
                           ("registerOneOffTask", {"task": {"uniqueName": "o", "taskName": "t", "initialDelay": "1"}}),
                           ("registerPeriodicTask", {"task": {"uniqueName": "p", "taskName": "t",
                                                              "existingWorkPolicy": "append"}}),
                           ("registerOneOffTask", {"task": {"taskName": "t"}}),
                           ("registerOneOffTask", {}),
                           ("runNow", {"uniqueName": "u", "taskName": "t", "inputData": [1],
                                       "runUniqueName": "u.copy"})):
        assert call(service, f"ext.fwm.{method}", **params)["error"]["code"] == -32602, (method, params)
    assert world.fake.dart_runs(world.sim, BUNDLE) == []


def test_keys_the_plugin_does_not_read_are_ignored(world: World):
    service = bridge(world, world.sim)
    task = {"uniqueName": "p", "taskName": "crunch", "frequency": 900, "expedited": "yes", "color": "red",
            "constraints": {"requiresCharging": True, "wifiOnly": True}}
    assert result(service, "ext.fwm.registerProcessingTask", task=task) == {"type": "FwmRegistered", "uniqueName": "p"}
    assert work_info(world, world.sim, "p")["taskName"] == "crunch"
