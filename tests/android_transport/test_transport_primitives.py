"""fwm's adb client on its own: exec, forward, server version, and the legacy shell of devices without shell_v2."""

from __future__ import annotations

import socket
import threading

import fwm
from fwm import _core
from fwm.testing import ANDROID_6, ANDROID_14, AndroidRig


def test_server_version_is_41(rig3, in_rig):
    in_rig(rig3)
    assert _core.adb_server_version() == 41


def test_exec_is_binary_safe(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    payload = bytes(range(256)) * 4096 + b"\r\n\x00end"
    device.files["/data/local/tmp/blob"] = payload
    assert _core.adb_exec(device.serial, ["cat", "/data/local/tmp/blob"]) == payload
    assert device.received_services[-1] == "exec:cat /data/local/tmp/blob"


def test_exec_quotes_its_arguments(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    device.files["/data/it's here"] = b"ok"
    assert _core.adb_exec(device.serial, ["cat", "/data/it's here"]) == b"ok"


def test_forward_reaches_a_device_port_and_is_removed(rig1, in_rig):
    in_rig(rig1)
    device = rig1.devices[0]
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)

        def echo_once() -> None:
            conn, _ = server.accept()
            with conn:
                conn.sendall(conn.recv(1024).upper())

        thread = threading.Thread(target=echo_once)
        thread.start()
        device.map_port(8181, server.getsockname())
        port = _core.adb_forward(device.serial, "tcp:0", "tcp:8181")
        assert port > 0
        assert f"{device.serial} tcp:{port} tcp:8181" in _core.adb_list_forward()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as client:
            client.sendall(b"hello vm service")
            assert client.recv(1024) == b"HELLO VM SERVICE"
        thread.join(timeout=5)
        _core.adb_kill_forward(device.serial, f"tcp:{port}")
        assert f"tcp:{port}" not in _core.adb_list_forward()


def test_killing_an_unknown_forward_is_an_error(rig1, in_rig):
    in_rig(rig1)
    try:
        _core.adb_kill_forward(rig1.devices[0].serial, "tcp:1")
        raise AssertionError("no error")
    except fwm.Error as e:
        assert "tcp:1" in str(e)


def test_a_device_without_shell_v2_gets_exit_codes_and_clean_output(in_rig):
    with AndroidRig([ANDROID_6, ANDROID_14]) as rig:
        in_rig(rig)
        old = rig.devices[0]
        [device] = [d for d in fwm.devices() if d.serial == old.serial]
        assert device.sdk == "23" and device.release == "6.0"
        result = device.shell("echo", "line one\nline two")
        assert result.exit_code == 0
        assert result.stdout == b"line one\r\nline two\r\n"
        assert result.stderr == b""
        assert device.shell("false").exit_code == 1
        missing = device.shell("nosuchcommand", "it's")
        assert missing.exit_code == 127
        assert b"nosuchcommand: inaccessible or not found" in missing.stdout
        assert old.received_argv[-2:] == [["nosuchcommand", "it's"], ["printf", "\\nfwm-exit:%d\\n", "127"]]
        assert all(s.startswith("shell:") for s in old.received_services if "echo" in s)
