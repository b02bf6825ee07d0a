"""parse_dumpsys_jobscheduler: every dumpsys fixture, and the variants releases and hosts produce."""

from __future__ import annotations

import json
import time
from typing import Any, Dict, List

import pytest

import fwm._core as core
from android_samples import sample, strip_indentation, to_crlf

SYSTEM_JOB_SERVICE = "androidx.work.impl.background.systemjob.SystemJobService"

ANDROID_11_CONTENT_URI = {
    "package": "com.abc.workmanagertest",
    "uid": "u0a231",
    "jobId": 5,
    "namespace": "",
    "traceTag": "",
    "service": SYSTEM_JOB_SERVICE,
    "required": ["CONNECTIVITY", "CONTENT_TRIGGER"],
    "satisfied": ["CONNECTIVITY", "CONTENT_TRIGGER", "DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED"],
    "unsatisfied": ["WITHIN_QUOTA"],
    "standbyBucket": "RARE",
    "enqueueMs": -(3_600_000 + 4 * 60_000 + 36_000 + 59),
    "ready": False,
    "requiresCharging": False,
    "requiresBatteryNotLow": False,
    "requiresDeviceIdle": False,
    "networkTypeText": "NetworkRequest [ NONE id=0, [ Capabilities: NOT_METERED&INTERNET&NOT_RESTRICTED&TRUSTED&VALIDATED "
    "Uid: 10231 AdministratorUids: [] RequestorUid: -1 RequestorPackageName: null] ]",
    "backoffPolicy": 1,
    "backoffInitialMs": 30_000,
    "workSpecId": "",
}

ANDROID_11_IDLE = {
    "package": "jp.go.mhlw.covid19radar",
    "uid": "u0a151",
    "jobId": 0,
    "namespace": "",
    "traceTag": "",
    "service": SYSTEM_JOB_SERVICE,
    "required": ["BATTERY_NOT_LOW", "IDLE", "CONNECTIVITY"],
    "satisfied": ["BATTERY_NOT_LOW", "CONNECTIVITY", "DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA"],
    "unsatisfied": ["IDLE"],
    "standbyBucket": "",
    "requiresCharging": False,
    "requiresBatteryNotLow": True,
    "requiresDeviceIdle": True,
    "networkTypeText": "NetworkRequest [ NONE id=0, [ Capabilities: INTERNET&NOT_RESTRICTED&TRUSTED&VALIDATED "
    "Uid: 10151 AdministratorUids: [] RequestorUid: -1 RequestorPackageName: null] ]",
    "backoffPolicy": 1,
    "backoffInitialMs": 30_000,
    "workSpecId": "",
}

ANDROID_14_EXPEDITED = {
    "package": "com.example.app",
    "uid": "u0a190",
    "jobId": 4,
    "namespace": "",
    "traceTag": "",
    "service": SYSTEM_JOB_SERVICE,
    "required": ["CONNECTIVITY"],
    "satisfied": ["CONNECTIVITY", "DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA"],
    "unsatisfied": [],
    "standbyBucket": "ACTIVE",
    "enqueueMs": -62_007,
    "ready": True,
    "requiresCharging": False,
    "requiresBatteryNotLow": False,
    "requiresDeviceIdle": False,
    "networkTypeText": "NetworkRequest [ NONE id=0, [ Capabilities: INTERNET&NOT_RESTRICTED&TRUSTED&VALIDATED&NOT_VCN_MANAGED "
    "Uid: 10190 RequestorUid: -1 RequestorPkg: null UnderlyingNetworks: Null] ]",
    "backoffPolicy": 1,
    "backoffInitialMs": 30_000,
    "workSpecId": "",
}

ANDROID_8 = {
    "package": "com.example.app",
    "uid": "u0a87",
    "jobId": 0,
    "namespace": "",
    "traceTag": "",
    "service": SYSTEM_JOB_SERVICE,
    "required": ["TIMING_DELAY", "CONNECTIVITY"],
    "satisfied": ["CONNECTIVITY", "APP_NOT_IDLE", "DEVICE_NOT_DOZING"],
    "unsatisfied": ["TIMING_DELAY"],
    "standbyBucket": "",
    "enqueueMs": -(2 * 60_000 + 11_302),
    "earliestRunMs": 12 * 60_000 + 48_000 + 698,
    "ready": False,
    "requiresCharging": False,
    "requiresBatteryNotLow": False,
    "requiresDeviceIdle": False,
    "networkTypeText": "1",
    "backoffPolicy": 1,
    "backoffInitialMs": 30_000,
    "workSpecId": "",
}

