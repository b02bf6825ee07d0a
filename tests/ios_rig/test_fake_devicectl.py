"""The fake's devicectl envelopes, parsed by fwm's C++ parsers and compared with the fixtures."""

from __future__ import annotations

import json

import fwm._core as core
from ios_world import BUNDLE, DEVICE_ID, World, sample


def test_list_devices_is_the_fixture(world: World, tmp_path):
    envelope = world.devicectl(tmp_path, "list", "devices", "--timeout", "5")
    run = envelope.pop("_run")
    fixture = json.loads(sample("devicectl-list-devices.json"))
    assert envelope["result"] == fixture["result"]
    assert {k: v for k, v in envelope["info"].items() if k not in ("arguments", "environment")} == \
        {k: v for k, v in fixture["info"].items() if k not in ("arguments", "environment")}
    assert run.stdout == sample("devicectl-list-devices.human.txt")
    text = (tmp_path / "envelope-0.json").read_text()
    assert json.loads(core.ios_parse_devicectl_devices(text))[0]["identifier"] == DEVICE_ID


def test_info_apps_and_processes(world: World, tmp_path):
    apps_env = world.devicectl(tmp_path, "device", "info", "apps", "--device", DEVICE_ID)
    fixture = json.loads(sample("devicectl-info-apps.result-fragment.json"))["result"]
    assert sorted(apps_env["result"]) == sorted(fixture) and sorted(apps_env["result"]["apps"][0]) == sorted(fixture["apps"][0])
    apps = json.loads(core.ios_parse_devicectl_apps(json.dumps(apps_env, default=str)))
    assert apps[0]["bundleId"] == BUNDLE and apps[0]["url"] == "file://" + world.device_app["bundle_path"] + "/"
    pid = world.fake.launch_app(world.device, BUNDLE)
    procs = world.devicectl(tmp_path, "device", "info", "processes", "--device", "00008101-000569C93E90001E")
    procs.pop("_run")
    assert sorted(procs["result"]) == sorted(json.loads(sample("devicectl-info-processes.result-fragment.json"))["result"])
    assert core.ios_app_process(json.dumps(procs), apps[0]["url"]) == pid


def test_process_launch(world: World, tmp_path):
    envelope = world.devicectl(tmp_path, "device", "process", "launch", "--device", DEVICE_ID, "--terminate-existing",
                               "--environment-variables", '{"OS_ACTIVITY_DT_MODE": "enable"}', BUNDLE, "--arg")
    run = envelope.pop("_run")
    assert run.stdout == f"Launched application with {BUNDLE} bundle identifier.\n"
    fixture = json.loads(sample("devicectl-process-launch.result-fragment.json"))["result"]
    assert sorted(envelope["result"]) == sorted(fixture)
    assert sorted(envelope["result"]["launchOptions"]) == sorted(fixture["launchOptions"])
    launched = json.loads(core.ios_parse_devicectl_launch(json.dumps(envelope)))
    assert launched["pid"] == world.fake.processes(world.device)[0]["pid"]
    assert envelope["result"]["launchOptions"]["environmentVariables"]["OS_ACTIVITY_DT_MODE"] == "enable"
    assert envelope["result"]["launchOptions"]["arguments"] == ["--arg"]


def test_copy_from_app_data_container(world: World, tmp_path):
    world.fake.set_plugin_state(world.device, BUNDLE, work_infos={"r": {"state": "scheduled", "isPeriodic": True,
                                                                        "updatedAt": 1.5}})
    target = tmp_path / "defaults.plist"
    source = "Library/Preferences/dev.fluttercommunity.workmanager.userDefaults.plist"
    args = ("device", "copy", "from", "--device", DEVICE_ID, "--domain-type", "appDataContainer",
            "--domain-identifier", BUNDLE, "--source", source, "--destination", str(target))
    envelope = world.devicectl(tmp_path, *args)
    assert envelope["info"]["outcome"] == "success"
    state = json.loads(core.ios_parse_plugin_defaults(target.read_bytes()))
    assert state["workInfos"] == [{"uniqueName": "r", "state": "scheduled", "isPeriodic": True, "updatedAt": 1.5}]
    again = world.devicectl(tmp_path, *args)
    assert again["_run"].returncode == 1 and again["error"]["code"] == 516


def test_failures_are_envelopes(world: World, tmp_path):
    world.fake.set_device(world.device, reachable=False)
    envelope = world.devicectl(tmp_path, "device", "info", "apps", "--device", DEVICE_ID)
    assert envelope["_run"].returncode == 1
    assert envelope["error"] == json.loads(sample("devicectl-error-envelope.json"))["error"]
    assert envelope["info"]["outcome"] == "failed"
    assert "Connection was invalidated" in envelope["_run"].stderr
    unknown = world.devicectl(tmp_path, "device", "info", "processes", "--device", "nope")
    doc = json.loads(core.ios_parse_devicectl_envelope(json.dumps({k: v for k, v in unknown.items() if k != "_run"})))
    assert doc["error"]["kind"] == "device" and "was not found" in doc["error"]["message"]


def test_locked_device_refuses_launch(world: World, tmp_path):
    world.fake.set_device(world.device, locked=True)
    envelope = world.devicectl(tmp_path, "device", "process", "launch", "--device", DEVICE_ID, BUNDLE)
    doc = json.loads(core.ios_parse_devicectl_envelope(json.dumps({k: v for k, v in envelope.items() if k != "_run"})))
    assert doc["error"]["kind"] == "device" and "Locked" in doc["error"]["message"]


def test_json_to_stdout_and_refusals(world: World):
    run = world.run("devicectl", "list", "devices", "--json-output", "-")
    assert run.stdout.startswith("Devices:") and '"commandType" : "devicectl.list.devices"' in run.stdout
    run = world.run("devicectl", "device", "install", "app", "--device", DEVICE_ID, "/tmp/Runner.app")
    assert run.returncode == 64 and "REFUSED" in run.stderr
