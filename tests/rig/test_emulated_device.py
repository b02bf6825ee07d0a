"""EmulatedDevice and AndroidRig end to end, through Debian's real adb server and adb CLI."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from typing import Iterator, List, Tuple

import pytest

from fwm.testing import ANDROID_8, ANDROID_14, ANDROID_15, AndroidRig, EmulatedDevice

pytestmark = pytest.mark.skipif(shutil.which("adb") is None, reason="Debian's adb is not installed")


@pytest.fixture(scope="module")
def rig() -> Iterator[AndroidRig]:
    with AndroidRig([ANDROID_8, ANDROID_14, ANDROID_15]) as started:
        yield started


@pytest.fixture
def device(rig: AndroidRig) -> Iterator[EmulatedDevice]:
    """A device of its own for tests that change state or break the connection."""
    added = rig.add_device(ANDROID_14)
    yield added
    added.stop()
    if added in rig.devices:
        rig.remove_device(added)


def shell(rig: AndroidRig, dev: EmulatedDevice, *args: str, **kwargs) -> "subprocess.CompletedProcess[bytes]":
    return rig.adb("-s", dev.serial, "shell", *args, **kwargs)


def smart_socket(rig: AndroidRig, serial: str, service: str) -> bytes:
    """Talk to the adb server directly: switch to the device, open `service`, read to EOF."""
    with socket.create_connection(("127.0.0.1", rig.adb_port), timeout=10) as sock:
        for request in (f"host:transport:{serial}", service):
            sock.sendall(b"%04x" % len(request) + request.encode())
            status = sock.recv(4)
            if status != b"OKAY":
                return status + sock.recv(1024)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return data
            data += chunk


def test_shell_echo_records_service_and_argv(rig: AndroidRig, device: EmulatedDevice) -> None:
    result = shell(rig, device, "echo", "hi")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"hi\n", b"")
    assert device.received_services == ["shell,v2,TERM=xterm,raw:echo hi"]
    assert device.received_argv == [["echo", "hi"]]
    device.clear_records()
    assert device.received_services == [] and device.received_argv == []


def test_quoting_reaches_the_device_shell_exactly(rig: AndroidRig, device: EmulatedDevice) -> None:
    result = shell(rig, device, "echo 'a  b' \"c'd\" e\\ f '$(reboot)'; echo $?")
    assert result.stdout == b"a  b c'd e f $(reboot)\n0\n"
    assert device.received_argv == [["echo", "a  b", "c'd", "e f", "$(reboot)"], ["echo", "0"]]


def test_unsupported_construct_fails_loudly(rig: AndroidRig, device: EmulatedDevice) -> None:
    result = shell(rig, device, "echo $(id)")
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.startswith(b"/system/bin/sh: unsupported by the emulated shell: command substitution")


@pytest.mark.parametrize("command, status", [("exit 3", 3), ("false", 1), ("true", 0), ("exit 300", 44),
                                             ("false; exit", 1), ("echo 'a", 1)])
def test_exit_status_reaches_the_adb_cli(rig: AndroidRig, command: str, status: int) -> None:
    assert shell(rig, rig.devices[0], command).returncode == status


def test_stderr_is_separate_and_unknown_command_is_127(rig: AndroidRig) -> None:
    result = shell(rig, rig.devices[1], "echo out; nosuch --flag")
    assert result.returncode == 127
    assert result.stdout == b"out\n"
    assert result.stderr == b"/system/bin/sh: nosuch: inaccessible or not found\n"


def test_cat_missing_file(rig: AndroidRig) -> None:
    result = shell(rig, rig.devices[1], "cat /data/none")
    assert (result.returncode, result.stdout, result.stderr) == (1, b"", b"cat: /data/none: No such file or directory\n")


def test_getprop_forms(rig: AndroidRig) -> None:
    dev = rig.devices[0]
    assert shell(rig, dev, "getprop ro.build.version.sdk").stdout == b"26\n"
    assert shell(rig, dev, "getprop no.such.prop").stdout == b"\n"
    assert shell(rig, dev, "getprop no.such.prop fallback").stdout == b"fallback\n"
    lines = shell(rig, dev, "getprop").stdout.decode().splitlines()
    assert lines == sorted(lines)
    assert "[ro.build.version.release]: [8.0.0]" in lines


def test_stdin_reaches_the_command(rig: AndroidRig) -> None:
    data = os.urandom(2 * 1024 * 1024)
    result = subprocess.run(rig.adb_argv("-s", rig.devices[1].serial, "shell", "cat"), env=rig.env(),
                            input=data, capture_output=True, timeout=10)
    assert (result.returncode, result.stdout) == (0, data)


def test_pty_shell_turns_newlines_into_crlf(rig: AndroidRig) -> None:
    result = smart_socket(rig, rig.devices[1].serial, "shell,v2,TERM=xterm,pty:echo a; nosuch")
    assert result == (b"\x01\x03\x00\x00\x00a\r\n"
                      b"\x01\x33\x00\x00\x00/system/bin/sh: nosuch: inaccessible or not found\r\n"
                      b"\x03\x01\x00\x00\x00\x7f")


def test_legacy_shell_mixes_stdout_and_stderr_without_exit_status(rig: AndroidRig) -> None:
    result = smart_socket(rig, rig.devices[1].serial, "shell:echo a; nosuch")
    assert result == b"a\n/system/bin/sh: nosuch: inaccessible or not found\n"


def test_unknown_service_is_refused(rig: AndroidRig) -> None:
    assert smart_socket(rig, rig.devices[1].serial, "nosuchservice:") == b"FAIL0006closed"


def test_exec_out_is_binary_safe(rig: AndroidRig) -> None:
    dev = rig.devices[2]
    dev.files["/data/local/tmp/bytes"] = bytes(range(256))
    dev.files["/data/local/tmp/big"] = os.urandom(3 * 1024 * 1024 + 17)
    for path in ("/data/local/tmp/bytes", "/data/local/tmp/big"):
        result = rig.adb("-s", dev.serial, "exec-out", "cat", path)
        assert result.returncode == 0
        assert result.stdout == dev.files[path]
    assert dev.received_services[-1] == "exec:cat '/data/local/tmp/big'"


def test_large_output_over_shell_v2(rig: AndroidRig) -> None:
    dev = rig.devices[2]
    dev.files["/data/local/tmp/big2"] = os.urandom(2 * 1024 * 1024 + 5)
    assert shell(rig, dev, "cat /data/local/tmp/big2").stdout == dev.files["/data/local/tmp/big2"]


class EchoServer:
    """A TCP echo server on 127.0.0.1 that serves each connection on its own thread."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.address: Tuple[str, int] = self.sock.getsockname()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._echo, args=(conn,), daemon=True).start()

    @staticmethod
    def _echo(conn: socket.socket) -> None:
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)


