"""`fwm devices` and device selection against Debian's adb server and emulated devices."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

import fwm
from rig_env import rig_env


def test_devices_json_lists_all_three_with_model_release_and_sdk(rig3, run_fwm):
    r = run_fwm("devices", "--json", env=rig_env(rig3))
    assert r.code == 0, r
    doc = r.json()
    assert doc["schema"] == "fwm/1"
    by_serial = {d["serial"]: d for d in doc["devices"]}
    assert set(by_serial) == {d.serial for d in rig3.devices}
    for device in rig3.devices:
        entry = by_serial[device.serial]
        assert entry["state"] == "device"
        assert entry["platform"] == "android"
        assert entry["model"] == device.profile.model
        assert entry["release"] == device.profile.release
        assert entry["sdk"] == device.profile.sdk
        assert entry["product"] == device.profile.product
        assert entry["manufacturer"] == device.profile.manufacturer
        assert entry["transportId"].isdigit()
        assert "problem" not in entry


def test_devices_reads_properties_in_one_round_trip_per_device(rig3, run_fwm):
    for d in rig3.devices:
        d.clear_records()
    assert run_fwm("devices", env=rig_env(rig3)).code == 0
    for d in rig3.devices:
        assert d.received_argv == [["getprop"]]


def test_devices_human_table(rig3, run_fwm):
    r = run_fwm("devices", env=rig_env(rig3))
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split() == ["SERIAL", "STATE", "MODEL", "RELEASE", "SDK", "PRODUCT"]
    for device in rig3.devices:
        assert any(line.startswith(device.serial) and device.profile.release in line for line in lines)


def test_python_devices_matches_the_cli(rig3, run_fwm, in_rig):
    in_rig(rig3)
    cli = run_fwm("devices", "--json", env=rig_env(rig3)).out.strip()
    assert json.loads(fwm.devices_json()) == json.loads(cli)
    devices = fwm.devices()
    assert sorted(d.serial for d in devices) == sorted(d.serial for d in rig3.devices)
    assert all(d.state == "device" and d.sdk for d in devices)


def test_watch_reports_a_stopped_device_within_2_seconds(run_fwm, fwm_exe):
    from fwm.testing import ANDROID_14, AndroidRig
    with AndroidRig([ANDROID_14, ANDROID_14, ANDROID_14]) as rig:
        victim = rig.devices[1]
        proc = subprocess.Popen([fwm_exe, "devices", "--watch", "--json", "--timeout", "20s"], env=rig_env(rig),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None
            first = json.loads(proc.stdout.readline())
            assert sorted(d["serial"] for d in first["devices"]) == sorted(d.serial for d in rig.devices)
            assert all(d["state"] == "device" for d in first["devices"])
            stopped_at = time.monotonic()
            victim.stop()
            while True:
                doc = json.loads(proc.stdout.readline())
                states = {d["serial"]: d["state"] for d in doc["devices"]}
                if states.get(victim.serial, "gone") != "device":
                    break
            assert time.monotonic() - stopped_at < 2.0
            assert all(states[d.serial] == "device" for d in rig.devices if d is not victim)
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_watch_ends_at_its_timeout(rig3, run_fwm):
    started = time.monotonic()
    r = run_fwm("devices", "--watch", "--json", "--timeout", "1s", env=rig_env(rig3))
    assert r.code == 0
    assert 0.9 < time.monotonic() - started < 5
    assert len(json.loads(r.out.splitlines()[0])["devices"]) == 3


def test_several_devices_and_no_choice_exits_3_listing_them(rig3, run_fwm):
    r = run_fwm("shell", "--", "true", env=rig_env(rig3))
    assert r.code == 3
    assert "several devices" in r.err
    for device in rig3.devices:
        assert device.serial in r.err


def test_android_serial_is_honoured(rig3, run_fwm):
    target = rig3.devices[2]
    env = dict(rig_env(rig3), ANDROID_SERIAL=target.serial)
    r = run_fwm("shell", "--json", "--", "getprop", "ro.build.version.sdk", env=env)
    assert r.code == 0, r
    assert r.json()["serial"] == target.serial
    assert r.json()["stdout"].strip() == target.profile.sdk


def test_dash_s_beats_android_serial(rig3, run_fwm):
    env = dict(rig_env(rig3), ANDROID_SERIAL=rig3.devices[0].serial)
    r = run_fwm("shell", "-s", rig3.devices[1].serial, "--json", "--", "true", env=env)
    assert r.json()["serial"] == rig3.devices[1].serial


def test_a_device_can_be_chosen_by_model(rig3, run_fwm):
    target = rig3.devices[1]
    r = run_fwm("shell", "-s", target.profile.model.upper(), "--json", "--", "true", env=rig_env(rig3))
    assert r.code == 0, r
    assert r.json()["serial"] == target.serial


@pytest.mark.parametrize("serial", ["127.0.0.1:1", "emulator-5554", "no such device"])
def test_an_unknown_device_exits_3(rig3, run_fwm, serial):
    r = run_fwm("shell", "-s", serial, "--", "true", env=rig_env(rig3))
    assert r.code == 3
    assert serial in r.err
    assert rig3.devices[0].serial in r.err


def test_json_errors_name_kind_and_code(rig3, run_fwm):
    r = run_fwm("shell", "--json", "-s", "nope", "--", "true", env=rig_env(rig3))
    assert r.code == 3
    error = r.json()["error"]
    assert error["kind"] == "device" and error["exitCode"] == 3 and error["device"] == "nope"
