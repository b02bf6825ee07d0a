"""The xcrun runner (fwm._core.ios_*): finding xcrun, simctl errors, devicectl through a temp file, deadlines."""

from __future__ import annotations

import json
import os

import pytest

import fwm.errors
import fwm._core as core
from ios_world import BUNDLE, DEVICE_ID, World


def test_find_explicit_developer_dir_and_path(world: World, monkeypatch, tmp_path):
    assert core.ios_find_xcrun(world.fake.path) == world.fake.path
    developer = tmp_path / "Xcode.app" / "Contents" / "Developer"
    (developer / "usr" / "bin").mkdir(parents=True)
    os.symlink(world.fake.path, developer / "usr" / "bin" / "xcrun")
    monkeypatch.setenv("DEVELOPER_DIR", str(developer))
    assert core.ios_find_xcrun() == str(developer / "usr" / "bin" / "xcrun")
    monkeypatch.delenv("DEVELOPER_DIR")
    monkeypatch.setenv("PATH", world.fake.bin_dir)
    assert core.ios_find_xcrun() == world.fake.path


def test_missing_xcrun_says_what_is_needed(monkeypatch, tmp_path):
    monkeypatch.delenv("DEVELOPER_DIR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(fwm.errors.HostToolMissing, match="macOS with Xcode.*--xcrun PATH"):
        core.ios_find_xcrun()
    with pytest.raises(fwm.errors.HostToolMissing, match=str(tmp_path)):
        core.ios_find_xcrun(str(tmp_path / "xcrun"))


def test_run_and_simctl(world: World):
    code, out, err = core.ios_run_xcrun(world.fake.path, ["simctl", "terminate", world.sim, BUNDLE], 10_000)
    assert code == 3 and b"found nothing to terminate" in err
    with pytest.raises(fwm.errors.OperationFailed, match="found nothing to terminate") as raised:
        core.ios_simctl(world.fake.path, ["terminate", world.sim, BUNDLE], 10_000)
    assert raised.value.step == "xcrun simctl terminate"
    with pytest.raises(fwm.errors.DeviceNotFound, match="Invalid device"):
        core.ios_simctl(world.fake.path, ["listapps", "nope"], 10_000)
    listing = core.ios_simctl(world.fake.path, ["list", "devices", "-j"], 10_000)
    assert json.loads(core.ios_parse_simctl_devices(listing))[0]["udid"] == world.sim


def test_devicectl_reads_the_json_file_not_stdout(world: World):
    result = json.loads(core.ios_devicectl(world.fake.path, ["list", "devices"], 10_000))
    assert result["devices"][0]["identifier"] == DEVICE_ID
    argv = world.fake.invocations[-1]
    assert argv[:3] == ["devicectl", "list", "devices"] and argv[3] == "--json-output"
    assert not os.path.exists(argv[4]), "the private temporary file is removed"


def test_devicectl_failure_raises_the_envelope_error(world: World):
    world.fake.set_device(world.device, reachable=False)
    with pytest.raises(fwm.errors.DeviceNotFound, match="Transport error.*reported as: Internal logic error: Connection was invalidated") as raised:
        core.ios_devicectl(world.fake.path, ["device", "info", "apps", "--device", DEVICE_ID], 10_000)
    assert raised.value.step == "devicectl devicectl.device.info.apps"


def test_devicectl_without_json_is_a_host_tool_error(world: World):
    with pytest.raises(fwm.errors.HostToolMissing, match="wrote no JSON.*REFUSED"):
        core.ios_devicectl(world.fake.path, ["device", "install", "app", "--device", DEVICE_ID, "x.app"], 10_000)


def test_deadline_kills_a_stalled_xcrun(world: World):
    world.fake.configure(stream_hold_seconds=30)
    with pytest.raises(fwm.errors.Timeout) as raised:
        core.ios_run_xcrun(world.fake.path, ["simctl", "spawn", world.sim, "log", "stream", "--style", "ndjson"], 400)
    assert raised.value.step == "xcrun simctl spawn"
