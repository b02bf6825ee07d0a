"""Signed overflow on extreme values: WorkSpec columns at the int64 limits (the next-run arithmetic
saturates, see adb/workmanager_schedule.hpp) and durations too large for 64-bit milliseconds (a
ValidationError naming the flag)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fwm
import fwm._core as core
from fwm.testing.workmanager_db import WorkDatabase

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
WORKER = "dev.fluttercommunity.workmanager.BackgroundWorker"


def database_with(tmp_path: Path, schema: int, **columns) -> Path:
    """A WorkManager database holding one plugin task whose WorkSpec columns are then set to `columns`."""
    path = tmp_path / f"schema{schema}" / "androidx.work.workdb"
    db = WorkDatabase(str(path), schema_version=schema)
    spec = db.insert_work(WORKER, now_ms=1_700_000_000_000, unique_name="extreme",
                          input_data={"be.tramckrijte.workmanager.DART_TASK": "t"})
    for column, value in columns.items():
        db.execute(f"UPDATE workspec SET {column} = ? WHERE id = ?", (value, spec.id))
    db.checkpoint()
    db.close()
    return path


EXTREMES = [
    ("one-off, initial delay INT64_MAX", {"initial_delay": INT64_MAX}, INT64_MAX),
    ("one-off, last enqueue INT64_MIN, delay -1", {"last_enqueue_time": INT64_MIN, "initial_delay": -1}, INT64_MIN),
    ("linear backoff, delay x attempts overflows",
     {"run_attempt_count": 2**31 - 1, "backoff_policy": 1, "backoff_delay_duration": INT64_MAX,
      "last_enqueue_time": INT64_MAX}, INT64_MAX),
    ("exponential backoff beyond float range", {"run_attempt_count": 2**31 - 1, "backoff_delay_duration": INT64_MAX,
                                                "last_enqueue_time": 0}, 5 * 3600 * 1000),
    ("periodic, interval - flex overflows",
     {"interval_duration": INT64_MAX, "flex_duration": INT64_MIN, "last_enqueue_time": INT64_MAX}, INT64_MAX),
]


@pytest.mark.parametrize("columns, expected_ms", [(c, e) for _, c, e in EXTREMES], ids=[n for n, _, _ in EXTREMES])
def test_next_run_at_saturates_on_extreme_workspec_values(run_fwm, tmp_path, columns, expected_ms):
    result = run_fwm("inspect", "--json", str(database_with(tmp_path, 24, **columns)))
    assert result.code == 0, result
    (task,) = result.json()["tasks"]
    assert task["nextRunAt"] == core_iso(expected_ms)


def test_old_schema_period_start_arithmetic_saturates(run_fwm, tmp_path):
    path = database_with(tmp_path, 12, interval_duration=INT64_MAX, flex_duration=INT64_MIN,
                         initial_delay=INT64_MAX, period_start_time=0)
    result = run_fwm("inspect", "--json", str(path))
    assert result.code == 0, result
    (task,) = result.json()["tasks"]
    assert task["nextRunAt"] == core_iso(INT64_MAX)


def core_iso(epoch_ms: int) -> str:
    """What fwm prints for an instant: floor to the second, UTC, years beyond 9999 as glibc prints them."""
    from datetime import datetime, timezone
    seconds = epoch_ms // 1000
    if -62135596800 <= seconds <= 253402300799:
        return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {INT64_MAX // 1000: "292278994-08-17T07:12:55Z", INT64_MIN // 1000: "-292275055-05-16T16:47:04Z"}[seconds]


@pytest.mark.parametrize("text", ["999999999999999d", "106751991167301d", "PT999999999999999H",
                                  "P999999999999999W", "99999999999999h99999999999999m", "P36600DT0.999S"])
def test_durations_that_overflow_are_not_durations(text):
    assert core.parse_duration_ms(text) is None
    with pytest.raises(fwm.ValidationError, match="at most 100 years"):
        fwm.parse_duration(text)


def test_an_overflowing_flag_is_a_validation_error_naming_it(run_fwm):
    result = run_fwm("register", "one-off", "u", "t", "-a", "com.example.app", "--platform", "android",
                     "--dry-run", "--json", "--initial-delay", "999999999999999d")
    assert result.code == 2, result
    (problem,) = json.loads(result.out)["error"]["problems"]
    assert problem["flag"] == "--initial-delay" and "at most 100 years" in problem["message"]
    timeout = run_fwm("devices", "--timeout", "999999999999999d")
    assert timeout.code == 2 and "--timeout" in timeout.err and "at most 100 years" in timeout.err, timeout


def test_format_duration_of_the_int64_limits():
    assert core.format_duration_ms(INT64_MIN) == "-106751991167d7h12m55s808ms"
    assert core.format_duration_ms(INT64_MAX) == "106751991167d7h12m55s807ms"


def test_a_deeply_nested_json_payload_stays_a_string(run_fwm, tmp_path):
    deep = "[" * 4000 + "]" * 4000  # deeper than 256 levels, within Data.MAX_DATA_BYTES
    path = tmp_path / "deep" / "androidx.work.workdb"
    db = WorkDatabase(str(path))
    db.insert_work(WORKER, now_ms=1_700_000_000_000, unique_name="deep",
                   input_data={"be.tramckrijte.workmanager.DART_TASK": "t", "json_payload_list": deep,
                               "json_payload_ok": "[[1]]"})
    db.checkpoint()
    db.close()
    result = run_fwm("inspect", "--json", str(path))
    assert result.code == 0, result
    (task,) = result.json()["tasks"]
    assert task["inputData"] == {"list": deep, "ok": [[1]]}
