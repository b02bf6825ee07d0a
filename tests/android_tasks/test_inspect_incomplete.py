"""`fwm inspect` never lists an incomplete WorkManager database copy silently: a missing -wal gets a note naming
it, a truncated or damaged -wal or database is refused naming the user's file (exit 2, docs/exit-codes.md)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from fwm.testing import ANDROID_14, AndroidRig
from fwm.testing.sample_apps import sample_app

DB = "no_backup/androidx.work.workdb"


def _copy(folder: Path, with_wal: bool = True) -> Path:
    """The sample app's database as it is on the emulated device (WAL mode, recent commits in the -wal)."""
    folder.mkdir()
    with AndroidRig([ANDROID_14]) as rig:
        app = sample_app(device=rig.devices[0])
        for suffix in ("", "-wal", "-shm") if with_wal else ("",):
            source = Path(app.path(DB + suffix))
            if source.exists():
                shutil.copyfile(source, folder / ("workdb" + suffix))
    return folder / "workdb"


def test_a_wal_mode_database_without_its_wal_gets_a_note_saying_what_to_copy(run_fwm, tmp_path):
    db = _copy(tmp_path / "db", with_wal=False)
    header = db.read_bytes()[:100]
    assert header[18] == 2 and header[19] == 2  # WAL mode (fileformat2 §1.3)
    r = run_fwm("inspect", str(db), "-a", "com.example.app", "--json")
    assert r.code == 0, r
    notes = r.json()["problems"]
    assert any(f"'{db}-wal'" in n and f"adb exec-out run-as com.example.app cat {DB}-wal > {db}-wal" in n
               for n in notes), notes
    human = run_fwm("inspect", str(db))
    assert human.code == 0 and f"{db}-wal" in human.out and "PKG cat" in human.out


def test_a_database_python_made_in_wal_mode_without_its_wal(run_fwm, tmp_path):
    made = tmp_path / "made.db"
    conn = sqlite3.connect(made)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    r = run_fwm("inspect", str(made), "--json")
    assert r.code == 2 and "has no WorkSpec table" in r.out and str(made) in r.out, r
    assert "/tmp/fwm" not in r.out.replace(str(tmp_path), "")


def test_a_complete_copy_lists_every_task_without_a_note(run_fwm, tmp_path):
    db = _copy(tmp_path / "db")
    r = run_fwm("inspect", str(db), "--json")
    assert r.code == 0 and r.json()["problems"] == [] and len(r.json()["tasks"]) == 5, r


def test_a_truncated_wal_is_refused_naming_it(run_fwm, tmp_path):
    db = _copy(tmp_path / "db")
    wal = Path(str(db) + "-wal")
    assert wal.stat().st_size > 32
    wal.write_bytes(wal.read_bytes()[:-100])
    r = run_fwm("inspect", str(db), "--json")
    assert r.code == 2, r
    message = r.json()["error"]["message"]
    assert f"'{wal}'" in message and "cut off" in message and "run-as PKG cat" in message
    human = run_fwm("inspect", str(db))
    assert human.code == 2 and str(wal) in human.err and "No tasks" not in human.out


def test_a_damaged_wal_frame_is_refused(run_fwm, tmp_path):
    db = _copy(tmp_path / "db")
    wal = Path(str(db) + "-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 24 + 50] ^= 0xFF  # a byte of the first frame's page
    wal.write_bytes(bytes(data))
    r = run_fwm("inspect", str(db), "--json")
    assert r.code == 2 and "checksum" in r.json()["error"]["message"] and str(wal) in r.json()["error"]["message"]


def test_a_wal_cut_inside_its_header_is_refused(run_fwm, tmp_path):
    db = _copy(tmp_path / "db")
    wal = Path(str(db) + "-wal")
    wal.write_bytes(wal.read_bytes()[:20])
    r = run_fwm("inspect", str(db), "--json")
    assert r.code == 2 and "inside the 32-byte WAL header" in r.json()["error"]["message"]


def test_a_truncated_database_is_refused_naming_it(run_fwm, tmp_path):
    db = _copy(tmp_path / "db")
    db.write_bytes(db.read_bytes()[:-1000])
    r = run_fwm("inspect", str(db), "--json")
    assert r.code == 2 and f"'{db}'" in r.json()["error"]["message"] and "cut short" in r.json()["error"]["message"]
