"""The world the iOS command tests share: the workmanager example app on a booted simulator and on a paired device."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any, Dict, List

from fwm.testing import FakeXcrun

BUNDLE = "dev.fluttercommunity.workmanagerExample"
REFRESH = "dev.fluttercommunity.workmanagerExample.iOSBackgroundAppRefresh"
PROCESSING = "dev.fluttercommunity.workmanagerExample.iOSBackgroundProcessingTask"
ONE_OFF = "simpleTask"
SIM_UDID = "13094867-A44C-4F41-8D5A-4C54E4365C82"
DEVICE_ID = "C85D41ED-3647-48D1-974E-30A53F3E629A"
DEVICE_UDID = "00008101-000569C93E90001E"


class Run:
    """One fwm run: exit code, stdout, stderr; json() is the single JSON line."""

    def __init__(self, proc: "subprocess.CompletedProcess[str]") -> None:
        self.code, self.out, self.err = proc.returncode, proc.stdout, proc.stderr

    def json(self) -> Dict[str, Any]:
        lines = [line for line in self.out.splitlines() if line.strip()]
        assert len(lines) == 1, (self.out, self.err)
        doc: Dict[str, Any] = json.loads(lines[0])
        return doc

    def __repr__(self) -> str:
        return f"Run(code={self.code}, out={self.out!r}, err={self.err!r})"


class IosWorld:
    """Two simulators (iPhone 15 Pro booted, iPhone SE shut down) and an iPhone 12 mini, each but the
    shut-down one with the example app installed and BGTaskSchedulerPermittedIdentifiers = [REFRESH,
    PROCESSING]; the app's plugin store holds a periodic, a processing and a one-off task."""

    def __init__(self, fake: FakeXcrun, env: Dict[str, str]) -> None:
        self.fake = fake
        self.env = env
        self.sim = fake.add_simulator("iPhone 15 Pro", udid=SIM_UDID)
        self.off = fake.add_simulator("iPhone SE", state="Shutdown", last_booted_at=None)
        self.device = fake.add_device("iPhone 12 mini", identifier=DEVICE_ID, udid=DEVICE_UDID)
        for target in (self.sim, self.device):
            fake.install_app(target, BUNDLE, name="Workmanager Example", permitted_identifiers=[REFRESH, PROCESSING])
            self.store(target)

    def store(self, target: str, **changes: Any) -> None:
        """Writes the plugin's suite (a binary plist) as the example app leaves it after registering."""
        state: Dict[str, Any] = {
            "callback_handle": 7741,
            "scheduled_tasks": {REFRESH: {"kind": "refresh", "earliestBeginInSeconds": 900},
                                PROCESSING: {"kind": "processing", "earliestBeginInSeconds": 60}},
            "work_infos": {REFRESH: {"state": "scheduled", "isPeriodic": True, "taskName": "refreshTask",
                                     "updatedAt": 1.7e9},
                           PROCESSING: {"state": "scheduled", "isPeriodic": False, "taskName": "processingTask",
                                        "updatedAt": 1.7e9},
                           ONE_OFF: {"state": "succeeded", "isPeriodic": False, "taskName": "simpleTask",
                                     "lastFinishedAt": 1.7e9, "updatedAt": 1.7e9}},
            "periodic_input_data": {REFRESH: {"count": 3}},
        }
        state.update(changes)
        self.fake.set_plugin_state(target, BUNDLE, **state)

    def fwm(self, *args: str, timeout: float = 60) -> Run:
        """`fwm ARGS` with the world's environment (argv, never a shell)."""
        exe = shutil.which("fwm")
        assert exe, "the fwm executable is not on PATH: run scripts/test"
        return Run(subprocess.run([exe, *args], capture_output=True, text=True, env=self.env, timeout=timeout))

    def lldb_commands(self) -> List[str]:
        """The commands of the last lldb session the fake ran."""
        sessions = self.fake.lldb_sessions
        assert sessions, "no lldb session ran"
        return list(sessions[-1]["commands"])

    def ran(self, tool: str) -> bool:
        """Whether fwm ran `xcrun TOOL ...` at all."""
        return any(argv and argv[0] == tool for argv in self.fake.invocations)

