"""parse_diagnostics_report: the logcat fixture, other logcat formats, repeated and truncated reports."""

from __future__ import annotations

import json
import re
from typing import Any, Dict

import pytest

import fwm._core as core
from android_samples import sample, to_crlf

FIXTURE = "logcat-diagnostics-threadtime.txt"
PLUGIN_WORKER = "dev.fluttercommunity.workmanager.BackgroundWorker"
DIAGNOSTICS_WORKER = "androidx.work.impl.workers.DiagnosticsWorker"

FIXTURE_ROWS = [
    {"section": "completed", "id": "6f1d3c2a-5b8e-4c1e-9a57-2f0b7d9e1a11", "workerClass": PLUGIN_WORKER, "jobId": 3,
     "state": "SUCCEEDED", "uniqueNames": ["sync-once"], "tags": [PLUGIN_WORKER, "sync"]},
    {"section": "running", "id": "0c9a4e61-1f2d-4b7a-8e35-9d6c0b2f4e77", "workerClass": DIAGNOSTICS_WORKER, "jobId": 7,
     "state": "RUNNING", "uniqueNames": [], "tags": [DIAGNOSTICS_WORKER]},
    {"section": "enqueued", "id": "9b2e7f40-3c6a-4d11-b0e2-5a8f1c7d3e90", "workerClass": PLUGIN_WORKER, "jobId": 5,
     "state": "ENQUEUED", "uniqueNames": ["periodic-refresh"], "tags": [PLUGIN_WORKER, "refresh"]},
    {"section": "enqueued", "id": "1e4d8a93-77c0-42f5-8b1a-c3e6f09d2b54", "workerClass": PLUGIN_WORKER,
     "state": "ENQUEUED", "uniqueNames": ["upload"], "tags": [PLUGIN_WORKER]},
]
COMPLETE = {"found": True, "truncated": False, "rows": FIXTURE_ROWS, "notes": []}

THREADTIME = re.compile(r"^(\d\d-\d\d \d\d:\d\d:\d\d\.\d+) +(\d+) +(\d+) ([A-Z]) (.*?): ?(.*)$")


def parse(text: str) -> Dict[str, Any]:
    report: Dict[str, Any] = json.loads(core.parse_diagnostics_report(text))
    return report


def reformat(text: str, template: str) -> str:
    """Each threadtime line of `text` rewritten with `template` (fields: date, pid, tid, level, tag, message)."""
    out = []
    for line in text.splitlines():
        m = THREADTIME.match(line)
        assert m, line
        date, pid, tid, level, tag, message = m.groups()
        out.append(template.format(date=date, pid=pid, tid=tid, level=level, tag=tag, message=message))
    return "\n".join(out) + "\n"


def test_fixture_rows_exactly_with_the_null_job_id():
    report = parse(sample(FIXTURE))
    assert report == COMPLETE
    assert "jobId" not in report["rows"][3]


def test_crlf():
    assert parse(to_crlf(sample(FIXTURE))) == COMPLETE


@pytest.mark.parametrize(
    "template",
    [
        "{level}/{tag}({pid:>5}): {message}",
        "{date} {level}/{tag}({pid:>5}): {message}",
        "{level}/{tag}: {message}",
        "{message}",
    ],
    ids=["brief", "time", "tag", "bare-messages"],
)
def test_other_logcat_formats(template):
    assert parse(reformat(sample(FIXTURE), template)) == COMPLETE


def test_lines_of_other_tags_and_logcat_banners_are_ignored():
    noise = [
        "--------- beginning of main",
        "07-14 10:22:31.450  5120  5140 I WM-WorkerWrapper: Worker result SUCCESS for Work [ id=x\t y\t z\t ]",
        "07-14 10:22:31.451  5120  5140 D WM-DiagnosticsRcvr: Requesting diagnostics",
        "07-14 10:22:31.452  5120  5140 I flutter : Enqueued work:",
        "I/WM-Processor( 5120): a\tb\tc\td\te\tf\t",
    ]
    lines = sample(FIXTURE).splitlines()
    mixed = []
    for i, line in enumerate(lines):
        mixed.append(line)
        mixed.append(noise[i % len(noise)])
    assert parse("\n".join(mixed) + "\n") == COMPLETE


