"""The register command's usage: flags, errors that name them, exit codes, help and version."""

from __future__ import annotations

import json

import pytest

import fwm

BASE = ["register", "one-off", "sync", "syncTask", "-a", "com.example.app", "--platform", "android", "--dry-run"]


def test_acceptance_periodic_10m(run_fwm):
    r = run_fwm("register", "periodic", "sync", "syncTask", "-a", "com.example.app", "--frequency", "10m",
                "--platform", "android", "--dry-run", "--json")
    assert r.code == 0, r
    doc = r.json()
    assert doc["schema"] == "fwm/1"
    assert doc["task"]["frequency"] == 900
    assert any("15-minute minimum" in w["message"] for w in doc["warnings"])


def test_acceptance_processing_on_android_exits_2(run_fwm):
    r = run_fwm("register", "processing", "p", "t", "-a", "com.example.app", "--platform", "android", "--dry-run")
    assert r.code == 2
    assert "iOS-only" in r.err
    assert r.out == ""


def test_acceptance_bad_frequency_names_the_flag(run_fwm):
    r = run_fwm("register", "periodic", "p", "t", "-a", "com.example.app", "--platform", "android", "--dry-run",
                "--frequency", "5x")
    assert r.code == 2
    assert "--frequency" in r.err and "'5x'" in r.err


def test_acceptance_backoff_alone_exits_2(run_fwm):
    r = run_fwm(*BASE, "--backoff", "linear")
    assert r.code == 2
    assert "--backoff" in r.err and "--backoff-delay" in r.err


@pytest.mark.parametrize("flag", ["--frequency", "--flex"])
def test_periodic_only_durations_on_a_one_off_task(run_fwm, flag):
    r = run_fwm(*BASE, flag, "1h", "--json")
    assert r.code == 2
    assert r.json()["error"]["problems"][0]["flag"] == flag


@pytest.mark.parametrize("args,flag", [(["--expedited"], "--expedited"), (["--out-of-quota", "drop"], "--out-of-quota")])
def test_periodic_tasks_take_no_expedited_parameters(run_fwm, args, flag):
    r = run_fwm("register", "periodic", "s", "t", "-a", "com.example.app", "--platform", "android", "--dry-run",
                "--json", *args)
    assert r.code == 2
    assert [p["flag"] for p in r.json()["error"]["problems"]] == [flag]


@pytest.mark.parametrize("flag,value", [
    ("--initial-delay", "soon"), ("--initial-delay", "10"), ("--initial-delay", "-5s"),
    ("--backoff-delay", "1y"), ("--network", "wifi"), ("--policy", "merge"),
    ("--backoff", "random"), ("--out-of-quota", "never"),
])
def test_bad_values_name_their_flag(run_fwm, flag, value):
    extra = ["--backoff", "linear"] if flag == "--backoff-delay" else ["--backoff-delay", "30s"] if flag == "--backoff" else []
    extra += ["--expedited"] if flag == "--out-of-quota" else []
    r = run_fwm(*BASE, flag, value, *extra, "--json")
    assert r.code == 2, r
    error = r.json()["error"]
    assert error["kind"] == "validation" and error["exitCode"] == 2
    assert [p["flag"] for p in error["problems"]] == [flag]
    assert f"'{value}'" in error["problems"][0]["message"]


@pytest.mark.parametrize("args", [
    ["register", "one-off", "s", "t", "--platform", "android", "--dry-run"],          # no -a
    ["register", "one-off", "s", "-a", "com.example.app", "--platform", "android"],   # no TASK_NAME
    ["register", "sometimes", "s", "t", "-a", "com.example.app", "--platform", "android", "--dry-run"],
    [*BASE, "--no-such-flag"],
    ["frobnicate"],
    [],
])
def test_usage_errors_exit_2(run_fwm, args):
    r = run_fwm(*args)
    assert r.code == 2, r


def test_missing_platform_is_asked_for(run_fwm):
    r = run_fwm("register", "one-off", "s", "t", "-a", "com.example.app", "--dry-run")
    assert r.code == 2
    assert "--platform android or ios" in r.err


