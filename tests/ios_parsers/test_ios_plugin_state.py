"""The plugin's persisted UserDefaults suite (binary and XML plists) and printScheduledTasks text."""

from __future__ import annotations

import plistlib

import pytest

import fwm._core as core
from fwm.testing.fake_xcrun import plugin_defaults
from ios_samples import parsed, sample, to_crlf

TASKS = {"com.example.refresh": {"kind": "refresh", "earliestBeginInSeconds": 900.0},
         "com.example.processing": {"kind": "processing"}}
INFOS = {"com.example.refresh": {"state": "scheduled", "isPeriodic": True, "taskName": "com.example.refresh",
                                 "updatedAt": 1722000000.25},
         "once": {"state": "succeeded", "isPeriodic": False, "lastFinishedAt": 1722000100.5, "updatedAt": 1722000100.5}}
EXPECTED = {
    "keyPrefix": "dev.fluttercommunity.workmanager", "callbackHandle": 1234567890123456789, "notes": [],
    "scheduledTasks": [{"identifier": "com.example.processing", "kind": "processing"},
                       {"identifier": "com.example.refresh", "kind": "refresh", "earliestBeginInSeconds": 900}],
    "workInfos": [{"uniqueName": "com.example.refresh", "state": "scheduled", "isPeriodic": True,
                   "taskName": "com.example.refresh", "updatedAt": 1722000000.25},
                  {"uniqueName": "once", "state": "succeeded", "isPeriodic": False, "lastFinishedAt": 1722000100.5,
                   "updatedAt": 1722000100.5}],
    "periodicTaskInputData": {"com.example.refresh": {"count": 3, "name": "a/b", "ok": True, "ratio": 0.5}},
}


@pytest.mark.parametrize("xml", [False, True])
def test_binary_and_xml(xml):
    blob = plugin_defaults(scheduled_tasks=TASKS, work_infos=INFOS, callback_handle=1234567890123456789,
                           periodic_input_data={"com.example.refresh": {"count": 3, "name": "a/b", "ok": True,
                                                                        "ratio": 0.5}},
                           xml=xml, extra={"flutter.other": "x", "NSLanguages": ["en"]})
    assert blob.startswith(b"<?xml" if xml else b"bplist00")
    assert parsed(core.ios_parse_plugin_defaults(blob)) == EXPECTED


def test_legacy_suite_and_negative_handle():
    blob = plugin_defaults(callback_handle=-42, legacy=True)
    assert parsed(core.ios_parse_plugin_defaults(blob)) == {
        "keyPrefix": "be.tramckrijte.workmanager", "callbackHandle": -42, "notes": [], "scheduledTasks": [],
        "workInfos": [], "periodicTaskInputData": {}}


def test_empty_suite():
    doc = parsed(core.ios_parse_plugin_defaults(plistlib.dumps({}, fmt=plistlib.FMT_BINARY)))
    assert doc == {"keyPrefix": "", "notes": [], "scheduledTasks": [], "workInfos": [], "periodicTaskInputData": {}}


def test_unreadable_values_become_notes():
    suite = {"dev.fluttercommunity.workmanager.scheduledTasks": b"not json",
             "dev.fluttercommunity.workmanager.workInfos": 5,
             "dev.fluttercommunity.workmanager.callbackHandle": "abc"}
    doc = parsed(core.ios_parse_plugin_defaults(plistlib.dumps(suite, fmt=plistlib.FMT_BINARY)))
    assert sorted(doc["notes"]) == ["dev.fluttercommunity.workmanager.callbackHandle is not an integer",
                                    "dev.fluttercommunity.workmanager.scheduledTasks does not hold a JSON object",
                                    "dev.fluttercommunity.workmanager.workInfos is not Data"]


def test_json_as_string_and_dates_and_data_in_input():
    import datetime
    suite = {"dev.fluttercommunity.workmanager.scheduledTasks": '{"x":{"kind":"refresh"}}',
             "dev.fluttercommunity.workmanager.periodicTaskInputData.x": {
                 "when": datetime.datetime(2024, 5, 10, 12, 32, 23), "blob": b"\x01\x02"}}
    doc = parsed(core.ios_parse_plugin_defaults(plistlib.dumps(suite, fmt=plistlib.FMT_BINARY)))
    assert doc["scheduledTasks"] == [{"identifier": "x", "kind": "refresh"}]
    assert doc["periodicTaskInputData"]["x"] == {"when": "2024-05-10T12:32:23Z",
                                                 "blob": {"bytes": [1, 2], "subtype": None}}


@pytest.mark.parametrize("blob", [b"", b"bplist00garbage", b"{ a = b; }", plistlib.dumps([1, 2])])
def test_not_a_suite(blob):
    with pytest.raises(ValueError):
        core.ios_parse_plugin_defaults(blob)


def test_scheduled_tasks_text_from_the_log_fixture():
    import json
    message = json.loads(sample("log-stream-record.json"))["eventMessage"]
    assert parsed(core.ios_parse_scheduled_tasks_text(message)) == {
        "found": True, "tasks": [{"identifier": "com.example.refresh", "earliestBeginDate": "10/10/2023, 11:10 PM"}]}


def test_scheduled_tasks_text_formats():
    text = ("[BGTaskScheduler] Scheduled Tasks:\n"
            "[BGTaskScheduler] Task Identifier: a.b earliestBeginDate: 2023.10.10 PM 11:10:12\n"
            "2025-07-27 15:47:10.50-0400 Runner[1:2] flutter: [BGTaskScheduler] Task Identifier: c earliestBeginDate: \n"
            "unrelated line\n")
    assert parsed(core.ios_parse_scheduled_tasks_text(to_crlf(text))) == {"found": True, "tasks": [
        {"identifier": "a.b", "earliestBeginDate": "2023.10.10 PM 11:10:12"},
        {"identifier": "c", "earliestBeginDate": ""}]}
    assert parsed(core.ios_parse_scheduled_tasks_text("[BGTaskScheduler] There are no scheduled tasks")) == {
        "found": True, "tasks": []}
    assert parsed(core.ios_parse_scheduled_tasks_text("flutter: hello\n")) == {"found": False, "tasks": []}