def test_forward_reaches_a_mapped_device_port(rig: AndroidRig, device: EmulatedDevice) -> None:
    echo = EchoServer()
    device.map_port(8181, echo.address)
    result = rig.adb("-s", device.serial, "forward", "tcp:0", "tcp:8181")
    assert result.returncode == 0, result
    host_port = int(result.stdout)
    payload = os.urandom(8 * 1024 * 1024)
    with socket.create_connection(("127.0.0.1", host_port), timeout=10) as conn:
        sender = threading.Thread(target=conn.sendall, args=(payload,))
        sender.start()
        received = bytearray()
        while len(received) < len(payload):
            received += conn.recv(1 << 20)
        sender.join()
    assert received == payload
    assert "tcp:8181" in device.received_services
    rig.adb("-s", device.serial, "forward", "--remove-all")
    echo.sock.close()


def test_forward_to_an_unmapped_port_is_closed_at_once(rig: AndroidRig, device: EmulatedDevice) -> None:
    echo = EchoServer()
    device.map_port(9999, echo.address)
    device.unmap_port(9999)
    echo.sock.close()
    host_port = int(rig.adb("-s", device.serial, "forward", "tcp:0", "tcp:9999").stdout)
    with socket.create_connection(("127.0.0.1", host_port), timeout=10) as conn:
        assert conn.recv(10) == b""
    rig.adb("-s", device.serial, "forward", "--remove-all")


