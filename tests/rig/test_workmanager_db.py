"""fwm.testing.workmanager_db: the WorkManager database as Room creates it (schemas 24 and 12 of androidx
work-runtime, fields transcribed below from src/schemas/androidx.work.impl.WorkDatabase/24.json and 12.json),
WAL behaviour, and WorkManager's next-run-time arithmetic."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from fwm.testing.workmanager_db import Constraints, WorkDatabase, WorkSpec, backoff_delay, next_run_time

# (columnName, affinity, notNull, defaultValue) in the JSON's order
WORKSPEC_24: List[Tuple[str, str, bool, Optional[str]]] = [
    ("id", "TEXT", True, None), ("state", "INTEGER", True, None), ("worker_class_name", "TEXT", True, None),
    ("input_merger_class_name", "TEXT", True, None), ("input", "BLOB", True, None), ("output", "BLOB", True, None),
    ("initial_delay", "INTEGER", True, None), ("interval_duration", "INTEGER", True, None),
    ("flex_duration", "INTEGER", True, None), ("run_attempt_count", "INTEGER", True, None),
    ("backoff_policy", "INTEGER", True, None), ("backoff_delay_duration", "INTEGER", True, None),
    ("last_enqueue_time", "INTEGER", True, "-1"), ("minimum_retention_duration", "INTEGER", True, None),
    ("schedule_requested_at", "INTEGER", True, None), ("run_in_foreground", "INTEGER", True, None),
    ("out_of_quota_policy", "INTEGER", True, None), ("period_count", "INTEGER", True, "0"),
    ("generation", "INTEGER", True, "0"), ("next_schedule_time_override", "INTEGER", True, "9223372036854775807"),
    ("next_schedule_time_override_generation", "INTEGER", True, "0"), ("stop_reason", "INTEGER", True, "-256"),
    ("trace_tag", "TEXT", False, None), ("backoff_on_system_interruptions", "INTEGER", False, None),
    ("required_network_type", "INTEGER", True, None), ("required_network_request", "BLOB", True, "x''"),
    ("requires_charging", "INTEGER", True, None), ("requires_device_idle", "INTEGER", True, None),
    ("requires_battery_not_low", "INTEGER", True, None), ("requires_storage_not_low", "INTEGER", True, None),
    ("trigger_content_update_delay", "INTEGER", True, None), ("trigger_max_content_delay", "INTEGER", True, None),
    ("content_uri_triggers", "BLOB", True, None),
]
WORKSPEC_12: List[Tuple[str, str, bool, Optional[str]]] = [
    ("id", "TEXT", True, None), ("state", "INTEGER", True, None), ("worker_class_name", "TEXT", True, None),
    ("input_merger_class_name", "TEXT", False, None), ("input", "BLOB", True, None), ("output", "BLOB", True, None),
    ("initial_delay", "INTEGER", True, None), ("interval_duration", "INTEGER", True, None),
    ("flex_duration", "INTEGER", True, None), ("run_attempt_count", "INTEGER", True, None),
    ("backoff_policy", "INTEGER", True, None), ("backoff_delay_duration", "INTEGER", True, None),
    ("period_start_time", "INTEGER", True, None), ("minimum_retention_duration", "INTEGER", True, None),
    ("schedule_requested_at", "INTEGER", True, None), ("run_in_foreground", "INTEGER", True, None),
    ("out_of_quota_policy", "INTEGER", True, None), ("required_network_type", "INTEGER", False, None),
    ("requires_charging", "INTEGER", True, None), ("requires_device_idle", "INTEGER", True, None),
    ("requires_battery_not_low", "INTEGER", True, None), ("requires_storage_not_low", "INTEGER", True, None),
    ("trigger_content_update_delay", "INTEGER", True, None), ("trigger_max_content_delay", "INTEGER", True, None),
    ("content_uri_triggers", "BLOB", False, None),
]
INDICES = {24: {"index_Dependency_work_spec_id", "index_Dependency_prerequisite_id",
                "index_WorkSpec_schedule_requested_at", "index_WorkSpec_last_enqueue_time",
                "index_WorkTag_work_spec_id", "index_WorkName_work_spec_id"},
           12: {"index_Dependency_work_spec_id", "index_Dependency_prerequisite_id",
                "index_WorkSpec_schedule_requested_at", "index_WorkSpec_period_start_time",
                "index_WorkTag_work_spec_id", "index_WorkName_work_spec_id"}}
HASHES = {24: "08b926448d86528e697981ddd30459f7", 12: "c103703e120ae8cc73c9248622f3cd1e"}
NOW = 1_720_952_551_000


@pytest.mark.parametrize("version, fields", [(24, WORKSPEC_24), (12, WORKSPEC_12)])
def test_schema_is_rooms(tmp_path: Path, version: int, fields: list) -> None:
    db = WorkDatabase(str(tmp_path / "no_backup" / "androidx.work.workdb"), version)
    conn = sqlite3.connect(db.path)
    info = conn.execute("PRAGMA table_info(WorkSpec)").fetchall()
    assert [(c[1], c[2], bool(c[3]), c[4]) for c in info] == fields
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT id, identity_hash FROM room_master_table").fetchall() == [(42, HASHES[version])]
    assert conn.execute("SELECT locale FROM android_metadata").fetchall() == [("en_US",)]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"android_metadata", "Dependency", "WorkSpec", "WorkTag", "SystemIdInfo", "WorkName",
                      "WorkProgress", "Preference", "room_master_table"}
    indices = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")}
    assert indices == INDICES[version]
    system_id = [c[1] for c in conn.execute("PRAGMA table_info(SystemIdInfo)")]
    assert system_id == (["work_spec_id", "generation", "system_id"] if version == 24 else ["work_spec_id", "system_id"])
    conn.close()
    db.close()


def test_rows_and_wal(tmp_path: Path) -> None:
    db = WorkDatabase(str(tmp_path / "no_backup" / "androidx.work.workdb"), 24)
    spec = db.insert_work("dev.fluttercommunity.workmanager.BackgroundWorker", now_ms=NOW, input_data={"a": 1},
                          tags=["sync"], unique_name="sync-once")
    assert (spec.tags, spec.names, spec.system_id, spec.schedule_requested_at) == (
        ["dev.fluttercommunity.workmanager.BackgroundWorker", "sync"], ["sync-once"], 0, NOW)
    assert db.preference("next_job_scheduler_id") == 1
    unscheduled = db.insert_work("x.Worker", now_ms=NOW, schedule_requested_at_ms=-1)
    assert unscheduled.system_id is None
    # the rows are only in the WAL: the main file alone does not have them
    alone = tmp_path / "alone.db"
    shutil.copy(db.path, alone)
    assert sqlite3.connect(alone).execute("SELECT COUNT(*) FROM WorkSpec").fetchone()[0] == 0
    both = tmp_path / "both.db"
    shutil.copy(db.path, both)
    shutil.copy(db.path + "-wal", str(both) + "-wal")
    assert sqlite3.connect(both).execute("SELECT COUNT(*) FROM WorkSpec").fetchone()[0] == 2
    db.close()
    assert not Path(db.path + "-wal").exists()


def spec(**fields: Any) -> WorkSpec:
    base: Dict[str, Any] = dict(id="x", state="ENQUEUED", worker_class_name="W", input=b"", output=b"", initial_delay=0,
                interval_duration=0, flex_duration=0, run_attempt_count=0, backoff_policy="exponential",
                backoff_delay_duration=30_000, last_enqueue_time=NOW, minimum_retention_duration=0,
                schedule_requested_at=NOW, expedited=False, out_of_quota_policy=0, constraints=Constraints())
    base.update(fields)
    return WorkSpec(**base)


def test_backoff_linear_exponential_and_cap() -> None:
    assert [backoff_delay(spec(run_attempt_count=n)) for n in (1, 2, 3)] == [30_000, 60_000, 120_000]
    assert backoff_delay(spec(run_attempt_count=3, backoff_policy="linear", backoff_delay_duration=60_000)) == 180_000
    assert backoff_delay(spec(run_attempt_count=20)) == 5 * 3600 * 1000
    assert next_run_time(spec(run_attempt_count=2), 24, NOW) == NOW + 60_000


def test_next_run_time_periodic_flex_and_first_run_rules() -> None:
    hour, quarter = 3_600_000, 900_000
    flexed = spec(interval_duration=hour, flex_duration=quarter)
    assert next_run_time(flexed, 24, NOW) == NOW + hour - quarter  # first period: interval - flex
    assert next_run_time(spec(interval_duration=hour, flex_duration=hour, period_count=1), 24, NOW) == NOW + hour
    assert next_run_time(spec(initial_delay=5000), 24, NOW) == NOW + 5000
    # 2.7 (schema 12): period_start_time 0 means "first run, now"
    first = spec(interval_duration=hour, flex_duration=hour, last_enqueue_time=0)
    assert next_run_time(first, 12, NOW) == NOW
    assert next_run_time(spec(interval_duration=hour, flex_duration=hour), 12, NOW) == NOW + hour
