"""Debian's adb server, as the rig runs it, still answers as tests/fixtures/android/adb-server-replies.observed.txt
records: the replies fwm's adb client is written against (reference/android-adb-workmanager.md §6a)."""

from __future__ import annotations

import re
import socket
from typing import Dict, Iterator, List

import pytest

from fixture_files import ANDROID_FIXTURES
from fwm.testing import ANDROID_14, AndroidRig, EmulatedDevice

OBSERVED = ANDROID_FIXTURES / "adb-server-replies.observed.txt"
# Requests whose reply does not depend on the serial, the port or the features of the device.
SERIAL_FREE = ("host:version", "host:nosuchthing", "host-serial:nosuch:get-state", "host:transport:nosuch")


def observed_replies() -> Dict[str, List[str]]:
    """Each request of the fixture with its reply words (OKAY/FAIL, lengths, quoted payloads)."""
    replies: Dict[str, List[str]] = {}
    for line in OBSERVED.read_text().splitlines():
        request, _, reply = line.partition("->")
        request = re.sub(r"^[0-9a-f]{4}(?=host)", "", request.strip())
        reply = re.sub(r"\s+\(.*\)\s*$", "", reply.strip())
        replies[request] = re.findall(r'"[^"]*"|\S+', reply)
    return replies


def ask(port: int, request: str) -> List[str]:
    """One smart-socket request, its reply as the fixture writes it: status, hex length, quoted payload."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"%04x" % len(request) + request.encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    words = [data[:4].decode()]
    length = int(data[4:8], 16)
    words.append(data[4:8].decode())
    payload = data[8:8 + length].decode()
    words.append(payload if request == "host:version" else f'"{payload}"')
    return words


@pytest.fixture(scope="module")
def rig() -> Iterator[AndroidRig]:
    with AndroidRig([ANDROID_14]) as started:
        yield started


@pytest.mark.parametrize("request_text", SERIAL_FREE)
def test_server_replies_as_observed(rig: AndroidRig, request_text: str) -> None:
    assert ask(rig.adb_port, request_text) == observed_replies()[request_text]


def test_devices_l_line_has_the_observed_layout(rig: AndroidRig) -> None:
    device: EmulatedDevice = rig.devices[0]
    observed = observed_replies()["host:devices-l"][2].strip('"').rstrip("\\n")
    live = ask(rig.adb_port, "host:devices-l")[2].strip('"').splitlines()[0]
    pattern = r"^(\S+) +device product:\S+ model:\S+ device:\S+ transport_id:\d+$"
    assert re.match(pattern, observed) and re.match(pattern, live), (observed, live)
    assert live.index("device") == observed.index("device") == 23, "the serial is padded to 22 columns"
    assert live.startswith(device.serial)
