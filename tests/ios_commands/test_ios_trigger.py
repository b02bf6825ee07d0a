"""fwm trigger on iOS: lldb's simulated launch on a device, exit 5 on the Simulator, --run-now through the bridge."""

from __future__ import annotations

from ios_commands_world import BUNDLE, DEVICE_ID, DEVICE_UDID, ONE_OFF, REFRESH, SIM_UDID, IosWorld

SIMULATE_LAUNCH = f'expr -l objc -- (void)[[BGTaskScheduler sharedScheduler] _simulateLaunchForTaskWithIdentifier:@"{REFRESH}"]'


def test_trigger_on_the_device_runs_the_lldb_sequence_and_reports_accepted(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    pid = ios.fake.launch_app(ios.device, BUNDLE)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--json")
    assert result.code == 0, result
    outcome = result.json()["results"][0]
    assert outcome["outcome"] == "accepted" and outcome["exitCode"] == 0
    assert ios.lldb_commands() == [f"device select {DEVICE_ID}", f"device process attach --pid {pid}",
                                   SIMULATE_LAUNCH, "process detach"]
    assert [r["action"] for r in ios.fake.bgtask_runs(ios.device)] == ["launch"]


def test_trigger_with_nothing_scheduled_exits_1_with_the_three_causes(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.device, BUNDLE)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--json")
    assert result.code == 1, result
    outcome = result.json()["results"][0]
    assert outcome["outcome"] == "not-scheduled"
    assert "BGTaskSchedulerPermittedIdentifiers" in outcome["message"]
    assert ios.lldb_commands()[2] == SIMULATE_LAUNCH
    assert ios.fake.bgtask_runs(ios.device) == []


def test_expire_simulates_the_expiration(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--expire", "--json")
    assert result.code == 0, result
    assert "_simulateExpirationForTaskWithIdentifier" in ios.lldb_commands()[2]


def test_another_debugger_is_a_clear_error(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE, debugger_attached=True)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH)
    assert result.code == 1, result
    assert "debugger" in result.err


def test_an_lldb_older_than_xcode_16_is_a_host_tool_error(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    ios.fake.launch_app(ios.device, BUNDLE)
    ios.fake.configure(lldb_knows_device_commands=False)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH)
    assert result.code == 7, result
    assert "Xcode 16" in result.err


def test_an_app_that_is_not_running_is_named(ios: IosWorld) -> None:
    ios.fake.submit_request(ios.device, BUNDLE, REFRESH)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", REFRESH)
    assert result.code == 1, result
    assert "not running" in result.err + result.out
    assert not ios.ran("lldb")


def test_one_off_tasks_cannot_be_triggered_from_outside(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.device, BUNDLE)
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", ONE_OFF)
    assert result.code == 5, result
    assert "one-off" in result.err and not ios.ran("lldb")


def test_tags_do_not_exist_on_ios(ios: IosWorld) -> None:
    result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--tag", "nightly")
    assert result.code == 5, result
    assert "--unique-name" in result.err


def test_hostile_identifiers_are_refused_before_lldb(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.device, BUNDLE)
    for hostile in ['a"]; [x', "$(reboot)", "a;b", "line\nbreak", "tâche"]:
        result = ios.fwm("trigger", "-s", DEVICE_UDID, "-a", BUNDLE, "--unique-name", hostile)
        assert result.code == 2, (hostile, result)
    assert not ios.ran("lldb")


def test_the_simulator_exits_5_and_points_to_run_now(ios: IosWorld) -> None:
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--json")
    assert result.code == 5, result
    error = result.json()
    assert "Simulator" in error["error"]["message"] and "--run-now" in error["error"]["message"]
    assert not ios.ran("lldb")


def test_run_now_on_the_simulator_is_reported_as_simulated(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--json")
    assert result.code == 0, result
    outcome = result.json()["results"][0]
    assert outcome["outcome"] == "simulated" and "BGTaskScheduler did not launch it" in outcome["message"]
    runs = ios.fake.dart_runs(ios.sim, BUNDLE)
    assert [(r["taskName"], r["inputData"]) for r in runs] == [("refreshTask", {"count": 3})]


def test_run_now_wait_follows_the_copy_to_its_result(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--wait",
                     "--json")
    assert result.code == 0, result
    assert result.json()["results"][0]["outcome"] == "succeeded"
    ios.fake.set_dart_outcome(ios.sim, BUNDLE, "refreshTask", "throw")
    failed = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--wait",
                     "--json")
    assert failed.code == 1, failed
    outcome = failed.json()["results"][0]
    assert outcome["outcome"] == "failed" and "threw" in outcome["message"]


def test_run_now_of_a_callback_returning_false_is_succeeded_as_the_plugin_records_it(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    ios.fake.set_dart_outcome(ios.sim, BUNDLE, "refreshTask", False)
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now", "--wait",
                     "--json")
    assert result.code == 0, result
    outcome = result.json()["results"][0]
    assert outcome["outcome"] == "succeeded" and "returned false as succeeded" in outcome["message"]
    assert [r["result"] for r in ios.fake.dart_runs(ios.sim, BUNDLE)] == [False]


def test_run_now_without_the_bridge_exits_6(ios: IosWorld) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE, bridge=False)
    result = ios.fwm("trigger", "-s", SIM_UDID, "-a", BUNDLE, "--unique-name", REFRESH, "--run-now")
    assert result.code == 6, result
    assert "enableFwmBridge" in result.err
