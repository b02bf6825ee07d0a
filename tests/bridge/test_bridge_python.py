"""The bridge operations from Python: the same library calls, the same JSON as the CLI."""

from __future__ import annotations

import pytest

import fwm


def test_register_cancel_and_run_now_from_python(bridge_app, monkeypatch):
    rig, app_model = bridge_app
    for key, value in rig.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("ANDROID_SERIAL", raising=False)
    app = fwm.App(rig.devices[0].serial, "com.example.app")
    result = app.register(fwm.PeriodicTask("sync", "syncTask", frequency="1h", tag="nightly",
                                           input_data={"full": True}))
    assert result.ok and result.task is not None and result.task.frequency.total_seconds() == 3600
    assert result.bridge.protocol_version == "1.0"
    report = app.trigger(unique_name="sync", run_now=True, wait=True)
    assert report.ok and report.results[0].after.task_name == "syncTask"
    view = app.plugin_view()
    assert any(info["uniqueName"] == "sync" for info in view["workInfo"]) and view["isScheduled"]["sync"] is True
    cancelled = app.cancel(tag="nightly")
    assert cancelled.ok and [t.unique_name for t in cancelled.cancelled] == ["sync"]
    with pytest.raises(fwm.ValidationError):
        app.register(fwm.OneOffTask("x", "y", expedited=True, initial_delay="5m"))


def test_without_the_bridge_python_raises_bridge_unavailable(no_bridge_app, monkeypatch):
    rig, app_model = no_bridge_app
    for key, value in rig.env().items():
        monkeypatch.setenv(key, value)
    app = fwm.App(rig.devices[0].serial, "com.example.app")
    with pytest.raises(fwm.BridgeUnavailable) as info:
        app.cancel(all=True)
    assert info.value.exit_code == 6 and "enableFwmBridge()" in str(info.value)
    assert app.plugin_view()["unavailable"]
