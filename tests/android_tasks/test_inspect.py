"""`fwm inspect`: the same tasks offline, from database copies of both schemas and blob formats, and saved text."""

from __future__ import annotations

import shutil
from pathlib import Path

from fwm.testing import ANDROID_14, ANDROID_16, AndroidRig
from fwm.testing.sample_apps import sample_app
from fixture_files import ANDROID_FIXTURES

FIXTURES = ANDROID_FIXTURES

COMPARED = ("uniqueName", "taskName", "tags", "kind", "state", "inputData", "constraints", "initialDelay",
            "frequency", "flexInterval", "backoff", "runAttemptCount", "jobId")


def _copy_database(app, folder: Path) -> Path:
    """The app's database with its side files, copied as `adb exec-out run-as ... cat` would."""
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        source = Path(app.path("no_backup/androidx.work.workdb" + suffix))
        if source.exists():
            shutil.copyfile(source, folder / ("androidx.work.workdb" + suffix))
    return folder / "androidx.work.workdb"


def _essentials(doc):
    return sorted(({k: t.get(k) for k in COMPARED} for t in doc["tasks"]), key=lambda t: t["uniqueName"])


def test_schema_12_v0_and_schema_24_v1_give_the_same_tasks(run_fwm, tmp_path):
    with AndroidRig([ANDROID_14, ANDROID_14]) as rig:
        new = sample_app(device=rig.devices[0])
        old = sample_app(device=rig.devices[1], schema=12)
        assert new.data_format == "v1" and old.data_format == "v0"
        new_db = _copy_database(new, tmp_path / "new")
        old_db = _copy_database(old, tmp_path / "old")
        assert new_db.read_bytes()[:16] == b"SQLite format 3\x00"
    r24 = run_fwm("inspect", str(new_db), "--json")
    r12 = run_fwm("inspect", str(old_db), "--json")
    assert r24.code == 0 and r12.code == 0, (r24, r12)
    assert len(r24.json()["tasks"]) == 5
    old, new = _essentials(r12.json()), _essentials(r24.json())
    cleanup = [t["uniqueName"] for t in new].index("cleanup")
    assert old[cleanup].pop("inputData") == {"maxAgeDays": 7, "paths": ["a", "b"]}  # what 0.5.1 accepts
    new[cleanup].pop("inputData")
    assert old == new
    assert all(t["sources"] == ["database"] for t in r12.json()["tasks"])


def test_inspect_never_touches_the_given_files(run_fwm, tmp_path):
    with AndroidRig([ANDROID_14]) as rig:
        db = _copy_database(sample_app(device=rig.devices[0]), tmp_path / "db")
    before = {p.name: p.read_bytes() for p in db.parent.iterdir()}
    assert run_fwm("inspect", str(db)).code == 0
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before


def test_database_and_dumpsys_together(run_fwm, tmp_path):
    with AndroidRig([ANDROID_14]) as rig:
        app = sample_app(device=rig.devices[0])
        db = _copy_database(app, tmp_path / "db")
        dump = rig.adb("-s", rig.devices[0].serial, "shell", "dumpsys", "jobscheduler", "com.example.app").stdout
    (tmp_path / "jobs.txt").write_bytes(dump)
    doc = run_fwm("inspect", str(db), str(tmp_path / "jobs.txt"), "--json").json()
    assert all(t["sources"] == ["database", "dumpsys"] for t in doc["tasks"])


def test_fixture_dumps_and_logcat(run_fwm):
    r = run_fwm("inspect", str(FIXTURES / "logcat-diagnostics-threadtime.txt"), "--json")
    assert r.code == 0
    tasks = {t["uniqueName"]: t for t in r.json()["tasks"]}
    assert set(tasks) == {"sync-once", "periodic-refresh", "upload"}
    assert tasks["sync-once"]["state"] == "succeeded" and tasks["sync-once"]["jobId"] == 3
    assert "jobId" not in tasks["upload"]
    for name in ("dumpsys-jobscheduler-android11-content-uri.real.txt", "dumpsys-jobscheduler-android8.constructed.txt",
                 "dumpsys-jobscheduler-android14-expedited.constructed.txt",
                 "dumpsys-jobscheduler-android11-idle.real-partial.txt"):
        r = run_fwm("inspect", str(FIXTURES / name), "--json")
        assert r.code == 0, (name, r)
        assert len(r.json()["tasks"]) == 1, name
        assert r.json()["tasks"][0]["sources"] == ["dumpsys"]


API_37_HEADER = ("  JOB androidx.work.systemjobscheduler:u0a233/1: 258ed68 #SampleSyncWorker#@androidx.work."
                 "systemjobscheduler@com.example.app/androidx.work.impl.background.systemjob.SystemJobService")