def test_missing_trailing_tabs_and_extra_spaces_are_tolerated():
    text = sample(FIXTURE)
    text = re.sub(r"\t\r?$", "", text, flags=re.M)
    text = text.replace("\t ", "  \t   ").replace(": Recently", ":   Recently")
    assert parse(text) == COMPLETE


def test_the_last_of_several_reports_wins():
    first = sample(FIXTURE)
    second = (
        "07-14 11:00:00.001  6001  6002 I WM-DiagnosticsWrkr: Running work:\n"
        "07-14 11:00:00.001  6001  6002 I WM-DiagnosticsWrkr:\n"
        "07-14 11:00:00.002  6001  6002 I WM-DiagnosticsWrkr:  Id \t Class Name\t Job Id\t State\t Unique Name\t Tags\t\n"
        f"07-14 11:00:00.002  6001  6002 I WM-DiagnosticsWrkr: aaaa\t {DIAGNOSTICS_WORKER}\t 8\t RUNNING\t \t {DIAGNOSTICS_WORKER}\t\n"
    )
    report = parse(first + second)
    assert report["truncated"] is False
    assert [(r["section"], r["id"], r.get("jobId")) for r in report["rows"]] == [("running", "aaaa", 8)]
    assert parse(first + first) == COMPLETE
    assert parse(second + first) == COMPLETE


LAST_ROW_ID = "1e4d8a93-77c0-42f5-8b1a-c3e6f09d2b54"


def test_a_report_cut_inside_its_last_row():
    text = sample(FIXTURE)
    report = parse(text[: text.rindex("\t null")] + "\t nu")
    assert report["found"] is True and report["truncated"] is True
    assert report["rows"] == FIXTURE_ROWS[:3] + [{"section": "enqueued", "id": LAST_ROW_ID, "workerClass": PLUGIN_WORKER,
                                                 "state": "", "uniqueNames": [], "tags": []}]
    assert report["notes"] == [f"row {LAST_ROW_ID} in enqueued is cut short: Job Id, State, Unique Name, Tags missing"]

    report = parse(text[: text.rindex("\t dev.fluttercommunity.workmanager.BackgroundWorker\t null")] + "\t dev.flutter")
    assert report["rows"][3] == {"section": "enqueued", "id": LAST_ROW_ID, "workerClass": "", "state": "",
                                 "uniqueNames": [], "tags": []}
    assert report["notes"] == [
        f"row {LAST_ROW_ID} in enqueued is cut short: Class Name, Job Id, State, Unique Name, Tags missing"
    ]

    report = parse(text[: text.rindex(" upload")])  # the cut falls right after a TAB: State is complete
    assert report["rows"][3]["state"] == "ENQUEUED" and "jobId" not in report["rows"][3]
    assert report["notes"] == [f"row {LAST_ROW_ID} in enqueued is cut short: Unique Name, Tags missing"]


@pytest.mark.parametrize("cut_after", ["1e4d8a93-77c0", LAST_ROW_ID])
def test_a_row_cut_inside_its_id_is_skipped(cut_after):
    text = sample(FIXTURE)
    report = parse(text[: text.rindex(LAST_ROW_ID)] + cut_after)
    assert report["truncated"] is True
    assert report["rows"] == FIXTURE_ROWS[:3]
    assert report["notes"] == ["a row in enqueued is cut short inside its Id and was skipped"]


def test_a_section_header_without_rows_marks_the_report_truncated():
    lines = sample(FIXTURE).splitlines()
    header_only = "\n".join(lines[: lines.index(next(l for l in lines if l.endswith("Enqueued work:"))) + 4]) + "\n"
    report = parse(header_only)
    assert report["truncated"] is True
    assert report["rows"] == FIXTURE_ROWS[:2]
    assert report["notes"] == ['"Enqueued work:" has no rows (cut at the log size limit, or not logged yet)']


