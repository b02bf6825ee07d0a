"""The fake xcrun world the iOS rig tests share (one booted and one shut-down simulator, one paired device) and the fixtures."""

from __future__ import annotations

import json
import subprocess
from typing import Any, Dict

from fwm.testing import FakeXcrun
from fixture_files import IOS_FIXTURES

BUNDLE = "dev.fluttercommunity.workmanagerExample"
REFRESH = "dev.fluttercommunity.workmanagerExample.iOSBackgroundAppRefresh"
PROCESSING = "dev.fluttercommunity.workmanagerExample.iOSBackgroundProcessingTask"
DEVICE_ID = "C85D41ED-3647-48D1-974E-30A53F3E629A"
DEVICE_UDID = "00008101-000569C93E90001E"


class World:
    """The fake and the names of what is in it."""

    def __init__(self, fake: FakeXcrun) -> None:
        self.fake = fake
        fake.add_runtime("com.apple.CoreSimulator.SimRuntime.iOS-17-2")
        self.sim = fake.add_simulator(udid="13094867-A44C-4F41-8D5A-4C54E4365C82")
        self.off = fake.add_simulator("iPhone SE", state="Shutdown", last_booted_at=None)
        self.sim_app = fake.install_app(self.sim, BUNDLE, name="Workmanager Example",
                                        permitted_identifiers=[REFRESH, PROCESSING])
        fake.install_app(self.sim, "com.apple.Maps", system=True)
        self.device = fake.add_device(identifier=DEVICE_ID, udid=DEVICE_UDID, transport_type="localNetwork",
                                      tunnel_state="disconnected")
        fake.set_device(self.device, ddi_services_available=False)
        self.device_app = fake.install_app(self.device, BUNDLE, name="Workmanager Example",
                                           permitted_identifiers=[REFRESH, PROCESSING])

    def run(self, *args: str, timeout: float = 10) -> "subprocess.CompletedProcess[str]":
        """`xcrun ARGS` through the fake's launcher."""
        return subprocess.run([self.fake.path, *args], capture_output=True, text=True, timeout=timeout)

    def devicectl(self, tmp_path: Any, *args: str) -> Dict[str, Any]:
        """`xcrun devicectl ARGS --json-output F`: the envelope, plus the run under "_run"."""
        out = tmp_path / f"envelope-{len(self.fake.invocations)}.json"
        run = self.run("devicectl", *args, "--json-output", str(out))
        envelope: Dict[str, Any] = json.loads(out.read_text())
        envelope["_run"] = run
        return envelope


def sample(name: str) -> str:
    """One file of tests/fixtures/ios as text."""
    return (IOS_FIXTURES / name).read_bytes().decode("utf-8")
