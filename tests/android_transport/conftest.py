"""Fixtures for the Android transport tests: Debian's adb server on a private port with emulated devices."""

from __future__ import annotations

from typing import Iterator

import pytest

from fwm.testing import ANDROID_8, ANDROID_11, ANDROID_14, AndroidRig


@pytest.fixture(scope="module")
def rig3() -> Iterator[AndroidRig]:
    """Three emulated devices (Android 14, 11, 8) behind one private adb server; tests must leave them healthy."""
    with AndroidRig([ANDROID_14, ANDROID_11, ANDROID_8]) as rig:
        yield rig


@pytest.fixture
def rig1() -> Iterator[AndroidRig]:
    """One emulated Android 14 device of the test's own, free to stall, drop or take offline."""
    with AndroidRig([ANDROID_14]) as rig:
        yield rig


@pytest.fixture
def in_rig(monkeypatch: pytest.MonkeyPatch):
    """Points this process (and so fwm's Python API) at a rig's adb server for one test."""

    def point(rig: AndroidRig) -> None:
        monkeypatch.delenv("ANDROID_SERIAL", raising=False)
        monkeypatch.delenv("ADB_SERVER_SOCKET", raising=False)
        for key, value in rig.env().items():
            monkeypatch.setenv(key, value)

    return point


@pytest.fixture
def rig3_stall() -> Iterator[tuple]:
    """Three emulated devices of the test's own, the second one stalled: (rig, stalled device)."""
    with AndroidRig([ANDROID_14, ANDROID_11, ANDROID_8]) as rig:
        rig.devices[1].stall()
        try:
            yield rig, rig.devices[1]
        finally:
            rig.devices[1].unstall()
