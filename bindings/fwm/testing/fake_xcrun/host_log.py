"""The host's `log` (macOS /usr/bin/log) over the fake xcrun's world: `log collect` from a device, `log show ARCHIVE`."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List

from .common import Outcome, Refused, log_selection, log_show, no_more, serve, since, take_option
from .world import LOG_INVOCATIONS_FILE, append_line, locked_world

RECORDS_FILE = "fwm-fake-records.json"
NEEDS_ROOT = "log: Collecting logs requires root privileges\n"


def _collect(root: str, args: List[str]) -> Outcome:
    udid = take_option(args, "--device-udid")
    output = take_option(args, "--output")
    cutoff = since(args, "log collect")
    no_more(args, "log collect")
    if not udid or not output or cutoff is None:
        raise Refused("log collect: the fake collects only --device-udid HWUDID (--start S | --last T) --output PATH")
    with locked_world(root, write=False) as world:
        if world.get("log_collect_needs_root"):
            return Outcome(err=NEEDS_ROOT, status=1)
        if os.path.exists(output):
            return Outcome(err=f"log: Archive already exists: {output}\n", status=1)
        if not os.path.isdir(os.path.dirname(os.path.abspath(output))):
            return Outcome(err=f"log: Could not create archive at {output}: No such file or directory\n", status=1)
        devices = [d for d in world["devices"].values() if d["udid"] == udid]
        if not devices:
            return Outcome(err=f"log: Could not find a device with UDID {udid}\n", status=1)
        if not devices[0]["reachable"]:
            return Outcome(err=f"log: Could not connect to device {udid}: Connection was invalidated\n", status=1)
        records: List[Dict[str, Any]] = [r for r in devices[0]["logs"] if r["unixTime"] >= cutoff]
    os.makedirs(output)
    with open(os.path.join(output, RECORDS_FILE), "w", encoding="utf-8") as f:
        json.dump(records, f)
    return Outcome(f"Archive successfully written to {output}\n")


def _show(args: List[str]) -> Outcome:
    options = log_selection(args, stream=False)
    if len(args) != 1:
        raise Refused(f"log show {args}: the fake shows only one archive that `log collect` wrote")
    archive = args[0]
    if not os.path.isdir(archive):
        return Outcome(err=f"log: Could not open log archive at {archive}: No such file or directory\n", status=1)
    path = os.path.join(archive, RECORDS_FILE)
    if not os.path.isfile(path):
        raise Refused(f"log show {archive}: not an archive the fake's `log collect` wrote")
    with open(path, encoding="utf-8") as f:
        records: List[Dict[str, Any]] = json.load(f)
    return Outcome(log_show(records, options))


def main(args: List[str], root: str) -> int:
    """Runs `log ARGS` against the world kept in the folder `root`; returns the exit status. Every
    invocation is appended to root/log-invocations.jsonl first (as the argv after `log`)."""
    append_line(root, LOG_INVOCATIONS_FILE, list(args))

    def run() -> Outcome:
        if args[:1] == ["collect"]:
            return _collect(root, list(args[1:]))
        if args[:1] == ["show"]:
            return _show(list(args[1:]))
        raise Refused(f"log {args[0] if args else ''}: the fake runs only `log collect` and `log show ARCHIVE`")

    return serve("log", args, run)
