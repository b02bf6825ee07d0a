"""Attached devices and commands on them, through the same C++ library as `fwm devices` and `fwm shell`.

Example::

    import fwm

    for device in fwm.devices():          # Android devices, and iOS simulators/devices where xcrun is found
        print(device.platform, device.id, device.state, device.model or device.name, device.release)
    result = fwm.devices()[0].shell("getprop", "ro.build.version.sdk")
    print(result.stdout.decode().strip(), result.exit_code)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable, Dict, List, Optional

from . import _core
from .results import CliDocument, ExitCoded
from .apps import App


def _timeout_ms(timeout: Optional[timedelta]) -> Optional[int]:
    return None if timeout is None else timeout // timedelta(milliseconds=1)


@dataclass(frozen=True)
class ShellResult(CliDocument, ExitCoded):
    """A device command's outcome: stdout and stderr as bytes and the exit code."""

    serial: str
    argv: List[str]
    stdout: bytes
    stderr: bytes
    exit_code: int
    _document: str = field(default="", repr=False)


@dataclass(frozen=True)
class Device:
    """One attached device as ``fwm devices`` lists it; fields a device did not report are "".
    ``id`` is the Android serial or the iOS UDID (``serial`` is set on Android only, ``udid`` on iOS);
    ``kind`` is "simulator" or "device" on iOS."""

    platform: str
    id: str
    state: str
    serial: str = ""
    udid: str = ""
    kind: str = ""
    name: str = ""
    identifier: str = ""
    connection: str = ""
    os: str = ""
    runtime: str = ""
    model: str = ""
    product: str = ""
    device: str = ""
    manufacturer: str = ""
    release: str = ""
    sdk: str = ""
    transport_id: str = ""
    problem: str = ""

    @classmethod
    def _from_json(cls, data: Dict[str, Any]) -> "Device":
        return cls(platform=data.get("platform", ""), id=data.get("id", ""), state=data.get("state", ""),
                   serial=data.get("serial", ""), udid=data.get("udid", ""), kind=data.get("kind", ""),
                   name=data.get("name", ""), identifier=data.get("identifier", ""),
                   connection=data.get("connection", ""), os=data.get("os", ""), runtime=data.get("runtime", ""),
                   model=data.get("model", ""), product=data.get("product", ""), device=data.get("device", ""),
                   manufacturer=data.get("manufacturer", ""), release=data.get("release", ""),
                   sdk=data.get("sdk", ""), transport_id=data.get("transportId", ""), problem=data.get("problem", ""))

    def app(self, package: str) -> "App":
        """The app with this package name or bundle id on this device (tasks, trigger, wait, logs, doctor)."""
        return App(self.id, package)

    def shell(self, *argv: str, timeout: Optional[timedelta] = None) -> ShellResult:
        """Runs ``argv`` on this Android device, each argument quoted for the device shell, so it
        arrives exactly as given. Raises fwm.DeviceNotFound, fwm.Timeout (naming device and step), ...
        A non-zero exit code is returned, not raised."""
        serial, out, err, code, document = _core.android_shell(self.id, list(argv), _timeout_ms(timeout))
        return ShellResult(serial, list(argv), out, err, code, document)


def use_xcrun(path: str) -> None:
    """Makes later operations run this xcrun, as ``--xcrun PATH`` does ("" = find it through
    DEVELOPER_DIR and PATH, the default)."""
    _core.use_xcrun(path)


def devices(timeout: Optional[timedelta] = None) -> List[Device]:
    """Every attached device (as ``fwm devices --json``): Android devices with model, release and
    SDK level, and, where xcrun is found, iOS simulators (booted or not) and paired devices. The
    adb server is found as adb finds it (ANDROID_ADB_SERVER_PORT, ADB_SERVER_SOCKET) and started if
    none answers. Raises fwm.HostToolMissing when neither platform can be reached."""
    return [Device._from_json(d) for d in json.loads(devices_json(timeout))["devices"]]


def devices_json(timeout: Optional[timedelta] = None) -> str:
    """The exact line ``fwm devices --json`` prints."""
    return _core.list_devices(_timeout_ms(timeout))


def watch_devices(on_change: Callable[[List[Device]], bool], timeout: Optional[timedelta] = None) -> None:
    """Calls ``on_change(devices)`` (Android) now and after every change the adb server reports, until it
    returns False, the timeout passes or Ctrl-C (KeyboardInterrupt)."""
    _core.watch_devices(lambda doc: bool(on_change([Device._from_json(d) for d in json.loads(doc)["devices"]])),
                        _timeout_ms(timeout))


def shell(*argv: str, device: str = "", timeout: Optional[timedelta] = None) -> ShellResult:
    """Runs ``argv`` on ``device`` (serial or model; "" = ANDROID_SERIAL or the only attached
    device), like ``fwm shell -s DEVICE -- ARGV``."""
    serial, out, err, code, document = _core.device_shell(device, list(argv), _timeout_ms(timeout))
    return ShellResult(serial, list(argv), out, err, code, document)