FIXTURES = [
    ("dumpsys-jobscheduler-android11-content-uri.real.txt", "com.abc.workmanagertest", ANDROID_11_CONTENT_URI),
    ("dumpsys-jobscheduler-android11-idle.real-partial.txt", "jp.go.mhlw.covid19radar", ANDROID_11_IDLE),
    ("dumpsys-jobscheduler-android14-expedited.constructed.txt", "com.example.app", ANDROID_14_EXPEDITED),
    ("dumpsys-jobscheduler-android8.constructed.txt", "com.example.app", ANDROID_8),
]

WM_JOB = """\
  JOB #u0a190/{job_id}: 6412553 com.example.app/androidx.work.impl.background.systemjob.SystemJobService
    u0a190 tag=*job*/com.example.app/androidx.work.impl.background.systemjob.SystemJobService
    Source: uid=u0a190 user=0 pkg=com.example.app
    JobInfo:
      Service: com.example.app/androidx.work.impl.background.systemjob.SystemJobService
      Requires: charging=false batteryNotLow=false deviceIdle=false
      Extras: mParcelledData.dataSize=212
      Backoff: policy=1 initial=+30s0ms
    Required constraints: TIMING_DELAY [0x80000000]
    Satisfied constraints: DEVICE_NOT_DOZING [0x2000000]
    Unsatisfied constraints: TIMING_DELAY WITHIN_QUOTA [0x81000000]
    Standby bucket: WORKING_SET
    Enqueue time: {enqueue}
    Run time: earliest={earliest}, latest={latest}, original latest=none
    Ready: false (job=false user=true !restricted=true !pending=true !active=true !backingup=true comp=true)
"""

OTHER_APP_JOB = """\
  JOB #u0a91/{job_id}: 9e0d4a1 com.other.app/.SyncJob
    u0a91 tag=*job*/com.other.app/.SyncJob
    Source: uid=u0a91 user=0 pkg=com.other.app
    JobInfo:
      Service: com.other.app/.SyncJob
      Requires: charging=true batteryNotLow=true deviceIdle=true
      Backoff: policy=0 initial=+10s0ms
    Required constraints: CHARGING [0x1]
    Standby bucket: NEVER
    Enqueue time: -5s0ms
    Run time: earliest=none, latest=+1h0m0s0ms, original latest=none
    Ready: true (job=true user=true !restricted=true !pending=true !active=true !backingup=true comp=true)
"""


def parse(text: str, package: str) -> List[Dict[str, Any]]:
    jobs: List[Dict[str, Any]] = json.loads(core.parse_dumpsys_jobscheduler(text, package))
    return jobs


def wm_job(job_id: int = 4, enqueue: str = "-1m2s7ms", earliest: str = "+15m0s0ms", latest: str = "none") -> str:
    return WM_JOB.format(job_id=job_id, enqueue=enqueue, earliest=earliest, latest=latest)


