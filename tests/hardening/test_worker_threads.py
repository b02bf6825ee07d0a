"""Iterators backed by a worker thread (App.logs) end their thread on break, close and at exit."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading

import pytest

import fwm
from fwm import _workers
from fwm.testing import sample_app

# An interpreter that breaks out of App.logs(follow=True) 100 times while lines keep coming, then
# exits with the rig still up: before the workers were joined, a worker woken by a line during
# finalization ended the process with "terminate called without an active exception" (SIGABRT).
BREAK_100_TIMES = textwrap.dedent("""
    import os, threading, time
    import fwm
    from fwm.testing import ANDROID_14, AndroidRig, sample_app
    rig = AndroidRig([ANDROID_14]).__enter__()
    app = sample_app(device=rig.devices[0])
    os.environ.pop("ANDROID_SERIAL", None)
    os.environ.update(rig.env())
    handle = fwm.devices()[0].app("com.example.app")
    app.wm_log("WorkerWrapper", "I", "first line")

    def feed():
        i = 0
        while True:
            app.wm_log("WorkerWrapper", "I", f"line {i}")
            i += 1
            time.sleep(0.002)

    threading.Thread(target=feed, daemon=True).start()
    for _ in range(100):
        for record in handle.logs(follow=True):
            break
    print("done", flush=True)
""")


def test_breaking_out_of_logs_follow_100_times_then_exiting_exits_0(tmp_path):
    script = tmp_path / "break_logs.py"
    script.write_text(BREAK_100_TIMES)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "done" in proc.stdout
    assert "terminate called" not in proc.stderr


def test_closing_or_dropping_the_logs_iterator_ends_its_worker(fwm_emulated_devices):
    device = fwm_emulated_devices.devices[0]
    app = sample_app(device=device)
    app.wm_log("WorkerWrapper", "I", "a line")
    handle = fwm.App(device.serial, app.package)

    stream = handle.logs(follow=True)
    assert next(stream).message == "a line"
    (worker,) = _workers._live
    stream.close()
    assert not _workers._live and not worker._thread.is_alive()

    for _ in handle.logs(follow=True):
        break
    gc.collect()
    assert not _workers._live


def test_an_error_of_the_worker_is_raised_by_the_iterator(fwm_emulated_devices):
    with pytest.raises(fwm.DeviceNotFound):
        list(fwm.App("no-such-serial", "com.example.app").logs())
