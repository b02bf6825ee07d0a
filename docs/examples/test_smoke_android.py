"""A CI smoke test of background work, as docs/ci-smoke-test.md shows it: run it with plain `pytest`.

Against a phone or an emulator: pytest docs/examples/test_smoke_android.py --fwm-app com.example.app
(use the fwm_app fixture). Here it uses the emulated device (fwm_emulated_app), so it needs no phone.
"""

from datetime import timedelta

import fwm


def test_sync_task_runs_and_succeeds(fwm_emulated_app: fwm.App) -> None:
    app = fwm_emulated_app

    # 1. Register a periodic task through the in-app bridge; fwm reads it back.
    registered = app.register(fwm.PeriodicTask("smoke-sync", "syncTask", frequency=timedelta(hours=1),
                                               input_data={"full": True}, tag="smoke"))
    assert registered.ok, registered.message

    # 2. Run its Dart code now (a one-off copy) instead of waiting an hour, and follow it to its result.
    report = app.trigger(unique_name="smoke-sync", run_now=True, wait=True, timeout=timedelta(seconds=30))
    assert report.ok, report.results[0].message

    # 3. The plugin saw the right task, and the periodic schedule is untouched.
    assert any(r.tag == "WorkmanagerDebug" and "Task completed: syncTask" in r.message for r in app.logs())
    [task] = app.tasks(unique_name="smoke-sync")
    assert task.state == "enqueued" and task.kind == "periodic"

    # 4. Clean up.
    assert app.cancel(tag="smoke").ok
