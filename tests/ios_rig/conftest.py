"""The `world` fixture of the iOS rig tests: a FakeXcrun with the world of ios_world.World, removed afterwards."""

from __future__ import annotations

from typing import Iterator

import pytest

from fwm.testing import FakeXcrun
from ios_world import World


@pytest.fixture
def world() -> Iterator[World]:
    with FakeXcrun() as fake:
        yield World(fake)
