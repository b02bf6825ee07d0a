"""`xcrun simctl`: list devices -j, listapps, get_app_container, launch, terminate, spawn launchctl|log."""

from __future__ import annotations

import os
import sys
import time
from typing import Any, Dict, List

from . import apple_formats as fmt
from .common import Outcome, Refused, log_header, log_selection, log_show, no_more, select_records, take_option
from .world import World, find_simulator, locked_world, next_pid

SIM_ERROR = "com.apple.CoreSimulator.SimError"
SYSTEM_JOBS = [(None, 0, "com.apple.itunesstored"), (212, 0, "com.apple.backboardd"), (None, 0, "com.apple.mobilegestalt")]


def _device_json(sim: Dict[str, Any]) -> Dict[str, Any]:
    """One device of `list devices -j`, keys in the order of fixtures/ios/simctl-list-devices.json."""
    out: Dict[str, Any] = {}
    if sim.get("last_booted_at"):
        out["lastBootedAt"] = sim["last_booted_at"]
    out.update({"dataPath": sim["data_path"], "dataPathSize": 2255896576, "logPath": sim["log_path"],
                "udid": sim["udid"], "isAvailable": sim["available"], "logPathSize": 827392})
    if not sim["available"]:
        out["availabilityError"] = "runtime profile not found"
    out.update({"deviceTypeIdentifier": sim["device_type"], "state": sim["state"], "name": sim["name"]})
    return out


def _list(world: World, args: List[str]) -> Outcome:
    as_json = take_option(args, "-j", "--json", flag=True) is not None
    words = args
    if not as_json:
        raise Refused("simctl list: the fake prints only JSON (-j)")
    if not words or words[0] != "devices" or any(w not in ("devices", "available", "booted") for w in words):
        raise Refused(f"simctl list {' '.join(words)}: the fake lists only `devices [available|booted]`")
    devices: Dict[str, List[Dict[str, Any]]] = {runtime: [] for runtime in world.get("runtimes", [])}
    for sim in world["simulators"].values():
        if "available" in words and not sim["available"]:
            continue
        if "booted" in words and sim["state"] != "Booted":
            continue
        devices.setdefault(sim["runtime"], []).append(_device_json(sim))
    return Outcome(fmt.apple_json({"devices": devices}) + "\n")


def _simulator(world: World, name: str, booted: bool = False) -> Dict[str, Any]:
    sim = find_simulator(world, name)
    if sim is None:
        raise _Failure(Outcome(err=f"Invalid device: {name}\n", status=1))
    if booted and sim["state"] != "Booted":
        raise _Failure(Outcome(err=fmt.simctl_error(SIM_ERROR, 405, f"Unable to lookup in current state: {sim['state']}"),
                               status=149))
    return sim


