"""FakeXcrun: builds the fake xcrun's world in a temporary folder and writes the `xcrun` launcher that serves it."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import uuid
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from ..bridge_params import PROTOCOL_VERSION
from ..vm_service import FakeVmService
from .ios_bridge import IosBridge
from .plists import CURRENT_PREFIX, DEFAULTS_FILE, LEGACY_PREFIX, info_plist, plugin_defaults
from .plugin import FLUTTER_SENDER, add_request, plugin_app, submit_error
from .world import (INVOCATIONS_FILE, LLDB_FILE, LOG_INVOCATIONS_FILE, STATE_FILE, empty_world, find_target,
                    locked_world, log_record, next_pid, read_lines)

RUNTIME_IOS_17_4 = "com.apple.CoreSimulator.SimRuntime.iOS-17-4"
LAUNCHER = """#!{python}
# The fake {tool} of fwm.testing, serving the world in {root}.
import sys
sys.path.insert(0, {package_parent!r})
from fwm.testing.fake_xcrun.{module} import main
sys.exit(main(sys.argv[1:], {root!r}))
"""


def _uuid() -> str:
    return str(uuid.uuid4()).upper()


class FakeXcrun:
    """A fake `xcrun` (simctl, devicectl and lldb subsets, in the formats of tests/fixtures/ios)
    and a fake host `log` (collect, show) over a world kept in a temporary folder, removed by close()
    or on leaving a `with` block.

    Build the world with add_simulator(), add_device(), install_app(), set_plugin_state(),
    submit_request(), launch_app(), start_bridge(), set_dart_outcome(), add_log() and configure();
    run `.path` and `.log_path` (or put `.bin_dir` first on PATH, see env()); read back
    `.invocations` (argv after `xcrun`, one list per run), `.log_invocations`, `.lldb_sessions`,
    pending_requests(), bgtask_runs(), dart_runs(), processes() and logs(). IOS_WORLD.md in this
    package lists what is modelled and which parts are guesses."""

    def __init__(self) -> None:
        self.root = tempfile.mkdtemp(prefix="fwm-fake-xcrun-")
        self.bin_dir = os.path.join(self.root, "bin")
        os.makedirs(self.bin_dir)
        with open(os.path.join(self.root, STATE_FILE), "w", encoding="utf-8") as f:
            json.dump(empty_world(), f)
        self.path = self._launcher("xcrun", "cli")
        self.log_path = self._launcher("log", "host_log")
        self._bridges: List[Tuple[FakeVmService, Optional[IosBridge]]] = []

    def _launcher(self, tool: str, module: str) -> str:
        package_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
        path = os.path.join(self.bin_dir, tool)
        with open(path, "w", encoding="utf-8") as f:
            f.write(LAUNCHER.format(python=sys.executable, tool=tool, module=module, root=self.root,
                                    package_parent=package_parent))
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path

    def __enter__(self) -> "FakeXcrun":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stops the VM services start_bridge() started, then removes the world's folder and the launchers."""
        for service, bridge in self._bridges:
            service.stop()
            if bridge is not None:
                bridge.stop()
        self._bridges = []
        shutil.rmtree(self.root, ignore_errors=True)

    def env(self, base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
        """`base` (default os.environ) with the launchers' folder (xcrun, log) first on PATH and DEVELOPER_DIR
        removed."""
        env = {k: v for k, v in (base if base is not None else os.environ).items() if k != "DEVELOPER_DIR"}
        env["PATH"] = self.bin_dir + os.pathsep + env.get("PATH", "")
        return env

    @property
    def invocations(self) -> List[List[str]]:
        """Every argv the fake received (after `xcrun`), oldest first, refused ones included."""
        return read_lines(self.root, INVOCATIONS_FILE)

    @property
    def log_invocations(self) -> List[List[str]]:
        """Every argv the fake `log` received (after `log`), oldest first, refused ones included."""
        return read_lines(self.root, LOG_INVOCATIONS_FILE)

    @property
    def lldb_sessions(self) -> List[Dict[str, Any]]:
        """Each lldb run: {"commands": all it was given, "ran": those executed, "failed": bool}."""
        return read_lines(self.root, LLDB_FILE)

    def configure(self, **flags: Any) -> None:
        """Sets world-wide behaviour: lldb_knows_device_commands (False: an lldb older than Xcode 16),
        lldb_attach_denied (debugging rights missing), decode_identifiers (False: BGTaskScheduler logs
        `<decode: missing data>` as in the fixture), stream_hold_seconds (how long `log stream` stays
        open after printing, picking up new records), log_collect_needs_root (True: `log collect`
        fails as when run without sudo), private_values (True: on devices the plugin's LoggingDebugHandler
        lines show their task names and errors as `<private>`)."""
        known = {"lldb_knows_device_commands", "lldb_attach_denied", "decode_identifiers", "stream_hold_seconds",
                 "log_collect_needs_root", "private_values"}
        unknown = set(flags) - known
        if unknown:
            raise ValueError(f"unknown world flags {sorted(unknown)}; known: {sorted(known)}")
        with locked_world(self.root) as world:
            world.update(flags)

    def add_runtime(self, runtime_id: str) -> None:
        """Lists a runtime in `simctl list devices -j` even with no simulator (an empty array)."""
        with locked_world(self.root) as world:
            world.setdefault("runtimes", [])
            if runtime_id not in world["runtimes"]:
                world["runtimes"].append(runtime_id)

    def add_simulator(self, name: str = "iPhone 15 Pro", *, runtime: str = RUNTIME_IOS_17_4, state: str = "Booted",
                      udid: Optional[str] = None, available: bool = True,
                      device_type: str = "com.apple.CoreSimulator.SimDeviceType.iPhone-15-Pro",
                      last_booted_at: Optional[str] = "2024-05-10T12:32:23Z") -> str:
        """Adds a simulator (Booted or Shutdown, ...); returns its UDID."""
        udid = udid or _uuid()
        data_path = os.path.join(self.root, "CoreSimulator", "Devices", udid, "data")
        os.makedirs(data_path)
        with locked_world(self.root) as world:
            world["simulators"][udid] = {
                "udid": udid, "name": name, "runtime": runtime, "state": state, "available": available,
                "device_type": device_type, "last_booted_at": last_booted_at, "data_path": data_path,
                "log_path": os.path.join(self.root, "Logs", "CoreSimulator", udid), "apps": {}, "processes": [],
                "logs": [], "kind": "simulator"}
        return udid

    def add_device(self, name: str = "iPhone 12 mini", *, identifier: Optional[str] = None, udid: Optional[str] = None,
                   os_version: str = "17.3", os_build: str = "21D50", model: str = "iPhone 12 mini",
                   product_type: str = "iPhone13,1", transport_type: str = "wired", tunnel_state: str = "connected",
                   reachable: bool = True, locked: bool = False, ecid: int = 1523687942520862) -> str:
        """Adds a paired physical device; returns its CoreDevice identifier. An unreachable device is
        listed but every command on it fails with the fixture's connection error."""
        identifier = identifier or _uuid()
        with locked_world(self.root) as world:
            world["devices"][identifier] = {
                "identifier": identifier, "udid": udid or f"00008101-{uuid.uuid4().hex[:16].upper()}", "name": name,
                "os_version": os_version, "os_build": os_build, "model": model, "product_type": product_type,
                "transport_type": transport_type, "tunnel_state": tunnel_state, "pairing_state": "paired",
                "reachable": reachable, "locked": locked, "ecid": ecid, "developer_mode": "enabled",
                "ddi_services_available": True, "apps": {}, "processes": [], "logs": [], "pending": {},
                "kind": "device"}
        return identifier

    def set_device(self, identifier: str, **changes: Any) -> None:
        """Changes a device's reachable, locked, tunnel_state or ddi_services_available."""
        allowed = {"reachable", "locked", "tunnel_state", "ddi_services_available"}
        if set(changes) - allowed:
            raise ValueError(f"set_device changes only {sorted(allowed)}")
        with locked_world(self.root) as world:
            world["devices"][identifier].update(changes)

    def set_simulator_state(self, udid: str, state: str) -> None:
        """Boots or shuts down a simulator (state Booted, Shutdown, ...); shutting down ends its processes."""
        with locked_world(self.root) as world:
            sim = world["simulators"][udid]
            sim["state"] = state
            if state != "Booted":
                sim["processes"] = []

    def install_app(self, target: str, bundle_id: str, *, name: str = "Runner", executable: str = "Runner",
                    version: str = "1.0.0", bundle_version: str = "1",
                    background_modes: Sequence[str] = ("fetch", "processing"),
                    permitted_identifiers: Sequence[str] = (), system: bool = False) -> Dict[str, str]:
        """Installs an app on a simulator (UDID) or device (identifier) with a binary Info.plist and an
        empty data container; returns {"bundle_path", "data_path", "info_plist"} (host paths, except a
        device's bundle_path, which is the device's /private/var/containers/... path)."""
        bundle_uuid, data_uuid = _uuid(), _uuid()
        with locked_world(self.root) as world:
            t = find_target(world, target)
            if t["kind"] == "simulator":
                base = os.path.join(t["data_path"], "Containers")
                bundle_path = os.path.join(base, "Bundle", "Application", bundle_uuid, f"{executable}.app")
                host_bundle = bundle_path
                data_path = os.path.join(base, "Data", "Application", data_uuid)
            else:
                bundle_path = f"/private/var/containers/Bundle/Application/{bundle_uuid}/{executable}.app"
                host_bundle = os.path.join(self.root, "Devices", target, "Bundle", bundle_uuid, f"{executable}.app")
                data_path = os.path.join(self.root, "Devices", target, "Data", data_uuid)
            os.makedirs(host_bundle)
            os.makedirs(os.path.join(data_path, "Library", "Preferences"))
            info = os.path.join(host_bundle, "Info.plist")
            with open(info, "wb") as f:
                f.write(info_plist(bundle_id, name, executable, version, bundle_version, background_modes,
                                   permitted_identifiers))
            t["apps"][bundle_id] = {
                "bundle_id": bundle_id, "name": name, "executable": executable, "version": version,
                "bundle_version": bundle_version, "bundle_path": bundle_path, "data_path": data_path,
                "info_plist": info, "application_type": "System" if system else "User",
                "background_modes": list(background_modes), "permitted": list(permitted_identifiers)}
        return {"bundle_path": bundle_path, "data_path": data_path, "info_plist": info}

    def set_plugin_state(self, target: str, bundle_id: str, *,
                         scheduled_tasks: Optional[Mapping[str, Mapping[str, Any]]] = None,
                         work_infos: Optional[Mapping[str, Mapping[str, Any]]] = None,
                         callback_handle: Optional[int] = None,
                         periodic_input_data: Optional[Mapping[str, Mapping[str, Any]]] = None,
                         legacy: bool = False, xml: bool = False) -> str:
        """Writes the plugin's UserDefaults suite (a binary plist unless `xml`) into the app's data
        container, as workmanager_apple's UserDefaultsHelper leaves it; returns the file's host path.
        scheduled_tasks: identifier -> {"kind", "earliestBeginInSeconds"}; work_infos: unique name ->
        {"state", "isPeriodic", "taskName", "lastFinishedAt", "updatedAt"}."""
        with locked_world(self.root, write=False) as world:
            app = find_target(world, target)["apps"][bundle_id]
        prefix = LEGACY_PREFIX if legacy else CURRENT_PREFIX
        path = os.path.join(app["data_path"], DEFAULTS_FILE.format(prefix=prefix))
        with open(path, "wb") as f:
            f.write(plugin_defaults(scheduled_tasks=scheduled_tasks, work_infos=work_infos,
                                    callback_handle=callback_handle, periodic_input_data=periodic_input_data,
                                    legacy=legacy, xml=xml))
        return path

    def submit_request(self, device: str, bundle_id: str, identifier: str, *, kind: str = "refresh",
                       earliest_begin: Optional[float] = None, interval: Optional[float] = None) -> None:
        """Adds a pending BGTask request (kind refresh or processing), as a successful BGTaskScheduler.submit
        would. Refused (ValueError) on a simulator (submit fails there with BGTaskSchedulerErrorCodeUnavailable),
        for an identifier missing from the app's BGTaskSchedulerPermittedIdentifiers and for an app without the
        kind's UIBackgroundModes entry (code notPermitted)."""
        with locked_world(self.root) as world:
            t = find_target(world, device)
            app = t["apps"][bundle_id]
            if kind not in ("refresh", "processing"):
                raise ValueError(f"kind {kind!r}: the fake submits only refresh and processing requests")
            code = submit_error(t, app, identifier, kind)
            if code == 1:
                raise ValueError("BGTaskScheduler.submit fails on the Simulator (BGTaskSchedulerErrorCodeUnavailable)")
            if code is not None:
                raise ValueError(f"{identifier} is not in BGTaskSchedulerPermittedIdentifiers or the app lacks "
                                 f"its UIBackgroundModes entry (notPermitted)")
            add_request(t, bundle_id, identifier, kind, earliest_begin, interval)

    def pending_requests(self, device: str, bundle_id: str) -> List[Dict[str, Any]]:
        """The app's pending BGTask requests ({"identifier", "kind", "earliest_begin", "interval"})."""
        with locked_world(self.root, write=False) as world:
            return list(find_target(world, device).get("pending", {}).get(bundle_id, []))

    def bgtask_runs(self, target: str) -> List[Dict[str, Any]]:
        """What lldb sessions made BGTaskScheduler do, applied on detach: {"bundle_id", "identifier",
        "action": launch|expire|cancel, "at"}."""
        with locked_world(self.root, write=False) as world:
            return list(find_target(world, target).get("bgtask_runs", []))

    def launch_app(self, target: str, bundle_id: str, *, debugger_attached: bool = False) -> int:
        """Starts the app (as if a person opened it); returns its pid. `debugger_attached` marks it as
        owned by another debugger (flutter run, Xcode), so lldb attach fails."""
        with locked_world(self.root) as world:
            t = find_target(world, target)
            app = t["apps"][bundle_id]
            pid = next_pid(world)
            process = {"pid": pid, "bundle_id": bundle_id, "executable": app["bundle_path"] + "/" + app["executable"],
                       "debugger_attached": debugger_attached, "arguments": [], "environment": {}}
            if t["kind"] == "simulator":
                process["label"] = f"UIKitApplication:{bundle_id}[{pid % 0xFFFF:04x}][rb-legacy]"
            t["processes"] = [p for p in t["processes"] if p.get("bundle_id") != bundle_id] + [process]
            return pid

    def processes(self, target: str) -> List[Dict[str, Any]]:
        """The running app processes of a simulator or device."""
        with locked_world(self.root, write=False) as world:
            return list(find_target(world, target)["processes"])

    def add_log(self, target: str, message: str, *, bundle_id: Optional[str] = None, image: str = "",
                pid: Optional[int] = None, message_type: str = "Default", subsystem: str = "", category: str = "",
                sender: str = "", when: Optional[float] = None) -> Dict[str, Any]:
        """Appends a unified-log record; the process is the app `bundle_id` (its executable and running
        pid) or `image`. Returns the record (json-style keys)."""
        with locked_world(self.root) as world:
            t = find_target(world, target)
            if bundle_id is not None:
                app = t["apps"][bundle_id]
                image = app["bundle_path"] + "/" + app["executable"]
                running = [p["pid"] for p in t["processes"] if p.get("bundle_id") == bundle_id]
                pid = pid if pid is not None else (running[0] if running else 0)
            if not image:
                raise ValueError("add_log needs bundle_id or image")
            return log_record(world, t, message, image=image, pid=pid or 0, message_type=message_type,
                              subsystem=subsystem, category=category, sender=sender, when=when)

    def print_scheduled_tasks(self, target: str, bundle_id: str) -> str:
        """What the plugin's printScheduledTasks returns for the app's pending requests (dates in en_US
        `Date.formatted()` style; a simulator has none), also logged as the plugin's os_log record."""
        with plugin_app(self.root, target, bundle_id) as plugin:
            return plugin.print_scheduled_tasks()

    def start_bridge(self, target: str, bundle_id: str, *, bridge: bool = True,
                     protocol_version: str = PROTOCOL_VERSION, announce: bool = True) -> FakeVmService:
        """Starts the running app's Dart VM service on 127.0.0.1 (the Simulator shares the host's network),
        with the fwm bridge's ext.fwm.* extensions (ios_bridge.py) unless `bridge` is False; hello reports
        `protocol_version`. With `announce`, the app logs Flutter's `flutter: The Dart VM service is
        listening on http://127.0.0.1:PORT/AUTH/`. ValueError when the app is not running (launch_app
        first). Stopped by close()."""
        with locked_world(self.root, write=False) as world:
            t = find_target(world, target)
            running = [p["pid"] for p in t["processes"] if p.get("bundle_id") == bundle_id]
        if bundle_id not in t["apps"] or not running:
            raise ValueError(f"{bundle_id} is not running on {target}: launch_app() first")
        model = IosBridge(self.root, target, bundle_id, protocol_version=protocol_version) if bridge else None
        service = FakeVmService(model.extensions() if model else {}, pid=running[0], operating_system="ios")
        self._bridges.append((service, model))
        if announce:
            with plugin_app(self.root, target, bundle_id) as plugin:
                plugin.log(f"flutter: The Dart VM service is listening on {service.uri()}", "Default",
                           sender=FLUTTER_SENDER)
        return service

    def set_dart_outcome(self, target: str, bundle_id: str, task_name: str, outcome: Union[bool, str]) -> None:
        """What the app's Dart callback does for `task_name` (the name the callback gets: a one-off task's
        taskName, a BGTask's identifier): returns True (the default) or False, or "throw"s."""
        if outcome not in (True, False, "throw"):
            raise ValueError(f"outcome {outcome!r}: True, False or 'throw'")
        with locked_world(self.root) as world:
            outcomes = find_target(world, target).setdefault("dart_outcomes", {})
            outcomes.setdefault(bundle_id, {})[task_name] = outcome

    def dart_runs(self, target: str, bundle_id: str) -> List[Dict[str, Any]]:
        """The app's Dart callback runs, oldest first: {"uniqueName", "taskName", "inputData",
        "trigger": "one-off"|"bgtask", "result": True|False|"throw", "succeeded" (returned True), "at"}."""
        with locked_world(self.root, write=False) as world:
            return list(find_target(world, target).get("dart_runs", {}).get(bundle_id, []))

    def logs(self, target: str) -> List[Dict[str, Any]]:
        """The target's unified-log records, oldest first."""
        with locked_world(self.root, write=False) as world:
            return list(find_target(world, target)["logs"])
