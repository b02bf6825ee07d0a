"""Fixtures for the Android task tests: an emulated device behind Debian's adb server with the sample app."""

from __future__ import annotations

from typing import Iterator, Tuple

import pytest

from fwm.testing import ANDROID_14, ANDROID_16, AndroidRig
from fwm.testing.android_apps import AndroidApp
from fwm.testing.sample_apps import sample_app


@pytest.fixture
def debuggable_app() -> Iterator[Tuple[AndroidRig, AndroidApp]]:
    """The sample app (five plugin tasks, one other work; schema 24, V1 blobs), debuggable."""
    with AndroidRig([ANDROID_14]) as rig:
        yield rig, sample_app(device=rig.devices[0])


@pytest.fixture
def release_app() -> Iterator[Tuple[AndroidRig, AndroidApp]]:
    """The sample app as a release (non-debuggable) build."""
    with AndroidRig([ANDROID_14]) as rig:
        yield rig, sample_app(device=rig.devices[0], debuggable=False)


@pytest.fixture
def android16_app() -> Iterator[Tuple[AndroidRig, AndroidApp]]:
    """The sample app (WorkManager 2.10.2: jobs in namespace androidx.work.systemjobscheduler) on Android 16."""
    with AndroidRig([ANDROID_16]) as rig:
        yield rig, sample_app(device=rig.devices[0])


@pytest.fixture
def android16_release_app() -> Iterator[Tuple[AndroidRig, AndroidApp]]:
    """The sample app as a release (non-debuggable) build on Android 16."""
    with AndroidRig([ANDROID_16]) as rig:
        yield rig, sample_app(device=rig.devices[0], debuggable=False)
