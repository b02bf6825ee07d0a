"""fwm register, cancel, logs and doctor on iOS: through the bridge, lldb and the unified log, read back every time."""

from __future__ import annotations

from ios_commands_world import BUNDLE, DEVICE_UDID, ONE_OFF, PROCESSING, REFRESH, SIM_UDID, IosWorld


def bridge_uri(ios: IosWorld, target: str) -> str:
    ios.fake.launch_app(target, BUNDLE)
    return ios.fake.start_bridge(target, BUNDLE).uri()


def test_register_periodic_on_the_simulator_is_exit_5_because_bgtaskscheduler_refuses(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    name = "dev.fluttercommunity.workmanagerExample.nightly"
    result = ios.fwm("register", "periodic", name, "nightlyTask", "-a", BUNDLE, "-s", SIM_UDID, "--json")
    assert result.code == 5, result
    doc = result.json()
    assert doc["task"]["uniqueName"] == name and doc["task"]["state"] == "scheduled"
    assert "Simulator" in doc["message"]


def test_register_on_the_device_is_verified_in_bgtaskscheduler(ios: IosWorld) -> None:
    uri = bridge_uri(ios, ios.device)
    result = ios.fwm("register", "periodic", REFRESH, "refreshTask", "-a", BUNDLE, "-s", DEVICE_UDID,
                     "--vm-service", uri, "--json")
    assert result.code == 0, result
    assert "BGTaskScheduler holds its request" in result.json()["message"]
    assert [r["identifier"] for r in ios.fake.pending_requests(ios.device, BUNDLE)] == [REFRESH]


def test_register_of_an_identifier_not_permitted_is_exit_1_naming_info_plist(ios: IosWorld) -> None:
    uri = bridge_uri(ios, ios.device)
    result = ios.fwm("register", "periodic", "not.permitted", "refreshTask", "-a", BUNDLE, "-s", DEVICE_UDID,
                     "--vm-service", uri)
    assert result.code == 1, result
    assert "BGTaskSchedulerPermittedIdentifiers" in result.err


def test_register_is_validated_against_ios_rules_before_anything_is_sent(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    bridge = ios.fake.start_bridge(ios.sim, BUNDLE)
    result = ios.fwm("register", "processing", PROCESSING, "processingTask", "-a", BUNDLE, "-s", SIM_UDID,
                     "--initial-delay", "-5m")
    assert result.code == 2, result
    assert not [method for method, _ in bridge.requests if method.startswith("ext.fwm.register")]
    assert not ios.ran("simctl") or all(argv[:2] == ["simctl", "list"] for argv in ios.fake.invocations
                                        if argv[0] == "simctl")


def test_cancel_through_the_bridge_reads_both_stores_back(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    uri = bridge_uri(ios, ios.device)
    result = ios.fwm("cancel", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--vm-service", uri,
                     "--json")
    assert result.code == 0, result
    doc = result.json()
    assert [t["uniqueName"] for t in doc["cancelled"]] == [REFRESH] and doc["remaining"] == []
    assert ios.fake.pending_requests(ios.device, BUNDLE) == []


def test_cancel_without_the_bridge_goes_through_lldb_and_says_what_it_bypasses(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE)
    result = ios.fwm("cancel", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--json")
    assert result.code == 0, result
    assert "bookkeeping" in result.json()["message"]
    assert "cancelTaskRequestWithIdentifier" in ios.lldb_commands()[2]
    assert ios.fake.pending_requests(ios.device, BUNDLE) == []


def test_one_off_tasks_cannot_be_cancelled_from_outside(ios: IosWorld) -> None:
    uri = bridge_uri(ios, ios.device)
    result = ios.fwm("cancel", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", ONE_OFF, "--vm-service", uri)
    assert result.code == 5, result
    assert "one-off" in result.err


def test_logs_on_the_simulator_show_the_apps_task_lines(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.add_log(ios.sim, "flutter: refreshTask ran", bundle_id=BUNDLE)
    ios.fake.add_log(ios.sim, "unrelated UIKit chatter", bundle_id=BUNDLE)
    result = ios.fwm("logs", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    lines = [line for line in result.out.splitlines() if line.strip()]
    assert len(lines) == 1 and '"refreshTask ran"' in lines[0] and '"flutter"' in lines[0]


def test_logs_follow_on_a_device_is_exit_5(ios: IosWorld) -> None:
    result = ios.fwm("logs", "-s", DEVICE_UDID, "-a", BUNDLE, "--follow")
    assert result.code == 5, result
    assert "Console.app" in result.err


def test_doctor_flags_a_unique_name_missing_from_permitted_identifiers(ios: IosWorld) -> None:
    work_infos = {"dev.fluttercommunity.workmanagerExample.nightly": {"state": "scheduled", "isPeriodic": True,
                                                                      "taskName": "nightlyTask"}}
    ios.store(ios.sim, work_infos=work_infos, scheduled_tasks={
        "dev.fluttercommunity.workmanagerExample.nightly": {"kind": "refresh", "earliestBeginInSeconds": 900}})
    result = ios.fwm("doctor", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert result.code == 1, result
    checks = {c["name"]: c for c in result.json()["checks"]}
    permitted = next(c for name, c in checks.items() if "BGTaskSchedulerPermittedIdentifiers" in name)
    assert permitted["status"] == "fail"
    assert "dev.fluttercommunity.workmanagerExample.nightly" in permitted["detail"] + permitted["fix"]
    assert any(c["status"] == "warn" and "Simulator" in c["detail"] + c["fix"] for c in checks.values())


def test_doctor_passes_a_well_set_up_app_apart_from_the_simulator_warning(ios: IosWorld) -> None:
    result = ios.fwm("doctor", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert result.code == 0, result
    assert all(c["status"] in ("pass", "warn", "skip") for c in result.json()["checks"])
