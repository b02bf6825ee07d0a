"""A CI smoke test of background work, as docs/ci-smoke-test.md shows it: run it with plain `pytest`.

Against a phone or an emulator: pytest docs/examples/test_smoke_android.py --fwm-app com.example.app
(use the fwm_app fixture). Here it uses the emulated device (fwm_emulated_app), so it needs no phone.
"""

from datetime import timedelta

import fwm


def test_upload_task_runs_and_succeeds(fwm_emulated_app: fwm.App) -> None:
    app = fwm_emulated_app

    # 1. The task the app registered at start-up is there and waiting.
    [task] = app.tasks(unique_name="sync-once")
    assert task.state == "enqueued" and task.task_name == "syncOnce"

    # 2. Run it now instead of waiting for WorkManager, and follow it to its result.
    report = app.trigger(unique_name="sync-once", wait=True, timeout=timedelta(seconds=30))
    assert report.ok, report.results[0].message

    # 3. Read the effect back.
    outcome = app.wait("sync-once", until="succeeded", timeout=timedelta(seconds=30))
    assert outcome.ok
    assert any(r.tag == "WorkmanagerDebug" and "Task completed: syncOnce" in r.message for r in app.logs())
