"""fwm devices and fwm list against the fake xcrun: simulators, paired devices, the plugin's store and BGTaskScheduler."""

from __future__ import annotations

import fwm
from ios_commands_world import BUNDLE, DEVICE_ID, DEVICE_UDID, ONE_OFF, PROCESSING, REFRESH, SIM_UDID, IosWorld


def test_devices_lists_both_simulators_and_the_device(ios: IosWorld) -> None:
    result = ios.fwm("devices", "--json")
    assert result.code == 0, result
    devices = {d["id"]: d for d in result.json()["devices"]}
    assert set(devices) == {SIM_UDID, ios.off, DEVICE_UDID}
    booted = devices[SIM_UDID]
    assert booted == {**booted, "platform": "ios", "kind": "simulator", "udid": SIM_UDID, "name": "iPhone 15 Pro",
                      "state": "Booted", "os": "iOS", "release": "17.4"}
    assert devices[ios.off]["state"] == "Shutdown" and devices[ios.off]["kind"] == "simulator"
    phone = devices[DEVICE_UDID]
    assert phone == {**phone, "platform": "ios", "kind": "device", "udid": DEVICE_UDID, "identifier": DEVICE_ID,
                     "name": "iPhone 12 mini", "state": "available", "connection": "wired", "release": "17.3"}
    assert [argv[:3] for argv in ios.fake.invocations if argv[0] in ("simctl", "devicectl")] in (
        [["simctl", "list", "devices"], ["devicectl", "list", "devices"]],
        [["devicectl", "list", "devices"], ["simctl", "list", "devices"]])


def test_devices_table_names_every_target(ios: IosWorld) -> None:
    result = ios.fwm("devices")
    assert result.code == 0, result
    for word in (SIM_UDID, "iPhone SE", "Shutdown", DEVICE_UDID, "ios-device", "iOS 17.3"):
        assert word in result.out


def test_python_devices_agree_with_the_cli(ios: IosWorld, monkeypatch) -> None:
    for key, value in ios.env.items():
        monkeypatch.setenv(key, value)
    cli = ios.fwm("devices", "--json").json()
    assert fwm.devices_json() == ios.fwm("devices", "--json").out.strip()
    python = {d.id: d for d in fwm.devices()}
    assert python[DEVICE_UDID].identifier == DEVICE_ID and python[SIM_UDID].kind == "simulator"
    assert len(python) == len(cli["devices"])


def test_a_shut_down_simulator_is_refused_with_the_boot_command(ios: IosWorld) -> None:
    result = ios.fwm("list", "-s", ios.off, "-a", BUNDLE)
    assert result.code == 3, result
    assert "simctl boot " + ios.off in result.err


def test_list_on_the_booted_simulator_reads_the_plugins_binary_plist(ios: IosWorld) -> None:
    result = ios.fwm("list", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    doc = result.json()
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert set(tasks) == {REFRESH, PROCESSING, ONE_OFF}
    assert tasks[REFRESH] == {**tasks[REFRESH], "platform": "ios", "kind": "periodic", "state": "scheduled",
                              "taskName": "refreshTask", "inputData": {"count": 3}}
    assert tasks[PROCESSING]["kind"] == "processing"
    assert tasks[ONE_OFF]["kind"] == "one-off" and tasks[ONE_OFF]["state"] == "succeeded"
    assert "userDefaults" in tasks[REFRESH]["sources"]
    assert any("Simulator" in n for n in tasks[REFRESH]["notes"])
    assert any("in-process" in n for n in tasks[ONE_OFF]["notes"])
    assert "unavailable" in doc["plugin"], doc["plugin"]
    assert ["simctl", "get_app_container", SIM_UDID, BUNDLE, "data"] in ios.fake.invocations


def test_list_filters_by_unique_name_and_state(ios: IosWorld) -> None:
    doc = ios.fwm("list", "-s", SIM_UDID, "-a", BUNDLE, "--state", "succeeded", "--json").json()
    assert [t["uniqueName"] for t in doc["tasks"]] == [ONE_OFF]
    doc = ios.fwm("list", "-s", "iPhone 15 Pro", "-a", BUNDLE, "--unique-name", REFRESH, "--json").json()
    assert [t["uniqueName"] for t in doc["tasks"]] == [REFRESH]


def test_list_with_the_bridge_flags_tasks_bgtaskscheduler_lacks(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    doc = ios.fwm("list", "-s", SIM_UDID, "-a", BUNDLE, "--json").json()
    assert doc["plugin"]["bridge"]["platform"] == "ios"
    assert doc["plugin"]["pending"] == []
    assert sorted(doc["plugin"]["missingInOs"]) == sorted([REFRESH, PROCESSING])


def test_list_on_the_device_copies_the_suite_with_devicectl(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    result = ios.fwm("list", "-s", DEVICE_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    assert {t["uniqueName"] for t in result.json()["tasks"]} == {REFRESH, PROCESSING, ONE_OFF}
    copy = [argv for argv in ios.fake.invocations if argv[:4] == ["devicectl", "device", "copy", "from"]]
    assert copy and copy[0][copy[0].index("--device") + 1] == DEVICE_ID
    assert "appDataContainer" in copy[0]


def test_list_of_an_app_that_is_not_installed_says_so(ios: IosWorld) -> None:
    result = ios.fwm("list", "-s", SIM_UDID, "-a", "com.example.absent")
    assert result.code == 1, result
    assert "com.example.absent" in result.err and "not installed" in result.err


def test_list_without_the_plugins_store_explains_why(ios: IosWorld) -> None:
    ios.fake.install_app(ios.sim, "com.example.fresh")
    doc = ios.fwm("list", "-s", SIM_UDID, "-a", "com.example.fresh", "--json").json()
    assert doc["tasks"] == []
    assert any("initialize" in p for p in doc["problems"]), doc["problems"]