class _Failure(Exception):
    """simctl's own failure (as Apple's simctl reports it), carried to the dispatcher."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.err)
        self.outcome = outcome


def _listapps(world: World, args: List[str]) -> Outcome:
    if len(args) != 1:
        raise Refused("simctl listapps takes exactly one device")
    sim = _simulator(world, args[0])
    listing: Dict[str, Any] = {}
    for app in sim["apps"].values():
        entry = {"ApplicationType": app["application_type"]}
        if app["application_type"] == "User":
            entry.update({"Bundle": "file://" + app["bundle_path"] + "/", "CFBundleDisplayName": app["name"],
                          "CFBundleExecutable": app["executable"], "CFBundleIdentifier": app["bundle_id"],
                          "CFBundleName": app["executable"], "CFBundleShortVersionString": app["version"],
                          "CFBundleVersion": app["bundle_version"],
                          "DataContainer": "file://" + app["data_path"] + "/", "GroupContainers": {},
                          "Path": app["bundle_path"]})
        else:
            entry["CFBundleIdentifier"] = app["bundle_id"]
        listing[app["bundle_id"]] = dict(sorted(entry.items()))
    return Outcome(fmt.openstep(listing) + "\n")


def _get_app_container(world: World, args: List[str]) -> Outcome:
    if len(args) not in (2, 3):
        raise Refused("simctl get_app_container takes a device, a bundle id and optionally app|data|groups")
    sim = _simulator(world, args[0])
    kind = args[2] if len(args) == 3 else "app"
    if kind not in ("app", "data"):
        raise Refused(f"simctl get_app_container: the fake has no {kind!r} container")
    app = sim["apps"].get(args[1])
    if app is None or app["application_type"] != "User":
        raise _Failure(Outcome(err=fmt.simctl_error("NSPOSIXErrorDomain", 2, f"Failed to get the {kind} container "
                                                    f"for {args[1]}.", "No such file or directory"), status=2))
    return Outcome((app["bundle_path"] if kind == "app" else app["data_path"]) + "\n")


def _launch(world: World, args: List[str]) -> Outcome:
    for blocking in ("--console", "--console-pty", "-w", "--wait-for-debugger"):
        if blocking in args:
            raise Refused(f"simctl launch {blocking}: the fake does not model attached consoles or debugger waits")
    terminate = take_option(args, "--terminate-running-process", flag=True) is not None
    if len(args) < 2 or args[0].startswith("-"):
        raise Refused(f"simctl launch: cannot read {args}")
    sim = _simulator(world, args[0], booted=True)
    app = sim["apps"].get(args[1])
    if app is None:
        raise _Failure(Outcome(err=fmt.simctl_error("FBSOpenApplicationServiceErrorDomain", 4,
                                                    f"The request to open \"{args[1]}\" failed."), status=4))
    running = [p for p in sim["processes"] if p.get("bundle_id") == app["bundle_id"]]
    if running and not terminate:
        return Outcome(f"{app['bundle_id']}: {running[0]['pid']}\n")
    sim["processes"] = [p for p in sim["processes"] if p.get("bundle_id") != app["bundle_id"]]
    pid = next_pid(world)
    env = {k[len("SIMCTL_CHILD_"):]: v for k, v in os.environ.items() if k.startswith("SIMCTL_CHILD_")}
    sim["processes"].append({"pid": pid, "bundle_id": app["bundle_id"], "executable": app["bundle_path"] + "/" +
                             app["executable"], "label": f"UIKitApplication:{app['bundle_id']}[{pid % 0xFFFF:04x}]"
                             "[rb-legacy]", "debugger_attached": False, "arguments": args[2:], "environment": env})
    return Outcome(f"{app['bundle_id']}: {pid}\n")


def _terminate(world: World, args: List[str]) -> Outcome:
    if len(args) != 2:
        raise Refused("simctl terminate takes a device and a bundle id")
    sim = _simulator(world, args[0], booted=True)
    running = [p for p in sim["processes"] if p.get("bundle_id") == args[1]]
    if not running:
        raise _Failure(Outcome(err=fmt.simctl_error("NSPOSIXErrorDomain", 3, f"Simulator device failed to terminate "
                                                    f"{args[1]}.", "found nothing to terminate"), status=3))
    sim["processes"] = [p for p in sim["processes"] if p.get("bundle_id") != args[1]]
    return Outcome()


def _launchctl(sim: Dict[str, Any], args: List[str]) -> Outcome:
    if args != ["list"]:
        raise Refused(f"simctl spawn launchctl {args}: the fake answers only `launchctl list`")
    rows = list(SYSTEM_JOBS) + [(p["pid"], 0, p["label"]) for p in sim["processes"] if p.get("label")]
    return Outcome(fmt.launchctl_table(rows))


def _log_show(sim: Dict[str, Any], args: List[str]) -> Outcome:
    options = log_selection(args, stream=False)
    no_more(args, "log show")
    return Outcome(log_show(sim["logs"], options))


def log_stream(root: str, udid: str, args: List[str], hold: float) -> int:
    """`log stream`: prints the matching records (all of them: the fake's log starts with the stream),
    then, for `hold` seconds, each record added meanwhile, flushing as it goes; the json array is
    closed when the stream ends."""
    options = log_selection(args, stream=True)
    no_more(args, "log stream")
    out = sys.stdout
    out.write(log_header(options, stream=True))
    out.flush()
    seen, printed = 0, 0
    deadline = time.monotonic() + hold
    while True:
        with locked_world(root, write=False) as world:
            fresh = world["simulators"][udid]["logs"][seen:]
        seen += len(fresh)
        for record in select_records(fresh, options):
            if options.style == "ndjson":
                out.write(fmt.log_ndjson([record]))
            else:
                out.write(("[{\n" if printed == 0 else "\n},{\n") + fmt.log_json_body(record))
            printed += 1
        out.flush()
        if time.monotonic() >= deadline:
            break
        time.sleep(0.05)
    if options.style == "json":
        out.write("\n}]\n" if printed else "[]\n")
    out.flush()
    return 0


def simctl(root: str, args: List[str]) -> Outcome:
    """Runs `simctl ARGS` against the world in `root`."""
    if not args:
        raise Refused("simctl without a subcommand")
    command, rest = args[0], list(args[1:])
    try:
        if command == "spawn":
            return _spawn(root, rest)
        with locked_world(root, write=command in ("launch", "terminate")) as world:
            handlers = {"list": _list, "listapps": _listapps, "get_app_container": _get_app_container,
                        "launch": _launch, "terminate": _terminate}
            if command not in handlers:
                raise Refused(f"simctl {command}: not modelled by the fake")
            return handlers[command](world, rest)
    except _Failure as failure:
        return failure.outcome


def _spawn(root: str, args: List[str]) -> Outcome:
    if len(args) < 2 or args[0].startswith("-"):
        raise Refused(f"simctl spawn {args}: the fake takes only `spawn DEVICE launchctl|log ...`")
    with locked_world(root, write=False) as world:
        sim = _simulator(world, args[0], booted=True)
        hold = float(world["stream_hold_seconds"])
    tool, rest = args[1], list(args[2:])
    if tool == "launchctl":
        return _launchctl(sim, rest)
    if tool == "log" and rest[:1] == ["show"]:
        return _log_show(sim, rest[1:])
    if tool == "log" and rest[:1] == ["stream"]:
        return Outcome(status=log_stream(root, sim["udid"], rest[1:], hold))
    raise Refused(f"simctl spawn {tool} {rest}: not modelled by the fake")
