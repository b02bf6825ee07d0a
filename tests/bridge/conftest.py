"""Fixtures for the bridge tests: the sample app on an emulated device, with the bridge on or off."""

from __future__ import annotations

from typing import Iterator, Tuple

import pytest

from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.android_apps import AndroidApp
from fwm.testing.sample_apps import sample_app


@pytest.fixture
def bridge_app() -> Iterator[Tuple[AndroidRig, AndroidApp]]:
    """The sample app as a debug build that calls enableFwmBridge()."""
    with AndroidRig([ANDROID_14]) as rig:
        yield rig, sample_app(device=rig.devices[0], bridge=True)


@pytest.fixture
def no_bridge_app() -> Iterator[Tuple[AndroidRig, AndroidApp]]:
    """The sample app as a debug build (a VM service) without the bridge."""
    with AndroidRig([ANDROID_14]) as rig:
        yield rig, sample_app(device=rig.devices[0], vm_service=True)


@pytest.fixture
def debuggable_app_without_vm_service() -> Iterator[AndroidRig]:
    """The sample app running with no VM service line in its log (a release build)."""
    with AndroidRig([ANDROID_14]) as rig:
        sample_app(device=rig.devices[0])
        yield rig
