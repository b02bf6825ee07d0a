"""The fwm pytest plugin: fixtures for a device and an app, real or emulated, for CI smoke tests.

Options: ``--fwm-device SERIAL`` (default: ANDROID_SERIAL or the only attached device) and
``--fwm-app PACKAGE``. Fixtures:

- ``fwm_device``: the chosen :class:`fwm.Device`;
- ``fwm_app``: the :class:`fwm.App` named by ``--fwm-app`` on that device;
- ``fwm_emulated_devices``: emulated Android devices behind a private adb server (Debian's adb),
  with this test's environment pointed at it, for tests that need no phone;
- ``fwm_emulated_app``: the sample app (five plugin tasks, bridge on) on one emulated device, as a :class:`fwm.App`.
"""

from __future__ import annotations

import os
from typing import Iterator

import pytest

from .apps import App
from .devices import Device, devices
from .testing import ANDROID_14, AndroidRig
from .testing.sample_apps import sample_app


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fwm", "fwm: Flutter workmanager tasks on devices")
    group.addoption("--fwm-device", default="", help="device serial for fwm_device / fwm_app (default: the only one)")
    group.addoption("--fwm-app", default="", help="package name for fwm_app, e.g. com.example.app")


@pytest.fixture
def fwm_device(request: pytest.FixtureRequest) -> Device:
    """The device named by --fwm-device, else ANDROID_SERIAL, else the only attached one."""
    wanted = request.config.getoption("--fwm-device")
    attached = devices()
    if wanted:
        for device in attached:
            if device.id == wanted:
                return device
        pytest.fail(f"--fwm-device {wanted} is not attached; attached: {[d.id for d in attached]}")
    ready = [d for d in attached if d.state == "device"]
    serial = os.environ.get("ANDROID_SERIAL", "")
    if serial:
        ready = [d for d in ready if d.id == serial]
    if len(ready) != 1:
        pytest.fail(f"fwm_device needs exactly one ready device (or --fwm-device); found {[d.id for d in ready]}")
    return ready[0]


@pytest.fixture
def fwm_app(request: pytest.FixtureRequest, fwm_device: Device) -> App:
    """The app named by --fwm-app on fwm_device."""
    package = request.config.getoption("--fwm-app")
    if not package:
        pytest.fail("fwm_app needs --fwm-app PACKAGE (e.g. pytest --fwm-app com.example.app)")
    return fwm_device.app(package)


@pytest.fixture
def fwm_emulated_devices(monkeypatch: pytest.MonkeyPatch) -> Iterator[AndroidRig]:
    """One emulated Android 14 device behind a private adb server; yields the fwm.testing.AndroidRig.
    fwm (CLI children and Python) talks to that server for the rest of the test."""
    with AndroidRig([ANDROID_14]) as rig:
        monkeypatch.delenv("ANDROID_SERIAL", raising=False)
        monkeypatch.delenv("ADB_SERVER_SOCKET", raising=False)
        for key, value in rig.env().items():
            monkeypatch.setenv(key, value)
        yield rig


@pytest.fixture
def fwm_emulated_app(fwm_emulated_devices: AndroidRig) -> App:
    """The sample app (package com.example.app, with the in-app bridge on) installed on the emulated device."""
    device = fwm_emulated_devices.devices[0]
    app = sample_app(device=device, bridge=True)
    return App(device.serial, app.package)
