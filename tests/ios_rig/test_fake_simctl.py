"""The fake's simctl answers, parsed by fwm's C++ parsers; its refusals and its record of invocations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import fwm._core as core
from ios_world import BUNDLE, World


def test_list_devices(world: World):
    run = world.run("simctl", "list", "devices", "-j")
    assert run.returncode == 0
    sims = json.loads(core.ios_parse_simctl_devices(run.stdout))
    assert [(s["udid"], s["state"], s["osVersion"]) for s in sims] == [
        (world.sim, "Booted", "17.4"), (world.off, "Shutdown", "17.4")]
    doc = json.loads(run.stdout)
    assert doc["devices"]["com.apple.CoreSimulator.SimRuntime.iOS-17-2"] == []
    assert list(doc["devices"]["com.apple.CoreSimulator.SimRuntime.iOS-17-4"][0]) == [
        "lastBootedAt", "dataPath", "dataPathSize", "logPath", "udid", "isAvailable", "logPathSize",
        "deviceTypeIdentifier", "state", "name"]
    assert "\\/" in run.stdout
    booted = json.loads(core.ios_parse_simctl_devices(world.run("simctl", "list", "devices", "booted", "-j").stdout))
    assert [s["udid"] for s in booted] == [world.sim]


def test_listapps_and_data_container_hold_a_real_binary_plist(world: World):
    world.fake.set_plugin_state(world.sim, BUNDLE, scheduled_tasks={"a": {"kind": "refresh", "earliestBeginInSeconds": 900}},
                                callback_handle=77)
    apps = json.loads(core.ios_parse_simctl_listapps(world.run("simctl", "listapps", world.sim).stdout))
    app = next(a for a in apps if a["bundleId"] == BUNDLE)
    assert (app["name"], app["applicationType"], app["path"]) == ("Workmanager Example", "User",
                                                                  world.sim_app["bundle_path"])
    assert app["dataContainer"] == world.sim_app["data_path"]
    run = world.run("simctl", "get_app_container", world.sim, BUNDLE, "data")
    folder = json.loads(core.ios_parse_app_container(run.stdout))
    assert folder == world.sim_app["data_path"]
    with open(os.path.join(folder, "Library/Preferences/dev.fluttercommunity.workmanager.userDefaults.plist"), "rb") as f:
        blob = f.read()
    assert blob.startswith(b"bplist00")
    state = json.loads(core.ios_parse_plugin_defaults(blob))
    assert state["callbackHandle"] == 77 and state["scheduledTasks"][0]["identifier"] == "a"
    app_path = world.run("simctl", "get_app_container", world.sim, BUNDLE).stdout.strip()
    assert open(os.path.join(app_path, "Info.plist"), "rb").read().startswith(b"bplist00")


def test_unknown_container_and_device(world: World):
    run = world.run("simctl", "get_app_container", world.sim, "no.such.app", "data")
    assert run.returncode == 2 and run.stderr.startswith("An error was encountered processing the command")
    run = world.run("simctl", "listapps", "no-such-udid")
    assert run.returncode != 0 and json.loads(core.ios_parse_simctl_error(run.stderr))["kind"] == "device"


def test_launch_launchctl_terminate(world: World):
    run = world.run("simctl", "launch", world.sim, BUNDLE, "--flag")
    name, pid = run.stdout.strip().split(": ")
    assert name == BUNDLE
    jobs = json.loads(core.ios_parse_launchctl_list(world.run("simctl", "spawn", world.sim, "launchctl", "list").stdout))
    assert next(j for j in jobs if j.get("bundleId") == BUNDLE)["pid"] == int(pid)
    assert world.run("simctl", "terminate", world.sim, BUNDLE).returncode == 0
    again = world.run("simctl", "terminate", world.sim, BUNDLE)
    assert again.returncode == 3
    assert again.stderr.splitlines() == [
        "An error was encountered processing the command (domain=NSPOSIXErrorDomain, code=3):",
        f"Simulator device failed to terminate {BUNDLE}.", "found nothing to terminate"]


def test_simctl_child_environment_reaches_the_app(world: World):
    env = dict(os.environ, SIMCTL_CHILD_FWM_FLAG="1")
    subprocess.run([world.fake.path, "simctl", "launch", world.sim, BUNDLE], env=env, check=True, capture_output=True)
    assert world.fake.processes(world.sim)[0]["environment"] == {"FWM_FLAG": "1"}


def test_shutdown_simulator_refuses_spawn(world: World):
    run = world.run("simctl", "spawn", world.off, "launchctl", "list")
    assert run.returncode != 0 and "current state: Shutdown" in run.stderr


def test_log_show_styles_levels_and_predicate(world: World):
    world.fake.launch_app(world.sim, BUNDLE)
    world.fake.add_log(world.sim, "flutter: hello", bundle_id=BUNDLE)
    world.fake.add_log(world.sim, "Task started: x", bundle_id=BUNDLE, message_type="Debug",
                       subsystem="dev.fluttercommunity.workmanager", category="debug")
    world.fake.add_log(world.sim, "other", image="/usr/libexec/backboardd", pid=212)
    predicate = 'processImagePath ENDSWITH "/Runner" AND (eventMessage BEGINSWITH "flutter: " OR subsystem == "dev.fluttercommunity.workmanager")'
    run = world.run("simctl", "spawn", world.sim, "log", "show", "--style", "json", "--predicate", predicate)
    assert run.stdout.splitlines()[0] == f'Filtering the log data using "{predicate}"'
    assert [r["eventMessage"] for r in json.loads(core.ios_parse_unified_log(run.stdout))] == ["flutter: hello"]
    run = world.run("simctl", "spawn", world.sim, "log", "show", "--style", "ndjson", "--debug", "--predicate", predicate)
    records = json.loads(core.ios_parse_unified_log(run.stdout))
    assert [(r["eventMessage"], r["messageType"], r["process"]) for r in records] == [
        ("flutter: hello", "Default", "Runner"), ("Task started: x", "Debug", "Runner")]
    everything = world.run("simctl", "spawn", world.sim, "log", "show", "--style", "json", "--last", "10m", "--info")
    assert len(json.loads(core.ios_parse_unified_log(everything.stdout))) == 2


def test_log_stream_picks_up_new_records(world: World):
    world.fake.configure(stream_hold_seconds=1.0)
    proc = subprocess.Popen([world.fake.path, "simctl", "spawn", world.sim, "log", "stream", "--style", "json",
                             "--predicate", 'eventMessage CONTAINS "flutter"'], stdout=subprocess.PIPE, text=True)
    time.sleep(0.4)
    world.fake.add_log(world.sim, "flutter: late", image="/x/Runner.app/Runner", pid=1)
    out, _ = proc.communicate(timeout=10)
    assert [r["eventMessage"] for r in json.loads(core.ios_parse_unified_log(out))] == ["flutter: late"]
    assert out.rstrip().endswith("}]")


def test_refusals_are_loud_and_recorded(world: World):
    for argv in (["simctl", "boot", world.sim], ["simctl", "list", "devices"], ["instruments"],
                 ["simctl", "spawn", world.sim, "log", "show", "--style", "compact"],
                 ["simctl", "spawn", world.sim, "log", "show", "--style", "json", "--predicate", "foo LIKE 'x'"],
                 ["simctl", "launch", "--console", world.sim, BUNDLE]):
        run = world.run(*argv)
        assert run.returncode == 64 and "fake xcrun: REFUSED" in run.stderr, argv
    assert world.fake.invocations[-1] == ["simctl", "launch", "--console", world.sim, BUNDLE]


def test_module_entry_point(world: World):
    run = subprocess.run([sys.executable, "-m", "fwm.testing.fake_xcrun", "--state", world.fake.root, "simctl", "list",
                          "devices", "-j"], capture_output=True, text=True)
    assert run.returncode == 0 and world.sim in run.stdout
    assert subprocess.run([sys.executable, "-m", "fwm.testing.fake_xcrun"], capture_output=True).returncode == 64
