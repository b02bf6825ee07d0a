"""`python -m fwm.testing android`: started in the background, used, and stopped like a script would."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator, List

import pytest

pytestmark = pytest.mark.skipif(shutil.which("adb") is None, reason="Debian's adb is not installed")

@pytest.fixture
def start() -> Iterator[Callable[..., "subprocess.Popen[bytes]"]]:
    """Start `python -m fwm.testing ARGS`; whatever is still running at the end gets SIGTERM."""
    processes: List["subprocess.Popen[bytes]"] = []

    def run(args: List[str], **kwargs) -> "subprocess.Popen[bytes]":
        processes.append(subprocess.Popen([sys.executable, "-m", "fwm.testing", *args], stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, **kwargs))
        return processes[-1]

    yield run
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def wait_for(path: Path, process: "subprocess.Popen[bytes]") -> List[str]:
    deadline = time.monotonic() + 20
    while not path.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the rig did not write its ready file within 20 s"
        time.sleep(0.02)
    return path.read_text().splitlines()


def port_is_closed(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


def test_help() -> None:
    result = subprocess.run([sys.executable, "-m", "fwm.testing", "android", "--help"], capture_output=True,
                            timeout=20)
    assert result.returncode == 0
    assert b"--ready-file" in result.stdout and b"ANDROID_ADB_SERVER_PORT" in result.stdout


def test_ready_file_then_stdin_eof_stops_it(start, tmp_path: Path) -> None:
    ready = tmp_path / "rig.txt"
    process = start(["android", "--devices", "2", "--profile", "android11", "--ready-file", str(ready)],
                    stdin=subprocess.PIPE)
    lines = wait_for(ready, process)
    assert len(lines) == 3 and lines[2].startswith("ANDROID_ADB_SERVER_PORT=")
    port = lines[2].split("=", 1)[1]
    listing = subprocess.run(["adb", "-P", port, "devices", "-l"], capture_output=True, timeout=10).stdout.decode()
    for serial in lines[:2]:
        assert f"{serial:<22} device product:sdk_gphone_x86 " in listing
    assert process.stdin is not None and process.stdout is not None
    process.stdin.close()
    assert process.wait(timeout=20) == 0
    assert process.stdout.read().decode().splitlines() == lines
    assert not ready.exists()
    assert port_is_closed(int(port))


def test_sigterm_stops_it_when_stdin_is_dev_null(start, tmp_path: Path) -> None:
    ready = tmp_path / "rig.txt"
    process = start(["android", "--ready-file", str(ready)], stdin=subprocess.DEVNULL)
    port = int(wait_for(ready, process)[-1].split("=", 1)[1])
    time.sleep(0.2)
    assert process.poll() is None
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=20)
    assert process.returncode == 0
    assert port_is_closed(port)


def test_refuses_the_default_adb_port(start) -> None:
    process = start(["android", "--adb-port", "5037"], stdin=subprocess.DEVNULL)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 1
    assert b"5037" in stderr
