"""Fixtures of the iOS command tests: a fake xcrun world (two simulators, one booted, and a paired device) beside an empty private adb server."""

from __future__ import annotations

import os
from typing import Dict, Iterator

import pytest

from fwm.testing import AndroidRig, FakeXcrun
from ios_commands_world import IosWorld


@pytest.fixture(scope="session")
def empty_adb() -> Iterator[AndroidRig]:
    """A private adb server with no device, so fwm's Android side answers without touching a real one."""
    with AndroidRig([]) as rig:
        yield rig


@pytest.fixture
def ios(empty_adb: AndroidRig) -> Iterator[IosWorld]:
    """The world, and the environment that puts its xcrun and log first on PATH."""
    with FakeXcrun() as fake:
        env: Dict[str, str] = {k: v for k, v in os.environ.items() if k not in ("ANDROID_SERIAL", "ADB_SERVER_SOCKET")}
        env.update(empty_adb.env())
        yield IosWorld(fake, fake.env(env))
