"""The environment that points a child process at an AndroidRig's private adb server."""

from __future__ import annotations

import os
from typing import Dict

from fwm.testing import AndroidRig


def rig_env(rig: AndroidRig) -> Dict[str, str]:
    """This process's environment pointed at the rig's private adb server (never a real one),
    with no ANDROID_SERIAL or ADB_SERVER_SOCKET inherited."""
    env = {k: v for k, v in os.environ.items() if k not in ("ANDROID_SERIAL", "ADB_SERVER_SOCKET")}
    env.update(rig.env())
    return env
