"""Readers that used std::regex on device output whose lines can be long: libstdc++'s regex recurses
once per character, so a 1 MB value in `dumpsys package` or `cmd appops` output overflowed the stack
(SIGSEGV). The hand-written matchers that replaced them read such lines in linear time."""

from __future__ import annotations

import json
import time

import fwm._core as core

MB = 1 << 20
PACKAGE = "com.example.app"


def dump(*lines: str) -> str:
    return "\n".join([f"Packages:\n  Package [{PACKAGE}] (1234abc):", *lines]) + "\n"


def facts(text: str):
    started = time.monotonic()
    result = json.loads(core.parse_package_dump(text, PACKAGE))
    assert time.monotonic() - started < 5
    return result


def test_a_1_mb_version_name_is_read():
    result = facts(dump("    versionName=" + "x" * MB, "    targetSdk=34"))
    assert len(result["versionName"]) == MB and result["targetSdk"] == 34


def test_a_1_mb_flags_list_is_read():
    assert facts(dump("    flags=[ " + "HAS_CODE " * (MB // 9) + "DEBUGGABLE ]"))["debuggable"] is True
    assert facts(dump("    flags=[ " + "A" * MB))["debuggable"] is False  # never closed


def test_a_1_mb_target_sdk_is_left_out():
    result = facts(dump("    targetSdk=" + "9" * MB, "    versionName=1.0"))
    assert "targetSdk" not in result and result["versionName"] == "1.0"


def test_a_1_mb_line_around_the_permission():
    line = "x" * MB + " android.permission.POST_NOTIFICATIONS: granted=true" + " " * MB
    assert facts(dump(line))["postNotificationsGranted"] is True


def test_matchers_agree_with_the_patterns_they_replace():
    result = facts(dump("    pkgFlags=[ DEBUGGABLE ]", "    flags=[ HAS_CODE ]", "    versionName= ", "    versionName=2.1",
                        "    targetSdk=x", "    targetSdk=33", "      android.permission.POST_NOTIFICATIONS: granted=maybe",
                        "      android.permission.POST_NOTIFICATIONS: granted=false"))
    assert result == {"found": True, "debuggable": False, "versionName": "2.1", "targetSdk": 33,
                      "postNotificationsGranted": False, "diagnosticsReceiver": False}
    assert facts("Package [other]\n") == {"found": False, "debuggable": False, "versionName": "",
                                          "diagnosticsReceiver": False}


def test_appops_mode_on_a_1_mb_line():
    assert core.run_any_in_background_mode("RUN_ANY_IN_BACKGROUND:" + " " * MB + "ignore; time=+1d") == "ignore"
    assert core.run_any_in_background_mode("RUN_ANY_IN_BACKGROUND: " + "a" * MB) == "a" * MB
    assert core.run_any_in_background_mode("RUN_ANY_IN_BACKGROUND:;\nRUN_ANY_IN_BACKGROUND: allow") == "allow"
    assert core.run_any_in_background_mode("Uid mode: RUN_IN_BACKGROUND: allow") == ""
