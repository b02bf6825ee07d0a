"""`fwm capture` on the emulated Android device: one tar archive of every raw output list, doctor and logs read;
`fwm inspect CAPTURE` reproduces `fwm list --json` from it; --redact hides input values; a bad app id sends nothing."""

from __future__ import annotations

import json
import sqlite3
import tarfile
from pathlib import Path

import pytest

import fwm
from rig_env import rig_env

APP = "com.example.app"


def _capture(run_fwm, rig, archive: Path, *extra: str):
    r = run_fwm("capture", "-a", APP, "-o", str(archive), "--json", *extra, env=rig_env(rig))
    assert r.code == 0, r
    return r.json()


def _manifest(archive: Path):
    with tarfile.open(archive) as tar:  # a standard tool opens it
        assert tar.getnames()[0] == "manifest.json"
        return json.load(tar.extractfile("manifest.json")), {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def test_inspect_of_a_capture_is_the_live_listing_debuggable(debuggable_app, run_fwm, tmp_path):
    rig, _ = debuggable_app
    live = run_fwm("list", "-a", APP, "--json", env=rig_env(rig)).json()
    report = _capture(run_fwm, rig, tmp_path / "c.tar")
    assert report["path"] == str(tmp_path / "c.tar") and report["app"] == APP and report["redacted"] is False
    inspected = run_fwm("inspect", str(tmp_path / "c.tar"), "--json")
    assert inspected.code == 0, inspected
    assert inspected.json() == live
    assert {t["sources"][0] for t in live["tasks"]} == {"database"}
    filtered = run_fwm("inspect", str(tmp_path / "c.tar"), "--unique-name", "reminder", "--json").json()
    assert [t["uniqueName"] for t in filtered["tasks"]] == ["reminder"]


def test_inspect_of_a_capture_is_the_live_listing_release(release_app, run_fwm, tmp_path):
    rig, _ = release_app
    live = run_fwm("list", "-a", APP, "--json", env=rig_env(rig)).json()
    _capture(run_fwm, rig, tmp_path / "c.tar")
    assert run_fwm("inspect", str(tmp_path / "c.tar"), "--json").json() == live
    manifest, _ = _manifest(tmp_path / "c.tar")
    assert manifest["listing"]["database"]["status"] == "notDebuggable"
    assert "diagnostics" in manifest["listing"] and live["tasks"], live


def test_the_manifest_lists_every_command_with_its_exit_code_and_files(debuggable_app, run_fwm, tmp_path):
    rig, _ = debuggable_app
    _capture(run_fwm, rig, tmp_path / "c.tar")
    manifest, files = _manifest(tmp_path / "c.tar")
    assert manifest["kind"] == "fwm-capture" and manifest["fwmVersion"] == fwm.__version__
    assert manifest["app"] == APP and manifest["platform"] == "android"
    devices = run_fwm("devices", "--json", env=rig_env(rig)).json()["devices"]
    assert manifest["device"] == devices[0]
    argvs = [c["argv"] for c in manifest["commands"]]
    for wanted in (["getprop"], ["dumpsys", "jobscheduler", APP], ["dumpsys", "package", APP],
                   ["run-as", APP, "cat", "shared_prefs/flutter_workmanager_plugin.xml"],
                   ["logcat", "-d", "-v", "threadtime"], ["cmd", "jobscheduler", "help"]):
        assert wanted in argvs, wanted
    for command in manifest["commands"]:
        assert command["purpose"] in ("devices", "list", "doctor", "logs", "trigger")
        assert command["stdout"] in files
        assert (command["exitCode"] is None) == (command["service"] == "exec")
        if command["service"] == "shell":
            assert isinstance(command["exitCode"], int)
    dumpsys = next(c for c in manifest["commands"] if c["argv"] == ["dumpsys", "jobscheduler", APP])
    assert dumpsys["exitCode"] == 0 and b"@androidx.work.systemjobscheduler@com.example.app/" in files[dumpsys["stdout"]]
    db = manifest["listing"]["database"]["files"]["no_backup/androidx.work.workdb"]
    assert files[db][:16] == b"SQLite format 3\x00"


def test_redact_hides_input_values_keeping_keys_and_types(debuggable_app, run_fwm, tmp_path):
    rig, _ = debuggable_app
    live = {t["uniqueName"]: t for t in run_fwm("list", "-a", APP, "--json", env=rig_env(rig)).json()["tasks"]}
    _capture(run_fwm, rig, tmp_path / "r.tar", "--redact")
    doc = run_fwm("inspect", str(tmp_path / "r.tar"), "--json").json()
    tasks = {t["uniqueName"]: t for t in doc["tasks"]}
    assert tasks["sync-once"]["inputData"] == {"userId": 0, "force": False}
    assert tasks["reminder"]["inputData"] == {"message": "<redacted>", "ratio": 0.0}
    assert tasks["cleanup"]["inputData"] == {"maxAgeDays": 0, "meta": {"reason": "<redacted>"}, "paths": ["<redacted>", None]}
    for name, task in tasks.items():
        assert task["taskName"] == live[name]["taskName"]
        assert {k: v for k, v in task.items() if k != "inputData"} == {k: v for k, v in live[name].items() if k != "inputData"}
    manifest, files = _manifest(tmp_path / "r.tar")
    assert manifest["redacted"] is True
    assert all("stdout" not in c and c["withheld"] for c in manifest["commands"] if c["service"] == "exec")
    everything = b"".join(files.values())
    assert b"Stand up" not in everything and b"manual" not in everything
    db = tmp_path / "workdb"
    db.write_bytes(files[manifest["listing"]["database"]["files"]["no_backup/androidx.work.workdb"]])
    assert sqlite3.connect(db).execute("SELECT count(*) FROM WorkSpec").fetchone()[0] == 6


def test_a_bad_app_id_is_refused_before_anything_is_sent(debuggable_app, run_fwm, tmp_path):
    rig, _ = debuggable_app
    before = len(rig.devices[0].received_services)
    r = run_fwm("capture", "-a", "not a package", "-o", str(tmp_path / "x.tar"), "--json", env=rig_env(rig))
    assert r.code == 2 and r.json()["error"]["kind"] == "validation", r
    assert not (tmp_path / "x.tar").exists()
    assert len(rig.devices[0].received_services) == before
    missing = run_fwm("capture", "-a", APP, "-o", str(tmp_path / "no" / "x.tar"), env=rig_env(rig))
    assert missing.code == 2 and "does not exist" in missing.err


def test_python_capture_is_the_cli_operation(debuggable_app, run_fwm, tmp_path, monkeypatch):
    rig, _ = debuggable_app
    for key, value in rig.env().items():
        monkeypatch.setenv(key, value)
    result = fwm.App("", APP).capture(str(tmp_path / "p.tar"))
    cli = _capture(run_fwm, rig, tmp_path / "c.tar")
    assert json.loads(result.to_json()).keys() == cli.keys()
    assert (result.app, result.redacted, result.commands) == (cli["app"], False, cli["commands"])
    assert result.files[0] == "manifest.json" and len(result.files) == len(cli["files"])
    assert fwm.inspect([str(tmp_path / "p.tar")]).to_json() == run_fwm("inspect", str(tmp_path / "c.tar"), "--json").out.strip()
    with pytest.raises(fwm.ValidationError):
        fwm.App("", "not a package").capture(str(tmp_path / "x.tar"))


def test_a_damaged_capture_is_refused_naming_it(debuggable_app, run_fwm, tmp_path):
    rig, _ = debuggable_app
    _capture(run_fwm, rig, tmp_path / "c.tar")
    cut = tmp_path / "cut.tar"
    cut.write_bytes((tmp_path / "c.tar").read_bytes()[:5000])
    r = run_fwm("inspect", str(cut), "--json")
    assert r.code == 2 and str(cut) in r.json()["error"]["message"], r
    other = run_fwm("inspect", str(tmp_path / "c.tar"), "-a", "com.other.app", "--json")
    assert other.code == 2
