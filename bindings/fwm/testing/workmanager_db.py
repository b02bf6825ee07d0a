"""A real SQLite WorkManager database (`androidx.work.workdb`), created as Room creates it on a device for
schema version 24 (work-runtime 2.10/2.11) or 12 (2.7), in WAL mode, and the bookkeeping WorkManager does
in it (enqueue, job ids, run attempts, success/retry/failure, periodic resets).

Sources read in androidx/androidx: `work/work-runtime/src/schemas/androidx.work.impl.WorkDatabase/24.json`
and `12.json` (the CREATE statements below are their `createSql`/index `createSql`/`setupQueries`, in their
entity order, which is the order Room's generated createAllTables() runs them), `WorkerWrapper.kt` (2.9+)
and `WorkerWrapper.java` (2.7: trySetRunning, setSucceeded, setFailed, reschedule, resetPeriodic),
`model/WorkSpec.kt` and the 2.7 `WorkSpec.java` (calculateNextRunTime), `Schedulers.java`,
`SystemJobScheduler.java` (job ids from SystemIdInfo or IdGenerator), `EnqueueRunnable` (2.7 sets
period_start_time to 0 for periodic work, to now for one-off work). Android adds `android_metadata`
(SQLiteConnection.setLocaleFromConfiguration) and Room turns foreign keys on when it opens the file.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from .work_data import _ObjectInput, encode_data, object_stream_of_primitives, write_utf

DATABASE_NAME = "androidx.work.workdb"

_SCHEMA_24 = [
    "CREATE TABLE IF NOT EXISTS `Dependency` (`work_spec_id` TEXT NOT NULL, `prerequisite_id` TEXT NOT NULL, "
    "PRIMARY KEY(`work_spec_id`, `prerequisite_id`), FOREIGN KEY(`work_spec_id`) REFERENCES `WorkSpec`(`id`) "
    "ON UPDATE CASCADE ON DELETE CASCADE , FOREIGN KEY(`prerequisite_id`) REFERENCES `WorkSpec`(`id`) "
    "ON UPDATE CASCADE ON DELETE CASCADE )",
    "CREATE INDEX IF NOT EXISTS `index_Dependency_work_spec_id` ON `Dependency` (`work_spec_id`)",
    "CREATE INDEX IF NOT EXISTS `index_Dependency_prerequisite_id` ON `Dependency` (`prerequisite_id`)",
    "CREATE TABLE IF NOT EXISTS `WorkSpec` (`id` TEXT NOT NULL, `state` INTEGER NOT NULL, `worker_class_name` TEXT "
    "NOT NULL, `input_merger_class_name` TEXT NOT NULL, `input` BLOB NOT NULL, `output` BLOB NOT NULL, "
    "`initial_delay` INTEGER NOT NULL, `interval_duration` INTEGER NOT NULL, `flex_duration` INTEGER NOT NULL, "
    "`run_attempt_count` INTEGER NOT NULL, `backoff_policy` INTEGER NOT NULL, `backoff_delay_duration` INTEGER NOT "
    "NULL, `last_enqueue_time` INTEGER NOT NULL DEFAULT -1, `minimum_retention_duration` INTEGER NOT NULL, "
    "`schedule_requested_at` INTEGER NOT NULL, `run_in_foreground` INTEGER NOT NULL, `out_of_quota_policy` INTEGER "
    "NOT NULL, `period_count` INTEGER NOT NULL DEFAULT 0, `generation` INTEGER NOT NULL DEFAULT 0, "
    "`next_schedule_time_override` INTEGER NOT NULL DEFAULT 9223372036854775807, "
    "`next_schedule_time_override_generation` INTEGER NOT NULL DEFAULT 0, `stop_reason` INTEGER NOT NULL DEFAULT "
    "-256, `trace_tag` TEXT, `backoff_on_system_interruptions` INTEGER, `required_network_type` INTEGER NOT NULL, "
    "`required_network_request` BLOB NOT NULL DEFAULT x'', `requires_charging` INTEGER NOT NULL, "
    "`requires_device_idle` INTEGER NOT NULL, `requires_battery_not_low` INTEGER NOT NULL, "
    "`requires_storage_not_low` INTEGER NOT NULL, `trigger_content_update_delay` INTEGER NOT NULL, "
    "`trigger_max_content_delay` INTEGER NOT NULL, `content_uri_triggers` BLOB NOT NULL, PRIMARY KEY(`id`))",
    "CREATE INDEX IF NOT EXISTS `index_WorkSpec_schedule_requested_at` ON `WorkSpec` (`schedule_requested_at`)",
    "CREATE INDEX IF NOT EXISTS `index_WorkSpec_last_enqueue_time` ON `WorkSpec` (`last_enqueue_time`)",
    "CREATE TABLE IF NOT EXISTS `WorkTag` (`tag` TEXT NOT NULL, `work_spec_id` TEXT NOT NULL, PRIMARY KEY(`tag`, "
    "`work_spec_id`), FOREIGN KEY(`work_spec_id`) REFERENCES `WorkSpec`(`id`) ON UPDATE CASCADE ON DELETE CASCADE )",
    "CREATE INDEX IF NOT EXISTS `index_WorkTag_work_spec_id` ON `WorkTag` (`work_spec_id`)",
    "CREATE TABLE IF NOT EXISTS `SystemIdInfo` (`work_spec_id` TEXT NOT NULL, `generation` INTEGER NOT NULL DEFAULT "
    "0, `system_id` INTEGER NOT NULL, PRIMARY KEY(`work_spec_id`, `generation`), FOREIGN KEY(`work_spec_id`) "
    "REFERENCES `WorkSpec`(`id`) ON UPDATE CASCADE ON DELETE CASCADE )",
    "CREATE TABLE IF NOT EXISTS `WorkName` (`name` TEXT NOT NULL, `work_spec_id` TEXT NOT NULL, PRIMARY KEY(`name`, "
    "`work_spec_id`), FOREIGN KEY(`work_spec_id`) REFERENCES `WorkSpec`(`id`) ON UPDATE CASCADE ON DELETE CASCADE )",
    "CREATE INDEX IF NOT EXISTS `index_WorkName_work_spec_id` ON `WorkName` (`work_spec_id`)",
    "CREATE TABLE IF NOT EXISTS `WorkProgress` (`work_spec_id` TEXT NOT NULL, `progress` BLOB NOT NULL, PRIMARY "
    "KEY(`work_spec_id`), FOREIGN KEY(`work_spec_id`) REFERENCES `WorkSpec`(`id`) ON UPDATE CASCADE ON DELETE "
    "CASCADE )",
    "CREATE TABLE IF NOT EXISTS `Preference` (`key` TEXT NOT NULL, `long_value` INTEGER, PRIMARY KEY(`key`))",
    "CREATE TABLE IF NOT EXISTS room_master_table (id INTEGER PRIMARY KEY,identity_hash TEXT)",
    "INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, '08b926448d86528e697981ddd30459f7')",
]

_SCHEMA_12 = [
    _SCHEMA_24[0], _SCHEMA_24[1], _SCHEMA_24[2],
    "CREATE TABLE IF NOT EXISTS `WorkSpec` (`id` TEXT NOT NULL, `state` INTEGER NOT NULL, `worker_class_name` TEXT "
    "NOT NULL, `input_merger_class_name` TEXT, `input` BLOB NOT NULL, `output` BLOB NOT NULL, `initial_delay` "
    "INTEGER NOT NULL, `interval_duration` INTEGER NOT NULL, `flex_duration` INTEGER NOT NULL, `run_attempt_count` "
    "INTEGER NOT NULL, `backoff_policy` INTEGER NOT NULL, `backoff_delay_duration` INTEGER NOT NULL, "
    "`period_start_time` INTEGER NOT NULL, `minimum_retention_duration` INTEGER NOT NULL, `schedule_requested_at` "
    "INTEGER NOT NULL, `run_in_foreground` INTEGER NOT NULL, `out_of_quota_policy` INTEGER NOT NULL, "
    "`required_network_type` INTEGER, `requires_charging` INTEGER NOT NULL, `requires_device_idle` INTEGER NOT "
    "NULL, `requires_battery_not_low` INTEGER NOT NULL, `requires_storage_not_low` INTEGER NOT NULL, "
    "`trigger_content_update_delay` INTEGER NOT NULL, `trigger_max_content_delay` INTEGER NOT NULL, "
    "`content_uri_triggers` BLOB, PRIMARY KEY(`id`))",
    "CREATE INDEX IF NOT EXISTS `index_WorkSpec_schedule_requested_at` ON `WorkSpec` (`schedule_requested_at`)",
    "CREATE INDEX IF NOT EXISTS `index_WorkSpec_period_start_time` ON `WorkSpec` (`period_start_time`)",
    _SCHEMA_24[6], _SCHEMA_24[7],
    "CREATE TABLE IF NOT EXISTS `SystemIdInfo` (`work_spec_id` TEXT NOT NULL, `system_id` INTEGER NOT NULL, PRIMARY "
    "KEY(`work_spec_id`), FOREIGN KEY(`work_spec_id`) REFERENCES `WorkSpec`(`id`) ON UPDATE CASCADE ON DELETE "
    "CASCADE )",
    _SCHEMA_24[9], _SCHEMA_24[10], _SCHEMA_24[11], _SCHEMA_24[12], _SCHEMA_24[13],
    "INSERT OR REPLACE INTO room_master_table (id,identity_hash) VALUES(42, 'c103703e120ae8cc73c9248622f3cd1e')",
]

IDENTITY_HASHES = {24: "08b926448d86528e697981ddd30459f7", 12: "c103703e120ae8cc73c9248622f3cd1e"}
SCHEMAS: Dict[int, List[str]] = {24: _SCHEMA_24, 12: _SCHEMA_12}

STATES = ("ENQUEUED", "RUNNING", "SUCCEEDED", "FAILED", "BLOCKED", "CANCELLED")
FINISHED_STATES = ("SUCCEEDED", "FAILED", "CANCELLED")
NETWORK_TYPES = ("not_required", "connected", "unmetered", "not_roaming", "metered", "temporarily_unmetered")
BACKOFF_POLICIES = ("exponential", "linear")  # WorkTypeConverters: 0 EXPONENTIAL, 1 LINEAR

OVERWRITING_INPUT_MERGER = "androidx.work.OverwritingInputMerger"
MIN_PERIODIC_INTERVAL_MS = 15 * 60 * 1000
MIN_PERIODIC_FLEX_MS = 5 * 60 * 1000
MIN_BACKOFF_MS = 10 * 1000
MAX_BACKOFF_MS = 5 * 60 * 60 * 1000
DEFAULT_BACKOFF_MS = 30 * 1000
STOP_REASON_NOT_STOPPED = -256
SCHEDULE_NOT_REQUESTED_YET = -1
LONG_MAX = 2**63 - 1
NEXT_JOB_SCHEDULER_ID = "next_job_scheduler_id"
ANDROID_WAL_AUTOCHECKPOINT = 100  # pages; AOSP config_sqliteWalAutoCheckpoint


@dataclass(frozen=True)
class Constraints:
    """WorkManager Constraints as stored in WorkSpec. `network` is one of NETWORK_TYPES;
    `content_uri_triggers` holds (uri, trigger_for_descendants) pairs."""

    network: str = "not_required"
    charging: bool = False
    battery_not_low: bool = False
    device_idle: bool = False
    storage_not_low: bool = False
    content_uri_triggers: Tuple[Tuple[str, bool], ...] = ()
    trigger_content_update_delay_ms: int = -1
    trigger_max_content_delay_ms: int = -1

    def __post_init__(self) -> None:
        if self.network not in NETWORK_TYPES:
            raise ValueError(f"network must be one of {NETWORK_TYPES}, not {self.network!r}")

    @property
    def any(self) -> bool:
        """True if the work has any constraint at all."""
        return self != Constraints()


@dataclass
class WorkSpec:
    """One WorkSpec row with its tags, unique names and job id, as read back from the database."""

    id: str
    state: str
    worker_class_name: str
    input: bytes
    output: bytes
    initial_delay: int
    interval_duration: int
    flex_duration: int
    run_attempt_count: int
    backoff_policy: str
    backoff_delay_duration: int
    last_enqueue_time: int
    minimum_retention_duration: int
    schedule_requested_at: int
    expedited: bool
    out_of_quota_policy: int
    constraints: Constraints
    period_count: int = 0
    generation: int = 0
    next_schedule_time_override: int = LONG_MAX
    stop_reason: int = STOP_REASON_NOT_STOPPED
    tags: List[str] = field(default_factory=list)
    names: List[str] = field(default_factory=list)
    system_id: Optional[int] = None

    @property
    def is_periodic(self) -> bool:
        return self.interval_duration != 0

    @property
    def is_backed_off(self) -> bool:
        return self.state == "ENQUEUED" and self.run_attempt_count > 0


def backoff_delay(spec: WorkSpec) -> int:
    """The backoff WorkManager applies after `run_attempt_count` attempts: linear delay*attempts,
    exponential delay*2^(attempts-1) (Math.scalb on a float), capped at 5 h."""
    if spec.backoff_policy == "linear":
        delay = spec.backoff_delay_duration * spec.run_attempt_count
    else:
        delay = int(float(spec.backoff_delay_duration) * 2.0 ** (spec.run_attempt_count - 1))
    return min(delay, MAX_BACKOFF_MS)


def next_run_time(spec: WorkSpec, schema_version: int, now_ms: int) -> int:
    """WorkSpec.calculateNextRunTime(): WorkSpec.kt for schema 24, the 2.7 WorkSpec.java (with
    period_start_time in `last_enqueue_time`) for schema 12. `now_ms` is only used by the 2.7 code."""
    if schema_version >= 15:
        if spec.next_schedule_time_override != LONG_MAX and spec.is_periodic:
            if spec.period_count == 0:
                return spec.next_schedule_time_override
            return max(spec.next_schedule_time_override, spec.last_enqueue_time + MIN_PERIODIC_INTERVAL_MS)
        if spec.is_backed_off:
            return spec.last_enqueue_time + backoff_delay(spec)
        if spec.is_periodic:
            schedule = spec.last_enqueue_time + (spec.initial_delay if spec.period_count == 0 else spec.interval_duration)
            if spec.flex_duration != spec.interval_duration and spec.period_count == 0:
                schedule += spec.interval_duration - spec.flex_duration
            return schedule
        if spec.last_enqueue_time == -1:
            return LONG_MAX
        return spec.last_enqueue_time + spec.initial_delay
    period_start = spec.last_enqueue_time
    if spec.is_backed_off:
        return period_start + backoff_delay(spec)
    if spec.is_periodic:
        start = now_ms + spec.initial_delay if period_start == 0 else period_start
        if spec.flex_duration != spec.interval_duration:
            return start + spec.interval_duration + (-spec.flex_duration if period_start == 0 else 0)
        return start + (0 if period_start == 0 else spec.interval_duration)
    start = now_ms if period_start == 0 else period_start
    return start + spec.initial_delay


def content_uri_triggers_blob(triggers: Sequence[Tuple[str, bool]], schema_version: int) -> Optional[bytes]:
    """WorkTypeConverters.setOfTriggersToByteArray: empty -> empty blob (v14+) or NULL (older); else an
    ObjectOutputStream holding writeInt(count), then writeUTF(uri) + writeBoolean(descendants) each."""
    if not triggers:
        return b"" if schema_version >= 14 else None
    body = len(triggers).to_bytes(4, "big") + b"".join(write_utf(uri) + bytes([int(d)]) for uri, d in triggers)
    return object_stream_of_primitives(body)


def decode_content_uri_triggers(blob: Optional[bytes]) -> Tuple[Tuple[str, bool], ...]:
    """WorkTypeConverters.byteArrayToSetOfTriggers."""
    if not blob:
        return ()
    stream = _ObjectInput(bytes(blob))
    triggers = []
    for _ in range(stream.read_int()):
        uri = stream.read_utf()
        triggers.append((uri, stream.primitive(1) != b"\x00"))
    return tuple(triggers)


class WorkDatabase:
    """The WorkManager database file of one app, held open like the app process holds it (so the WAL and
    -shm files exist and recent commits live in the WAL). All methods are thread-safe."""

    def __init__(self, path: str, schema_version: int = 24, *, data_format: str = "v1") -> None:
        if schema_version not in SCHEMAS:
            raise ValueError(f"schema_version must be one of {sorted(SCHEMAS)}")
        self.path = path
        self.schema_version = schema_version
        self.data_format = data_format
        self.lock = threading.RLock()
        self._conn: Optional[sqlite3.Connection] = None
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fresh = not os.path.exists(path)
        self.open()
        if fresh:
            self._create()

    @property
    def enqueue_column(self) -> str:
        """`last_enqueue_time` (v15+) or `period_start_time` (older schemas)."""
        return "last_enqueue_time" if self.schema_version >= 15 else "period_start_time"

    def open(self) -> None:
        """Open the file as the app does (WAL, Android's autocheckpoint, foreign keys on); idempotent."""
        with self.lock:
            if self._conn is not None:
                return
            conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA wal_autocheckpoint={ANDROID_WAL_AUTOCHECKPOINT}")
            conn.execute("PRAGMA foreign_keys=ON")
            self._conn = conn

    def close(self) -> None:
        """Close the connection, as when the app process ends: SQLite checkpoints the WAL into the main
        file and deletes the -wal and -shm files."""
        with self.lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def checkpoint(self) -> None:
        """Move everything in the WAL into the main file and truncate the WAL (the file stays)."""
        with self.lock:
            self._db().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.open()
        assert self._conn is not None
        return self._conn

    def _create(self) -> None:
        """What a device does the first time WorkManager opens the file; then a checkpoint, as if the app
        had been restarted since, so that later commits are what the WAL holds."""
        db = self._db()
        db.execute("BEGIN")
        db.execute("CREATE TABLE android_metadata (locale TEXT)")
        db.execute("INSERT INTO android_metadata VALUES('en_US')")
        db.execute("COMMIT")
        db.execute("BEGIN")
        for statement in SCHEMAS[self.schema_version]:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {self.schema_version}")
        db.execute("COMMIT")
        self.checkpoint()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> List[Tuple[Any, ...]]:
        """Run one statement in its own transaction; return the rows."""
        with self.lock:
            return self._db().execute(sql, params).fetchall()

    def transaction(self, statements: Iterable[Tuple[str, Sequence[Any]]]) -> None:
        """Run statements in one transaction, as WorkManager's runInTransaction does."""
        with self.lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    db.execute(sql, params)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # --- preferences and ids ------------------------------------------------------------------------

    def preference(self, key: str) -> Optional[int]:
        rows = self.execute("SELECT long_value FROM Preference WHERE `key`=?", (key,))
        return rows[0][0] if rows else None

    def set_preference(self, key: str, value: int) -> None:
        self.execute("INSERT OR REPLACE INTO Preference (`key`, long_value) VALUES (?, ?)", (key, value))

    def next_job_id(self) -> int:
        """IdGenerator.nextJobSchedulerIdWithRange(0, Int.MAX): the stored value is the id to hand out next."""
        with self.lock:
            current = self.preference(NEXT_JOB_SCHEDULER_ID) or 0
            self.set_preference(NEXT_JOB_SCHEDULER_ID, 0 if current == 2**31 - 1 else current + 1)
            return current

    # --- writing work ---------------------------------------------------------------------------------

    def insert_work(self, worker_class_name: str, *, now_ms: int, work_id: Optional[str] = None,
                    input_data: Union[Mapping[str, Any], bytes, None] = None,
                    output_data: Union[Mapping[str, Any], bytes, None] = None,
                    tags: Sequence[str] = (), unique_name: Optional[str] = None,
                    interval_ms: int = 0, flex_ms: Optional[int] = None, initial_delay_ms: int = 0,
                    constraints: Optional[Constraints] = None, backoff_policy: str = "exponential",
                    backoff_delay_ms: int = DEFAULT_BACKOFF_MS, expedited: bool = False,
                    out_of_quota_policy: int = 0, state: str = "ENQUEUED", run_attempt_count: int = 0,
                    enqueued_at_ms: Optional[int] = None, last_enqueue_time_ms: Optional[int] = None,
                    schedule_requested_at_ms: Optional[int] = None, job_id: Optional[int] = None,
                    period_count: int = 0, minimum_retention_ms: int = 0,
                    data_format: Optional[str] = None) -> WorkSpec:
        """Insert one work request as WorkManager.enqueue + Schedulers.schedule leave it: the WorkSpec
        (periodic when `interval_ms` > 0, clamped like PeriodicWorkRequest), the implicit worker-class tag
        then `tags` in WorkTag, `unique_name` in WorkName, and when scheduled (schedule_requested_at
        != -1, the default being the enqueue time) a SystemIdInfo job id from the id generator unless
        `job_id` is given. Blobs are encoded in `data_format` (default: the database's)."""
        if state not in STATES:
            raise ValueError(f"state must be one of {STATES}")
        if backoff_policy not in BACKOFF_POLICIES:
            raise ValueError(f"backoff_policy must be one of {BACKOFF_POLICIES}")
        data_format = data_format or self.data_format
        constraints = constraints or Constraints()
        work_id = work_id or str(uuid.uuid4())
        enqueued_at = now_ms if enqueued_at_ms is None else enqueued_at_ms
        periodic = interval_ms > 0
        if periodic:
            interval_ms = max(interval_ms, MIN_PERIODIC_INTERVAL_MS)
            flex_ms = interval_ms if flex_ms is None else min(max(flex_ms, MIN_PERIODIC_FLEX_MS), interval_ms)
        else:
            interval_ms, flex_ms = 0, 0
        backoff_delay_ms = min(max(backoff_delay_ms, MIN_BACKOFF_MS), MAX_BACKOFF_MS)
        if last_enqueue_time_ms is None:
            last_enqueue_time_ms = 0 if (periodic and self.schema_version < 15) else enqueued_at
        scheduled = enqueued_at if schedule_requested_at_ms is None else schedule_requested_at_ms

        def blob(value: Union[Mapping[str, Any], bytes, None]) -> bytes:
            return value if isinstance(value, (bytes, bytearray)) else encode_data(value or {}, data_format)

        columns: Dict[str, Any] = {
            "id": work_id, "state": STATES.index(state), "worker_class_name": worker_class_name,
            "input_merger_class_name": OVERWRITING_INPUT_MERGER if (not periodic or self.schema_version >= 14) else None,
            "input": blob(input_data), "output": blob(output_data), "initial_delay": initial_delay_ms,
            "interval_duration": interval_ms, "flex_duration": flex_ms, "run_attempt_count": run_attempt_count,
            "backoff_policy": BACKOFF_POLICIES.index(backoff_policy), "backoff_delay_duration": backoff_delay_ms,
            self.enqueue_column: last_enqueue_time_ms, "minimum_retention_duration": minimum_retention_ms,
            "schedule_requested_at": scheduled, "run_in_foreground": int(expedited),
            "out_of_quota_policy": out_of_quota_policy,
            "required_network_type": NETWORK_TYPES.index(constraints.network),
            "requires_charging": int(constraints.charging), "requires_device_idle": int(constraints.device_idle),
            "requires_battery_not_low": int(constraints.battery_not_low),
            "requires_storage_not_low": int(constraints.storage_not_low),
            "trigger_content_update_delay": constraints.trigger_content_update_delay_ms,
            "trigger_max_content_delay": constraints.trigger_max_content_delay_ms,
            "content_uri_triggers": content_uri_triggers_blob(constraints.content_uri_triggers, self.schema_version),
        }
        if self.schema_version >= 15:
            columns["period_count"] = period_count
        names = ", ".join(f"`{name}`" for name in columns)
        marks = ", ".join("?" for _ in columns)
        with self.lock:
            if job_id is None and scheduled != SCHEDULE_NOT_REQUESTED_YET:
                job_id = self.next_job_id()
            statements: List[Tuple[str, Sequence[Any]]] = [
                (f"INSERT INTO WorkSpec ({names}) VALUES ({marks})", list(columns.values()))]
            for tag in dict.fromkeys([worker_class_name, *tags]):
                statements.append(("INSERT OR IGNORE INTO WorkTag (tag, work_spec_id) VALUES (?, ?)", (tag, work_id)))
            if unique_name is not None:
                statements.append(("INSERT INTO WorkName (name, work_spec_id) VALUES (?, ?)", (unique_name, work_id)))
            if job_id is not None:
                statements.append(("INSERT INTO SystemIdInfo (work_spec_id, system_id) VALUES (?, ?)", (work_id, job_id)))
            self.transaction(statements)
            spec = self.work_spec(work_id)
        assert spec is not None
        return spec

    # --- reading ----------------------------------------------------------------------------------------

    def work_spec(self, work_id: str) -> Optional[WorkSpec]:
        specs = self._read("WHERE id=?", (work_id,))
        return specs[0] if specs else None

    def work_specs(self) -> List[WorkSpec]:
        """Every WorkSpec, in rowid (insertion) order."""
        return self._read("ORDER BY rowid", ())

    def work_spec_for_job(self, job_id: int) -> Optional[WorkSpec]:
        rows = self.execute("SELECT work_spec_id FROM SystemIdInfo WHERE system_id=?", (job_id,))
        return self.work_spec(rows[0][0]) if rows else None

    def _read(self, where: str, params: Sequence[Any]) -> List[WorkSpec]:
        with self.lock:
            db = self._db()
            db.row_factory = sqlite3.Row
            try:
                rows = db.execute(f"SELECT * FROM WorkSpec {where}", params).fetchall()
                specs = []
                for row in rows:
                    work_id = row["id"]
                    tags = [r[0] for r in db.execute("SELECT tag FROM WorkTag WHERE work_spec_id=?", (work_id,))]
                    names = [r[0] for r in db.execute("SELECT name FROM WorkName WHERE work_spec_id=?", (work_id,))]
                    ids = [r[0] for r in db.execute("SELECT system_id FROM SystemIdInfo WHERE work_spec_id=?",
                                                   (work_id,))]
                    specs.append(self._spec(row, tags, names, ids[0] if ids else None))
                return specs
            finally:
                db.row_factory = None

    def _spec(self, row: sqlite3.Row, tags: List[str], names: List[str], system_id: Optional[int]) -> WorkSpec:
        keys = row.keys()
        constraints = Constraints(
            network=NETWORK_TYPES[row["required_network_type"] or 0], charging=bool(row["requires_charging"]),
            battery_not_low=bool(row["requires_battery_not_low"]), device_idle=bool(row["requires_device_idle"]),
            storage_not_low=bool(row["requires_storage_not_low"]),
            content_uri_triggers=decode_content_uri_triggers(row["content_uri_triggers"]),
            trigger_content_update_delay_ms=row["trigger_content_update_delay"],
            trigger_max_content_delay_ms=row["trigger_max_content_delay"])
        extra: Dict[str, Any] = {}
        for name in ("period_count", "generation", "next_schedule_time_override", "stop_reason"):
            if name in keys:
                extra[name] = row[name]
        return WorkSpec(
            id=row["id"], state=STATES[row["state"]], worker_class_name=row["worker_class_name"],
            input=bytes(row["input"]), output=bytes(row["output"]), initial_delay=row["initial_delay"],
            interval_duration=row["interval_duration"], flex_duration=row["flex_duration"],
            run_attempt_count=row["run_attempt_count"], backoff_policy=BACKOFF_POLICIES[row["backoff_policy"]],
            backoff_delay_duration=row["backoff_delay_duration"], last_enqueue_time=row[self.enqueue_column],
            minimum_retention_duration=row["minimum_retention_duration"],
            schedule_requested_at=row["schedule_requested_at"], expedited=bool(row["run_in_foreground"]),
            out_of_quota_policy=row["out_of_quota_policy"], constraints=constraints, tags=tags, names=names,
            system_id=system_id, **extra)

    def next_run_time(self, spec: WorkSpec, now_ms: int) -> int:
        return next_run_time(spec, self.schema_version, now_ms)

    # --- WorkManager's bookkeeping (WorkerWrapper, Schedulers) --------------------------------------------

    def set_state(self, work_id: str, state: str) -> None:
        self.execute("UPDATE workspec SET state=? WHERE id=?", (STATES.index(state), work_id))

    def try_set_running(self, work_id: str) -> bool:
        """WorkerWrapper.trySetRunning: ENQUEUED -> RUNNING, run_attempt_count + 1 (and stop_reason reset)."""
        with self.lock:
            spec = self.work_spec(work_id)
            if spec is None or spec.state != "ENQUEUED":
                return False
            statements: List[Tuple[str, Sequence[Any]]] = [
                ("UPDATE workspec SET state=1 WHERE id=?", (work_id,)),
                ("UPDATE workspec SET run_attempt_count=run_attempt_count+1 WHERE id=?", (work_id,))]
            if self.schema_version >= 15:
                statements.append(("UPDATE workspec SET stop_reason=? WHERE id=?", (STOP_REASON_NOT_STOPPED, work_id)))
            self.transaction(statements)
            return True

    def set_succeeded(self, work_id: str, output: bytes) -> None:
        """WorkerWrapper.setSucceeded for one-off work."""
        self.transaction([("UPDATE workspec SET state=2 WHERE id=?", (work_id,)),
                          ("UPDATE workspec SET output=? WHERE id=?", (output, work_id))])

    def set_failed(self, work_id: str, output: bytes) -> None:
        """WorkerWrapper.setFailed (dependents are failed too)."""
        with self.lock:
            ids: List[str] = [work_id]
            statements: List[Tuple[str, Sequence[Any]]] = []
            while ids:
                current = ids.pop()
                statements.append(("UPDATE workspec SET state=3 WHERE id=? AND state<>5", (current,)))
                ids += [r[0] for r in self.execute("SELECT work_spec_id FROM dependency WHERE prerequisite_id=?",
                                                   (current,))]
            statements.append(("UPDATE workspec SET output=? WHERE id=?", (output, work_id)))
            self.transaction(statements)

    def reschedule(self, work_id: str, now_ms: int) -> None:
        """WorkerWrapper.reschedule (Result.retry()): ENQUEUED, enqueue time = now, not scheduled."""
        statements: List[Tuple[str, Sequence[Any]]] = [
            ("UPDATE workspec SET state=0 WHERE id=?", (work_id,)),
            (f"UPDATE workspec SET {self.enqueue_column}=? WHERE id=?", (now_ms, work_id)),
            ("UPDATE workspec SET schedule_requested_at=-1 WHERE id=?", (work_id,))]
        if self.schema_version >= 15:
            statements.append(("UPDATE workspec SET stop_reason=? WHERE id=?", (STOP_REASON_NOT_STOPPED, work_id)))
        self.transaction(statements)

    def reset_periodic(self, work_id: str, now_ms: int) -> None:
        """WorkerWrapper.resetPeriodic: enqueue time = now, ENQUEUED, attempts 0, period_count + 1."""
        statements: List[Tuple[str, Sequence[Any]]] = [
            (f"UPDATE workspec SET {self.enqueue_column}=? WHERE id=?", (now_ms, work_id)),
            ("UPDATE workspec SET state=0 WHERE id=?", (work_id,)),
            ("UPDATE workspec SET run_attempt_count=0 WHERE id=?", (work_id,))]
        if self.schema_version >= 15:
            statements.append(("UPDATE workspec SET period_count=period_count+1 WHERE id=?", (work_id,)))
        statements.append(("UPDATE workspec SET schedule_requested_at=-1 WHERE id=?", (work_id,)))
        self.transaction(statements)

    def reset_worker_status(self, work_id: str) -> None:
        """WorkerWrapper.resetWorkerStatus for unfinished work: ENQUEUED again and not scheduled."""
        statements: List[Tuple[str, Sequence[Any]]] = [
            ("UPDATE workspec SET state=0 WHERE id=?", (work_id,)),
            ("UPDATE workspec SET schedule_requested_at=-1 WHERE id=?", (work_id,))]
        self.transaction(statements)

    def mark_scheduled(self, work_id: str, now_ms: int) -> int:
        """Schedulers.schedule + SystemJobScheduler.schedule for one ENQUEUED WorkSpec: schedule_requested_at
        = now and the job id from SystemIdInfo, or a new one. Return the job id."""
        with self.lock:
            self.execute("UPDATE workspec SET schedule_requested_at=? WHERE id=?", (now_ms, work_id))
            rows = self.execute("SELECT system_id FROM SystemIdInfo WHERE work_spec_id=?", (work_id,))
            if rows:
                return int(rows[0][0])
            job_id = self.next_job_id()
            self.execute("INSERT INTO SystemIdInfo (work_spec_id, system_id) VALUES (?, ?)", (work_id, job_id))
            return job_id

    def delete_progress(self, work_id: str) -> None:
        self.execute("DELETE FROM WorkProgress WHERE work_spec_id=?", (work_id,))

    def recently_completed(self, since_ms: int) -> List[WorkSpec]:
        """WorkSpecDao.getRecentlyCompletedWork (DiagnosticsWorker)."""
        ids = [r[0] for r in self.execute(
            f"SELECT id FROM workspec WHERE {self.enqueue_column} >= ? AND state IN (2, 3, 5) "
            f"ORDER BY {self.enqueue_column} DESC", (since_ms,))]
        return [spec for spec in (self.work_spec(i) for i in ids) if spec is not None]

    def running(self) -> List[WorkSpec]:
        ids = [r[0] for r in self.execute("SELECT id FROM workspec WHERE state=1")]
        return [spec for spec in (self.work_spec(i) for i in ids) if spec is not None]

    def eligible_for_scheduling(self, limit: int = 200) -> List[WorkSpec]:
        """WorkSpecDao.getAllEligibleWorkSpecsForScheduling(MAX_GREEDY_SCHEDULER_LIMIT)."""
        ids = [r[0] for r in self.execute(
            f"SELECT id FROM workspec WHERE state=0 ORDER BY {self.enqueue_column} LIMIT ?", (limit,))]
        return [spec for spec in (self.work_spec(i) for i in ids) if spec is not None]
