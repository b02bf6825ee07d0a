"""parse_threadtime_line: the fields of `logcat -v threadtime` lines, and what is not one."""

from __future__ import annotations

import json

import pytest

import fwm._core as core
from android_samples import sample


def parse(line: str):
    parsed = core.parse_threadtime_line(line)
    return None if parsed is None else json.loads(parsed)


def test_every_fixture_line():
    lines = sample("logcat-diagnostics-threadtime.txt").splitlines()
    parsed = [parse(line) for line in lines]
    assert all(p is not None for p in parsed)
    assert {(p["monthDay"], p["pid"], p["tid"], p["level"], p["tag"]) for p in parsed} == {
        ("07-14", 5120, 5163, "I", "WM-DiagnosticsWrkr")
    }
    assert parsed[0] == {"monthDay": "07-14", "time": "10:22:31.456", "pid": 5120, "tid": 5163, "level": "I",
                         "tag": "WM-DiagnosticsWrkr", "message": "Recently completed work:"}
    assert parsed[1]["message"] == ""
    assert parsed[3]["message"] == " Id \t Class Name\t Job Id\t State\t Unique Name\t Tags\t"
    assert parsed[-1]["message"].split("\t")[2] == " null"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("07-14 10:22:31.456  5120  5163 I flutter : Hello: world\r",
         ("07-14", "10:22:31.456", 5120, 5163, "I", "flutter", "Hello: world")),
        ("01-02 03:04:05.678   123   124 E WM-WorkerWrapper: Work [ id=1, tags={ a } ] failed",
         ("01-02", "03:04:05.678", 123, 124, "E", "WM-WorkerWrapper", "Work [ id=1, tags={ a } ] failed")),
        ("2024-07-14 10:22:31.456789 31000 31001 D WorkmanagerDebug: x",
         ("2024-07-14", "10:22:31.456789", 31000, 31001, "D", "WorkmanagerDebug", "x")),
        ("07-14 10:22:31.456 u0_a231  5120  5163 W WM-Processor: late",
         ("07-14", "10:22:31.456", 5120, 5163, "W", "WM-Processor", "late")),
        ("07-14 10:22:31.456  5120  5163 F libc    :   leading spaces kept",
         ("07-14", "10:22:31.456", 5120, 5163, "F", "libc", "  leading spaces kept")),
    ],
)
def test_fields(line, expected):
    p = parse(line)
    assert (p["monthDay"], p["time"], p["pid"], p["tid"], p["level"], p["tag"], p["message"]) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "--------- beginning of main",
        "I/WM-DiagnosticsWrkr( 5120): Recently completed work:",
        "07-14 10:22:31.456 I/WM-DiagnosticsWrkr( 5120): Recently completed work:",
        "07-14 10:22:31.456  5120  5163 X tag: bad level",
        "07-14 10:22:31.456  5120  5163 I no colon here",
        "07-14 10:22:31.456  5120  5163 I : empty tag",
        "7-14 10:22:31.456  5120  5163 I tag: short date",
        "07-14 10:22  5120  5163 I tag: short time",
        "07-14 10:22:31.456  51x0  5163 I tag: bad pid",
    ],
)
def test_not_threadtime(line):
    assert parse(line) is None


def parse_any(line: str):
    parsed = core.parse_log_line(line)
    return None if parsed is None else json.loads(parsed)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("07-14 10:22:31.456  5120  5163 I WM-DiagnosticsWrkr: Running work:",
         ("threadtime", "07-14", "10:22:31.456", 5120, 5163, "I", "WM-DiagnosticsWrkr", "", "Running work:")),
        ("07-14 10:22:31.456 10231  5120  5163 W WM-Processor: uid column as a number",
         ("threadtime", "07-14", "10:22:31.456", 5120, 5163, "W", "WM-Processor", "", "uid column as a number")),
        ("I/WM-DiagnosticsWrkr( 5120): Running work:",
         ("brief", "", "", 5120, 0, "I", "WM-DiagnosticsWrkr", "", "Running work:")),
        ("I/flutter ( 5120): done (ok)\r",
         ("brief", "", "", 5120, 0, "I", "flutter", "", "done (ok)")),
        ("07-14 10:22:31.456 I/WM-DiagnosticsWrkr(10231: 5120): ",
         ("time", "07-14", "10:22:31.456", 5120, 0, "I", "WM-DiagnosticsWrkr", "", "")),
        ("D/WorkmanagerDebug: Task started: t, callbackHandle: 1",
         ("tag", "", "", 0, 0, "D", "WorkmanagerDebug", "", "Task started: t, callbackHandle: 1")),
        ("2021-02-08 19:40:16.510 22200-22331/com.example.app I/WM-DiagnosticsWrkr: Enqueued work:",
         ("studio", "2021-02-08", "19:40:16.510", 22200, 22331, "I", "WM-DiagnosticsWrkr", "com.example.app",
          "Enqueued work:")),
        ("2021-02-08 19:40:16.510 22200-22331/? I/WM-DiagnosticsWrkr:",
         ("studio", "2021-02-08", "19:40:16.510", 22200, 22331, "I", "WM-DiagnosticsWrkr", "?", "")),
        ("2021-02-08 19:40:16.510 22200-22331 I/WM-DiagnosticsWrkr: x",
         ("studio", "2021-02-08", "19:40:16.510", 22200, 22331, "I", "WM-DiagnosticsWrkr", "", "x")),
        ("2022-06-15 12:34:56.789  5120-5163  WM-DiagnosticsWrkr      com.example.app                      I  Running work:",
         ("studio-logcat", "2022-06-15", "12:34:56.789", 5120, 5163, "I", "WM-DiagnosticsWrkr", "com.example.app",
          "Running work:")),
        ("2022-06-15 12:34:56.789  5120-5163                                                                I  x",
         ("studio-logcat", "2022-06-15", "12:34:56.789", 5120, 5163, "I", "", "", "x")),
        ("2022-06-15 12:34:56.789  5120-5163                          com.example.app                      I  x",
         ("studio-logcat", "2022-06-15", "12:34:56.789", 5120, 5163, "I", "", "com.example.app", "x")),
    ],
)
def test_every_layout(line, expected):
    p = parse_any(line)
    assert (p["layout"], p["monthDay"], p["time"], p["pid"], p["tid"], p["level"], p["tag"], p["package"],
            p["message"]) == expected


@pytest.mark.parametrize("line", ["", "--------- beginning of main", "    Process: com.example.app, PID: 5120",
                                  " Id \t Class Name\t Job Id\t State\t Unique Name\t Tags\t",
                                  "12:00:01.000 I/tag( 1): time without a date is no logcat layout"])
def test_no_prefix(line):
    assert parse_any(line) is None
