"""The fake xcrun's world: simulators, devices, apps, processes, BGTask requests and logs, kept as JSON in a folder."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
import uuid
from typing import Any, Dict, Iterator, List, Optional

STATE_FILE = "state.json"
INVOCATIONS_FILE = "invocations.jsonl"
LOG_INVOCATIONS_FILE = "log-invocations.jsonl"
LLDB_FILE = "lldb-sessions.jsonl"
LOCK_FILE = "state.lock"

World = Dict[str, Any]


def empty_world() -> World:
    """A world without simulators or devices."""
    return {"simulators": {}, "devices": {}, "next_pid": 48213, "next_trace": 2175280710025220,
            "lldb_knows_device_commands": True, "decode_identifiers": False, "stream_hold_seconds": 0.0,
            "log_collect_needs_root": False, "boot_uuid": str(uuid.uuid4()).upper()}


@contextlib.contextmanager
def locked_world(root: str, write: bool = True) -> Iterator[World]:
    """The world under an exclusive lock; written back on leaving when `write`."""
    with open(os.path.join(root, LOCK_FILE), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = os.path.join(root, STATE_FILE)
        with open(path, encoding="utf-8") as f:
            world = json.load(f)
        yield world
        if write:
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(world, f, indent=1)
            os.replace(tmp, path)


def append_line(root: str, name: str, value: Any) -> None:
    """Appends one JSON line to a record file of the world."""
    with open(os.path.join(root, name), "a", encoding="utf-8") as f:
        f.write(json.dumps(value) + "\n")


def read_lines(root: str, name: str) -> List[Any]:
    """The JSON lines of a record file ([] when none were written)."""
    path = os.path.join(root, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def next_pid(world: World) -> int:
    """A fresh process id."""
    world["next_pid"] += 1
    return int(world["next_pid"])


def find_simulator(world: World, name_or_udid: str) -> Optional[Dict[str, Any]]:
    """The simulator named by UDID, name or `booted` (the only booted one), as simctl resolves it."""
    sims: List[Dict[str, Any]] = list(world["simulators"].values())
    if name_or_udid == "booted":
        booted = [s for s in sims if s["state"] == "Booted"]
        return booted[0] if booted else None
    for s in sims:
        if s["udid"] == name_or_udid:
            return s
    named = [s for s in sims if s["name"] == name_or_udid]
    return named[0] if named else None


def find_device(world: World, selector: str) -> Optional[Dict[str, Any]]:
    """The device named by CoreDevice identifier, UDID, ECID or name, as devicectl's --device does."""
    devices: List[Dict[str, Any]] = list(world["devices"].values())
    for d in devices:
        if selector in (d["identifier"], d["udid"], str(d["ecid"]), d["name"]):
            return d
    return None


def find_target(world: World, key: str) -> Dict[str, Any]:
    """The simulator (by UDID) or device (by CoreDevice identifier) `key`; KeyError when there is none."""
    for kind in ("simulators", "devices"):
        found: Optional[Dict[str, Any]] = world[kind].get(key)
        if found is not None:
            return found
    raise KeyError(f"no simulator or device {key}")


def log_record(world: World, target: Dict[str, Any], message: str, *, image: str, pid: int,
               message_type: str = "Default", subsystem: str = "", category: str = "",
               sender: str = "", when: Optional[float] = None) -> Dict[str, Any]:
    """Appends a unified-log record (the keys of fixtures/ios/log-stream-record.json) to the target's log."""
    world["next_trace"] += 4
    moment = time.time() if when is None else when
    local = time.localtime(moment)
    offset = time.strftime("%z", local)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", local) + f".{int((moment % 1) * 1e6):06d}" + offset
    record = {
        "traceID": world["next_trace"], "eventType": "logEvent", "messageType": message_type, "source": None,
        "eventMessage": message, "formatString": "%{public}@", "activityIdentifier": 0, "parentActivityIdentifier": 0,
        "subsystem": subsystem, "category": category, "threadID": 600000 + pid, "processID": pid, "userID": 501,
        "timezoneName": "", "bootUUID": world["boot_uuid"], "processImagePath": image,
        "processImageUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, image)).upper(), "senderProgramCounter": 279748,
        "senderImagePath": sender or image, "senderImageUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, sender or image)).upper(),
        "backtrace": {"frames": [{"imageOffset": 279748,
                                  "imageUUID": str(uuid.uuid5(uuid.NAMESPACE_URL, sender or image)).upper()}]},
        "timestamp": stamp, "machTimestamp": int(moment * 1e9) % 10**13, "unixTime": moment,
    }
    target["logs"].append(record)
    return record
