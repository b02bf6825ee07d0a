"""Listing devices and running device commands talk to the adb server's socket: no adb process is spawned."""

from __future__ import annotations

import os
import shutil
import stat

import fwm
from rig_env import rig_env


def _spy_adb(tmp_path) -> tuple:
    """A folder holding an `adb` that logs every invocation and then runs the real one."""
    real = shutil.which("adb")
    assert real
    log = tmp_path / "adb-invocations.log"
    spy = tmp_path / "bin" / "adb"
    spy.parent.mkdir()
    spy.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{real}" "$@"\n')
    spy.chmod(spy.stat().st_mode | stat.S_IEXEC)
    return spy.parent, log


def test_cli_devices_and_shell_spawn_no_adb(rig3, run_fwm, tmp_path):
    bin_dir, log = _spy_adb(tmp_path)
    env = rig_env(rig3)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    assert run_fwm("devices", "--json", env=env).code == 0
    assert run_fwm("devices", "--watch", "--timeout", "1s", env=env).code == 0
    for device in rig3.devices:
        r = run_fwm("shell", "-s", device.serial, "--", "getprop", "ro.build.version.sdk", env=env)
        assert r.code == 0 and r.out.strip() == device.profile.sdk
    assert not log.exists(), log.read_text()


def test_python_devices_and_shell_spawn_no_adb(rig3, in_rig, tmp_path, monkeypatch):
    in_rig(rig3)
    bin_dir, log = _spy_adb(tmp_path)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    for device in fwm.devices():
        assert device.shell("true").exit_code == 0
    assert not log.exists()


def test_the_spy_does_see_a_server_start(run_fwm, tmp_path):
    """The spy works: where no server answers, fwm starts one with adb, and the spy logs it."""
    import socket
    import subprocess
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bin_dir, log = _spy_adb(tmp_path)
    env = dict(os.environ, ANDROID_ADB_SERVER_PORT=str(port), PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    try:
        assert run_fwm("devices", env=env).code == 0
        assert log.read_text().split() == ["-P", str(port), "start-server"]
    finally:
        subprocess.run(["adb", "-P", str(port), "kill-server"], capture_output=True, timeout=20)
