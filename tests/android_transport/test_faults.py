"""Deadlines, stalls, dropped connections, offline devices and a missing adb server."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import fwm
from rig_env import rig_env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_stalled_device_exits_4_within_its_deadline_naming_device_and_step(rig1, run_fwm):
    device = rig1.devices[0]
    run_fwm("shell", "-s", device.serial, "--", "true", env=rig_env(rig1))
    device.stall()
    try:
        started = time.monotonic()
        r = run_fwm("shell", "-s", device.serial, "--timeout", "2s", "--", "getprop", env=rig_env(rig1))
        elapsed = time.monotonic() - started
    finally:
        device.unstall()
    assert r.code == 4, r
    assert elapsed < 3.0
    assert device.serial in r.err
    assert "shell getprop" in r.err


def test_a_stalled_device_raises_timeout_in_python(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    fwm.shell("true", device=device.serial)
    device.stall()
    try:
        started = time.monotonic()
        try:
            fwm.shell("getprop", device=device.serial, timeout=__import__("datetime").timedelta(seconds=1))
            raise AssertionError("no timeout")
        except fwm.Timeout as e:
            assert e.device == device.serial
            assert e.step == "shell getprop"
            assert e.exit_code == 4
        assert time.monotonic() - started < 2.0
    finally:
        device.unstall()


def test_devices_reports_a_stalled_device_instead_of_hanging(rig3_stall, run_fwm):
    rig, stalled = rig3_stall
    started = time.monotonic()
    r = run_fwm("devices", "--json", "--timeout", "3s", env=rig_env(rig))
    assert time.monotonic() - started < 4.0
    assert r.code == 0, r
    entries = {d["serial"]: d for d in r.json()["devices"]}
    assert "did not answer" in entries[stalled.serial]["problem"]
    assert all("problem" not in e for s, e in entries.items() if s != stalled.serial)


def test_a_reply_dropped_midway_is_an_error_naming_the_device(rig1, run_fwm):
    device = rig1.devices[0]
    device.files["/data/big"] = b"x" * 200_000
    device.drop_next_reply(after_bytes=1000)
    r = run_fwm("shell", "-s", device.serial, "--", "cat", "/data/big", env=rig_env(rig1))
    assert r.code == 3, r
    assert device.serial in r.err and "shell cat" in r.err


def test_an_offline_device_exits_3(rig1, run_fwm):
    device = rig1.devices[0]
    device.go_offline()
    rig1.wait_for_state(device.serial, "offline")
    r = run_fwm("shell", "-s", device.serial, "--", "true", env=rig_env(rig1))
    assert r.code == 3, r
    assert "offline" in r.err
    r = run_fwm("devices", "--json", env=rig_env(rig1))
    assert [d["state"] for d in r.json()["devices"]] == ["offline"]


def test_no_server_and_none_startable_exits_7(run_fwm, tmp_path):
    env = {"PATH": str(tmp_path), "ANDROID_ADB_SERVER_PORT": str(_free_port()), "HOME": str(tmp_path)}
    r = run_fwm("devices", env=env)
    assert r.code == 7, r
    assert "no adb server answers" in r.err and "install" in r.err


def test_no_server_is_started_like_adb_does(run_fwm, tmp_path):
    port = _free_port()
    env = dict(os.environ, ANDROID_ADB_SERVER_PORT=str(port))
    try:
        r = run_fwm("devices", "--json", env=env)
        assert r.code == 0, r
        assert r.json()["devices"] == []
    finally:
        subprocess.run(["adb", "-P", str(port), "kill-server"], env=env, capture_output=True, timeout=20)


def test_a_bad_server_port_variable_exits_7(run_fwm):
    r = run_fwm("devices", env=dict(os.environ, ANDROID_ADB_SERVER_PORT="not-a-port"))
    assert r.code == 7
    assert "ANDROID_ADB_SERVER_PORT" in r.err


def test_adb_server_socket_is_honoured(rig3, run_fwm):
    env = rig_env(rig3)
    env["ADB_SERVER_SOCKET"] = f"tcp:127.0.0.1:{rig3.adb_port}"
    env["ANDROID_ADB_SERVER_PORT"] = str(_free_port())
    r = run_fwm("devices", "--json", env=env)
    assert r.code == 0, r
    assert len(r.json()["devices"]) == 3


def test_ctrl_c_stops_a_stalled_step_at_once(rig1, fwm_exe):
    import signal
    device = rig1.devices[0]
    subprocess.run([fwm_exe, "shell", "-s", device.serial, "--", "true"], env=rig_env(rig1), timeout=30)
    device.stall()
    try:
        proc = subprocess.Popen([fwm_exe, "shell", "-s", device.serial, "--", "getprop"], env=rig_env(rig1),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(0.5)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - sent < 1.0
    finally:
        device.unstall()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "shell getprop" in err


def test_ctrl_c_ends_watch_cleanly(rig1, fwm_exe):
    import signal
    proc = subprocess.Popen([fwm_exe, "devices", "--watch", "--json"], env=rig_env(rig1), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert '"devices"' in proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=10)
    assert proc.returncode == 0


def test_ctrl_c_in_python_raises_keyboard_interrupt(rig1):
    import signal
    import sys
    device = rig1.devices[0]
    fwm_env = rig_env(rig1)
    subprocess.run([sys.executable, "-c", f"import fwm; fwm.shell('true', device='{device.serial}')"], env=fwm_env,
                   check=True, timeout=30)
    device.stall()
    try:
        code = ("import fwm, sys\n"
                "print('ready', flush=True)\n"
                "try:\n"
                f"    fwm.shell('getprop', device='{device.serial}')\n"
                "except KeyboardInterrupt as e:\n"
                "    print('interrupted:', e, flush=True)\n"
                "    sys.exit(7)\n")
        proc = subprocess.Popen([sys.executable, "-c", code], env=fwm_env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert time.monotonic() - sent < 1.0
    finally:
        device.unstall()
    assert proc.returncode == 7, out + err
    assert "shell getprop" in out
