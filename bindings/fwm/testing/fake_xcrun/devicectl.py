"""`xcrun devicectl`: list devices, device info apps|processes, device process launch, device copy from."""

from __future__ import annotations

import json
import os
import shutil
from typing import Any, Dict, List, Optional

from . import apple_formats as fmt
from .common import Outcome, Refused, no_more, take_option
from .world import World, find_device, locked_world, next_pid

VERSION = "355.18"


class _Failed(Exception):
    """A devicectl failure: the NSError chain (outermost first) written as the envelope's error."""

    def __init__(self, *chain: Dict[str, Any]) -> None:
        super().__init__(chain[0]["description"])
        self.chain = chain


def _link(domain: str, code: int, description: str, reason: str = "") -> Dict[str, Any]:
    return {"domain": domain, "code": code, "description": description, "reason": reason}


def _error_json(chain: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The `error` member: each link's userInfo holds the next as NSUnderlyingError.error."""
    inner: Optional[Dict[str, Any]] = None
    for link in reversed(chain):
        info: Dict[str, Any] = {"NSLocalizedDescription": {"string": link["description"]}}
        if link["reason"]:
            info["NSLocalizedFailureReason"] = {"string": link["reason"]}
        if inner is not None:
            info["NSUnderlyingError"] = {"error": inner}
        inner = {"code": link["code"], "domain": link["domain"], "userInfo": info}
    return inner or {}


def _device(world: World, selector: Optional[str]) -> Dict[str, Any]:
    if not selector:
        raise Refused("devicectl device ...: --device is required")
    device = find_device(world, selector)
    if device is None:
        raise _Failed(_link("com.apple.dt.CoreDeviceError", 1000, "The specified device was not found."))
    if not device["reachable"]:
        raise _Failed(_link("com.apple.CoreDevice.ControlChannelConnectionError", 1,
                            "Internal logic error: Connection was invalidated"),
                      _link("com.apple.CoreDevice.ControlChannelConnectionError", 0, "Transport error"))
    return device


def device_json(d: Dict[str, Any]) -> Dict[str, Any]:
    """One device of `list devices`, with the keys of fixtures/ios/devicectl-list-devices.json."""
    connection = {"authenticationType": "manualPairing", "isMobileDeviceOnly": False,
                  "lastConnectionDate": "2024-01-26T19:47:42.165Z", "pairingState": d["pairing_state"],
                  "potentialHostnames": [f"{d['udid']}.coredevice.local", f"{d['identifier']}.coredevice.local"],
                  "transportType": d["transport_type"], "tunnelState": d["tunnel_state"],
                  "tunnelTransportProtocol": "tcp"}
    if d["tunnel_state"] == "connected":
        connection["localHostnames"] = [f"{d['name'].replace(' ', '-')}.local"]
        connection["tunnelIPAddress"] = "fdf1:23c4:cd56::1"
    properties = {"bootedFromSnapshot": True, "ddiServicesAvailable": d["ddi_services_available"],
                  "developerModeStatus": d["developer_mode"], "hasInternalOSBuild": False, "name": d["name"],
                  "osBuildUpdate": d["os_build"], "osVersionNumber": d["os_version"], "rootFileSystemIsWritable": False}
    if d["tunnel_state"] == "connected":
        properties["bootState"] = "booted"
    hardware = {"cpuType": {"name": "arm64e", "subType": 2, "type": 16777228}, "deviceType": "iPhone",
                "ecid": d["ecid"], "hardwareModel": "D52gAP", "marketingName": d["model"], "platform": "iOS",
                "productType": d["product_type"], "reality": "physical", "udid": d["udid"]}
    capabilities = [{"featureIdentifier": "com.apple.coredevice.feature.connectdevice", "name": "Connect to Device"},
                    {"featureIdentifier": "com.apple.coredevice.feature.launchapplication", "name": "Launch Application"}]
    return {"capabilities": capabilities, "connectionProperties": connection, "deviceProperties": properties,
            "hardwareProperties": hardware, "identifier": d["identifier"], "visibilityClass": "default"}


def _list_devices(world: World, args: List[str]) -> Any:
    take_option(args, "--timeout", "-t")
    no_more(args, "devicectl list devices")
    devices = list(world["devices"].values())
    return {"devices": [device_json(d) for d in devices]}, fmt.devicectl_human_devices(devices)


def _info_apps(world: World, args: List[str]) -> Any:
    device = _device(world, take_option(args, "--device", "-d"))
    bundle = take_option(args, "--bundle-id")
    no_more(args, "devicectl device info apps")
    apps = [{"appClip": False, "builtByDeveloper": True, "bundleIdentifier": a["bundle_id"],
             "bundleVersion": a["bundle_version"], "defaultApp": False, "hidden": False, "internalApp": False,
             "name": a["name"], "removable": True, "url": "file://" + a["bundle_path"] + "/", "version": a["version"]}
            for a in device["apps"].values() if bundle in (None, a["bundle_id"])]
    result = {"apps": apps, "defaultAppsIncluded": False, "deviceIdentifier": device["identifier"],
              "hiddenAppsIncluded": False, "internalAppsIncluded": False, "removableAppsIncluded": True}
    human = "Apps installed:\n" + "".join(f"{a['name']}   {a['bundleIdentifier']}   {a['version']}   "
                                          f"{a['bundleVersion']}\n" for a in apps)
    return result, human


def _info_processes(world: World, args: List[str]) -> Any:
    device = _device(world, take_option(args, "--device", "-d"))
    if take_option(args, "--filter") is not None:
        raise Refused("devicectl device info processes --filter: not modelled by the fake")
    no_more(args, "devicectl device info processes")
    processes: List[Dict[str, Any]] = [{"executable": "file:///sbin/launchd", "processIdentifier": 1}, {"processIdentifier": 7}]
    for p in device["processes"]:
        processes.append({"executable": "file://" + p["executable"], "processIdentifier": p["pid"]})
    human = "".join(f"{p['processIdentifier']}   {p.get('executable', '')}\n" for p in processes)
    return {"deviceIdentifier": device["identifier"], "runningProcesses": processes}, human


def _process_launch(world: World, args: List[str]) -> Any:
    if "--console" in args:
        raise Refused("devicectl device process launch --console: the fake does not model attached consoles")
    device = _device(world, take_option(args, "--device", "-d"))
    start_stopped = take_option(args, "--start-stopped", flag=True) is not None
    terminate = take_option(args, "--terminate-existing", flag=True) is not None
    env_text = take_option(args, "--environment-variables", "-e")
    take_option(args, "--activate", flag=True)
    activate = take_option(args, "--no-activate", flag=True) is None
    payload = take_option(args, "--payload-url")
    if not args or args[0].startswith("-"):
        raise Refused(f"devicectl device process launch: cannot read {args}")
    bundle, app_args = args[0], args[1:]
    app = device["apps"].get(bundle)
    if app is None:
        raise _Failed(_link("CoreDevice.ActionError", 3, f"The application \"{bundle}\" is not installed on the device."))
    if device["locked"]:
        raise _Failed(_link("FBSOpenApplicationServiceErrorDomain", 1, f"The request to open \"{bundle}\" failed.",
                            "Locked"))
    environment = {"TERM": os.environ.get("TERM", "xterm-256color")}
    environment.update({k[len("DEVICECTL_CHILD_"):]: v for k, v in os.environ.items() if k.startswith("DEVICECTL_CHILD_")})
    if env_text:
        environment.update(json.loads(env_text))
    running = [p for p in device["processes"] if p.get("bundle_id") == bundle]
    if running and not terminate:
        pid = running[0]["pid"]
    else:
        device["processes"] = [p for p in device["processes"] if p.get("bundle_id") != bundle]
        pid = next_pid(world)
        device["processes"].append({"pid": pid, "bundle_id": bundle, "executable": app["bundle_path"] + "/" +
                                    app["executable"], "debugger_attached": False, "arguments": app_args,
                                    "environment": environment, "stopped": start_stopped, "payload_url": payload})
    result = {"deviceIdentifier": device["identifier"],
              "launchOptions": {"activatedWhenStarted": activate, "arguments": app_args,
                                "environmentVariables": environment, "platformSpecificOptions": {},
                                "startStopped": start_stopped, "terminateExistingInstances": terminate,
                                "user": {"active": True}},
              "process": {"auditToken": [4294967295, 501, 501, 501, 501, pid, 0, 5118],
                          "executable": "file://" + app["bundle_path"] + "/" + app["executable"],
                          "processIdentifier": pid}}
    return result, f"Launched application with {bundle} bundle identifier.\n"


def _copy_from(world: World, args: List[str]) -> Any:
    device = _device(world, take_option(args, "--device", "-d"))
    domain_type = take_option(args, "--domain-type")
    bundle = take_option(args, "--domain-identifier")
    source = take_option(args, "--source")
    destination = take_option(args, "--destination")
    no_more(args, "devicectl device copy from")
    if domain_type != "appDataContainer" or not bundle or not source or not destination:
        raise Refused("devicectl device copy from: the fake copies only --domain-type appDataContainer "
                      "--domain-identifier B --source P --destination P")
    app = device["apps"].get(bundle)
    if app is None:
        raise _Failed(_link("CoreDevice.ActionError", 3, f"The application \"{bundle}\" is not installed on the device."))
    origin = os.path.join(app["data_path"], source.lstrip("/"))
    name = os.path.basename(source)
    if not os.path.isfile(origin):
        raise _Failed(_link("NSCocoaErrorDomain", 260, f"The file “{name}” couldn’t be opened because there is no "
                                                       "such file."))
    if os.path.exists(destination):
        raise _Failed(_link("NSCocoaErrorDomain", 516, f"“{name}” couldn’t be copied because an item with the same "
                                                       "name already exists."))
    shutil.copyfile(origin, destination)
    result = {"deviceIdentifier": device["identifier"],
              "files": [{"source": source, "destination": destination, "size": os.path.getsize(destination)}]}
    return result, f"Copied {source} to {destination}\n"


COMMANDS = {("list", "devices"): ("devicectl.list.devices", _list_devices, False),
            ("device", "info", "apps"): ("devicectl.device.info.apps", _info_apps, False),
            ("device", "info", "processes"): ("devicectl.device.info.processes", _info_processes, False),
            ("device", "process", "launch"): ("devicectl.device.process.launch", _process_launch, True),
            ("device", "copy", "from"): ("devicectl.device.copy.from", _copy_from, False)}


def devicectl(root: str, args: List[str]) -> Outcome:
    """Runs `devicectl ARGS` against the world in `root`; the envelope goes to the --json-output path
    (or stdout for `-`), the human text to stdout, a failure's text to stderr with exit 1."""
    rest = list(args)
    json_path = take_option(rest, "--json-output", "-j")
    take_option(rest, "--quiet", "-q", flag=True)
    for words, (command_type, handler, writes) in COMMANDS.items():
        if tuple(rest[:len(words)]) == words:
            break
    else:
        raise Refused(f"devicectl {' '.join(args)}: not modelled by the fake")
    info = {"arguments": ["devicectl", *args], "commandType": command_type,
            "environment": {"TERM": os.environ.get("TERM", "xterm-256color")}, "jsonVersion": 2,
            "outcome": "success", "version": VERSION}
    envelope: Dict[str, Any]
    try:
        with locked_world(root, write=writes) as world:
            result, human = handler(world, rest[len(words):])
        envelope = {"info": info, "result": result}
        outcome = Outcome(human)
    except _Failed as failure:
        info["outcome"] = "failed"
        envelope = {"error": _error_json(list(failure.chain)), "info": info}
        first = failure.chain[0]
        outcome = Outcome(err=f"ERROR: {first['description']} ({first['domain']} error {first['code']}.)\n", status=1)
    text = fmt.apple_json(envelope, sort_keys=True) + "\n"
    if json_path == "-":
        outcome.out += text
    elif json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            f.write(text)
    return outcome
