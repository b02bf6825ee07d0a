"""`fwm capture` on the fake xcrun's booted simulator and paired device with the plugin's store: `fwm inspect CAPTURE`
reproduces `fwm list --json`, the manifest lists each xcrun run with its exit code, --redact hides the stored inputData."""

from __future__ import annotations

import json
import plistlib
import tarfile
from pathlib import Path

from ios_commands_world import BUNDLE, DEVICE_UDID, REFRESH, SIM_UDID, IosWorld


def _manifest(archive: Path):
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json")), {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def test_inspect_of_a_simulator_capture_is_the_live_listing(ios: IosWorld, tmp_path: Path) -> None:
    live = ios.fwm("list", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert live.code == 0, live
    r = ios.fwm("capture", "-s", SIM_UDID, "-a", BUNDLE, "-o", str(tmp_path / "c.tar"), "--json")
    assert r.code == 0, r
    inspected = ios.fwm("inspect", str(tmp_path / "c.tar"), "--json")
    assert inspected.code == 0 and inspected.json() == live.json(), inspected
    manifest, files = _manifest(tmp_path / "c.tar")
    assert manifest["platform"] == "ios" and manifest["device"]["id"] == SIM_UDID
    assert manifest["listing"]["suite"]["found"] is True
    assert plistlib.loads(files[manifest["listing"]["suite"]["file"]])
    assert "ios/Info.plist" in files
    for command in manifest["commands"]:
        assert command["argv"][0] == "xcrun" and isinstance(command["exitCode"], int)
    assert any(c["argv"][1:3] == ["simctl", "list"] for c in manifest["commands"])
    assert {c["purpose"] for c in manifest["commands"]} >= {"devices", "list", "doctor", "logs"}


def test_a_capture_with_the_bridge_reproduces_printScheduledTasks(ios: IosWorld, tmp_path: Path) -> None:
    ios.fake.launch_app(ios.sim, BUNDLE)
    ios.fake.start_bridge(ios.sim, BUNDLE)
    live = ios.fwm("list", "-s", SIM_UDID, "-a", BUNDLE, "--json")
    assert live.code == 0 and "bridge" in live.json()["plugin"], live
    assert ios.fwm("capture", "-s", SIM_UDID, "-a", BUNDLE, "-o", str(tmp_path / "c.tar")).code == 0
    assert ios.fwm("inspect", str(tmp_path / "c.tar"), "--json").json() == live.json()


def test_a_device_capture_is_the_live_listing(ios: IosWorld, tmp_path: Path) -> None:
    live = ios.fwm("list", "-s", DEVICE_UDID, "-a", BUNDLE, "--json")
    r = ios.fwm("capture", "-s", DEVICE_UDID, "-a", BUNDLE, "-o", str(tmp_path / "d.tar"))
    assert r.code == 0, r
    assert ios.fwm("inspect", str(tmp_path / "d.tar"), "--json").json() == live.json()
    manifest, files = _manifest(tmp_path / "d.tar")
    assert any("jsonOutput" in c for c in manifest["commands"])


def test_redact_hides_the_stored_input_data(ios: IosWorld, tmp_path: Path) -> None:
    ios.store(ios.sim, periodic_input_data={REFRESH: {"count": 3, "token": "s3cret", "flags": [True]}})
    r = ios.fwm("capture", "-s", SIM_UDID, "-a", BUNDLE, "-o", str(tmp_path / "r.tar"), "--redact")
    assert r.code == 0, r
    tasks = {t["uniqueName"]: t for t in ios.fwm("inspect", str(tmp_path / "r.tar"), "--json").json()["tasks"]}
    assert tasks[REFRESH]["inputData"] == {"count": 0, "token": "<redacted>", "flags": [False]}
    _, files = _manifest(tmp_path / "r.tar")
    assert b"s3cret" not in b"".join(files.values())


def test_a_bad_bundle_id_is_refused(ios: IosWorld, tmp_path: Path) -> None:
    r = ios.fwm("capture", "-s", SIM_UDID, "-a", "bad id!", "-o", str(tmp_path / "x.tar"))
    assert r.code == 2 and not (tmp_path / "x.tar").exists()
