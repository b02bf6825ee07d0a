"""parse_jobscheduler_help and parse_jobscheduler_run_reply on every release's texts and streams."""

from __future__ import annotations

import json

import pytest

import fwm._core as core
from android_samples import sample, strip_indentation, to_crlf

NOTHING = {"hasRun": False, "supportsForce": False, "supportsNamespace": False, "supportsSatisfied": False}


def help_of(text: str):
    return json.loads(core.parse_jobscheduler_help(text))


def reply(out: str, err: str = ""):
    return json.loads(core.parse_jobscheduler_run_reply(out, err))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("cmd-jobscheduler-help-android8.txt",
         {"hasRun": True, "supportsForce": True, "supportsNamespace": False, "supportsSatisfied": False}),
        ("cmd-jobscheduler-help-android15.abbreviated.txt",
         {"hasRun": True, "supportsForce": True, "supportsNamespace": True, "supportsSatisfied": True}),
    ],
)
def test_help_fixtures(name, expected):
    text = sample(name)
    assert help_of(text) == expected
    assert help_of(to_crlf(text)) == expected
    assert help_of(strip_indentation(text)) == expected


def test_help_of_a_build_with_satisfied_but_no_namespaces():
    text = ("Job scheduler (jobscheduler) commands:\n  help\n    Print this help text.\n"
            "  run [-f | --force] [-s | --satisfied] [-u | --user USER_ID] PACKAGE JOB_ID\n"
            "    Trigger immediate execution of a specific scheduled job. For historical\n"
            "      -f or --force: run the job even if technical constraints such as\n"
            "  stop [-u | --user USER_ID] [-n | --namespace NAMESPACE] [-s | --stop-reason STOP_REASON] [PACKAGE] [JOB_ID]\n")
    assert help_of(text) == {"hasRun": True, "supportsForce": True, "supportsNamespace": False, "supportsSatisfied": True}


@pytest.mark.parametrize(
    "text",
    ["", "/system/bin/sh: cmd: not found\n", "Can't find service: jobscheduler\n",
     "run the job even if technical constraints such as\n", "  get-battery-seq\n"],
)
def test_help_without_run(text):
    assert help_of(text) == NOTHING


@pytest.mark.parametrize(
    "out, err, kind, message",
    [
        ("Running job [FORCED]\n", "", "runningForced", "Running job [FORCED]"),
        ("Running job\n", "", "running", "Running job"),
        ("Running job [FORCED]\r\n", "", "runningForced", "Running job [FORCED]"),
        ("", "Package not found: com.nope / user 0\n", "packageNotFound", "Package not found: com.nope / user 0"),
        ("Package not found: com.nope / user 0\n", "", "packageNotFound", "Package not found: com.nope / user 0"),
        ("", "Could not find job 99 in package com.example.app / user 0\n", "jobNotFound",
         "Could not find job 99 in package com.example.app / user 0"),
        ("", "Could not find job 4 in package com.example.app / namespace sync / user 0\n", "jobNotFound",
         "Could not find job 4 in package com.example.app / namespace sync / user 0"),
        ("Could not find job 99 in package com.example.app / user 0\n", "", "jobNotFound",
         "Could not find job 99 in package com.example.app / user 0"),
        ("", "Job 4 in package com.example.app / user 0 has functional constraints but --force not specified\n",
         "needsForce", "Job 4 in package com.example.app / user 0 has functional constraints but --force not specified"),
        ("Error: unknown option '-n'\n", "", "unknownOption", "Error: unknown option '-n'"),
        ("", "Exception: java.lang.SecurityException: Uid 10001 not permitted to force scheduled jobs\n",
         "permissionDenied", "Exception: java.lang.SecurityException: Uid 10001 not permitted to force scheduled jobs"),
        ("", "Cannot specify both --force and --satisfied\n", "other", "Cannot specify both --force and --satisfied"),
        ("", "Exception: java.lang.NumberFormatException: For input string: \"x\"\n", "other",
         "Exception: java.lang.NumberFormatException: For input string: \"x\""),
        ("\n", "  \n", "other", ""),
        ("partial\n", "stderr text\n", "other", "partial\nstderr text"),
    ],
)
def test_run_replies(out, err, kind, message):
    assert reply(out, err) == {"kind": kind, "message": message}


def test_an_error_wins_over_a_running_line():
    assert reply("Running job\n", "Package not found: x / user 0\n")["kind"] == "packageNotFound"
