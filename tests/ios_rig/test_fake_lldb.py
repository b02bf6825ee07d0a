"""The lldb sessions fwm builds, run through the runner against the fake: BGTask launch, expire, cancel, failures."""

from __future__ import annotations

import json
import re

import pytest

import fwm.errors
import fwm._core as core
from ios_world import BUNDLE, DEVICE_ID, DEVICE_UDID, PROCESSING, REFRESH, World

TIMEOUT_MS = 10_000


def app_log(world: World, target: str) -> str:
    return "\n".join(f"{r['timestamp']} Runner[{r['processID']}:1] {r['eventMessage']}" for r in world.fake.logs(target))


def test_simulate_launch_of_a_pending_request_on_a_device(world: World):
    world.fake.set_plugin_state(world.device, BUNDLE, callback_handle=42, periodic_input_data={REFRESH: {"n": 2}},
                                scheduled_tasks={REFRESH: {"kind": "refresh", "earliestBeginInSeconds": 900}})
    world.fake.submit_request(world.device, BUNDLE, REFRESH, kind="refresh", earliest_begin=2_000_000_000)
    pid = world.fake.launch_app(world.device, BUNDLE)
    commands = core.ios_lldb_commands(DEVICE_UDID, pid, "launch", REFRESH)
    transcript = json.loads(core.ios_lldb(world.fake.path, commands, TIMEOUT_MS))
    assert transcript == {"attached": True, "detached": True, "pid": pid, "failure": "none"}
    assert world.fake.invocations[-1] == ["lldb", "--no-lldbinit", "--batch"] + [x for c in commands for x in ("-o", c)]
    assert world.fake.lldb_sessions[-1] == {"commands": commands, "ran": commands, "failed": False}
    verdict = json.loads(core.ios_parse_simulated_launch(app_log(world, world.device), REFRESH))
    assert verdict["verdict"] == "accepted"
    assert [(r["identifier"], r["action"]) for r in world.fake.bgtask_runs(world.device)] == [(REFRESH, "launch")]
    resubmitted = world.fake.pending_requests(world.device, BUNDLE)
    assert [r["identifier"] for r in resubmitted] == [REFRESH] and resubmitted[0]["earliest_begin"] < 2_000_000_000
    [run] = world.fake.dart_runs(world.device, BUNDLE)
    assert (run["uniqueName"], run["taskName"], run["inputData"], run["trigger"], run["succeeded"]) == (
        REFRESH, REFRESH, {"n": 2}, "bgtask", True)
    records = world.fake.logs(world.device)
    assert [r["eventMessage"] for r in records[:6]] == [
        f"Simulating launch for task with identifier {REFRESH}",
        f"BGAppRefreshTask submitted {REFRESH} earliestBeginInSeconds:Optional(900.0)",
        f"Task started: {REFRESH}, callbackHandle: 42", f"flutter: {REFRESH} was executed. inputData = {{n: 2}}",
        records[4]["eventMessage"], records[5]["eventMessage"]]
    assert re.fullmatch(r"\[workmanager_apple\.BackgroundWorker\] performBackgroundRequest\(_:\) -> "
                        r"performBackgroundRequest\.newData \(finished in \d+\.\d\d seconds\)",
                        records[4]["eventMessage"]) and records[4]["messageType"] == "Info"
    assert records[5]["eventMessage"].startswith(f"Task completed: {REFRESH}, success: true, duration: ")
    started = records[2]
    assert (started["messageType"], started["subsystem"], started["category"], started["processID"]) == (
        "Debug", "dev.fluttercommunity.workmanager", "debug", pid)


def test_launch_handler_of_a_processing_task_that_throws(world: World):
    world.fake.set_plugin_state(world.device, BUNDLE, callback_handle=42,
                                work_infos={PROCESSING: {"state": "scheduled", "isPeriodic": False,
                                                         "taskName": "crunch", "updatedAt": 1.7e9}})
    world.fake.submit_request(world.device, BUNDLE, PROCESSING, kind="processing")
    world.fake.set_dart_outcome(world.device, BUNDLE, PROCESSING, "throw")
    pid = world.fake.launch_app(world.device, BUNDLE)
    core.ios_lldb(world.fake.path, core.ios_lldb_commands(DEVICE_ID, pid, "launch", PROCESSING), TIMEOUT_MS)
    assert world.fake.pending_requests(world.device, BUNDLE) == []
    [run] = world.fake.dart_runs(world.device, BUNDLE)
    assert (run["inputData"], run["succeeded"]) == (None, False)
    failed = world.fake.logs(world.device)[-1]
    assert failed["messageType"] == "Error" and failed["eventMessage"].startswith(f"Task failed: {PROCESSING}, error: ")
    with open(world.device_app["data_path"] + "/Library/Preferences/dev.fluttercommunity.workmanager.userDefaults.plist",
              "rb") as f:
        [info] = json.loads(core.ios_parse_plugin_defaults(f.read()))["workInfos"]
    assert (info["state"], info["taskName"], info["isPeriodic"]) == ("failed", "crunch", False)
    assert info["lastFinishedAt"] > 1.7e9