def test_unknown_platform(run_fwm):
    r = run_fwm("register", "one-off", "s", "t", "-a", "com.example.app", "--dry-run", "--platform", "windows")
    assert r.code == 2
    assert "--platform" in r.err


def test_bad_timeout(run_fwm):
    r = run_fwm(*BASE, "--timeout", "forever")
    assert r.code == 2
    assert "--timeout" in r.err


def test_input_pairs_are_json_when_they_parse(run_fwm):
    r = run_fwm(*BASE, "--json", "--input", "count=1", "--input", "ratio=0.5", "--input", "flag=true",
                "--input", "name=Ada", "--input", "zip=007", "--input", 'list=["a","b"]', "--input", "eq=a=b",
                "--input", "empty=")
    assert r.code == 0, r
    assert r.json()["task"]["inputData"] == {"count": 1, "ratio": 0.5, "flag": True, "name": "Ada", "zip": "007",
                                             "list": ["a", "b"], "eq": "a=b", "empty": ""}


def test_input_pairs_override_input_json(run_fwm):
    r = run_fwm(*BASE, "--json", "--input-json", '{"a": 1, "b": 2}', "--input", "b=3")
    assert r.json()["task"]["inputData"] == {"a": 1, "b": 3}


def test_input_json_from_a_file(run_fwm, tmp_path):
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"user": {"id": 7}}))
    r = run_fwm(*BASE, "--json", "--input-json", f"@{path}")
    assert r.json()["task"]["inputData"] == {"user": {"id": 7}}


@pytest.mark.parametrize("args", [["--input", "novalue"], ["--input", "=1"], ["--input-json", "[1]"],
                                  ["--input-json", "{bad"], ["--input-json", "@/no/such/file.json"]])
def test_bad_input_data(run_fwm, args):
    r = run_fwm(*BASE, *args, "--json")
    assert r.code == 2
    assert r.json()["error"]["problems"][0]["flag"] == "--input/--input-json"


def test_human_output_shows_effective_and_asked_values(run_fwm):
    r = run_fwm("register", "periodic", "sync", "syncTask", "-a", "com.example.app", "--platform", "android",
                "--dry-run", "--frequency", "PT10M", "--initial-delay", "90s", "--tag", "nightly")
    assert r.code == 0
    assert "nothing was sent" in r.out
    assert "15m  (asked 10m)" in r.out
    assert "1m30s" in r.out
    assert "nightly" in r.out
    assert "Warnings:" in r.out and "--frequency:" in r.out


def test_register_without_dry_run_validates_before_anything_is_sent(run_fwm):
    r = run_fwm("register", "one-off", "s", "t", "-a", "com.example.app", "--expedited", "--initial-delay", "5m")
    assert r.code == 2
    assert "--initial-delay" in r.err


def test_version(run_fwm):
    r = run_fwm("--version")
    assert r.code == 0
    assert r.out.strip() == fwm.__version__


def test_help_teaches(run_fwm):
    r = run_fwm("--help")
    assert r.code == 0
    assert "Examples:" in r.out and "Exit codes:" in r.out and "register" in r.out
    r = run_fwm("register", "--help")
    assert r.code == 0
    for flag in ["--tag", "--input", "--input-json", "--initial-delay", "--frequency", "--flex", "--network",
                 "--requires-charging", "--requires-battery-not-low", "--requires-device-idle",
                 "--requires-storage-not-low", "--policy", "--backoff", "--backoff-delay", "--expedited",
                 "--out-of-quota", "--dry-run", "--platform", "--json"]:
        assert flag in r.out, flag
    assert "Examples:" in r.out


def test_global_options_may_come_before_the_command(run_fwm):
    r = run_fwm("--platform", "ios", "--json", "register", "one-off", "s", "t", "-a", "com.example.app", "--dry-run")
    assert r.code == 0, r
    assert r.json()["platform"] == "ios"
