"""One operation on many devices: --all-devices and repeated -s in the CLI, fwm.fan_out in Python."""

from __future__ import annotations

import json
from typing import Iterator, List

import pytest

import fwm
from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.sample_apps import sample_app
from rig_env import rig_env


@pytest.fixture(scope="module")
def rig16() -> Iterator[AndroidRig]:
    """Sixteen emulated devices, each with the sample app."""
    with AndroidRig([ANDROID_14] * 16) as rig:
        for device in rig.devices:
            sample_app(device=device)
        yield rig


def test_list_on_16_devices_prints_16_lines(rig16, run_fwm):
    r = run_fwm("list", "-a", "com.example.app", "--all-devices", "--json", env=rig_env(rig16))
    assert r.code == 0, r.err
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert len(lines) == 16
    assert sorted(d["device"]["serial"] for d in lines) == sorted(d.serial for d in rig16.devices)
    assert all(len(d["tasks"]) == 5 for d in lines)


def test_no_progress_output_when_piped(rig16, run_fwm):
    r = run_fwm("list", "-a", "com.example.app", "--all-devices", env=rig_env(rig16))
    assert r.code == 0
    assert "devices done" not in r.err
    assert r.out.count("== 127.0.0.1:") == 16


def test_each_device_reports_its_own_result_and_the_worst_code_wins(rig16, run_fwm):
    good = [d.serial for d in rig16.devices[:2]]
    r = run_fwm("list", "-a", "com.example.app", "-s", good[0], "-s", "127.0.0.1:1", "-s", good[1], "--json",
                env=rig_env(rig16))
    assert r.code == 3, r
    assert "127.0.0.1:1" in r.err or "127.0.0.1:1" in r.out


def test_a_failing_device_does_not_hide_the_others(rig16, run_fwm):
    victim = rig16.devices[3]
    victim.stall()
    try:
        r = run_fwm("list", "-a", "com.example.app", "--all-devices", "--json", "--timeout", "3s", env=rig_env(rig16))
    finally:
        victim.unstall()
    assert r.code == 4, r
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert len(lines) == 16
    errors = [d for d in lines if "error" in d]
    assert len(errors) == 1 and errors[0]["error"]["device"] == victim.serial
    assert errors[0]["error"]["kind"] == "timeout"


def test_shell_on_several_devices(rig16, run_fwm):
    serials = [d.serial for d in rig16.devices[:3]]
    args: List[str] = []
    for s in serials:
        args += ["-s", s]
    r = run_fwm("shell", *args, "--json", "--", "getprop", "ro.build.version.sdk", env=rig_env(rig16))
    assert r.code == 0
    assert [json.loads(line)["serial"] for line in r.out.splitlines()] == serials


def test_python_fan_out(rig16, monkeypatch):
    for k, v in rig16.env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    devices = fwm.devices()
    results = fwm.fan_out(devices, lambda d: d.app("com.example.app").tasks(), max_workers=16)
    assert len(results) == 16 and all(r.ok for r in results)
    assert all(len(r.value or []) == 5 for r in results)
    failing = fwm.fan_out(devices[:2], lambda d: d.app("com.example.missing").tasks())
    assert all(isinstance(r.error, fwm.OperationFailed) for r in failing)