@pytest.mark.parametrize("name, package, expected", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_each_fixture_gives_its_job_exactly(name, package, expected):
    assert parse(sample(name), package) == [expected]


@pytest.mark.parametrize("name, package, expected", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_crlf_and_stripped_indentation_give_the_same_job(name, package, expected):
    text = sample(name)
    assert parse(to_crlf(text), package) == [expected]
    assert parse(strip_indentation(text), package) == [expected]
    assert parse(to_crlf(strip_indentation(text)), package) == [expected]


def test_android_8_prints_other_apps_headers_which_are_skipped():
    text = sample("dumpsys-jobscheduler-android8.constructed.txt")
    assert [j["jobId"] for j in parse(text, "com.example.app")] == [0]
    other = parse(text, "com.other.app")
    assert other == [{
        "package": "com.other.app", "uid": "u0a91", "jobId": 12, "namespace": "", "traceTag": "", "service": "com.other.app.SyncJob",
        "required": [], "satisfied": [], "unsatisfied": [], "standbyBucket": "", "networkTypeText": "", "workSpecId": "",
    }]


def test_other_apps_jobs_interleaved_with_bodies_are_skipped():
    text = ("Registered 4 jobs:\n" + OTHER_APP_JOB.format(job_id=1) + wm_job(job_id=4)
            + "  JOB #u0a91/2: 1a2b3c com.other.app/.SyncJob\n" + wm_job(job_id=9) + OTHER_APP_JOB.format(job_id=3))
    jobs = parse(text, "com.example.app")
    assert [j["jobId"] for j in jobs] == [4, 9]
    for job in jobs:
        assert job["required"] == ["TIMING_DELAY"]
        assert job["standbyBucket"] == "WORKING_SET"
        assert job["requiresCharging"] is False
        assert job["backoffInitialMs"] == 30_000
    assert [j["jobId"] for j in parse(text, "com.other.app")] == [1, 2, 3]
    assert parse(text, "com.other.app")[0]["latestRunMs"] == 3_600_000


def test_sections_after_the_registered_jobs_do_not_change_the_jobs():
    text = (
        "Started users: [0]\nRegistered 1 jobs:\n" + wm_job(earliest="+15m0s0ms")
        + "\nConnectivityController:\n  #u0a190/4 from u0a190: NetworkRequest [ NONE ]\n"
        + "\nPending queue:\n  Pending #0: 6412553 #u0a190/4 com.example.app/.SystemJobService\n"
        + "    Run time: earliest=+1m0s0ms, latest=none\n"
        + "\nRecently completed jobs:\n  -1m0s0ms\n"
        + "      u0a190 tag=*job*/com.example.app/androidx.work.impl.background.systemjob.SystemJobService\n"
        + "      Required constraints: CHARGING [0x1]\n      Run time: earliest=+2m0s0ms, latest=none\n"
        + "\nActive jobs:\n  Slot #0: inactive since -5m0s0ms, stopped because: cancel\n"
    )
    [job] = parse(text, "com.example.app")
    assert job["earliestRunMs"] == 15 * 60_000
    assert job["required"] == ["TIMING_DELAY"]
    assert job["ready"] is False


def test_namespaced_job_header_from_api_34():
    header = "  JOB sync.work:u0a190/4: 6412553 com.example.app/androidx.work.impl.background.systemjob.SystemJobService\n"
    text = header + wm_job().split("\n", 1)[1]
    [job] = parse(text, "com.example.app")
    assert (job["namespace"], job["uid"], job["jobId"]) == ("sync.work", "u0a190", 4)
    assert job["service"] == SYSTEM_JOB_SERVICE


def test_namespace_with_colons_and_spaces_and_a_secondary_user():
    text = "JOB my ns: a:b:u10a190/-7: 6412553 com.example.app/androidx.work.impl.background.systemjob.SystemJobService\n"
    [job] = parse(text, "com.example.app")
    assert (job["namespace"], job["uid"], job["jobId"]) == ("my ns: a:b", "u10a190", -7)


def test_body_lines_in_any_order_and_unknown_lines():
    lines = wm_job().splitlines()
    body = list(reversed(lines[1:-1])) + ["    Some future line: 42", "    Num failures: 3", "    Num system stops: 1"]
    text = "\n".join([lines[0], *body, lines[-1]]) + "\n"
    [job] = parse(text, "com.example.app")
    assert job["numFailures"] == 3
    assert job["required"] == ["TIMING_DELAY"]
    assert job["unsatisfied"] == ["TIMING_DELAY", "WITHIN_QUOTA"]
    assert job["enqueueMs"] == -62_007
    assert job["earliestRunMs"] == 900_000
    assert "latestRunMs" not in job
    assert job["ready"] is False


@pytest.mark.parametrize(
    "text, ms",
    [
        ("+1d2h3m4s5ms", 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000 + 5),
        ("-1h4m36s59ms", -3_876_059),
        ("+30s0ms", 30_000),
        ("+1m0s0ms", 60_000),
        ("-5ms", -5),
        ("0", 0),
        ("+2d0h0m0s0ms", 172_800_000),
    ],
)
def test_android_durations(text, ms):
    [job] = parse(wm_job(enqueue=text, earliest=text, latest=text), "com.example.app")
    assert job["enqueueMs"] == ms
    assert job["earliestRunMs"] == ms
    assert job["latestRunMs"] == ms


@pytest.mark.parametrize("text", ["none", "--", "+", "+5", "+1s1h", "+5x", "+-1s0ms", "+3ms2s"])
def test_durations_that_are_not_durations_are_left_out(text):
    [job] = parse(wm_job(enqueue=text, earliest=text, latest=text), "com.example.app")
    assert "enqueueMs" not in job and "earliestRunMs" not in job and "latestRunMs" not in job


def test_work_spec_id_when_the_extras_are_unparcelled():
    text = wm_job().replace(
        "Extras: mParcelledData.dataSize=212",
        "Extras: Bundle[{EXTRA_WORK_SPEC_ID=9b2e7f40-3c6a-4d11-b0e2-5a8f1c7d3e90, EXTRA_IS_PERIODIC=false}]",
    )
    [job] = parse(text, "com.example.app")
    assert job["workSpecId"] == "9b2e7f40-3c6a-4d11-b0e2-5a8f1c7d3e90"


def test_truncated_dump_gives_what_was_there():
    text = wm_job()
    cut = text[: text.index("Satisfied constraints")]
    [job] = parse(cut + "Satisf", "com.example.app")
    assert job["required"] == ["TIMING_DELAY"]
    assert job["satisfied"] == []
    assert "ready" not in job and "enqueueMs" not in job
    assert parse("  JOB #u0a190/4: 6412", "com.example.app") == []


@pytest.mark.parametrize(
    "text",
    ["", "Invalid package: com.nope\n", "Registered 0 jobs:\n  None.\n", "Job Scheduler (jobscheduler) dump options:\n"],
)
def test_no_jobs(text):
    assert parse(text, "com.nope") == []


def test_a_package_whose_name_prefixes_another_is_not_matched():
    text = wm_job().replace("com.example.app/", "com.example.app.pro/")
    assert parse(text, "com.example.app") == []
    assert [j["package"] for j in parse(text, "com.example.app.pro")] == ["com.example.app.pro"]


# --- Android 14+ namespaced jobs (WorkManager 2.10+: namespace androidx.work.systemjobscheduler) -----------------

WM_NS = "androidx.work.systemjobscheduler"
NAMESPACE_FIXTURE = "dumpsys-jobscheduler-android16-namespace.constructed.txt"
API_37_JOB = {
    "package": "com.example.app", "uid": "u0a233", "jobId": 1, "namespace": WM_NS, "traceTag": "SampleSyncWorker",
    "service": SYSTEM_JOB_SERVICE, "required": ["CONNECTIVITY"],
    "satisfied": ["DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA"], "unsatisfied": ["CONNECTIVITY"],
    "standbyBucket": "ACTIVE", "enqueueMs": -(4 * 60_000 + 12_302), "ready": False, "requiresCharging": False,
    "requiresBatteryNotLow": False, "requiresDeviceIdle": False,
    "networkTypeText": "NetworkRequest [ NONE id=0, [ Capabilities: INTERNET&NOT_RESTRICTED&TRUSTED&VALIDATED&NOT_VCN_MANAGED "
    "Uid: 10233 RequestorUid: -1 RequestorPkg: null UnderlyingNetworks: Null] ]",
    "backoffPolicy": 1, "backoffInitialMs": 30_000, "workSpecId": "",
}
API_36_JOB = {
    "package": "com.example.app", "uid": "u0a233", "jobId": 2, "namespace": WM_NS, "traceTag": "BackgroundWorker",
    "service": SYSTEM_JOB_SERVICE, "required": ["TIMING_DELAY"],
    "satisfied": ["DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA"], "unsatisfied": ["TIMING_DELAY"],
    "standbyBucket": "ACTIVE", "enqueueMs": -(2 * 60_000 + 7), "earliestRunMs": 3_600_000 + 57 * 60_000 + 59_993,
    "ready": False, "requiresCharging": False, "requiresBatteryNotLow": False, "requiresDeviceIdle": False,
    "networkTypeText": "", "backoffPolicy": 1, "backoffInitialMs": 30_000, "workSpecId": "",
}
OTHER_PLAIN_JOB = {
    "package": "com.other.app", "uid": "u0a91", "jobId": 12, "namespace": "", "traceTag": "",
    "service": "com.other.app.SyncJob", "required": ["CHARGING"],
    "satisfied": ["DEVICE_NOT_DOZING", "BACKGROUND_NOT_RESTRICTED", "WITHIN_QUOTA"], "unsatisfied": ["CHARGING"],
    "standbyBucket": "WORKING_SET", "enqueueMs": -3_600_000, "ready": False, "requiresCharging": True,
    "requiresBatteryNotLow": False, "requiresDeviceIdle": False, "networkTypeText": "", "backoffPolicy": 1,
    "backoffInitialMs": 30_000, "workSpecId": "",
}
NS_HEADER_37 = ("  JOB androidx.work.systemjobscheduler:u0a233/{job_id}: 258ed68 #SampleSyncWorker#@androidx.work."
                "systemjobscheduler@{pkg}/androidx.work.impl.background.systemjob.SystemJobService\n")
NS_HEADER_36 = ("  JOB androidx.work.systemjobscheduler:u0a217/{job_id}: dfe6549 @androidx.work.systemjobscheduler@"
                "{pkg}/androidx.work.impl.background.systemjob.SystemJobService\n")


def namespaced_job(header: str, job_id: int, pkg: str = "com.example.app") -> str:
    return header.format(job_id=job_id, pkg=pkg) + wm_job(job_id=job_id).split("\n", 1)[1]


def test_namespace_fixture_with_the_app_filter():
    assert parse(sample(NAMESPACE_FIXTURE), "com.example.app") == [API_37_JOB, API_36_JOB]


def test_namespace_fixture_without_a_filter_gives_every_job():
    assert parse(sample(NAMESPACE_FIXTURE), "") == [OTHER_PLAIN_JOB, API_37_JOB, API_36_JOB]
    assert parse(sample(NAMESPACE_FIXTURE), "com.other.app") == [OTHER_PLAIN_JOB]


@pytest.mark.parametrize("package", ["com.example.app", ""])
def test_namespace_fixture_crlf_and_unindented(package):
    text = sample(NAMESPACE_FIXTURE)
    expected = parse(text, package)
    assert len(expected) == (2 if package else 3)
    for variant in (to_crlf(text), strip_indentation(text), to_crlf(strip_indentation(text))):
        assert parse(variant, package) == expected


def test_the_namespace_is_never_taken_for_the_package():
    text = sample(NAMESPACE_FIXTURE)
    assert parse(text, WM_NS) == []
    assert parse(text, "androidx.work.systemjobscheduler@com.example.app") == []
    assert parse(text, "#SampleSyncWorker#@androidx.work.systemjobscheduler@com.example.app") == []


@pytest.mark.parametrize("header", [NS_HEADER_36, NS_HEADER_37], ids=["api36", "api37"])
def test_other_apps_namespaced_jobs_are_skipped(header):
    text = ("Registered 3 jobs:\n" + namespaced_job(header, 3, "com.other.app") + namespaced_job(header, 4)
            + namespaced_job(header, 5, "com.example.app.pro"))
    jobs = parse(text, "com.example.app")
    assert [(j["jobId"], j["namespace"], j["package"]) for j in jobs] == [(4, WM_NS, "com.example.app")]
    assert jobs[0]["required"] == ["TIMING_DELAY"] and jobs[0]["ready"] is False
    assert [j["package"] for j in parse(text, "")] == ["com.other.app", "com.example.app", "com.example.app.pro"]


def test_api_36_header_has_no_trace_tag_in_its_name():
    [job] = parse(namespaced_job(NS_HEADER_36, 2), "com.example.app")
    assert (job["uid"], job["jobId"], job["namespace"], job["traceTag"], job["service"]) == (
        "u0a217", 2, WM_NS, "", SYSTEM_JOB_SERVICE)


@pytest.mark.parametrize("name, package, service, tag", [
    ("#Sync#com.example.app/.Job", "com.example.app", "com.example.app.Job", "Sync"),
    ("#a#b#com.example.app/.Job", "com.example.app", "com.example.app.Job", "a#b"),
    ("com.example.app/.Job", "com.example.app", "com.example.app.Job", ""),
    ("*sync*:com.example.app", "com.example.app", "", ""),
])
def test_job_names_without_a_namespace(name, package, service, tag):
    [job] = parse(f"JOB #u0a190/7: 1f2e3d {name}\n", package)
    assert (job["namespace"], job["service"], job["traceTag"]) == ("", service, tag)


@pytest.mark.parametrize("name, service, tag", [
    ("@my ns: x@com.example.app/.Job", "com.example.app.Job", ""),
    ("#Tag@1#@my ns: x@com.example.app/.Job", "com.example.app.Job", "Tag@1"),
    ("@my ns: x@sync@tag:com.example.app", "", ""),
])
def test_job_names_with_an_odd_namespace(name, service, tag):
    [job] = parse(f"JOB my ns: x:u0a190/7: 1f2e3d {name}\n", "com.example.app")
    assert (job["namespace"], job["service"], job["traceTag"]) == ("my ns: x", service, tag)


@pytest.mark.parametrize("line", [
    "JOB " + ": " * 850_000,
    "JOB " + "a/1: " * 340_000,
    "JOB x:u0/1: 1 " + "@" * 1_700_000,
    "JOB " + "@" * 850_000 + ":u0/1: 1 " + "@" * 850_000,
    "JOB " + "a:u/1: f " * 190_000 + ":",
    "JOB #u0a1/1: " + "f" * 1_700_000,
    "Required constraints:" + " A" * 850_000,
])
def test_long_lines_take_linear_time(line):
    started = time.monotonic()
    parse(line + "\n" + wm_job(), "com.example.app")
    assert time.monotonic() - started < 2.0
