"""The fake host `log`: collect a device's records into an archive, show the archive; `--start` on simctl's log show."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from typing import Any, Dict, List

import fwm._core as core
from ios_world import BUNDLE, DEVICE_ID, DEVICE_UDID, World

PREDICATE = ('processImagePath ENDSWITH "/Runner" AND (eventMessage BEGINSWITH "flutter: " '
             'OR subsystem == "dev.fluttercommunity.workmanager")')


def run_log(world: World, *args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([world.fake.log_path, *args], capture_output=True, text=True, timeout=10)


def local(moment: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(moment))


def messages(text: str) -> List[str]:
    records: List[Dict[str, Any]] = json.loads(core.ios_parse_unified_log(text))
    return [r["eventMessage"] for r in records]


def device_logs(world: World) -> None:
    world.fake.launch_app(world.device, BUNDLE)
    world.fake.add_log(world.device, "flutter: an hour ago", bundle_id=BUNDLE, when=time.time() - 3600)
    world.fake.add_log(world.device, "flutter: just now", bundle_id=BUNDLE)
    world.fake.add_log(world.device, "Task started: x, callbackHandle: 1", bundle_id=BUNDLE, message_type="Debug",
                       subsystem="dev.fluttercommunity.workmanager", category="debug")
    world.fake.add_log(world.device, "unrelated", image="/usr/libexec/dasd")


def test_collect_then_show_an_archive(world: World, tmp_path):
    device_logs(world)
    archive = str(tmp_path / "fwm.logarchive")
    collect = run_log(world, "collect", "--device-udid", DEVICE_UDID, "--last", "10m", "--output", archive)
    assert (collect.returncode, collect.stdout, collect.stderr) == (0, f"Archive successfully written to {archive}\n", "")
    assert os.path.isdir(archive)
    show = run_log(world, "show", "--style", "ndjson", "--info", "--debug", "--predicate", PREDICATE, archive)
    assert show.returncode == 0 and show.stdout.startswith(f'Filtering the log data using "{PREDICATE}"\n')
    assert messages(show.stdout) == ["flutter: just now", "Task started: x, callbackHandle: 1"]
    plain = run_log(world, "show", "--style", "json", archive)
    assert "Skipping info and debug messages" in plain.stdout
    assert messages(plain.stdout) == ["flutter: just now", "unrelated"]
    assert world.fake.log_invocations[0][:3] == ["collect", "--device-udid", DEVICE_UDID]


def test_collect_since_a_local_moment(world: World, tmp_path):
    device_logs(world)
    archive = str(tmp_path / "since.logarchive")
    start = local(time.time() - 120)
    assert run_log(world, "collect", "--device-udid", DEVICE_UDID, "--start", start, "--output", archive).returncode == 0
    everything = run_log(world, "show", "--style", "ndjson", "--debug", archive)
    assert messages(everything.stdout) == ["flutter: just now", "Task started: x, callbackHandle: 1", "unrelated"]
    recent = run_log(world, "show", "--style", "ndjson", "--start", local(time.time() + 60), archive)
    assert messages(recent.stdout) == []


def test_collect_failures(world: World, tmp_path):
    archive = str(tmp_path / "a.logarchive")
    unknown = run_log(world, "collect", "--device-udid", DEVICE_ID, "--last", "1m", "--output", archive)
    assert unknown.returncode == 1 and DEVICE_ID in unknown.stderr and not os.path.exists(archive)
    world.fake.set_device(world.device, reachable=False)
    unreachable = run_log(world, "collect", "--device-udid", DEVICE_UDID, "--last", "1m", "--output", archive)
    assert unreachable.returncode == 1 and "Could not connect" in unreachable.stderr
    world.fake.set_device(world.device, reachable=True)
    os.makedirs(archive)
    exists = run_log(world, "collect", "--device-udid", DEVICE_UDID, "--last", "1m", "--output", archive)
    assert exists.returncode == 1 and "already exists" in exists.stderr
    shutil.rmtree(archive)
    world.fake.configure(log_collect_needs_root=True)
    root = run_log(world, "collect", "--device-udid", DEVICE_UDID, "--last", "1m", "--output", archive)
    assert (root.returncode, root.stderr) == (1, "log: Collecting logs requires root privileges\n")
    missing = run_log(world, "show", "--style", "ndjson", str(tmp_path / "none.logarchive"))
    assert missing.returncode == 1 and "none.logarchive" in missing.stderr


def test_refusals(world: World, tmp_path):
    archive = str(tmp_path / "r.logarchive")
    for argv in (["stream", "--style", "ndjson"],
                 ["collect", "--device-udid", DEVICE_UDID, "--output", archive],
                 ["collect", "--device-udid", DEVICE_UDID, "--last", "1m", "--start", local(time.time()),
                  "--output", archive],
                 ["collect", "--device-udid", DEVICE_UDID, "--size", "10m", "--last", "1m", "--output", archive],
                 ["show", "--style", "ndjson"],
                 ["show", "--style", "compact", archive],
                 ["show", "--style", "ndjson", "--start", "yesterday", archive]):
        run = run_log(world, *argv)
        assert run.returncode == 64 and run.stderr.startswith("fake log: REFUSED: "), argv
    assert len(world.fake.log_invocations) == 7
    os.makedirs(archive)
    assert run_log(world, "show", "--style", "ndjson", archive).returncode == 64


def test_log_is_on_the_path_of_env(world: World):
    assert shutil.which("log", path=world.fake.env()["PATH"]) == world.fake.log_path


def test_simctl_log_show_since_a_local_moment(world: World):
    world.fake.launch_app(world.sim, BUNDLE)
    world.fake.add_log(world.sim, "flutter: old", bundle_id=BUNDLE, when=time.time() - 600)
    world.fake.add_log(world.sim, "flutter: new", bundle_id=BUNDLE)
    run = world.run("simctl", "spawn", world.sim, "log", "show", "--style", "ndjson", "--start",
                    local(time.time() - 60))
    assert run.returncode == 0 and messages(run.stdout) == ["flutter: new"]
    both = world.run("simctl", "spawn", world.sim, "log", "show", "--style", "ndjson", "--last", "1m", "--start",
                     local(time.time()))
    assert both.returncode == 64
    stream = world.run("simctl", "spawn", world.sim, "log", "stream", "--style", "ndjson", "--start",
                       local(time.time()))
    assert stream.returncode == 64