def test_three_devices_listed_with_their_profiles(rig: AndroidRig) -> None:
    listing = rig.adb("devices", "-l").stdout.decode()
    for dev, expected in zip(rig.devices, [
        "product:sdk_gphone_x86 model:Android_SDK_built_for_x86 device:generic_x86",
        "product:sdk_gphone64_x86_64 model:sdk_gphone64_x86_64 device:emu64xa",
        "product:husky model:Pixel_8_Pro device:husky",
    ]):
        line = next(line for line in listing.splitlines() if line.startswith(dev.serial + " "))
        assert f" device {expected} transport_id:" in line


def test_sixteen_devices_at_once() -> None:
    with AndroidRig([ANDROID_14] * 16) as many:
        states = many.device_states()
        assert sorted(states) == sorted(dev.serial for dev in many.devices)
        assert set(states.values()) == {"device"}
        results: List[bytes] = [b""] * 16

        def run(index: int) -> None:
            results[index] = many.adb("-s", many.devices[index].serial, "shell", f"echo {index}").stdout

        threads = [threading.Thread(target=run, args=(index,)) for index in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == [f"{index}\n".encode() for index in range(16)]
        port = many.adb_port
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_many_streams_at_once_on_one_device(rig: AndroidRig, device: EmulatedDevice) -> None:
    results: List[bytes] = [b""] * 12

    def run(index: int) -> None:
        results[index] = shell(rig, device, f"sleep 0.3; echo {index}").stdout

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(index,)) for index in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [f"{index}\n".encode() for index in range(12)]
    assert time.monotonic() - started < 3


def test_going_offline_ends_a_running_command(rig: AndroidRig, device: EmulatedDevice) -> None:
    results: List["subprocess.CompletedProcess[bytes]"] = []
    thread = threading.Thread(target=lambda: results.append(shell(rig, device, "echo started; sleep 30")))
    started = time.monotonic()
    thread.start()
    time.sleep(0.3)
    device.go_offline()
    thread.join()
    # No exit packet arrives; adb 29.0.6's CLI then exits 0 with what it got.
    assert (results[0].returncode, results[0].stdout) == (0, b"started\n")
    assert time.monotonic() - started < 5


def test_stalled_device_answers_nothing(rig: AndroidRig, device: EmulatedDevice) -> None:
    device.stall()
    argv = ["timeout", "0.5", *rig.adb_argv("-s", device.serial, "shell", "true")]
    result = subprocess.run(argv, env=rig.env(), capture_output=True, timeout=10)
    assert (result.returncode, result.stdout) == (124, b"")
    assert rig.device_states()[device.serial] == "device"
    device.unstall()
    assert shell(rig, device, "echo back").stdout == b"back\n"


def test_drop_mid_reply_cuts_output_and_connection(rig: AndroidRig, device: EmulatedDevice) -> None:
    device.drop_next_reply(after_bytes=5 + len("hello world\n"))
    result = shell(rig, device, "echo hello world; exit 5")
    # The stdout packet arrived, the exit packet did not; adb 29.0.6's CLI then exits 0, not 5.
    assert (result.stdout, result.returncode) == (b"hello world\n", 0)
    rig.wait_for_state(device.serial, "device")
    device.drop_next_reply(after_bytes=5)
    assert rig.adb("-s", device.serial, "exec-out", "echo hello world").stdout == b"hello"
    rig.wait_for_state(device.serial, "device")
    assert shell(rig, device, "exit 5").returncode == 5


def test_go_offline_and_back(rig: AndroidRig, device: EmulatedDevice) -> None:
    device.go_offline()
    rig.wait_for_state(device.serial, "offline", timeout=2)
    result = shell(rig, device, "true")
    assert (result.returncode, result.stderr) == (1, b"error: device offline\n")
    assert rig.adb("connect", device.serial).stdout.startswith(b"failed to connect to")
    device.go_online()
    started = time.monotonic()
    rig.connect(device)
    assert time.monotonic() - started < 2
    assert shell(rig, device, "echo again").stdout == b"again\n"


def test_remove_device(rig: AndroidRig, device: EmulatedDevice) -> None:
    rig.remove_device(device)
    assert device.serial not in rig.device_states()
    assert device not in rig.devices
