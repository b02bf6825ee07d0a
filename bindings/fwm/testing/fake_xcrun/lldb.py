"""`xcrun lldb --batch`: device select, [device ]process attach, the BGTaskScheduler expressions, process detach."""

from __future__ import annotations

import re
import time
from typing import Any, Dict, List, Optional, Tuple

from .common import Outcome, Refused
from .plugin import PluginApp
from .world import LLDB_FILE, World, append_line, find_device, locked_world, log_record

EXPRESSION = re.compile(r'^(?:expr|expression|e)\s+-l\s+objc\s+--\s+\(void\)\s*\[\[BGTaskScheduler sharedScheduler\]\s+'
                        r'(?P<selector>_simulateLaunchForTaskWithIdentifier|_simulateExpirationForTaskWithIdentifier|'
                        r'cancelTaskRequestWithIdentifier):@"(?P<id>[^"\\]*)"\]$')
ATTACH = re.compile(r"^(?P<device>device\s+)?process\s+attach\s+(?:--pid|-p)\s+(?P<pid>\d+)$")
BGTASKS_FRAMEWORK = "/System/Library/Frameworks/BackgroundTasks.framework/BackgroundTasks"


class _LldbError(Exception):
    """An lldb `error:` line; batch mode stops at the first one."""


def read_argv(args: List[str]) -> List[str]:
    """The commands of `lldb [--no-lldbinit|-x] [--batch|-b] (-o CMD | -s FILE | --source FILE)...`, in order.
    Refuses interactive sessions and any other option."""
    commands: List[str] = []
    batch = False
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("--no-lldbinit", "-x"):
            i += 1
        elif arg in ("--batch", "-b"):
            batch = True
            i += 1
        elif arg in ("-o", "--one-line", "-s", "--source") and i + 1 < len(args):
            if arg in ("-o", "--one-line"):
                commands.append(args[i + 1])
            else:
                with open(args[i + 1], encoding="utf-8") as f:
                    commands += [line.rstrip("\r\n") for line in f if line.strip()]
            i += 2
        else:
            raise Refused(f"lldb {arg}: not modelled by the fake")
    if not batch:
        raise Refused("lldb without --batch: the fake does not model interactive sessions")
    return commands


class _Session:
    def __init__(self, world: World) -> None:
        self.world = world
        self.device: Optional[Dict[str, Any]] = None
        self.target: Optional[Dict[str, Any]] = None   # the simulator or device holding the process
        self.process: Optional[Dict[str, Any]] = None
        self.pending_runs: List[Tuple[str, str]] = []  # (action, identifier) applied on detach
        self.out: List[str] = []

    def run(self, command: str) -> None:
        if command.startswith("device ") and not self.world["lldb_knows_device_commands"]:
            raise _LldbError("'device' is not a valid command.")
        if command.startswith("device select "):
            self.select(command[len("device select "):].strip())
            return
        attach = ATTACH.match(command)
        if attach:
            self.attach(int(attach.group("pid")), bool(attach.group("device")))
            return
        expression = EXPRESSION.match(command)
        if expression:
            self.expression(expression.group("selector"), expression.group("id"))
            return
        if command == "process detach":
            self.detach()
            return
        raise Refused(f"lldb command {command!r}: not modelled by the fake")

    def select(self, selector: str) -> None:
        device = find_device(self.world, selector)
        if device is None:
            raise _LldbError("The specified device was not found.")
        if not device["reachable"]:
            raise _LldbError("Timeout while connecting to remote device.")
        self.device = device

    def attach(self, pid: int, on_device: bool) -> None:
        if on_device and self.device is None:
            raise _LldbError("no device selected: use 'device select <identifier>' to select a device.")
        targets = [self.device] if on_device else [s for s in self.world["simulators"].values() if s["state"] == "Booted"]
        found = [(t, p) for t in targets if t for p in t["processes"] if p["pid"] == pid]
        if not found:
            raise _LldbError("attach failed: no such process.")
        target, process = found[0]
        if self.world.get("lldb_attach_denied"):
            raise _LldbError("attach failed: Not allowed to attach to process.  Look in the console messages "
                             "(Console.app), near the debugserver entries, when the attach failed.  The subsystem "
                             "that denied the attach permission will likely have logged an informative message "
                             "about why it was denied.")
        if process.get("debugger_attached"):
            raise _LldbError("attach failed: tried to attach to process already being debugged")
        self.target, self.process = target, process
        self.out += [f"Process {pid} stopped",
                     "* thread #1, queue = 'com.apple.main-thread', stop reason = signal SIGSTOP",
                     "    frame #0: 0x00000001e4c4f0d4 libsystem_kernel.dylib`mach_msg2_trap + 8"]

    def log(self, message: str) -> None:
        assert self.target is not None and self.process is not None
        log_record(self.world, self.target, message, image=self.process["executable"], pid=self.process["pid"],
                   sender=BGTASKS_FRAMEWORK)

    def expression(self, selector: str, identifier: str) -> None:
        if self.process is None or self.target is None:
            raise _LldbError("invalid target, create a target using the 'target create' command")
        pending = self.target.get("pending", {}).get(self.process["bundle_id"], [])
        known = any(r["identifier"] == identifier for r in pending)
        shown = identifier if self.world["decode_identifiers"] else "<decode: missing data>"
        if selector == "_simulateLaunchForTaskWithIdentifier":
            self.log(f"Simulating launch for task with identifier {identifier}")
            if known:
                self.pending_runs.append(("launch", identifier))
            else:
                self.log(f"No task request with identifier {shown} has been scheduled")
        elif selector == "_simulateExpirationForTaskWithIdentifier":
            self.log(f"Simulating expiration for task with identifier {identifier}")
            self.pending_runs.append(("expire", identifier))
        else:
            self.target.setdefault("pending", {})[self.process["bundle_id"]] = [
                r for r in pending if r["identifier"] != identifier]
            self.pending_runs.append(("cancel", identifier))

    def detach(self) -> None:
        if self.process is None or self.target is None:
            raise _LldbError("invalid process")
        bundle = self.process["bundle_id"]
        plugin = PluginApp(self.world, self.target, bundle) if self.pending_runs else None
        for action, identifier in self.pending_runs:
            self.target.setdefault("bgtask_runs", []).append(
                {"bundle_id": bundle, "identifier": identifier, "action": action, "at": time.time()})
            if action != "launch" or plugin is None:
                continue
            requests = self.target["pending"].get(bundle, [])
            self.target["pending"][bundle] = [r for r in requests if r["identifier"] != identifier]
            for request in requests:
                if request["identifier"] == identifier:
                    plugin.launch_handler(request)
        if plugin is not None:
            plugin.save()
        self.out.append(f"Process {self.process['pid']} detached")
        self.process = None
        self.pending_runs = []


def lldb(root: str, args: List[str]) -> Outcome:
    """Runs `lldb ARGS` in batch mode against the world in `root`: echoes each command as `(lldb) CMD`,
    stops at the first error (printed as `error: ...`, exit 1), and records the session."""
    commands = read_argv(args)
    ran: List[str] = []
    err = ""
    with locked_world(root) as world:
        session = _Session(world)
        for command in commands:
            session.out.append(f"(lldb) {command}")
            ran.append(command)
            try:
                session.run(command)
            except _LldbError as e:
                err = f"error: {e}\n"
                break
    append_line(root, LLDB_FILE, {"commands": commands, "ran": ran, "failed": bool(err)})
    return Outcome("".join(line + "\n" for line in session.out), err, 1 if err else 0)