def test_namespaced_dump_with_and_without_the_app(run_fwm):
    dump = FIXTURES / "dumpsys-jobscheduler-android16-namespace.constructed.txt"
    assert API_37_HEADER in dump.read_text().splitlines()
    for args in ((), ("-a", "com.example.app")):
        r = run_fwm("inspect", str(dump), *args, "--json")
        assert r.code == 0, (args, r)
        jobs = sorted((t["jobId"], t["jobNamespace"], t["sources"], t["unsatisfiedConstraints"], t["ready"])
                      for t in r.json()["tasks"])
        assert jobs == [(1, "androidx.work.systemjobscheduler", ["dumpsys"], ["networkType"], False),
                        (2, "androidx.work.systemjobscheduler", ["dumpsys"], ["initialDelay"], False)], args
    assert run_fwm("inspect", str(dump), "-a", "com.other.app", "--json").json()["tasks"] == []


def test_a_namespaced_job_wins_over_a_stale_one_with_the_same_id(run_fwm, tmp_path):
    with AndroidRig([ANDROID_16]) as rig:
        db = _copy_database(sample_app(device=rig.devices[0]), tmp_path / "db")
    body = (FIXTURES / "dumpsys-jobscheduler-android16-namespace.constructed.txt").read_text().split(
        "  JOB androidx.work.systemjobscheduler:u0a233/2:")[1].split("\n", 1)[1].split("\n\n")[0]
    stale = ("  JOB #u0a233/0: 1c2d3e4 com.example.app/androidx.work.impl.background.systemjob.SystemJobService\n"
             + body + "\n")
    current = API_37_HEADER.replace("u0a233/1:", "u0a233/0:") + "\n" + body + "\n"
    for order in ((stale, current), (current, stale)):
        (tmp_path / "jobs.txt").write_text("Registered 2 jobs:\n" + "".join(order))
        doc = run_fwm("inspect", str(db), str(tmp_path / "jobs.txt"), "-a", "com.example.app", "--json").json()
        [once] = [t for t in doc["tasks"] if t["uniqueName"] == "sync-once"]
        assert (once["jobId"], once["jobNamespace"], once["sources"]) == (
            0, "androidx.work.systemjobscheduler", ["database", "dumpsys"])


def test_jobs_of_several_apps_with_one_id_keep_their_own_fields(run_fwm, tmp_path):
    text = (FIXTURES / "dumpsys-jobscheduler-android16-namespace.constructed.txt").read_text()
    other = text.split("  JOB androidx.work.systemjobscheduler:u0a233/2:")[1].split("\n\n")[0]
    other = ("  JOB #u0a91/2:" + other.replace("@androidx.work.systemjobscheduler@com.example.app", "com.other.app")
             .replace("com.example.app", "com.other.app").replace("u0a233", "u0a91")
             .replace("Standby bucket: ACTIVE", "Standby bucket: RARE"))
    (tmp_path / "jobs.txt").write_text(text.replace("\n\nPending queue:", "\n" + other + "\n\nPending queue:"))
    doc = run_fwm("inspect", str(tmp_path / "jobs.txt"), "--json").json()
    jobs = sorted((t["jobId"], t.get("jobNamespace", ""), t["standbyBucket"]) for t in doc["tasks"])
    assert jobs == [(1, "androidx.work.systemjobscheduler", "ACTIVE"), (2, "", "RARE"),
                    (2, "androidx.work.systemjobscheduler", "ACTIVE")]


def test_a_file_of_another_kind_exits_2(run_fwm, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    r = run_fwm("inspect", str(other))
    assert r.code == 2 and "notes.txt" in r.err
    assert run_fwm("inspect", str(tmp_path / "missing.db")).code == 2


def test_logcat_in_every_layout_lists_the_report_rows(run_fwm, tmp_path):
    expected = {"sync-once": ("succeeded", 3), "periodic-refresh": ("enqueued", 5), "upload": ("enqueued", None)}
    for name in ("logcat-diagnostics-studio.constructed.txt", "logcat-diagnostics-brief.constructed.txt",
                 "logcat-diagnostics-time.constructed.txt"):
        r = run_fwm("inspect", str(FIXTURES / name), "--json")
        assert r.code == 0, (name, r)
        doc = r.json()
        assert {t["uniqueName"]: (t["state"], t.get("jobId")) for t in doc["tasks"]} == expected, name
        assert all(t["sources"] == ["diagnostics"] for t in doc["tasks"])
        assert not any("start of the report is missing" in p for p in doc.get("problems", [])), (name, doc)
    lines = (FIXTURES / "logcat-diagnostics-studio.constructed.txt").read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[-2:]) + "\n", encoding="utf-8")
    doc = run_fwm("inspect", str(cut), "--json").json()
    assert any("start of the report is missing" in p for p in doc.get("problems", [])), doc