def test_launch_handler_without_a_callback_handle(world: World):
    world.fake.submit_request(world.device, BUNDLE, REFRESH, interval=60)
    pid = world.fake.launch_app(world.device, BUNDLE)
    core.ios_lldb(world.fake.path, core.ios_lldb_commands(DEVICE_ID, pid, "launch", REFRESH), TIMEOUT_MS)
    assert world.fake.dart_runs(world.device, BUNDLE) == [] and world.fake.pending_requests(world.device, BUNDLE) == []
    last = world.fake.logs(world.device)[-1]
    assert last["messageType"] == "Error"
    assert last["eventMessage"].startswith("[WorkmanagerPlugin] You should ensure you have called the 'initialize'")


def test_nothing_pending_gives_the_fixture_line(world: World):
    pid = world.fake.launch_app(world.device, BUNDLE)
    json.loads(core.ios_lldb(world.fake.path, core.ios_lldb_commands(DEVICE_ID, pid, "launch", PROCESSING), TIMEOUT_MS))
    verdict = json.loads(core.ios_parse_simulated_launch(app_log(world, world.device), PROCESSING))
    assert verdict["verdict"] == "notScheduled" and verdict["identifier"] == "<decode: missing data>"
    assert world.fake.bgtask_runs(world.device) == []


def test_simulator_has_no_pending_requests(world: World):
    with pytest.raises(ValueError):
        world.fake.submit_request(world.sim, BUNDLE, REFRESH)
    pid = world.fake.launch_app(world.sim, BUNDLE)
    world.fake.configure(decode_identifiers=True)
    core.ios_lldb(world.fake.path, core.ios_lldb_commands("", pid, "launch", REFRESH), TIMEOUT_MS)
    messages = [r["eventMessage"] for r in world.fake.logs(world.sim)]
    assert messages == [f"Simulating launch for task with identifier {REFRESH}",
                        f"No task request with identifier {REFRESH} has been scheduled"]


def test_expire_and_cancel(world: World):
    world.fake.submit_request(world.device, BUNDLE, PROCESSING, kind="processing")
    pid = world.fake.launch_app(world.device, BUNDLE)
    core.ios_lldb(world.fake.path, core.ios_lldb_commands(DEVICE_ID, pid, "expire", PROCESSING), TIMEOUT_MS)
    core.ios_lldb(world.fake.path, core.ios_lldb_commands(DEVICE_ID, pid, "cancel", PROCESSING), TIMEOUT_MS)
    assert [r["action"] for r in world.fake.bgtask_runs(world.device)] == ["expire", "cancel"]
    assert world.fake.pending_requests(world.device, BUNDLE) == []


def test_unpermitted_identifier_cannot_be_submitted(world: World):
    with pytest.raises(ValueError, match="BGTaskSchedulerPermittedIdentifiers"):
        world.fake.submit_request(world.device, BUNDLE, "not.listed")


@pytest.mark.parametrize("setup, device, error, words", [
    (lambda w: w.fake.launch_app(w.device, BUNDLE, debugger_attached=True), DEVICE_ID, fwm.errors.OperationFailed,
     "another debugger"),
    (lambda w: w.fake.configure(lldb_knows_device_commands=False) or w.fake.launch_app(w.device, BUNDLE), DEVICE_ID,
     fwm.errors.HostToolMissing, "Xcode 16"),
    (lambda w: w.fake.launch_app(w.device, BUNDLE), "no-such-device", fwm.errors.DeviceNotFound, "could not find"),
    (lambda w: w.fake.set_device(w.device, reachable=False) or w.fake.launch_app(w.device, BUNDLE), DEVICE_ID,
     fwm.errors.DeviceNotFound, "connection"),
    (lambda w: w.fake.configure(lldb_attach_denied=True) or w.fake.launch_app(w.device, BUNDLE), DEVICE_ID,
     fwm.errors.HostToolMissing, "DevToolsSecurity"),
])
def test_failures_map_to_error_kinds(world: World, setup, device, error, words):
    pid = setup(world)
    with pytest.raises(error, match=words) as raised:
        core.ios_lldb(world.fake.path, core.ios_lldb_commands(device, pid, "launch", REFRESH), TIMEOUT_MS)
    assert raised.value.step == "lldb"
    session = world.fake.lldb_sessions[-1]
    assert session["failed"] and len(session["ran"]) < len(session["commands"])


def test_attach_to_a_process_that_is_not_running(world: World):
    with pytest.raises(fwm.errors.OperationFailed, match="not found"):
        core.ios_lldb(world.fake.path, core.ios_lldb_commands("", 999, "launch", REFRESH), TIMEOUT_MS)


def test_lldb_refuses_interactive_and_unknown_commands(world: World):
    assert world.run("lldb", "-o", "process attach --pid 1").returncode == 64
    run = world.run("lldb", "--batch", "-o", "thread backtrace all")
    assert run.returncode == 64 and "REFUSED" in run.stderr