def test_rows_before_any_section_header():
    lines = sample(FIXTURE).splitlines()
    rows_only = "\n".join(lines[-2:]) + "\n"
    report = parse(rows_only)
    assert report == {"found": True, "truncated": True, "rows": [],
                      "notes": ["2 rows without a section header (the start of the report is missing)"]}
    report = parse(rows_only + sample(FIXTURE))
    assert report["rows"] == FIXTURE_ROWS and report["truncated"] is False
    assert report["notes"] == ["2 rows before the first section header were skipped"]


def test_alarm_id_column_below_api_23():
    assert parse(sample(FIXTURE).replace("Job Id", "Alarm Id")) == COMPLETE


@pytest.mark.parametrize("text", ["", "\n\n", "--------- beginning of main\n",
                                  "07-14 10:22:31.456  5120  5163 E WM-DiagnosticsRcvr: WorkManager is not initialized\n"])
def test_no_report(text):
    assert parse(text) == {"found": False, "truncated": False, "rows": [], "notes": []}


LAYOUT_FIXTURES = ["logcat-diagnostics-studio.constructed.txt", "logcat-diagnostics-brief.constructed.txt",
                   "logcat-diagnostics-time.constructed.txt"]


@pytest.mark.parametrize("name", LAYOUT_FIXTURES)
def test_every_layout_fixture_gives_the_same_rows(name):
    text = sample(name)
    assert parse(text) == COMPLETE
    assert parse(to_crlf(text)) == COMPLETE
    assert parse(re.sub(r" +$", "", text, flags=re.M)) == COMPLETE  # an editor trimmed the blank lines' ": "


@pytest.mark.parametrize("name", LAYOUT_FIXTURES)
def test_a_report_truncated_at_its_start_in_every_layout(name):
    lines = sample(name).splitlines()
    rows_only = "\n".join(lines[-2:]) + "\n"
    assert parse(rows_only)["notes"] == ["2 rows without a section header (the start of the report is missing)"]


STUDIO_PREFIX = "2021-07-14 10:22:31.465 5120-5163/com.example.app I/WM-DiagnosticsWrkr: "


@pytest.mark.parametrize("package_part", ["/com.example.app", "/?", ""], ids=["package", "unknown-process", "hidden"])
def test_studio_copies_with_and_without_the_package(package_part):
    text = sample("logcat-diagnostics-studio.constructed.txt").replace("5120-5163/com.example.app",
                                                                      "5120-5163" + package_part)
    assert parse(text) == COMPLETE


def test_studio_copies_with_every_line_prefixed():
    """Older Studio builds printed each line of a multi-line entry with the whole header."""
    text = reformat(sample(FIXTURE), "2021-{date} 5120-5163/com.example.app {level}/{tag}: {message}")
    assert parse(text) == COMPLETE


def test_studio_continuation_lines_of_another_tag_are_not_taken():
    crash = ("2021-07-14 10:22:31.300 5120-5120/com.example.app E/AndroidRuntime: FATAL EXCEPTION: main\n"
             "    Process: com.example.app, PID: 5120\n"
             "    x\t y\t z\t w\t v\t u\t\n")
    report = parse(crash + sample("logcat-diagnostics-studio.constructed.txt"))
    assert report == COMPLETE


def test_studio_logcat_window_since_dolphin():
    """Columns of MessageFormatter.kt: time, '%5d-%-5d ', tag (24 wide, blank when repeated), app (36 wide), ' I  '."""
    out = []
    previous_tag = None
    for line in sample(FIXTURE).splitlines():
        m = THREADTIME.match(line)
        date, pid, tid, level, tag, message = m.groups()
        shown = "" if tag == previous_tag else tag
        previous_tag = tag
        out.append(f"2021-{date}  {int(pid):5d}-{int(tid):<5d} {shown:<24}{'com.example.app':<36} {level}  {message}")
    assert parse("\n".join(out) + "\n") == COMPLETE
