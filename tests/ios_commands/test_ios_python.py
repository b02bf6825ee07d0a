"""The Python API on iOS agrees with the CLI: the same documents, the same exit codes, the same exceptions."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

import fwm
from ios_commands_world import BUNDLE, DEVICE_UDID, REFRESH, SIM_UDID, IosWorld


@pytest.fixture
def in_world(ios: IosWorld, monkeypatch: pytest.MonkeyPatch) -> IosWorld:
    """This process's environment set to the world's (PATH with the fake xcrun and log, the private adb)."""
    for key, value in ios.env.items():
        monkeypatch.setenv(key, value)
    return ios


def test_listing_is_the_cli_document(in_world: IosWorld) -> None:
    app = fwm.App(SIM_UDID, BUNDLE)
    listing = app.listing()
    assert listing.to_json() == in_world.fwm("list", "-s", SIM_UDID, "-a", BUNDLE, "--json").out.strip()
    assert {t.unique_name for t in listing.tasks} >= {REFRESH}


def test_trigger_on_the_device_reports_as_the_cli_does(in_world: IosWorld) -> None:
    in_world.fake.launch_app(in_world.device, BUNDLE)
    nothing = fwm.App(DEVICE_UDID, BUNDLE).trigger(unique_name=REFRESH)
    assert not nothing.ok and nothing.results[0].outcome == "not-scheduled" and nothing.exit_code == 1
    in_world.fake.submit_request(in_world.device, BUNDLE, REFRESH)
    report = fwm.App(DEVICE_UDID, BUNDLE).trigger(unique_name=REFRESH)
    assert report.ok and report.results[0].outcome == "accepted" and report.exit_code == 0


def test_the_simulator_raises_unsupported_and_run_now_is_simulated(in_world: IosWorld) -> None:
    app = fwm.App(SIM_UDID, BUNDLE)
    with pytest.raises(fwm.Unsupported, match="--run-now"):
        app.trigger(unique_name=REFRESH)
    in_world.fake.launch_app(in_world.sim, BUNDLE)
    in_world.fake.start_bridge(in_world.sim, BUNDLE)
    report = app.trigger(unique_name=REFRESH, run_now=True, wait=True)
    assert report.ok and report.results[0].outcome == "succeeded"
    assert "simulated run" in report.results[0].message


def test_register_and_cancel_through_the_bridge(in_world: IosWorld) -> None:
    in_world.fake.launch_app(in_world.device, BUNDLE)
    uri = in_world.fake.start_bridge(in_world.device, BUNDLE).uri()
    app = fwm.App(DEVICE_UDID, BUNDLE, vm_service=uri)
    registered = app.register(fwm.PeriodicTask(REFRESH, "refreshTask"))
    assert registered.ok, registered
    cancelled = app.cancel(unique_name=REFRESH)
    assert cancelled.ok and [t.unique_name for t in cancelled.cancelled] == [REFRESH]
    assert in_world.fake.pending_requests(in_world.device, BUNDLE) == []


def test_doctor_is_the_cli_document(in_world: IosWorld) -> None:
    report = fwm.App(SIM_UDID, BUNDLE).doctor()
    assert report.to_json() == in_world.fwm("doctor", "-s", SIM_UDID, "-a", BUNDLE, "--json").out.strip()


def test_inspect_reads_a_saved_suite(in_world: IosWorld, tmp_path: Path) -> None:
    suite = Path(in_world.fake.set_plugin_state(in_world.sim, BUNDLE, work_infos={
        REFRESH: {"state": "scheduled", "isPeriodic": True, "taskName": "refreshTask"}}))
    saved = tmp_path / "suite.plist"
    saved.write_bytes(suite.read_bytes())
    assert plistlib.loads(saved.read_bytes())  # a real binary plist
    listing = fwm.inspect([str(saved)])
    assert [t.unique_name for t in listing.tasks] == [REFRESH]
    cli = in_world.fwm("inspect", str(saved), "--json")
    assert cli.code == 0 and listing.to_json() == cli.out.strip()
    mixed = in_world.fwm("inspect", str(saved), str(Path(__file__)))
    assert mixed.code == 2 and "one platform at a time" in mixed.err
