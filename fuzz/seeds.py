"""Writes the seed corpus of one fuzz harness: the tests/fixtures files of its kind (per manifest.json),
what the test rig (fwm.testing) writes for formats without a fixture, and the inputs that once crashed
it (tests/fixtures/crashers/HARNESS). Usage: seeds.py HARNESS OUT_DIR."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

REPOSITORY = Path(__file__).resolve().parents[1]
FIXTURES = REPOSITORY / "tests" / "fixtures"

# manifest.json's parser -> the harness that reads that kind, and how the fixture's args prefix the input.
HARNESS_OF_PARSER = {
    "am_broadcast": "am_broadcast", "jobscheduler_help": "jobscheduler_cmd",
    "dumpsys_jobscheduler": "dumpsys_jobscheduler", "diagnostics_report": "diagnostics_report",
    "devicectl_envelope": "devicectl_json", "devicectl_devices": "devicectl_json", "devicectl_apps": "devicectl_json",
    "devicectl_processes": "devicectl_json", "devicectl_launch": "devicectl_json",
    "simulated_launch": "simulate_launch_log", "unified_log": "unified_log", "simctl_devices": "simctl_json",
    "simctl_listapps": "openstep_plist", "launchctl_list": "launchctl_list",
}
# Harnesses that also read the fixtures of another harness.
ALSO_READS = {"logcat_line": "diagnostics_report", "lldb_output": "simulate_launch_log"}
PREFIX_ARG = {"dumpsys_jobscheduler": "package", "simulated_launch": "identifier"}


def fixture_seeds(harness: str) -> List[bytes]:
    manifest = json.loads((FIXTURES / "manifest.json").read_text())
    seeds = []
    for name, entry in sorted(manifest.items()):
        target = HARNESS_OF_PARSER.get(entry.get("parser"))
        if target is None or target not in (harness, ALSO_READS.get(harness)):
            continue
        data = (FIXTURES / name).read_bytes()
        if entry["parser"].startswith("devicectl_") and entry["parser"] not in ("devicectl_envelope", "devicectl_devices"):
            info = {"commandType": "devicectl." + entry["parser"], "jsonVersion": 2, "outcome": "success"}
            data = json.dumps({"info": info, "result": json.loads(data)["result"]}).encode()
        arg = PREFIX_ARG.get(entry["parser"])
        if arg and target == harness:
            data = entry["args"][arg].encode() + b"\n" + data
        seeds.append(data)
    if harness == "adb_wire":
        seeds.append((FIXTURES / "android" / "adb-server-replies.observed.txt").read_bytes())
    return seeds


def rig_seeds(harness: str) -> List[bytes]:
    if harness in ("work_data", "work_data_v1_roundtrip"):
        from fwm.testing.work_data import JavaArray, JavaFloat, JavaLong, encode_data
        values = {"name": "sync", "count": 3, "big": JavaLong(1 << 40), "ratio": JavaFloat(0.1), "ok": True,
                  "none": None, "ids": JavaArray("int", [1, 2, 3]), "tags": JavaArray("String", ["a", "é"])}
        return [encode_data(values, "v1"), encode_data(values, "v0"), encode_data({}, "v1")]
    if harness == "workmanager_db":
        from fwm.testing.workmanager_db import WorkDatabase
        seeds = []
        for version in (12, 24):
            with tempfile.TemporaryDirectory() as folder:
                db = WorkDatabase(str(Path(folder) / "androidx.work.workdb"), version)
                db.open()
                db.insert_work("be.tramckrijte.workmanager.BackgroundWorker", now_ms=1_700_000_000_000,
                               input_data={"be.tramckrijte.workmanager.DART_TASK": "sync"}, tags=["sync"],
                               unique_name="sync", interval_ms=900_000)
                db.close()
                seeds.append((Path(folder) / "androidx.work.workdb").read_bytes())
        return seeds
    if harness == "property_list":
        from fwm.testing.fake_xcrun.plists import info_plist, plugin_defaults
        suite = dict(scheduled_tasks={"sync": {"frequency": 900.0}}, callback_handle=42,
                     periodic_input_data={"sync": {"k": "v"}})
        return [info_plist("com.example.app", "Example", "Runner", "1.0", "1", ["fetch", "processing"], ["sync"]),
                plugin_defaults(**suite), plugin_defaults(**suite, xml=True)]
    if harness == "scheduled_tasks_text":
        return [b"[BGTaskScheduler] There are no scheduled tasks",
                b"flutter: [BGTaskScheduler] Scheduled Tasks:\n"
                b"flutter: [BGTaskScheduler] Task Identifier: sync earliestBeginDate: 5/10/2024, 2:32 PM\n"]
    if harness == "vm_service_reply":
        hello = {"protocolVersion": "1.0", "bridgeVersion": "0.1.0", "pluginVersion": "0.9.0", "platform": "ios"}
        return [json.dumps({"jsonrpc": "2.0", "result": hello, "id": ""}).encode(),
                json.dumps({"jsonrpc": "2.0", "error": {"code": -32602, "message": "Invalid params",
                                                        "data": {"details": "taskName"}}, "id": ""}).encode(),
                b"The Dart VM service is listening on http://127.0.0.1:40183/9RXbNwUxzQo=/"]
    if harness == "adb_wire":
        from fwm.testing.adb_protocol import encode_shell_exit, encode_shell_packet
        return [encode_shell_packet(1, b"line\n") + encode_shell_packet(2, b"oops\n") + encode_shell_exit(0),
                b"emulator-5554          device product:sdk_gphone64_x86_64 model:sdk_gphone64 device:emu64x "
                b"transport_id:1\n",
                b"[ro.build.version.sdk]: [34]\n[ro.product.model]: [Pixel\n7]\n"]
    return []


def main(argv: List[str]) -> int:
    harness, out = argv[1], Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    seeds: Dict[str, bytes] = {}
    for seed in fixture_seeds(harness) + rig_seeds(harness):
        seeds[f"seed-{len(seeds):02d}"] = seed
    crashers = FIXTURES / "crashers" / harness
    for crasher in sorted(crashers.iterdir()) if crashers.is_dir() else []:
        seeds[f"crasher-{crasher.name}"] = crasher.read_bytes()
    for name, seed in seeds.items():
        (out / name).write_bytes(seed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
