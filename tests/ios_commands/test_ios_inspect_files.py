"""`fwm inspect` of plists: a corrupt or truncated plist and a plist that is not the plugin's suite are refused
naming the file (exit 2, as for Android files), never listed as "No tasks."."""

from __future__ import annotations

import plistlib
from pathlib import Path

SUITE = {
    "dev.fluttercommunity.workmanager.callbackHandle": 7741,
    "dev.fluttercommunity.workmanager.workInfos": b'{"sync": {"state": "scheduled", "isPeriodic": true}}',
}


def test_the_plugins_suite_is_listed(run_fwm, tmp_path: Path) -> None:
    suite = tmp_path / "suite.plist"
    suite.write_bytes(plistlib.dumps(SUITE, fmt=plistlib.FMT_BINARY))
    r = run_fwm("inspect", str(suite), "--json")
    assert r.code == 0 and [t["uniqueName"] for t in r.json()["tasks"]] == ["sync"], r


def test_a_truncated_binary_plist_is_refused_naming_it(run_fwm, tmp_path: Path) -> None:
    suite = tmp_path / "suite.plist"
    suite.write_bytes(plistlib.dumps(SUITE, fmt=plistlib.FMT_BINARY)[:-12])
    r = run_fwm("inspect", str(suite), "--json")
    assert r.code == 2 and f"'{suite}'" in r.json()["error"]["message"], r
    human = run_fwm("inspect", str(suite))
    assert human.code == 2 and str(suite) in human.err and "No tasks" not in human.out


def test_a_corrupt_xml_plist_is_refused_naming_it(run_fwm, tmp_path: Path) -> None:
    suite = tmp_path / "suite.plist"
    suite.write_bytes(plistlib.dumps(SUITE, fmt=plistlib.FMT_XML)[:-40])
    r = run_fwm("inspect", str(suite), "--json")
    assert r.code == 2 and f"'{suite}'" in r.json()["error"]["message"], r


def test_a_plist_that_is_not_the_plugins_suite_is_refused(run_fwm, tmp_path: Path) -> None:
    for fmt in (plistlib.FMT_BINARY, plistlib.FMT_XML):
        other = tmp_path / "Info.plist"
        other.write_bytes(plistlib.dumps({"CFBundleIdentifier": "com.example.app", "AppleLanguages": ["en"]}, fmt=fmt))
        r = run_fwm("inspect", str(other), "--json")
        message = r.json()["error"]["message"]
        assert r.code == 2 and f"'{other}'" in message and "dev.fluttercommunity.workmanager" in message, r
