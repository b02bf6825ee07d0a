"""ios_parse_unified_log: the record fixture in the json (array) and ndjson styles, headers, truncation."""

from __future__ import annotations

import json

import pytest

import fwm._core as core
from ios_samples import parsed, sample, to_crlf

EXPECTED = {
    "timestamp": "2025-07-27 15:47:10.504275-0400", "process": "Runner", "subsystem": "", "category": "",
    "messageType": "Default", "eventType": "logEvent", "processID": 48213,
    "eventMessage": "flutter: [BGTaskScheduler] Task Identifier: com.example.refresh earliestBeginDate: 10/10/2023, 11:10 PM",
    "senderImagePath": "/Users/dev/…/Runner.app/Frameworks/Flutter.framework/Flutter",
}
HEADER = 'Filtering the log data using "process == \\"Runner\\" AND eventMessage CONTAINS \\"{[\\""\n'


def parse(text):
    return parsed(core.ios_parse_unified_log(text))


def test_fixture_record():
    assert parse(sample("log-stream-record.json")) == [EXPECTED]


def test_json_array_as_log_streams_it():
    record = sample("log-stream-record.json").strip()
    body = record[1:-1].strip("\n")
    text = HEADER + "Skipping info and debug messages, pass --info and/or --debug to include.\n" + \
        "[{\n" + body + "\n},{\n" + body.replace("48213", "48214") + "\n}]\n"
    records = parse(to_crlf(text))
    assert [r["processID"] for r in records] == [48213, 48214]
    assert records[0] == EXPECTED


def test_ndjson():
    one = json.loads(sample("log-stream-record.json"))
    other = dict(one, eventMessage="flutter: done {braces} \"quoted\"", processID=7, messageType="Info",
                 subsystem="dev.fluttercommunity.workmanager", category="debug")
    text = HEADER + json.dumps(one) + "\n" + json.dumps(other, separators=(",", ":")) + "\n"
    records = parse(text)
    assert records[0] == EXPECTED
    assert records[1]["eventMessage"] == 'flutter: done {braces} "quoted"'
    assert (records[1]["subsystem"], records[1]["category"], records[1]["messageType"]) == \
        ("dev.fluttercommunity.workmanager", "debug", "Info")


def test_missing_optional_keys_and_process_key():
    records = parse('[{"eventMessage":"m","process":"Other"}]')
    assert records == [{"timestamp": "", "process": "Other", "subsystem": "", "category": "", "messageType": "",
                        "eventType": "", "eventMessage": "m"}]


def test_truncated_output_keeps_complete_records():
    record = sample("log-stream-record.json").strip()
    text = "[" + record + ",{\n  \"traceID\" : 1,\n  \"eventMessage\" : \"cut {"
    assert parse(text) == [EXPECTED]


@pytest.mark.parametrize("text", ["", "[]", "[]\n", HEADER, "Skipping info and debug messages\n"])
def test_no_records(text):
    assert parse(text) == []


def test_malformed_record_is_an_error():
    with pytest.raises(ValueError):
        core.ios_parse_unified_log('{"eventMessage": nope}\n')


def test_record_timestamps_are_read_as_utc_microseconds() -> None:
    from datetime import datetime, timezone

    record = json.loads(core.ios_parse_unified_log(sample("log-stream-record.json")))[0]
    expected = datetime(2025, 7, 27, 19, 47, 10, 504275, tzinfo=timezone.utc)
    assert core.ios_unified_log_time_us(record["timestamp"]) == int(expected.timestamp()) * 10**6 + 504275
    assert core.ios_unified_log_time_us("2024-02-29 00:00:00+0530") == \
        int(datetime(2024, 2, 28, 18, 30, tzinfo=timezone.utc).timestamp()) * 10**6
    for bad in ("", "2025-07-27 15:47:10", "27/07/2025 15:47:10-0400", "2025-13-01 00:00:00+0000"):
        assert core.ios_unified_log_time_us(bad) is None
