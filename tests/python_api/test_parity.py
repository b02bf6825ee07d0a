"""The terminal and Python agree: every operation through the CLI and through Python gives the same JSON."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, Dict, Iterator, List, Tuple

import pytest

import fwm
from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.android_apps import AndroidApp
from fwm.testing.sample_apps import sample_app
from rig_env import rig_env

VOLATILE = ("ready", "unsatisfiedConstraints")


def _stable(doc: Dict[str, Any]) -> Dict[str, Any]:
    """A listing without the JobScheduler fields that change with the clock between two reads."""
    for task in doc.get("tasks", []):
        for key in VOLATILE:
            task.pop(key, None)
    return doc


@pytest.fixture
def rig_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[Tuple[AndroidRig, AndroidApp, fwm.App]]:
    with AndroidRig([ANDROID_14]) as rig:
        app = sample_app(device=rig.devices[0])
        monkeypatch.delenv("ANDROID_SERIAL", raising=False)
        for key, value in rig.env().items():
            monkeypatch.setenv(key, value)
        yield rig, app, fwm.devices()[0].app("com.example.app")


def test_devices(rig_app, run_fwm):
    rig, _, _ = rig_app
    assert json.loads(fwm.devices_json()) == run_fwm("devices", "--json", env=rig_env(rig)).json()


def test_shell(rig_app, run_fwm):
    rig, _, handle = rig_app
    argv = ["echo", "it's $(x)"]
    cli = run_fwm("shell", "-s", handle.device, "--json", "--", *argv, env=rig_env(rig)).json()
    assert json.loads(fwm.shell(*argv, device=handle.device).to_json()) == cli


def test_list_and_inspect(rig_app, run_fwm, tmp_path):
    rig, app, handle = rig_app
    cli = _stable(run_fwm("list", "-a", "com.example.app", "--all-work", "--json", env=rig_env(rig)).json())
    assert _stable(json.loads(handle.listing(all_work=True).to_json())) == cli
    db = tmp_path / "workdb"
    db.write_bytes(open(app.path("no_backup/androidx.work.workdb"), "rb").read())
    wal = app.path("no_backup/androidx.work.workdb-wal")
    (tmp_path / "workdb-wal").write_bytes(open(wal, "rb").read())
    cli = run_fwm("inspect", str(db), "--json").json()
    py = json.loads(fwm.inspect([str(db)]).to_json())
    for doc in (cli, py):
        for task in doc["tasks"]:
            task.pop("nextRunAt", None)
    assert py == cli


def test_trigger_wait_doctor(rig_app, run_fwm):
    rig, _, handle = rig_app
    env = rig_env(rig)
    refused_cli = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "periodic-refresh", "--json", env=env)
    refused_py = handle.trigger(unique_name="periodic-refresh")
    assert refused_cli.code == refused_py.exit_code == 5
    assert _stable_report(json.loads(refused_py.to_json())) == _stable_report(refused_cli.json())
    cli = run_fwm("wait", "-a", "com.example.app", "--unique-name", "reminder", "--until", "enqueued", "--json", env=env)
    py = handle.wait("reminder", until="enqueued", timeout=timedelta(seconds=10))
    assert cli.code == py.exit_code == 0
    assert _stable_report(json.loads(py.to_json())) == _stable_report(cli.json())
    cli = run_fwm("doctor", "-a", "com.example.app", "--json", env=env)
    py_doctor = handle.doctor()
    assert cli.code == py_doctor.exit_code
    assert json.loads(py_doctor.to_json()) == cli.json()


def test_logs(rig_app, run_fwm):
    rig, _, handle = rig_app
    handle.trigger(unique_name="sync-once", wait=True)
    cli: List[Dict[str, Any]] = [json.loads(line) for line in
                                 run_fwm("logs", "-a", "com.example.app", "--json", env=rig_env(rig)).out.splitlines()]
    py = [{"schema": "fwm/1", "time": r.time, "pid": r.pid, "tid": r.tid, "level": r.level, "tag": r.tag,
           "message": r.message} for r in handle.logs()]
    assert py == cli and py


def test_register_dry_run(run_fwm):
    cli = run_fwm("register", "periodic", "sync", "syncTask", "-a", "com.example.app", "--frequency", "10m",
                  "--tag", "nightly", "--platform", "android", "--dry-run", "--json")
    plan = fwm.PeriodicTask("sync", "syncTask", frequency=timedelta(minutes=10), tag="nightly").normalize(
        "android", "com.example.app")
    assert plan.to_json() == cli.out.strip()


def test_errors_have_the_same_codes(rig_app, run_fwm):
    rig, _, handle = rig_app
    cli = run_fwm("list", "-a", "com.example.missing", "--json", env=rig_env(rig))
    with pytest.raises(fwm.Error) as info:
        fwm.devices()[0].app("com.example.missing").tasks()
    assert cli.code == info.value.exit_code == 1
    assert cli.json()["error"]["message"] == str(info.value)


def _stable_report(doc: Dict[str, Any]) -> Dict[str, Any]:
    for result in doc["results"]:
        for key in ("task", "after"):
            if key in result:
                for volatile in VOLATILE:
                    result[key].pop(volatile, None)
    return doc


BRIDGE_VOLATILE = {"workId", "nextRunAt", "lastEnqueuedAt", "device", "message", "ready", "unsatisfiedConstraints",
                   "uniqueName"}


def _strip(value: Any) -> Any:
    """A document without what differs between two fresh devices (ids, instants, serials, messages naming them)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in BRIDGE_VOLATILE}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _bridge_device(monkeypatch: pytest.MonkeyPatch, rig: AndroidRig) -> fwm.App:
    sample_app(device=rig.devices[0], bridge=True)
    for key, value in rig.env().items():
        monkeypatch.setenv(key, value)
    return fwm.devices()[0].app("com.example.app")


def test_register_run_now_cancel_through_the_bridge(run_fwm, monkeypatch):
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    with AndroidRig([ANDROID_14]) as cli_rig, AndroidRig([ANDROID_14]) as py_rig:
        sample_app(device=cli_rig.devices[0], bridge=True)
        env = rig_env(cli_rig)
        cli_register = run_fwm("register", "periodic", "smoke", "syncTask", "-a", "com.example.app", "--frequency", "1h",
                               "--tag", "smoke", "--input", "full=true", "--json", env=env)
        cli_run = run_fwm("trigger", "-a", "com.example.app", "--unique-name", "smoke", "--run-now", "--wait", "--json",
                          env=env)
        cli_cancel = run_fwm("cancel", "-a", "com.example.app", "--tag", "smoke", "--json", env=env)
        app = _bridge_device(monkeypatch, py_rig)
        py_register = app.register(fwm.PeriodicTask("smoke", "syncTask", frequency=timedelta(hours=1), tag="smoke",
                                                    input_data={"full": True}))
        py_run = app.trigger(unique_name="smoke", run_now=True, wait=True)
        py_cancel = app.cancel(tag="smoke")
    for cli, py in ((cli_register, py_register), (cli_run, py_run), (cli_cancel, py_cancel)):
        assert cli.code == py.exit_code == 0, cli
        assert _strip(json.loads(py.to_json())) == _strip(cli.json())
